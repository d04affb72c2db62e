#!/bin/sh
# t8001-args -- ads-args: the driver's options, short and long, their
# values and checks, operands and "--", the command line for the card,
# and the config file; what it prints is evaluated by sh as the driver
# does, and every value must come back byte for byte with nothing run.
. "$(dirname "$0")/lib.sh"

if ! have_tool ads-args; then
	skip "ads-args" "ads-args is not built"
	exit 0
fi
cd "$T" || exit 1
mkdir home
HOME=$T/home
unset ADS_CONFIG ADS_FORMAT ADS_JOBS ADS_SOURCES ADS_LLM_URL OPENAI_API_KEY \
    ANTHROPIC_API_KEY GEMINI_API_KEY OPENROUTER_API_KEY
export HOME
echo '{}' >plan.json

# get NAME ARG... -- the value that ads-args gives NAME for ARG..., as
# the driver's eval sees it.
get() {
	g=$1
	shift
	(
		a=$(ads-args -- "$@") || exit
		eval "$a"
		eval "printf '%s' \"\${$g}\""
	)
}

# Every option, short and long, with its value as the next argument,
# attached, or after "=": NAME|VALUE|ARGUMENTS.
table='alllangs|1|-a x
alllangs|1|--all-languages x
alllangs|0|x
cache|off|-c off x
cache|refresh|--cache=refresh x
cache|only|--cache only x
cache|off|-coff x
dry|1|-d x
dry|1|--dry-run x
engine|local|-E local x
engine|slurm|--engine=slurm x
fitforms|post,faq|-F post,faq x
fitforms|faq|--forms faq x
format|csv|-f csv x
format|jsonl.zst|--format=jsonl.zst x
jobs|3|-j 3 x
jobs|64|--jobs 64 x
minq|0.5|-m 0.5 x
minq|.25|--min-quality=.25 x
rows|10|-n 10 x
rows|7|-n7 x
rows|20|--rows 20 x
rows|30|--target-rows=30 x
out|d|-o d x
out|./-d|--output -d x
progress|lines|-P lines x
progress|none|--progress=none x
planfile|plan.json|-p plan.json
planfile|plan.json|--plan plan.json
fitmin|50|-R 50 x
fitmin|12.5|--relevance=12.5 x
seed|7|-S 7 x
seed|0|--seed 0 x
run_sources| arxiv news|-w news,arxiv x
run_sources| wikipedia github|--sources=github,wikipedia x
yes|1|-y x
yes|1|--yes x
prompt|a b c|--prompt a --prompt=b c
prompt|a b|a -n 5 b
rows|5|a -n 5 b
prompt|a -n 5|a -- -n 5
rows||a -- -n 5
prompt|--|-- --
prompt|-|-
alllangs|1|-ady x
yes|1|-ady x
cache|use|-ac use x
prompt|x|-a-dry-run x
dry|1|-a-dry-run x
progress|json|--progress-file pf x
pfile|./-pf|--progress-file=-pf x
px||--progress-file pf x
px|-x|x
llm|none|x
all_sources|wikipedia reddit youtube kaggle huggingface arxiv news github semanticscholar commoncrawl|x'
n=$(printf '%s\n' "$table" | grep -c .)
checks $((n + 1))
check "the table of options is not empty" test "$n" -gt 40
set -f
printf '%s\n' "$table" | while IFS='|' read -r name want args; do
	# shellcheck disable=SC2086
	got=$(get "$name" $args 2>"$T/err")
	if test "$got" = "$want" && ! test -s "$T/err"; then
		ok "$args: $name=$want"
	else
		not_ok "$args: $name=$want" "got [$got]" "$(cat "$T/err")"
	fi
done
set +f

