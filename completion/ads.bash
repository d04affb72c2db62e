# bash completion for ads(1); installed by make install.
_ads() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-c | --cache)
		COMPREPLY=($(compgen -W 'use refresh off only' -- "$cur"))
		return ;;
	-f | --format)
		COMPREPLY=($(compgen -W 'parquet csv jsonl jsonl.zst' -- "$cur"))
		return ;;
	-P | --progress)
		COMPREPLY=($(compgen -W 'auto tty lines json none' -- "$cur"))
		return ;;
	-w | --sources)
		local pre=${cur%"${cur##*,}"}
		COMPREPLY=($(compgen -P "$pre" -W 'wikipedia reddit youtube kaggle huggingface arxiv news github semanticscholar commoncrawl' -- "${cur##*,}"))
		compopt -o nospace 2>/dev/null
		return ;;
	-F | --forms)
		COMPREPLY=($(compgen -W 'all' -- "$cur"))
		return ;;
	-o | --output | -p | --plan | --progress-file)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	-j | --jobs | -m | --min-quality | -n | --rows | --target-rows | \
	    -R | --relevance | -S | --seed | --progress-fd | --prompt)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '-a -c -d -F -f -h -j -m -n -o -P -p
		    -R -S -V -w -y --all-languages --cache --dry-run --force
		    --forms --format --help --jobs --min-quality --output
		    --plan --progress --progress-fd --progress-file --prompt
		    --relevance --rows --seed --sources --target-rows
		    --version --yes' -- "$cur"))
	fi
}
complete -F _ads ads
