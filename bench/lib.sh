# bench/lib.sh -- helpers for the benchmark rows.
# shellcheck shell=sh
set -u
LC_ALL=C
export LC_ALL
TOP=${ADS_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${ADS_BUILD:-build/rel}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
PATH=$BUILD/bin:$BUILD/bench:$PATH
export PATH
# Corpus size in MB (the issue's range is 10 to 1000); cached by size.
BENCH_MB=${BENCH_MB:-100}
CORPUS_DIR=${BENCH_DIR:-$TOP/build/bench-data}
mkdir -p "$CORPUS_DIR"

# corpus MB [DUPSHARE] -- print the path of a deterministic corpus.
corpus() {
	c=$CORPUS_DIR/corpus-$1mb-d${2:-0}.jsonl
	if ! test -s "$c"; then
		gencorpus -m "$1" -d "${2:-0}" >"$c.tmp" && mv "$c.tmp" "$c"
	fi
	printf '%s\n' "$c"
}

# secs CMD... -- run CMD (output discarded) and print wall seconds, the
# best of BENCH_RUNS (default 3) runs.
secs() {
	best=""
	r=0
	while test "$r" -lt "${BENCH_RUNS:-3}"; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s.%N)
		best=$(echo "$s $e $best" | awk '{ d = $2 - $1; if ($3 == "" || d < $3) print d; else print $3 }')
		r=$((r + 1))
	done
	printf '%s\n' "$best"
}

# peakmb CMD... -- peak resident memory of CMD in MB (GNU time).
peakmb() {
	/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1 |
	    awk '{ printf "%.1f\n", $1 / 1024 }'
}

# row NAME BYTES SECS PEERNAME PEERSECS -- print one result line: MB/s
# of both and the ratio (ours / peer; above 1 means faster).
row() {
	awk -v n="$1" -v b="$2" -v s="$3" -v pn="$4" -v ps="$5" 'BEGIN {
		m = b / 1e6
		printf "%-30s %8.1f MB/s   %-26s %8.1f MB/s   ratio %.2fx\n", n, m / s, pn, m / ps, ps / s
	}'
}
