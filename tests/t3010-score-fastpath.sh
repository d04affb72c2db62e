#!/bin/sh
# t3010-score-fastpath -- ads-score writes the same bytes, messages and
# exit status whether a record takes the zero-copy fast path
# (common/rawjson.h) or the libjq path (ADS_NO_FASTPATH=1), on a
# generated corpus, the project's records and hand-made tricky lines;
# and the fast path is really taken.
. "$(dirname "$0")/lib.sh"
checks 15

if ! have_tool ads-score; then
	skip "ads-score fast path" "ads-score is not built"
	exit 0
fi
F=$FIXTURES/fastpath

# same NAME INPUT [ARGS...] -- both paths agree on stdout, stderr, exit
# status and the reject file.
same() {
	sn=$1
	si=$2
	shift 2
	same_paths ads-score "$sn" "$si" "$@"
}

# fastcount INPUT [ENV] -- the "fastpath" figure of the final progress
# line.
fastcount() {
	rm -f "$T/prog"
	env ${2:+"$2"} ADS_PROGRESS="$T/prog" ads-score "$1" >/dev/null \
	    2>&1
	tail -n 1 "$T/prog" | jq -r '.fastpath'
}

G=$BUILD/bench/gencorpus
if test -x "$G"; then
	"$G" -m 5 >"$T/corpus.jsonl"
	same "generated corpus" "$T/corpus.jsonl"
	same "generated corpus, -R fineweb -k" "$T/corpus.jsonl" -R fineweb -k
	n=$(wc -l <"$T/corpus.jsonl")
	f=$(fastcount "$T/corpus.jsonl")
	if test "$f" -eq "$n"; then
		ok "every generated record takes the fast path ($f)"
	else
		not_ok "fast path taken for $f of $n generated records"
	fi
	f=$(fastcount "$T/corpus.jsonl" ADS_NO_FASTPATH=1)
	if test "$f" = 0; then
		ok "ADS_NO_FASTPATH=1 turns the fast path off"
	else
		not_ok "ADS_NO_FASTPATH=1 left $f records on the fast path"
	fi
	# Scored output is canonical too: scoring it again replaces values.
	ads-score "$T/corpus.jsonl" 2>/dev/null | head -n 300 >"$T/scored"
	same "rescoring scored records (replace in place)" "$T/scored"
	f=$(fastcount "$T/scored")
	if test "$f" -eq 300; then
		ok "scored records take the fast path again ($f)"
	else
		not_ok "fast path taken for $f of 300 scored records"
	fi
else
	skip "generated corpus" "gencorpus is not built" 6
fi

same "tests/fixtures/records.jsonl" "$FIXTURES/records.jsonl"
same "tricky lines" "$F/tricky.jsonl"
same "tricky lines, -l de" "$F/tricky.jsonl" -l de
same "tricky lines, -k -m 0.9 -R gopher" "$F/tricky.jsonl" -k -m 0.9 \
    -R gopher
same "tricky lines, -L en,de" "$F/tricky.jsonl" -L en,de
same "tricky lines, -s" "$F/tricky.jsonl" -s
f=$(fastcount "$F/tricky.jsonl")
n=$(wc -l <"$F/tricky.jsonl")
if test "$f" -gt 0 && test "$f" -lt "$n"; then
	ok "tricky lines take both paths ($f of $n lines fast)"
else
	not_ok "tricky lines: $f of $n lines fast"
fi
# A -l value with invalid UTF-8 is repaired the same way on both paths.
printf '{"id":"1","source":"x","text":"plain words here"}\n' >"$T/one.jsonl"
same "-l with invalid UTF-8" "$T/one.jsonl" -l "$(printf 'x\377y')"
same "empty input" /dev/null
