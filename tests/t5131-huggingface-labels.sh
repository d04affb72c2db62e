#!/bin/sh
# t5131-huggingface-labels -- ads-fetch-huggingface with a plan that
# names the task and its labels (plan version 2, and version 1's
# sentiment-analysis): datasets chosen by their /info features, labels
# mapped onto the plan's set (ClassLabel names, a plain star column,
# plain strings), NLI and emotion schemes refused, gated and gone
# datasets, several configs, splits and pages, and a QA task's columns.
# The replay answers are made by tests/fixtures/http/huggingface/gen.py
# in the shapes of the viewer's recorded answers.
. "$(dirname "$0")/lib.sh"
checks 24
. "$TOP/tests/replay/lib.sh"

if ! have_tool ads-fetch-huggingface; then
	skip "ads-fetch-huggingface" "not built"
	exit 0
fi
replay_start "$FIXTURES/http/huggingface" || { not_ok "replay server"; exit 1; }
ADS_HF_URL=$REPLAY_URL/huggingface
ADS_HF_VIEWER_URL=$REPLAY_URL/huggingface-viewer
ADS_HTTP_BACKOFF=0.01
ADS_HTTP_RETRIES=1
SOURCE_DATE_EPOCH=1700000000
export ADS_HF_URL ADS_HF_VIEWER_URL ADS_HTTP_BACKOFF ADS_HTTP_RETRIES SOURCE_DATE_EPOCH
unset HF_TOKEN

# plan LABELS [TASK] [EXTRA] -- a version 2 plan for the query "labelled".
plan() {
	printf '{"version":2,"task":"%s","task_id":"sentiment-classification",
"labels":[%s],"columns":["text","label"],"languages":["en"],
"sources":{"huggingface":{"queries":["labelled"],"limit":1000%s}}}\n' \
	    "${2:-text-classification}" "$1" "${3:-}" >"$T/plan.json"
}
SENT='{"name":"negative","description":"d"},{"name":"neutral","description":"d"},{"name":"positive","description":"d"}'

plan "$SENT"
ADS_PROGRESS=$T/prog ads-fetch-huggingface -p "$T/plan.json" >"$T/out" 2>"$T/err"
rc=$?
n=$(wc -l <"$T/out")
test $rc -eq 0 && test "$n" -eq 750 &&
    ok "sentiment plan: 750 rows (130 + 580 over 2 configs x 2 splits + 40)" ||
    not_ok "sentiment plan: 750 rows" "exit $rc, $n" "$(cat "$T/err")"
jq -r '.label' "$T/out" | sort | uniq -c | awk '{ printf "%s %s\n", $2, $1 }' >"$T/got"
printf '%s\n' 'negative 286' 'neutral 169' 'positive 295' >"$T/want"
cmp_out "every row labelled from the plan's set" "$T/want" "$T/got"
jq -r '.title' "$T/out" | sort -u | tr '\n' ' ' >"$T/got"
printf 'acme/product-reviews plain/tweets-sentiment stars/amazon-multi ' >"$T/want"
cmp_out "only the datasets whose labels map" "$T/want" "$T/got"
jq -r 'select(.title == "stars/amazon-multi") | .label_source + " " + .label' \
    "$T/out" | sort -u >"$T/got"
printf '%s\n' 'source:stars/amazon-multi/stars=1 negative' \
    'source:stars/amazon-multi/stars=2 negative' \
    'source:stars/amazon-multi/stars=3 neutral' \
    'source:stars/amazon-multi/stars=4 positive' \
    'source:stars/amazon-multi/stars=5 positive' >"$T/want"
cmp_out "a plain stars column: 1-2 negative, 3 neutral, 4-5 positive" "$T/want" "$T/got"
jq -r 'select(.title != "stars/amazon-multi") | .label_source + " " + .label' \
    "$T/out" | sort -u >"$T/got"
printf '%s\n' 'source:acme/product-reviews/label=negative negative' \
    'source:acme/product-reviews/label=neutral neutral' \
    'source:acme/product-reviews/label=positive positive' \
    'source:plain/tweets-sentiment/sentiment=POSITIVE positive' \
    'source:plain/tweets-sentiment/sentiment=neg negative' \
    'source:plain/tweets-sentiment/sentiment=neutral neutral' \
    'source:plain/tweets-sentiment/sentiment=pos positive' >"$T/want"
cmp_out "ClassLabel names and plain strings: label_source keeps the original" \
    "$T/want" "$T/got"
jq -r 'select(.title == "stars/amazon-multi") | .meta.config + " " + .meta.split' \
    "$T/out" | sort | uniq -c | awk '{ print $2, $3, $1 }' >"$T/got"
