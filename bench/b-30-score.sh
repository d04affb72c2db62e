#!/bin/sh
# b-30-score -- ads-score beside jq -c . on the same corpus (target: 2x
# or better), with and without a rule set, with the fast path turned
# off (ADS_NO_FASTPATH=1: every record through libjq, the "before"),
# and its peak memory.  Each row has a wall-time and a CPU-time line,
# both the best of BENCH_RUNS runs made by turns with jq's.
. "$(dirname "$0")/lib.sh"
c=$(corpus "$BENCH_MB")
b=$(wc -c <"$c")
# pair PEERCMD -- CMD... -- run the peer command and CMD by turns,
# BENCH_RUNS (default 3) times, so that a change of load on a shared
# machine falls on both alike; print the best wall seconds and the best
# CPU seconds (user + system, which such load disturbs less) of each:
# "peerwall peercpu wall cpu".
pair() {
	pc=$1
	shift 2
	tf=$(mktemp) || exit 1
	r=0
	while test "$r" -lt "${BENCH_RUNS:-3}"; do
		for w in peer self; do
			s=$(date +%s.%N)
			if test "$w" = peer; then
				# shellcheck disable=SC2086
				/usr/bin/time -o "$tf" -f '%U %S' $pc >/dev/null 2>&1
			else
				/usr/bin/time -o "$tf" -f '%U %S' "$@" >/dev/null 2>&1
			fi
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
# variant NAME CMD... -- the wall-time and the CPU-time row of CMD beside
# jq -c . on the corpus.
variant() {
	n=$1
	shift
	# shellcheck disable=SC2046
	set -- $(pair "jq -c . $c" -- "$@" "$c")
	row "$n" "$b" "$3" "jq -c ." "$1"
	row "$n (CPU)" "$b" "$4" "jq -c . (CPU)" "$2"
}
if ! test -x /usr/bin/time; then
	echo "b-30-score: needs GNU time (/usr/bin/time)"
	exit 0
fi
variant "ads-score" ads-score
variant "ads-score, no fast path" env ADS_NO_FASTPATH=1 ads-score
variant "ads-score -R fineweb" ads-score -R fineweb
echo "ads-score peak memory: $(peakmb ads-score "$c") MB"
# The language identifiers on the labeled set (ads-score(1), Language),
# when libexttextcat is installed: right answers and CPU time.
F=$TOP/tests/fixtures/score
if pkg-config --exists libexttextcat 2>/dev/null && command -v c++ >/dev/null &&
    test -f /usr/share/libexttextcat/fpdb.conf; then
	mkdir -p "$BUILD/bench"
	# shellcheck disable=SC2046
	if c++ -std=c++17 -O2 -o "$BUILD/bench/langcmp" "$F/langcmp.cc" \
	    "$TOP/common/langid.cc" \
	    $(pkg-config --cflags --libs libexttextcat) -lcld2; then
		"$BUILD/bench/langcmp" -r 20 <"$F/langid.tsv" | awk -F'\t' '
		    $1 == "result" { r[$2, $3] = $4 "/" $5 }
		    $1 == "time" { t[$2] = $3 }
		    END {
			printf "language id, CLD2:          short %s, long %s, %.3f s\n", r["cld2", "short"], r["cld2", "long"], t["cld2"]
			printf "language id, libexttextcat: short %s, long %s, %.3f s   ratio %.1fx\n", r["exttextcat", "short"], r["exttextcat", "long"], t["exttextcat"], t["exttextcat"] / t["cld2"]
		    }'
	fi
else
	echo "language id: libexttextcat not installed (libexttextcat-dev, libexttextcat-data)"
fi
