#!/bin/sh
# b-35-split -- ads-split beside jq -c . on the corpus of real text and
# on the synthetic one, and its peak memory (the 1 GB figure:
# BENCH_MB=1000).
. "$(dirname "$0")/lib.sh"
c=$(corpus "$BENCH_MB") || exit 1
# shellcheck disable=SC2016 # $1 is sh -c's
jqc='jq -c . "$1"'
# shellcheck disable=SC2016
cmp2 "ads-split" 'ads-split "$1"' "jq -c ." "$jqc" "$c"
# shellcheck disable=SC2016
cmp2 "ads-split -t source -g url" 'ads-split -t source -g url "$1"' \
    "jq -c ." "$jqc" "$c"
# shellcheck disable=SC2016
cmp2 "ads-split, synthetic" 'ads-split "$1"' "jq -c ." "$jqc" \
    "$(syncorpus "$BENCH_MB")"
echo "ads-split peak memory: $(peakmb ads-split "$c") MB ($(wc -l <"$c") records)"
echo "ads-split -m 16M peak memory: $(peakmb ads-split -m 16M "$c") MB"