# Usage errors: exit 2, the message and the driver's usage on stderr,
# nothing on stdout.  ARGUMENTS|MESSAGE
errors='-c maybe x|-c: unknown cache mode: maybe (use, refresh, off or only)
-E yarn x|-E: unknown engine: yarn (local, parallel or slurm)
-f xml x|-f: unknown format: xml (parquet, csv, jsonl or jsonl.zst)
-P fancy x|-P: unknown progress mode: fancy (auto, tty, lines, json or none)
-F Post x|-F: forms are names separated by commas: Post
--progress-fd 10 x|--progress-fd: a descriptor from 3 to 9: 10
--progress-fd 8 x|--progress-fd: 8 is not open
-j 0 x|-j: jobs must be a number from 1 to 64: 0
-j 65 x|-j: jobs must be a number from 1 to 64: 65
-m 1.5 x|-m: quality must be a number from 0 to 1: 1.5
-m 5. x|-m: quality must be a number from 0 to 1: 5.
-R 101 x|-R: relevance must be a number from 0 to 100: 101
-n 0 x|-n: rows must be a number from 1 to 999999999: 0
-n 1234567890 x|-n: rows must be a number from 1 to 999999999: 1234567890
-S -1 x|-S: seed must be a number from 0 to 999999999: -1
--progress-fd 3 --progress-file f x|--progress-fd and --progress-file: one or the other
-w wikipedia,nosuch x|-w: unknown source: nosuch (one of: wikipedia reddit youtube kaggle huggingface arxiv news github semanticscholar commoncrawl)
-q x|unknown option: -q
--bogus=1 x|unknown option: --bogus=1
--cach x|unknown option: --cach
-n|option -n needs a value
--rows|option --rows needs a value
--yes=1 x|option --yes takes no value
--force=no x|option --force takes no value
--help=1|option --help takes no value
-o -|a prompt or -p plan is needed
-P json -o - x|-o - -P json: give the progress --progress-fd or --progress-file'
n=$(printf '%s\n' "$errors" | grep -c .)
checks "$n"
printf '%s\n' "$errors" | while IFS='|' read -r args want; do
	set -f
	# shellcheck disable=SC2086
	ads-args -- $args >"$T/out" 2>"$T/err" 3>/dev/null
	rc=$?
	set +f
	if test $rc -eq 2 && ! test -s "$T/out" &&
	    test "$(head -n 1 "$T/err")" = "ads: $want" &&
	    sed -n 2p "$T/err" | grep -q '^usage: ads \[-ad\] ' &&
	    test "$(wc -l <"$T/err")" -eq 2; then
		ok "usage error: $args"
	else
		not_ok "usage error: $args" "exit $rc" "$(cat "$T/out" "$T/err")"
	fi
done

checks 12
# The prompt: white space only among others is fine.
check "a tab and a word are a prompt" test "$(get prompt "$(printf '\t')" x)" = "$(printf '\t x')"
ads-args -- --prompt ' ' >"$T/out" 2>"$T/err"
check "a prompt of white space only" test $? -eq 2 -a ! -s "$T/out" -a \
    "$(head -n 1 "$T/err")" = "ads: the prompt is only white space"
ads-args -- -o '' x >"$T/out" 2>"$T/err"
check "-o with no folder" test $? -eq 2 -a ! -s "$T/out" -a \
    "$(head -n 1 "$T/err")" = "ads: -o: the output directory is empty"
expect_code 3 "a plan that cannot be read" ads-args -- -p "$T/none.json"
check "--progress-fd that is open" test "$(get pfd --progress-fd 3 x 3>/dev/null)" = 3
# -o: a file, or a folder of files ads did not write (unless --force).
: >afile
mkdir full
: >full/mine
expect_code 2 "-o naming a file" ads-args -- -o afile x
expect_code 2 "-o naming a folder of other files" ads-args -- -o full x
check "--force writes there anyway" test "$(get out --force -o full x)" = full
mkdir -p ours/.ads
: >ours/mine
check "a folder of an earlier run" test "$(get out -o ours x)" = ours
check "-o -: to the standard output as JSON Lines" \
    test "$(get tostdout -o - -f csv x)$(get format -o - -f csv x)" = 1jsonl
