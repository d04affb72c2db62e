#!/bin/sh
# b-30-score -- ads-score beside jq -c . on the corpus of real text
# (target: as fast in CPU time, a ratio of 1 or more), with and without
# a rule set, with the fast path turned off (ADS_NO_FASTPATH=1: every
# record through libjq, the "before"), on the synthetic corpus, and its
# peak memory.  Each row has a CPU-time and a wall-time line, both the
# best of BENCH_RUNS runs made by turns with jq's (lib.sh, pair).
. "$(dirname "$0")/lib.sh"
c=$(corpus "$BENCH_MB") || exit 1
if ! test -x /usr/bin/time; then
	echo "b-30-score: needs GNU time (/usr/bin/time)"
	exit 0
fi
# shellcheck disable=SC2016 # $1 is sh -c's
jqc='jq -c . "$1"'
# shellcheck disable=SC2016
cmp2 "ads-score" 'ads-score "$1"' "jq -c ." "$jqc" "$c" 1
# shellcheck disable=SC2016
cmp2 "ads-score, no fast path" 'ADS_NO_FASTPATH=1 ads-score "$1"' \
    "jq -c ." "$jqc" "$c"
# shellcheck disable=SC2016
cmp2 "ads-score -R fineweb" 'ads-score -R fineweb "$1"' "jq -c ." "$jqc" "$c"
# shellcheck disable=SC2016
cmp2 "ads-score, synthetic" 'ads-score "$1"' "jq -c ." "$jqc" \
    "$(syncorpus "$BENCH_MB")"
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