printf '%s\n' 'de test 40' 'de train 250' 'en test 40' 'en train 250' >"$T/want"
cmp_out "two configs and two splits, train first" "$T/want" "$T/got"
jq -r 'select(.path == "/huggingface-viewer/rows") | .query' "$REPLAY_LOG" |
    sed -n 's/.*amazon-multi&config=\(..\)&split=train&offset=\([0-9]*\).*/\1 \2/p' |
    sort -u >"$T/got"
printf '%s\n' 'de 0' 'de 100' 'de 200' 'en 0' 'en 100' 'en 200' >"$T/want"
cmp_out "three pages per train split, none past its end" "$T/want" "$T/got"
grep -q 'dataset pairs/nli-mini: labels of column label: natural-language-inference labels (entailment/neutral/contradiction) do not map onto a sentiment label set; skipping it$' "$T/err" &&
    ok "NLI dataset refused for a sentiment plan, with the reason" ||
    not_ok "NLI dataset refused" "$(cat "$T/err")"
grep -q 'dataset social/tweet-emotions: labels of column label: emotion labels do not map onto a sentiment label set; skipping it$' "$T/err" &&
    ok "emotion dataset refused for a sentiment plan" ||
    not_ok "emotion dataset refused" "$(cat "$T/err")"
grep -q 'dataset locked/gated-reviews: gated: its terms must be accepted on the Hub and HF_TOKEN set; skipping it$' "$T/err" &&
    ! grep -q 'gated-reviews' "$REPLAY_LOG" &&
    ok "gated dataset without a token: skipped, nothing asked" ||
    not_ok "gated dataset without a token" "$(cat "$T/err")"
grep -q ': 3 datasets could not be read or used (labels 2, gated 1)$' "$T/err" &&
    ok "skipped datasets counted by reason" ||
    not_ok "skipped datasets counted by reason" "$(cat "$T/err")"
tail -n 1 "$T/prog" | jq -e '.dropped.label_unmapped == 10 and
    .dropped.label_missing == 10' >/dev/null &&
    ok "rows whose label does not map are dropped and counted" ||
    not_ok "rows dropped and counted" "$(tail -n 1 "$T/prog")"
jq -s -e 'all(.[]; (.label_source | startswith("source:")) and
    (.meta.columns.text | type == "string"))' "$T/out" >/dev/null &&
    ok "label_source and the chosen columns on every row" ||
    not_ok "label_source and columns"
jq -r 'select(.path == "/huggingface/api/datasets") | .query' "$REPLAY_LOG" >"$T/got"
echo 'search=labelled&limit=20&full=true&sort=downloads&direction=-1&filter=task_categories:text-classification&filter=language:en' >"$T/want"
cmp_out "the plan's task and language as Hub filters" "$T/want" "$T/got"
if grep -q '/info", "query": "dataset=pairs%2Fnli-mini"' "$REPLAY_LOG" &&
    ! grep -q 'rows", "query": "dataset=pairs' "$REPLAY_LOG"; then
	ok "/info features judge a dataset before any row is read"
else
	not_ok "/info features judge a dataset first"
fi

# Version 1: sentiment-analysis means the default labels.
printf '{"version":1,"task":"sentiment-analysis","languages":["en"],
"sources":{"huggingface":{"queries":["labelled"],"limit":300}}}\n' >"$T/v1.json"
ads-fetch-huggingface -p "$T/v1.json" >"$T/out" 2>/dev/null
test "$(wc -l <"$T/out")" -eq 300 &&
    test "$(jq -r .label "$T/out" | sort -u | tr '\n' ' ')" = 'negative neutral positive ' &&
    ok "v1 sentiment-analysis plan: negative/neutral/positive" ||
    not_ok "v1 sentiment-analysis plan" "$(jq -r .label "$T/out" | sort | uniq -c)"

# A binary set: neutral rows are dropped, never kept.
plan '{"name":"negative"},{"name":"positive"}'
ADS_PROGRESS=$T/prog ads-fetch-huggingface -p "$T/plan.json" >"$T/out" 2>"$T/err"
test "$(jq -r .label "$T/out" | sort -u | tr '\n' ' ')" = 'negative positive ' &&
    ! grep -q 'stars=3' "$T/out" && test "$(wc -l <"$T/out")" -eq 581 &&
    ok "binary plan: 3 stars and neutral dropped (581 rows)" ||
    not_ok "binary plan" "$(wc -l <"$T/out")" "$(cat "$T/err")"

# A star set: stars kept as they are, sentiment names refused.
plan '{"name":"1"},{"name":"2"},{"name":"3"},{"name":"4"},{"name":"5"}'
ads-fetch-huggingface -p "$T/plan.json" >"$T/out" 2>"$T/err"
test "$(jq -r '.label_source + " " + .label' "$T/out" | sed 's/.*stars=//' | sort -u | tr '\n' ' ')" = \
    '1 1 2 2 3 3 4 4 5 5 ' && test "$(wc -l <"$T/out")" -eq 580 &&
    grep -q 'acme/product-reviews: labels of column label: sentiment names do not map onto a star label set' "$T/err" &&
    ok "star plan: 1..5 kept, sentiment names refused" ||
    not_ok "star plan" "$(head -n 2 "$T/out")" "$(cat "$T/err")"

