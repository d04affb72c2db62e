#!/bin/sh
# b-50-chain -- the filters as the driver chains them,
# ads-scrub | ads-dedup | ads-score | ads-split | ads-export -f parquet,
# on the corpus of real text (target: 30 MB/s of input or more on two
# cores, wall time), beside jq -c . alone; the CPU row adds the
# five processes' user and system time.
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
rm -rf "$o"
