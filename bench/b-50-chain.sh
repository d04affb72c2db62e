#!/bin/sh
# b-50-chain -- the filters as the driver chains them,
# ads-scrub | ads-dedup | ads-score | ads-split | ads-export -f parquet,
# on the corpus of real text (target: 30 MB/s of input or more on two
# cores, wall time), beside jq -c . alone; the CPU row adds the
# five processes' user and system time.  Then each stage's CPU time
# alone, and the bound they put on a pipe on two cores.
. "$(dirname "$0")/lib.sh"
c=$(corpus "$BENCH_MB") || exit 1
o=$CORPUS_DIR/chain-out
# shellcheck disable=SC2016 # $1 is sh -c's
chain='ads-scrub "$1" | ads-dedup | ads-score | ads-split |
    ads-export -o "'"$o"'"'
# shellcheck disable=SC2016,SC2046
set -- "$(wc -c <"$c")" $(pair 'jq -c . "$1"' "$chain" "$c")
row "chain (wall, $(nproc) cores)" "$1" "$4" "jq -c ." "$2"
row "chain (CPU, all processes)" "$1" "$5" "jq -c ." "$3"
awk -v b="$1" -v s="$4" 'BEGIN {
	r = b / 1e6 / s
	v = r >= 30 ? "ok" : "MISSED"
	printf "chain: %.1f MB/s (target 30 MB/s: %s)\n", r, v
}'
# Where the chain loses: each stage alone, on the output of the one
# before it (files, not pipes), in CPU time.  A pipe on two cores
# cannot beat the slowest stage nor half the sum of them all.
if test -x /usr/bin/time; then
	t=$CORPUS_DIR/chain-stage
	tf=$CORPUS_DIR/chain-time
	in=$c
	i=0
	for s in ads-scrub ads-dedup ads-score ads-split; do
		i=$((i + 1))
		/usr/bin/time -o "$tf" -f '%U %S' "$s" "$in" >"$t.$i" \
		    2>/dev/null
		echo "$s $(tail -n 1 "$tf")"
		in=$t.$i
	done
	rm -rf "$o"
	/usr/bin/time -o "$tf" -f '%U %S' ads-export -o "$o" "$in" \
	    >/dev/null 2>&1
	echo "ads-export $(tail -n 1 "$tf")"
	rm -rf "$o" "$t".* "$tf"
fi | awk -v b="$1" '
    { n[NR] = $1; u[NR] = $2 + $3; sum += u[NR]; if (u[NR] > max) max = u[NR] }
    END {
	if (NR == 0)
		exit
	for (i = 1; i <= NR; i++)
		printf "chain stage %-12s %6.2f s CPU   %5.1f%%\n", n[i], u[i], 100 * u[i] / sum
	lim = max > sum / 2 ? max : sum / 2
	printf "chain bound on 2 cores: %.1f MB/s (all stages %.2f s CPU, the slowest %.2f s)\n", b / 1e6 / lim, sum, max
    }'
rm -rf "$o"