# An emotion set: only the emotion dataset.
plan '{"name":"joy"},{"name":"anger"},{"name":"sadness"},{"name":"fear"}'
ads-fetch-huggingface -p "$T/plan.json" >"$T/out" 2>"$T/err"
test "$(jq -r .title "$T/out" | sort -u)" = social/tweet-emotions &&
    test "$(jq -r .label "$T/out" | sort -u | tr '\n' ' ')" = 'anger fear joy sadness ' &&
    ok "emotion plan: emotions only, love and surprise dropped" ||
    not_ok "emotion plan" "$(cat "$T/err")"

# A gated dataset with a token: the viewer's 401 is a reason, not a failure.
plan "$SENT"
HF_TOKEN=hf_FIXTURETOKEN ads-fetch-huggingface -p "$T/plan.json" >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && grep -q 'dataset locked/gated-reviews: splits: HTTP 401: The dataset does not exist, or is not accessible without authentication' "$T/err" &&
    ! grep -q FIXTURETOKEN "$T/err" "$T/out" &&
    ok "gated dataset with a token: 401 reported, skipped" ||
    not_ok "gated dataset with a token" "exit $rc" "$(cat "$T/err")"

# A dataset the plan names is gone: search instead.
plan "$SENT" text-classification ',"datasets":["gone/missing","acme/product-reviews"]'
: >"$REPLAY_LOG"
ads-fetch-huggingface -p "$T/plan.json" >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && grep -q 'dataset gone/missing: splits: HTTP 404: Not found.; skipping it' "$T/err" &&
    grep -q '"path": "/huggingface/api/datasets"' "$REPLAY_LOG" &&
    test "$(wc -l <"$T/out")" -eq 750 &&
    test "$(jq -r .title "$T/out" | head -n 1)" = acme/product-reviews &&
    ok "a named dataset gone (404): the others read, then a search" ||
    not_ok "a named dataset gone" "exit $rc" "$(cat "$T/err")"

# Question answering: the columns of the task.
printf '{"version":2,"task":"question-answering","task_id":"extractive-qa","labels":[],
"columns":["question","context","answer"],"languages":["en"],
"sources":{"huggingface":{"queries":["squad"],"limit":50}}}\n' >"$T/qa.json"
ads-fetch-huggingface -p "$T/qa.json" >"$T/out" 2>"$T/err"
rc=$?
head -n 1 "$T/out" | jq -c '{text, question, context, answer, columns: .meta.columns}' >"$T/got"
echo '{"text":"The blender was made in 1900 by a small company.","question":"When was the blender made?","context":"The blender was made in 1900 by a small company.","answer":"1900","columns":{"question":"question","context":"context","answer":"answers"}}' >"$T/want"
test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 12 && cmp -s "$T/want" "$T/got" &&
    grep -q 'dataset acme/product-reviews: no question with a context or an answer; skipping it' "$T/err" &&
    ok "QA plan: question, context, answer (SQuAD answers); text is the context" ||
    not_ok "QA plan" "exit $rc" "$(cat "$T/got" "$T/err")"

# The card reports the labels per source and who gave them.
if have_tool ads-export; then
	plan "$SENT"
	ads-fetch-huggingface -p "$T/plan.json" >"$T/hf.jsonl" 2>/dev/null
	printf '%s\n' '{"id":"x:1","source":"llm-made","text":"t","label":"positive","label_source":"llm:test/model"}' \
	    '{"id":"x:2","source":"old","text":"t","label":"neg"}' >>"$T/hf.jsonl"
	ads-export -f jsonl -p "$T/plan.json" -o "$T/card" "$T/hf.jsonl" >/dev/null 2>"$T/err"
	awk '/^### Labels by source/ { on = 1; next } on && /^\| [^s-]/ { print; t = 1; next }
	    on && t && !/^\|/ { exit }' "$T/card/README.md" >"$T/got"
	printf '%s\n' '| huggingface | source | 750 | negative 286, neutral 169, positive 295 |' \
	    '| llm-made | llm | 1 | positive 1 |' '| old | unknown | 1 | neg 1 |' >"$T/want"
	sed -n '1,3p' "$T/got" >"$T/got3"
	cmp_out "card: labels by source and label_source prefix" "$T/want" "$T/got3"
	jq -c '.counts.labels_by_source.huggingface.source' "$T/card/dataset_card.json" >"$T/got"
	echo '{"negative":286,"neutral":169,"positive":295}' >"$T/want"
	cmp_out "dataset_card.json: counts.labels_by_source" "$T/want" "$T/got"
else
	skip "card: labels by source" "ads-export not built" 2
fi
