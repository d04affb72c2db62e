#!/bin/sh
# t4070-card-labelled -- the card of a task of labels says how many rows
# are labelled (by label_source kind), why the others are not and what
# to do, near the top, in its YAML and in dataset_card.json; a fetcher's
# requests are summed over the rounds; the licences without a Hub id are
# named as the table shows them.
# The card's Markdown quotes names in backticks: the patterns do too.
# shellcheck disable=SC2016
. "$(dirname "$0")/lib.sh"
checks 10

if ! have_tool ads-export; then
	skip "ads-export" "not built" 10
	exit 0
fi
cat >"$T/ner.json" <<'EOT'
{"version":2,"prompt":"a named entity recognition dataset of English news sentences",
"task":"token-classification","task_id":"named-entity-recognition",
"labels":[{"name":"PER"},{"name":"ORG"},{"name":"LOC"},{"name":"MISC"}],
"columns":["tokens","tags"],"languages":["en"],"sources":[]}
EOT
: >"$T/ner.jsonl"
for i in 1 2 3 4 5; do
	printf '{"id":"r:%d","source":"reddit","text":"Alice went to Paris %d","split":"train","license":"LicenseRef-Reddit-Data-API-Terms","label_source":"none:no-key"}\n' "$i" "$i" >>"$T/ner.jsonl"
done
echo '{"id":"n:1","source":"news","text":"Bob","split":"test","license":"CC-BY-4.0","label_source":"none:no-key-no-training-data"}' >>"$T/ner.jsonl"
cat >"$T/stats.jsonl" <<'EOT'
{"tool":"ads-fetch-reddit","phase":"done","out":3,"requests":4,"cached":0,"failed":0,"retries":1}
{"tool":"ads-fetch-reddit","phase":"done","out":5,"requests":6,"cached":2,"failed":1,"retries":0}
EOT
expect_code 0 "export of an unlabelled NER run" \
    ads-export -f jsonl -p "$T/ner.json" -S "$T/stats.jsonl" -o "$T/n" "$T/ner.jsonl"
C=$T/n/dataset_card.json
if jq -e '.labelling | .rows == 6 and .labelled == 0 and .by == {} and
    .unlabelled == {"none:no-key": 5, "none:no-key-no-training-data": 1} and
    (.why | length == 2 and (.[0] | test("no key")) and
    (.[1] | test("no key.*too few labelled records"))) and
    (.todo | test("LLM key") and test("ADS_LLM_URL") and
    test("source whose records carry labels"))' "$C" >/dev/null; then
	ok "dataset_card.json: 0 of 6 labelled, why and what to do"
else
	not_ok "dataset_card.json labelling" "$(jq -c .labelling "$C")"
fi
# Near the top: before the first section.
if sed -n '/^# a named/,/^## /p' "$T/n/README.md" |
    grep -q '^> \*\*0 of 6 rows labelled\*\* (unlabelled: `none:no-key` 5, `none:no-key-no-training-data` 1): no LLM was configured (no key); .* To label them: set an LLM key .*ADS_LLM_URL'; then
	ok "README: 0 of 6 rows labelled, before the sections"
else
	not_ok "README: rows labelled" "$(head -n 50 "$T/n/README.md")"
fi
if sed -n '2,/^---$/p' "$T/n/README.md" >"$T/yaml" &&
    grep -qx '# 0 of 6 rows labelled: see the card and dataset_card.json labelling' "$T/yaml" &&
    grep -qx -- '- unlabelled' "$T/yaml"; then
	ok "YAML: a comment and the tag unlabelled"
else
	not_ok "YAML: rows labelled" "$(cat "$T/yaml")"
fi
if jq -e '.stages["ads-fetch-reddit"] | .requests == 10 and .cached == 2
    and .retries == 1 and .failed == 1 and .rounds == 2 and .out == 5' \
    "$C" >/dev/null &&
    grep -q '5 records fetched in the last of 2 rounds; 10 requests over the rounds (2 from the cache), 1 failed' "$T/n/README.md"; then
	ok "a fetcher's requests summed over its 2 rounds"
else
	not_ok "requests over the rounds" "$(jq -c .stages "$C")"
fi
if grep -q '5 records are under terms the Hub has no id for (LicenseRef-Reddit-Data-API-Terms above, .*`license: other`' "$T/n/README.md" &&
    ! grep -q '`other` above' "$T/n/README.md"; then
	ok "licences without a Hub id named as the table shows them"
else
	not_ok "licence sentence" "$(grep -n 'no id for' "$T/n/README.md")"
fi

# Partly labelled text classification: K of N by kind.
cat >"$T/topic.json" <<'EOT'
{"version":2,"prompt":"a topic classification dataset of news headlines",
"task":"text-classification","task_id":"topic-classification",
"labels":[{"name":"sport"},{"name":"politics"}],"columns":["text","label"]}
EOT
cat >"$T/topic.jsonl" <<'EOT'
{"id":"a","source":"news","text":"Cup final","split":"train","license":"CC0-1.0","label":"sport","label_source":"source:news=sport"}
{"id":"b","source":"news","text":"Vote","split":"train","license":"CC0-1.0","label":"politics","label_source":"llm:openai/gpt-x"}
{"id":"c","source":"news","text":"Rain","split":"train","license":"CC0-1.0","label_source":"none:classifier-below-bar"}
EOT
expect_code 0 "export of a partly labelled run" \
    ads-export -f jsonl -p "$T/topic.json" -o "$T/t" "$T/topic.jsonl"
if jq -e '.labelling | .rows == 3 and .labelled == 2 and
    .by == {"source:news": 1, "llm:openai/gpt-x": 1} and
    .unlabelled == {"none:classifier-below-bar": 1}' \
    "$T/t/dataset_card.json" >/dev/null &&
    grep -q '^> \*\*2 of 3 rows labelled\*\* (`source:news` 1, `llm:openai/gpt-x` 1, unlabelled: `none:classifier-below-bar` 1)' "$T/t/README.md" &&
    grep -qx -- '- partly-labelled' "$T/t/README.md"; then
	ok "2 of 3 rows labelled, by label_source kind"
else
	not_ok "partly labelled" "$(jq -c .labelling "$T/t/dataset_card.json")" \
	    "$(grep -n labelled "$T/t/README.md")"
fi
# Not a task of labels: no labelling.
echo '{"id":"x","source":"news","text":"t","split":"train"}' >"$T/plain.jsonl"
ads-export -f jsonl -o "$T/p" "$T/plain.jsonl" 2>/dev/null
if jq -e '.labelling == null' "$T/p/dataset_card.json" >/dev/null &&
    ! grep -q 'rows labelled' "$T/p/README.md"; then
	ok "no task of labels: nothing said about labels"
else
	not_ok "no task of labels" "$(jq -c .labelling "$T/p/dataset_card.json")"
fi
# Each of these READMEs is rendered again from its dataset_card.json
# alone (ads-export -C), byte for byte.
same=0
for d in n t p; do
	rm -rf "$T/again"
	mkdir "$T/again"
	ads-export -C "$T/$d/dataset_card.json" -o "$T/again" 2>/dev/null &&
	    cmp -s "$T/$d/README.md" "$T/again/README.md" &&
	    same=$((same + 1))
done
if test "$same" -eq 3; then
	ok "the 3 READMEs rendered again from their dataset_card.json"
else
	not_ok "READMEs rendered again" "$same of 3 the same"
fi
