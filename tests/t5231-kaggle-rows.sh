#!/bin/sh
# t5231-kaggle-rows -- ads-fetch-kaggle with a plan that names the task
# and its labels: each dataset's files listed, CSV and JSON lines
# downloaded and mapped onto the plan's columns and labels (a 1-5 star
# column onto three sentiment labels), licenses that forbid copying, a
# zip answer, a file over the size cap, NLI pairs, and the CSV reader
# (quotes, commas and newlines inside quotes, CRLF, a byte order mark,
# semicolons).  No recorded Kaggle answer exists: the replay answers in
# tests/fixtures/http/kaggle-rows are built from the API description
# Kaggle publishes (see its README.md and gen.py).
. "$(dirname "$0")/lib.sh"
checks 20
. "$TOP/tests/replay/lib.sh"

if ! have_tool ads-fetch-kaggle; then
	skip "ads-fetch-kaggle" "not built"
	exit 0
fi
replay_start "$FIXTURES/http/kaggle-rows" || { not_ok "replay server"; exit 1; }
ADS_KAGGLE_URL=$REPLAY_URL/kaggle
ADS_KAGGLE_INTERVAL=0
ADS_HTTP_BACKOFF=0.01
ADS_HTTP_RETRIES=1
SOURCE_DATE_EPOCH=1750000000
KAGGLE_USERNAME=fixture-user
KAGGLE_KEY=fixture-kaggle-key-value
export ADS_KAGGLE_URL ADS_KAGGLE_INTERVAL ADS_HTTP_BACKOFF ADS_HTTP_RETRIES \
    SOURCE_DATE_EPOCH KAGGLE_USERNAME KAGGLE_KEY
unset KAGGLE_CONFIG_DIR

cat >"$T/plan.json" <<'PLAN'
{"version":2,"task":"text-classification","task_id":"sentiment-classification",
"labels":[{"name":"negative","description":"d"},{"name":"neutral","description":"d"},
{"name":"positive","description":"d"}],"columns":["text","label"],"languages":["en"],
"sources":{"kaggle":{"queries":["amazon reviews"],"limit":1000}}}
PLAN
ADS_PROGRESS=$T/prog ads-fetch-kaggle -p "$T/plan.json" >"$T/out" 2>"$T/err"
rc=$?
n=$(wc -l <"$T/out")
test $rc -eq 0 && test "$n" -eq 190 &&
    ok "rows of four datasets' files: 190 (120 + 15 zipped + 30 + 25)" ||
    not_ok "rows of three datasets' files" "exit $rc, $n" "$(cat "$T/err")"
jq -r 'select(.meta.file == "Reviews.csv") | .label_source + " " + .label' "$T/out" |
    sort | uniq -c | awk '{ print $2, $3, $1 }' >"$T/got"
printf '%s\n' 'source:reviewer/amazon-fine-food/Score=1 negative 24' \
    'source:reviewer/amazon-fine-food/Score=2 negative 24' \
    'source:reviewer/amazon-fine-food/Score=3 neutral 24' \
    'source:reviewer/amazon-fine-food/Score=4 positive 24' \
    'source:reviewer/amazon-fine-food/Score=5 positive 24' >"$T/want"
cmp_out "a CSV star column: 1-2 negative, 3 neutral, 4-5 positive" "$T/want" "$T/got"
jq -s -e 'all(.[]; .label == "negative" or .label == "neutral" or
    .label == "positive")' "$T/out" >/dev/null &&
    ok "every row labelled from the plan's set" || not_ok "labels in the set"
jq -r 'select(.id == "kaggle:reviewer/amazon-fine-food:Reviews.csv:2") |
    [.text, .title, .url, .license, (.meta | tostring)] | join("|")' "$T/out" >"$T/got"
printf '%s\n' 'My kettle: Arrived broken,' 'support never answered (1).|Amazon Fine Food Reviews|https://www.kaggle.com/datasets/reviewer/amazon-fine-food|CC0-1.0|{"ref":"reviewer/amazon-fine-food","file":"Reviews.csv","row":2,"columns":{"text":"Text","label":"Score"}}' >"$T/want"
cmp_out "a quoted field with a comma and a newline; the dataset's title, url, license" \
    "$T/want" "$T/got"
jq -r 'select(.meta.file == "Reviews.csv" and (.text | test("best"))) | .text' "$T/out" |
    head -n 1 >"$T/got"
