#!/bin/sh
# b-50-label -- ads-label's keyless classifier beside jq -c . on the same
# corpus: every tenth record carries a source label (by the parity of
# its line number, so the classifier has something to learn and little
# to find), the classifier cross-validates on those and labels the rest
# (-a 0: whatever its accuracy).  Records per second and MB/s, the best
# of BENCH_RUNS runs; then the peak memory on a tenth of the corpus and
# on all of it, which should be about the same (the records wait in a
# temporary file, not in memory).
. "$(dirname "$0")/lib.sh"
# labelled MB -- the path of the corpus of MB megabytes with labels.
labelled() {
	lc=$(corpus "$1")
	l=$CORPUS_DIR/label-$1.jsonl
	if ! test -s "$l"; then
		awk 'NR % 10 == 0 { sub(/}$/, ",\"label\":\"" (NR % 20 ? "a" : "b") "\"}") } { print }' \
		    "$lc" >"$l.tmp" && mv "$l.tmp" "$l"
	fi
	printf '%s\n' "$l"
}
l=$(labelled "$BENCH_MB")
b=$(wc -c <"$l")
n=$(wc -l <"$l")
peer=$(secs jq -c . "$l")
self=$(secs ads-label -M none -a 0 -L a,b "$l")
row "ads-label -M none" "$b" "$self" "jq -c ." "$peer"
awk -v n="$n" -v s="$self" 'BEGIN {
	printf "ads-label -M none: %.0f records/s (%d records)\n", n / s, n }'
small=$((BENCH_MB / 10))
test "$small" -ge 1 || small=1
for mb in "$small" "$BENCH_MB"; do
	f=$(labelled "$mb")
	echo "ads-label peak memory, $mb MB ($(wc -l <"$f") records):" \
	    "$(peakmb ads-label -M none -a 0 -L a,b "$f") MB"
done
