#!/bin/sh
# b-35-split -- ads-split beside jq -c . on the same corpus, and its
# peak memory (the 1 GB figure: BENCH_MB=1000).
. "$(dirname "$0")/lib.sh"
c=$(corpus "$BENCH_MB")
b=$(wc -c <"$c")
j=$(secs jq -c . "$c")
s=$(secs ads-split "$c")
row "ads-split" "$b" "$s" "jq -c ." "$j"
s=$(secs ads-split -t source -g url "$c")
row "ads-split -t source -g url" "$b" "$s" "jq -c ." "$j"
echo "ads-split peak memory: $(peakmb ads-split "$c") MB ($(wc -l <"$c") records)"
echo "ads-split -m 16M peak memory: $(peakmb ads-split -m 16M "$c") MB"