echo 'This phone case: The "best" purchase (5).' >"$T/want"
cmp_out "doubled quotes inside a quoted field" "$T/want" "$T/got"
jq -r 'select(.meta.file == "avis.csv") | .text + " " + .label' "$T/out" | head -n 3 >"$T/got"
printf '%s\n' 'Produit 0 ; décevant negative' 'Produit 1 ; décevant negative' \
    'Produit 2 ; correct neutral' >"$T/want"
cmp_out "semicolons, a byte order mark, CRLF and \"n étoiles\"" "$T/want" "$T/got"
jq -r 'select(.meta.ref == "zipped/big-reviews") | .label_source + " " + .label' \
    "$T/out" | sort -u | head -n 2 >"$T/got"
printf '%s\n' 'source:zipped/big-reviews/stars=1 negative' \
    'source:zipped/big-reviews/stars=2 negative' >"$T/want"
test "$(jq -r 'select(.meta.ref == "zipped/big-reviews") | .meta.file' "$T/out" |
    sort | uniq -c | awk '{ print $1, $2 }')" = '15 reviews.csv' &&
    cmp -s "$T/want" "$T/got" &&
    ok "a zip answer: its CSV member inflated and read (15 rows)" ||
    not_ok "a zip answer" "$(cat "$T/got")"
jq -r 'select(.meta.file == "tweets.jsonl") | .label_source' "$T/out" | sort -u >"$T/got"
printf '%s\n' 'source:airline/tweets-jsonl/airline_sentiment=negative' \
    'source:airline/tweets-jsonl/airline_sentiment=neutral' \
    'source:airline/tweets-jsonl/airline_sentiment=positive' >"$T/want"
cmp_out "JSON lines with a *_sentiment column" "$T/want" "$T/got"
tail -n 1 "$T/prog" | jq -e '.dropped.malformed == 2 and .dropped.label_missing == 1' \
    >/dev/null && ok "a short CSV row and a bad JSON line: malformed; no score: label_missing" ||
    not_ok "dropped rows counted" "$(tail -n 1 "$T/prog")"
for c in 'closed/scraped-reviews: license "Data files © Original Authors" does not allow its rows to be copied' \
    'nd/no-derivatives: license "Attribution-NoDerivatives 4.0 International (CC BY-ND 4.0)" does not allow' \
    'nli/snli-csv: snli.csv: a sentence pair (sentence1/sentence2), not one text' \
    'zipped/broken-zip: data.csv: a zip archive: not a zip archive' \
    'big/huge-reviews: huge.csv: 999999999 bytes, over the -M cap of 67108864'; do
	grep -qF "dataset $c" "$T/err" && ok "skipped: ${c%%:*}" ||
	    not_ok "skipped: ${c%%:*}" "$(cat "$T/err")"
done
grep -q ': 5 datasets could not be used (license 2, columns 1, too_large 1, zipped 1)$' "$T/err" &&
    ok "skipped datasets counted by reason" || not_ok "skipped datasets counted" "$(cat "$T/err")"
! grep -q 'scraped-reviews\|no-derivatives\|huge-reviews/huge' "$REPLAY_LOG" &&
    ok "no download for a license that forbids copying or a file over the cap" ||
    not_ok "no download for refused datasets"
jq -s -e 'all(.[]; .headers.Authorization == "<present>")' "$REPLAY_LOG" >/dev/null &&
    ! grep -q fixture-kaggle-key-value "$REPLAY_LOG" "$T/out" "$T/err" &&
    ok "HTTP Basic on every request, the key never shown" ||
    not_ok "credentials"

# -M: a smaller cap leaves out the food reviews file.
ads-fetch-kaggle -M 1 -p "$T/plan.json" >/dev/null 2>"$T/err"
grep -q 'big/huge-reviews: huge.csv: 999999999 bytes, over the -M cap of 1048576' "$T/err" &&
    ok "-M 1: a 1 MB cap" || not_ok "-M 1" "$(cat "$T/err")"
# The limit is honoured, however many rows are offered.
sed 's/"limit":1000/"limit":50/' "$T/plan.json" >"$T/p50.json"
ads-fetch-kaggle -p "$T/p50.json" >"$T/out" 2>/dev/null
test "$(wc -l <"$T/out")" -eq 50 && ok "limit 50: 50 rows" || not_ok "limit 50"
# Without a task (-q): dataset descriptions, as before.
ads-fetch-kaggle -n 3 -q 'amazon reviews' >"$T/out" 2>/dev/null
test "$(jq -r .id "$T/out" | head -n 1)" = kaggle:reviewer/amazon-fine-food &&
    test "$(jq -s 'map(has("label")) | any' "$T/out")" = false &&
    ok "-q without a plan: one record per dataset, no rows" ||
    not_ok "-q without a plan" "$(head -c 300 "$T/out")"
