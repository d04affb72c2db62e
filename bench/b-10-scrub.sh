#!/bin/sh
# b-10-scrub -- ads-scrub against sed -E with three basic PII regexes
# (e-mail, US phone, card-like digits) and against jq -c . on the
# corpus of real text (target: ads-scrub's CPU time at most 0.8x sed's,
# a ratio of 1.25 or more), then on the synthetic one; then its peak
# memory on the corpus and on four times it, to show that memory does
# not grow with the input.
. "$(dirname "$0")/lib.sh"
c=$(corpus "$BENCH_MB") || exit 1
# shellcheck disable=SC2016 # $1 is sh -c's
sedpii='sed -E -e "s/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/<EMAIL>/g" -e "s/\(?[0-9]{3}\)?[ .-]?[0-9]{3}[ .-][0-9]{4}/<PHONE>/g" -e "s/[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,7}/<CARD>/g" "$1"'
# shellcheck disable=SC2016
cmp2 "ads-scrub" 'ads-scrub "$1"' "sed -E (3 regexes)" "$sedpii" "$c" 1.25
# shellcheck disable=SC2016
cmp2 "ads-scrub" 'ads-scrub "$1"' "jq -c ." 'jq -c . "$1"' "$c"
# shellcheck disable=SC2016
cmp2 "ads-scrub, synthetic" 'ads-scrub "$1"' "sed -E (3 regexes)" "$sedpii" \
    "$(syncorpus "$BENCH_MB")"
big=$CORPUS_DIR/scrub-x4-$BENCH_MB.jsonl
test -s "$big" || cat "$c" "$c" "$c" "$c" >"$big"
echo "ads-scrub peak RSS: $(peakmb ads-scrub "$c") MB on ${BENCH_MB} MB," \
    "$(peakmb ads-scrub "$big") MB on $((BENCH_MB * 4)) MB"