# -h and -V print the driver's, on the standard output, exit 0.
(a=$(ads-args -- -n 5 -h -q) && eval "$a") >"$T/h" 2>"$T/err"
rc=$?
if test $rc -eq 0 && head -n 1 "$T/h" | grep -q '^usage: ads \[-ad\] ' &&
    grep -q '^     -c mode, --cache=mode' "$T/h" && ! test -s "$T/err"; then
	ok "-h prints the driver's help and stops there"
else
	not_ok "-h" "exit $rc" "$(head -n 3 "$T/h")" "$(cat "$T/err")"
fi
version=$(sed -n 's/^VERSION *= *//p' "$TOP/config.mk")
check "-V prints the driver's version" test "$( (a=$(ads-args -- --version) && eval "$a"))" = "ads (ads) $version"

# Hostile words: quotes, $( ), backticks, backslashes, newlines, bytes
# that are not UTF-8 come back byte for byte, and nothing is run.
checks 4
nl='
'
p1="it's \"quoted\" \$(touch $T/pwn1) \`touch $T/pwn2\` '; touch $T/pwn3; '\\\\ \\'"
p2="a${nl}b$(printf '\377\t')${nl}${nl}"
printf '%s %s' "$p1" "$p2" >"$T/want"
get prompt "$p1" -- "$p2" >"$T/got"
if cmp -s "$T/want" "$T/got" && ! test -e "$T/pwn1" && ! test -e "$T/pwn2" &&
    ! test -e "$T/pwn3"; then
	ok "a hostile prompt comes back byte for byte, nothing run"
else
	not_ok "hostile prompt" "$(od -c "$T/got" | head -n 5)" "$(ls "$T")"
fi
# The command line for the card: without -d and --force, and it gives
# the same words again when the shell reads it.
cl=$(get cmdline -d --force -n 5 "$p1" --prompt -d -- -d "$p2")
(
	eval "set -- $cl"
	printf '%s\n' "$@"
) >"$T/got"
printf '%s\n' ads -n 5 "$p1" --prompt -d -- -d "$p2" >"$T/want"
if cmp -s "$T/want" "$T/got" && ! test -e "$T/pwn1" && ! test -e "$T/pwn2" &&
    ! test -e "$T/pwn3"; then
	ok "the command line reads back as the same words, without -d and --force"
else
	not_ok "cmdline" "$cl" "$(diff "$T/want" "$T/got")"
fi
case $cl in
"ads -n 5 'it'\\''s "*) ok "the command line quotes only what needs it" ;;
*) not_ok "the command line quotes only what needs it" "$cl" ;;
esac
# What ads-args prints is only assignments: outside the quotes (and the
# quotes made \') there are names, "=", blanks and newlines.
ads-args -- -n 5 "$p1" "$p2" >"$T/out"
awk 'BEGIN { RS = "\001" } {
	for (i = 1; i <= length($0); i++) {
		c = substr($0, i, 1)
		if (c == "\047") q = !q
		else if (!q && c == "\\") { printf "Q"; i++ }
		else if (!q) printf "%s", c
	} }' "$T/out" >"$T/bare"
if grep -q "^prompt=QQQQ$" "$T/bare" && grep -q "^cmdline=Q*$" "$T/bare" &&
    test -z "$(tr -d 'A-Za-z0-9_= Q\n' <"$T/bare")"; then
	ok "no value is printed outside its quotes"
else
	not_ok "no value is printed outside its quotes" "$(head -c 800 "$T/bare")"
fi

