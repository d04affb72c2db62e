#!/bin/sh
# b-50-label -- ads-label's keyless classifier beside jq -c . on the same
# corpus: every tenth record carries a source label, the language of
# its manual page (from its id: man:LANG/...), the classifier
# cross-validates on those and labels the rest (it passes the bar: the
# run measures the training, the five folds and the labelling).
# Records per second and MB/s, the best of BENCH_RUNS runs; then the
# peak memory on a tenth of the corpus and on all of it, which should be
# about the same (the records wait in a temporary file, not in memory).
. "$(dirname "$0")/lib.sh"
# labelled MB -- the path of the corpus of MB megabytes with labels.
labelled() {
	lc=$(corpus "$1")
	l=$CORPUS_DIR/label-lang-$1.jsonl
	if ! test -s "$l"; then
		awk 'NR % 10 == 0 { g = $0; sub(/^.*"id":"man:/, "", g)
			sub(/\/.*$/, "", g); sub(/}$/, ",\"label\":\"" g "\"}") }
		    { print }' "$lc" >"$l.tmp" && mv "$l.tmp" "$l"
	fi
	printf '%s\n' "$l"
}
l=$(labelled "$BENCH_MB")
# the label set: the languages that occur
set=$(grep -o '"label":"[^"]*"}$' "$l" | cut -d'"' -f4 | sort -u |
    paste -sd, -)
b=$(wc -c <"$l")
n=$(wc -l <"$l")
peer=$(secs jq -c . "$l")
self=$(secs ads-label -M none -L "$set" "$l")
row "ads-label -M none" "$b" "$self" "jq -c ." "$peer"
awk -v n="$n" -v s="$self" 'BEGIN {
	printf "ads-label -M none: %.0f records/s (%d records)\n", n / s, n }'
small=$((BENCH_MB / 10))
test "$small" -ge 1 || small=1
for mb in "$small" "$BENCH_MB"; do
	f=$(labelled "$mb")
	echo "ads-label peak memory, $mb MB ($(wc -l <"$f") records):" \
	    "$(peakmb ads-label -M none -L "$set" "$f") MB"
done
