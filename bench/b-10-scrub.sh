#!/bin/sh
# b-10-scrub -- ads-scrub against sed -E with three basic PII regexes
# (e-mail, US phone, card-like digits) and against jq -c . on the same
# corpus; then its peak memory on the corpus and on four times it, to
# show that memory does not grow with the input.
. "$(dirname "$0")/lib.sh"
c=$(corpus "$BENCH_MB")
bytes=$(wc -c <"$c")
ours=$(secs ads-scrub "$c")
sedt=$(secs sed -E \
    -e 's/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/<EMAIL>/g' \
    -e 's/\(?[0-9]{3}\)?[ .-]?[0-9]{3}[ .-][0-9]{4}/<PHONE>/g' \
    -e 's/[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,7}/<CARD>/g' "$c")
jqt=$(secs jq -c . "$c")
row "ads-scrub" "$bytes" "$ours" "sed -E (3 regexes)" "$sedt"
row "ads-scrub" "$bytes" "$ours" "jq -c ." "$jqt"
big=$CORPUS_DIR/scrub-x4-$BENCH_MB.jsonl
test -s "$big" || cat "$c" "$c" "$c" "$c" >"$big"
echo "ads-scrub peak RSS: $(peakmb ads-scrub "$c") MB on ${BENCH_MB} MB," \
    "$(peakmb ads-scrub "$big") MB on $((BENCH_MB * 4)) MB"
