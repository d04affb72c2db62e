#!/bin/sh
# b-50-label -- ads-label's keyless classifier beside jq -c . on the same
# corpus: every tenth record carries a source label (by the parity of
# its line number, so the classifier has something to learn and little
# to find), the classifier cross-validates on those and labels the rest
# (-a 0: whatever its accuracy).  Records per second and MB/s, the best
# of BENCH_RUNS runs.
. "$(dirname "$0")/lib.sh"
c=$(corpus "$BENCH_MB")
l=$CORPUS_DIR/label-$BENCH_MB.jsonl
if ! test -s "$l"; then
	awk 'NR % 10 == 0 { sub(/}$/, ",\"label\":\"" (NR % 20 ? "a" : "b") "\"}") } { print }' \
	    "$c" >"$l.tmp" && mv "$l.tmp" "$l"
fi
b=$(wc -c <"$l")
n=$(wc -l <"$l")
peer=$(secs jq -c . "$l")
self=$(secs ads-label -M none -a 0 -L a,b "$l")
row "ads-label -M none" "$b" "$self" "jq -c ." "$peer"
awk -v n="$n" -v s="$self" 'BEGIN {
	printf "ads-label -M none: %.0f records/s (%d records)\n", n / s, n }'
echo "ads-label peak memory: $(peakmb ads-label -M none -a 0 -L a,b "$l") MB"
