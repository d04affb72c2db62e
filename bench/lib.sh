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

# mantext -- every manual page under MAN_ROOT (default /usr/share/man:
# the manpages package and its translations manpages-de, -fr, -es, -it,
# -pl, -pt-br, -ru of scripts/debian-packages.txt), rendered
# by mandoc -T utf8, each after a line of RS (036) and its path.  Pages
# are ordered by file name, so that a page's translations sit together
# and any prefix of the corpus mixes the languages.
mantext() {
	find "${MAN_ROOT:-/usr/share/man}" -type f -name '*.[1-9]*' |
	    awk -F/ '{ print $NF "\t" $0 }' | sort | cut -f2 |
	    while IFS= read -r f; do
		printf '\036%s\n' "$f"
		mandoc -T utf8 -O width=80 "$f" 2>/dev/null
	    done
}

# corpus MB [DUPSHARE] -- print the path of a corpus of real text: man
# pages in several languages made into records by mancorpus (the first
# MB megabytes; DUPSHARE of the records repeat a recent text).  The
# whole rendered text is cached once (build/bench-data/mantext.txt).
corpus() {
	c=$CORPUS_DIR/man-$1mb-d${2:-0}.jsonl
	if ! test -s "$c"; then
		t=$CORPUS_DIR/mantext.txt
		if ! test -s "$t"; then
			echo "bench: rendering the manual pages (once)..." >&2
			mantext >"$t.tmp" && mv "$t.tmp" "$t"
		fi
		mancorpus -m "$1" -d "${2:-0}" <"$t" >"$c.tmp" &&
		    mv "$c.tmp" "$c"
	fi
	if ! test -s "$c"; then
		echo "bench: no manual pages under ${MAN_ROOT:-/usr/share/man}" \
		    "(scripts/deps installs them)" >&2
		rm -f "$c" "$CORPUS_DIR/mantext.txt"
		exit 1
	fi
	printf '%s\n' "$c"
}

# syncorpus MB [DUPSHARE] -- print the path of the synthetic corpus of
# gencorpus (word lists, PII sprinkled in): an extra row only.
syncorpus() {
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

# row NAME BYTES SECS PEERNAME PEERSECS [MIN] -- print one result line:
# MB/s of both and the ratio (peer's time / ours; above 1 means
# faster); with MIN, "ok" or "MISSED" against that least ratio (the
# issue's "ours <= 0.8x sed's time" is MIN 1.25).
row() {
	awk -v n="$1" -v b="$2" -v s="$3" -v pn="$4" -v ps="$5" -v t="${6:-}" 'BEGIN {
		m = b / 1e6
		r = ps / s
		v = t == "" ? "" : sprintf("  (target %.2fx: %s)", t, r >= t ? "ok" : "MISSED")
		printf "%-30s %8.1f MB/s   %-26s %8.1f MB/s   ratio %.2fx%s\n", n, m / s, pn, m / ps, r, v
	}'
}

# pair PEER SELF FILE -- run the shell scripts PEER and SELF (sh -c, with
# FILE as $1, output discarded) by turns, BENCH_RUNS (default 3) times,
# so that a change of load on a shared machine falls on both alike;
# print the best wall seconds and the best CPU seconds (user + system,
# which such load disturbs less) of each: "peerwall peercpu wall cpu".
pair() {
	tf=$(mktemp) || exit 1
	r=0
	while test "$r" -lt "${BENCH_RUNS:-3}"; do
		for w in peer self; do
			if test "$w" = peer; then
				scr=$1
			else
				scr=$2
			fi
			s=$(date +%s.%N)
			/usr/bin/time -o "$tf" -f '%U %S' sh -c "$scr" sh "$3" \
			    >/dev/null 2>&1
			e=$(date +%s.%N)
			echo "$w $s $e $(tail -n 1 "$tf")"
		done
		r=$((r + 1))
	done | awk '
	    { d = $3 - $2; u = $4 + $5
	      if (!($1 in w) || d < w[$1]) w[$1] = d
	      if (!($1 in t) || u < t[$1]) t[$1] = u }
	    END { printf "%s %s %s %s\n", w["peer"], t["peer"], w["self"], t["self"] }'
	rm -f "$tf"
}

# cmp2 NAME SELF PEERNAME PEER FILE [MIN] -- the CPU-time row (the one
# the targets are about) and the wall-time row of SELF beside PEER on
# FILE, from paired runs (pair); MIN as for row, on the CPU row.
cmp2() {
	# shellcheck disable=SC2046
	set -- "$1" "$3" "$(wc -c <"$5")" "${6:-}" $(pair "$4" "$2" "$5")
	row "$1 (CPU)" "$3" "$8" "$2" "$6" "$4"
	row "$1 (wall)" "$3" "$7" "$2" "$5"
}
