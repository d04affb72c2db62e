#!/bin/sh
# b-20-dedup -- ads-dedup: exact mode beside awk '!seen[$0]++' (target:
# at most 1.2x awk's CPU time, a ratio of 0.83 or more), near mode beside
# jq -c . on the BENCH_MB corpus of real text (10% duplicates), exact
# mode on the synthetic corpus, then near mode on synthetic corpora of
# 10K, 100K and 1M records (DEDUP_COUNTS) to show that time and memory
# grow linearly: MB/s, microseconds and state bytes per record,
# and peak resident memory.  Wall time suffers on a busy machine, so
# the rows also give CPU seconds (user + system).
. "$(dirname "$0")/lib.sh"

# cpu CMD... -- user + system seconds of CMD, the best of BENCH_RUNS
# (default 3) runs.
cpu() {
	r=0
	while test "$r" -lt "${BENCH_RUNS:-3}"; do
		/usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -n 1
		r=$((r + 1))
	done | awk '{ t = $1 + $2; if (NR == 1 || t < b) b = t }
	    END { printf "%.2f\n", b }'
}

c=$(corpus "$BENCH_MB" 0.1) || exit 1
# shellcheck disable=SC2016 # $0 and $1 are awk's and sh -c's
awkdup='awk '\''!seen[$0]++'\'' "$1"'
# shellcheck disable=SC2016
cmp2 "ads-dedup -e (exact)" 'ads-dedup -e "$1"' "awk '!seen[\$0]++'" \
    "$awkdup" "$c" 0.83
# shellcheck disable=SC2016
cmp2 "ads-dedup (exact + near)" 'ads-dedup "$1"' "jq -c ." 'jq -c . "$1"' "$c"
# shellcheck disable=SC2016
cmp2 "ads-dedup -e, synthetic" 'ads-dedup -e "$1"' "awk '!seen[\$0]++'" \
    "$awkdup" "$(syncorpus "$BENCH_MB" 0.1)"

# by_count N -- one row for a corpus of N records.
by_count() {
	f=$CORPUS_DIR/dedup-n$1.jsonl
	if ! test -s "$f"; then
		gencorpus -n "$1" -d 0.1 >"$f.tmp" && mv "$f.tmp" "$f"
	fi
	b=$(wc -c <"$f")
	s=$(secs ads-dedup "$f")
	u=$(cpu ads-dedup "$f")
	m=$(peakmb ads-dedup "$f")
	bpr=$(ADS_PROGRESS=3 ads-dedup "$f" 3>&1 >/dev/null 2>/dev/null |
	    sed -n 's/.*"phase":"done".*"bytes_per_record":\([0-9]*\).*/\1/p')
	awk -v n="$1" -v b="$b" -v s="$s" -v u="$u" -v m="$m" -v bpr="$bpr" '
	BEGIN {
		printf "ads-dedup near, %7d records  %7.1f MB/s  %7.2f s  cpu %7.2f s = %5.2f us/record  peak %7.1f MB  state %s B/record\n", n, b / 1e6 / s, s, u, u * 1e6 / n, m, bpr
	}'
}
for n in ${DEDUP_COUNTS:-10000 100000 1000000}; do
	by_count "$n"
done
