#!/bin/sh
# t8020-labelled-target -- issue 14's target, offline: a sentiment
# request run by the driver against replayed Hugging Face and Kaggle
# answers that offer enough rows gives the rows asked, at least 95% of
# them labelled, every label in the plan's set, and a card that says
# who gave the labels.  Once from the prompt (the keyword planner's
# version 1 plan) and once from a version 2 plan written by hand.
. "$(dirname "$0")/lib.sh"
checks 6

for t in ads ads-plan ads-fetch-huggingface ads-fetch-kaggle ads-scrub \
    ads-dedup ads-score ads-split ads-export; do
	if ! have_tool "$t"; then
		skip "labelled target" "$t is not built"
		exit 0
	fi
done
if ! command -v python3 >/dev/null; then
	skip "labelled target" "python3 is not installed"
	exit 0
fi
SOURCE_DATE_EPOCH=1764028800
ADS_CACHE_DIR=$T/cache
ADS_HTTP_RETRIES=1
ADS_HTTP_BACKOFF=0.05
export SOURCE_DATE_EPOCH ADS_CACHE_DIR ADS_HTTP_RETRIES ADS_HTTP_BACKOFF

# check NAME DIR ROWS -- the target on the dataset in DIR.
check() {
	cat "$2"/data/*.jsonl >"$T/all.jsonl" 2>/dev/null
	n=$(wc -l <"$T/all.jsonl")
	lab=$(jq -r 'select(.label == "negative" or .label == "neutral" or
	    .label == "positive") | .id' "$T/all.jsonl" | wc -l)
	other=$(jq -r 'select(has("label") and .label != "negative" and
	    .label != "neutral" and .label != "positive") | .id' \
	    "$T/all.jsonl" | wc -l)
	if test "$n" -ge "$3" && test $((lab * 100)) -ge $((n * 95)) &&
	    test "$other" -eq 0; then
		ok "$1: $n rows of $3, $lab labelled, none outside the set"
	else
		not_ok "$1: the target" "$n rows of $3, $lab labelled, $other outside"
	fi
	jq -s -e 'all(.[]; has("label") | not) or
	    all(.[] | select(has("label")); .label_source | startswith("source:"))' \
	    "$T/all.jsonl" >/dev/null &&
	    grep -q '^| kaggle | source | ' "$2/README.md" &&
	    jq -e '.counts.labels_by_source.kaggle.source.negative > 0' \
	    "$2/dataset_card.json" >/dev/null &&
	    ok "$1: label_source on every label; the card's labels by source" ||
	    not_ok "$1: label_source and the card"
}

ADS_BUILD=$BUILD sh "$TOP/scripts/demo" ads -P none -f jsonl \
    -w huggingface,kaggle -o "$T/a" \
    "a sentiment dataset of customer reviews about coffee gadgets in English, 300 examples" \
    >"$T/sum" 2>&1
rc=$?
test $rc -eq 0 && ok "prompt: exit 0" || not_ok "prompt: exit 0" "exit $rc" "$(cat "$T/sum")"
check "prompt (version 1 plan)" "$T/a" 300

cat >"$T/plan.json" <<'PLAN'
{"version":2,"prompt":"customer reviews, labelled","task":"text-classification",
"task_id":"sentiment-classification","labels":[{"name":"negative","description":"bad"},
{"name":"neutral","description":"mixed"},{"name":"positive","description":"good"}],
"columns":["text","label"],"domain":"reviews","languages":["en"],
"keywords":["customer reviews"],"target_rows":200,
"sources":{"huggingface":{"queries":["sentiment"],"limit":100},
"kaggle":{"queries":["customer reviews"],"limit":200}}}
PLAN
ADS_BUILD=$BUILD sh "$TOP/scripts/demo" ads -P none -f jsonl -n 200 \
    -p "$T/plan.json" -o "$T/b" >"$T/sum" 2>&1
rc=$?
test $rc -eq 0 && ok "version 2 plan: exit 0" ||
    not_ok "version 2 plan: exit 0" "exit $rc" "$(cat "$T/sum")"
check "version 2 plan" "$T/b" 200