# The config file: NAME=VALUE lines for the environment, never run.
checks 9
# shellcheck disable=SC2016
{
	echo '# a comment'
	echo
	echo 'ADS_FORMAT=csv'
	echo 'ADS_SOURCES="arxiv,news"'
	echo 'PATH=/nowhere'
	echo 'x=$(touch pwnc)'
	echo 'ADS_CACHE_DIR=~/cachedir'
	printf '%s\n' "X_Q='it'\\''s'" 'X_CMD=$(touch pwnd)`touch pwne`;touch pwnf' \
	    'X_HALF="' 'X_EMPTY=' "X_RAW=a'b\"c\\\\d \$HOME"
	printf 'X_BYTES=\377\001\t x \r\n'
	echo 'IFS=x'
	echo 'LD_PRELOAD=/tmp/evil.so'
	echo 'PS4=$(touch pwng)'
	echo 'BASH_ENV=x'
	echo 'ENV=x'
	echo '1X=y'
	echo 'no setting here'
	echo 'ADS_JOBS=3'
	echo 'ADS_JOBS=5'
	echo 'ADS_LLM_URL=http://127.0.0.1:9/v1'
	printf 'X_LAST=no newline'
} >conf
# env -- the variables the eval exported, as NAME=VALUE lines.
env_after() {
	(
		format='' jobs='' run_sources='' llm=''
		a=$(ads-args -- "$@") || exit
		eval "$a"
		for v in ADS_FORMAT ADS_SOURCES ADS_CACHE_DIR X_Q X_CMD X_HALF \
		    X_EMPTY X_RAW X_BYTES X_LAST ADS_JOBS ADS_LLM_URL; do
			printf '%s=%s|' "$v" "$(printenv "$v"; echo x)"
		done
		printf 'format=%s jobs=%s sources=%s llm=%s\n' "$format" \
		    "$jobs" "$run_sources" "$llm"
		printf 'PATH=%s IFS=[%s] LD=%s\n' "$PATH" "$IFS" \
		    "${LD_PRELOAD:-}"
	)
}
ADS_CONFIG=$T/conf env_after x >"$T/got" 2>"$T/err"
rc=$?
{
	# shellcheck disable=SC2016
	printf '%s\nx|' ADS_FORMAT=csv ADS_SOURCES=arxiv,news \
	    "ADS_CACHE_DIR=$HOME/cachedir" "X_Q=it'\\''s" \
	    'X_CMD=$(touch pwnd)`touch pwne`;touch pwnf' 'X_HALF="' X_EMPTY= \
	    "X_RAW=a'b\"c\\\\d \$HOME"
	printf 'X_BYTES=\377\001\t x \r\nx|X_LAST=no newline\nx|ADS_JOBS=3\nx|ADS_LLM_URL=http://127.0.0.1:9/v1\nx|'
	printf 'format=csv jobs=3 sources= arxiv news llm=llm\n'
	printf 'PATH=%s IFS=[ \t\n] LD=\n' "$PATH"
} >"$T/want"
if test $rc -eq 0 && cmp -s "$T/want" "$T/got"; then
	ok "config values come back byte for byte, the defaults follow them"
else
	not_ok "config values" "exit $rc" "$(diff "$T/want" "$T/got" | cat -A | head -n 30)"
fi
check "nothing in the config file is run" test -z "$(ls pwn* 2>/dev/null)"
for l in 5:PATH 6:x 14:IFS 15:LD_PRELOAD 16:PS4 17:BASH_ENV 18:ENV 19:1X \
    '20:no setting here'; do
	grep -qx "ads: $T/conf:${l%%:*}: not a setting of ads: ${l#*:}" "$T/err" ||
	    echo "$l" >>"$T/miss"
done
check "each refused line is named, file:line" test ! -e "$T/miss"
check "nothing else is said" test "$(wc -l <"$T/err")" -eq 9
check "the environment wins over the file" \
    test "$(ADS_CONFIG=$T/conf ADS_FORMAT=jsonl get format x 2>/dev/null)" = jsonl
check "an empty environment variable wins too" \
    test "$(ADS_CONFIG=$T/conf ADS_FORMAT='' get format x 2>/dev/null)" = parquet
check "an option wins over both" \
    test "$(ADS_CONFIG=$T/conf ADS_FORMAT=jsonl get format -f parquet x 2>/dev/null)" = parquet
mkdir -p home/.config/ads
printf 'ADS_FORMAT=jsonl.zst\n' >home/.config/ads/config
check "the default file, under HOME" test "$(get format x)" = jsonl.zst
expect_code 3 "ADS_CONFIG that cannot be read" env ADS_CONFIG="$T/none" ads-args -- x
