#!/bin/sh
# b-30-score -- ads-score beside jq -c . on the same corpus (target: 2x
# or better), with and without a rule set, with the fast path turned
# off (ADS_NO_FASTPATH=1: every record through libjq, the "before"),
# and its peak memory.
. "$(dirname "$0")/lib.sh"
c=$(corpus "$BENCH_MB")
b=$(wc -c <"$c")
j=$(secs jq -c . "$c")
s=$(secs ads-score "$c")
row "ads-score" "$b" "$s" "jq -c ." "$j"
s=$(secs env ADS_NO_FASTPATH=1 ads-score "$c")
row "ads-score, ADS_NO_FASTPATH=1" "$b" "$s" "jq -c ." "$j"
s=$(secs ads-score -R fineweb "$c")
row "ads-score -R fineweb" "$b" "$s" "jq -c ." "$j"
# The same in CPU time (user + system, best of BENCH_RUNS), which a
# shared machine disturbs less than wall time.
cpu() {
	best=""
	r=0
	while test "$r" -lt "${BENCH_RUNS:-3}"; do
		t=$(/usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -n 1)
		best=$(echo "$t $best" | awk '{ d = $1 + $2; if ($3 == "" || d < $3) print d; else print $3 }')
		r=$((r + 1))
	done
	printf '%s\n' "$best"
}
if test -x /usr/bin/time; then
	j=$(cpu jq -c . "$c")
	s=$(cpu ads-score "$c")
	row "ads-score (CPU time)" "$b" "$s" "jq -c . (CPU time)" "$j"
fi
echo "ads-score peak memory: $(peakmb ads-score "$c") MB"
# The language identifiers on the labeled set (ads-score(1), Language),
# when libexttextcat is installed: right answers and CPU time.
F=$TOP/tests/fixtures/score
if pkg-config --exists libexttextcat 2>/dev/null && command -v c++ >/dev/null &&
    test -f /usr/share/libexttextcat/fpdb.conf; then
	mkdir -p "$BUILD/bench"
	# shellcheck disable=SC2046
	if c++ -std=c++17 -O2 -o "$BUILD/bench/langcmp" "$F/langcmp.cc" \
	    "$TOP/tools/ads-score/langid.cc" \
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
