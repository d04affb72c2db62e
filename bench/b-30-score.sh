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
echo "ads-score peak memory: $(peakmb ads-score "$c") MB"
