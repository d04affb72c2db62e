#!/bin/sh
# t4080-card-render -- README.md is rendered from the facts of
# dataset_card.json alone: ads-export -C renders the same README.md and
# LICENSE.md again from the dataset_card.json of an export, a fact
# changed in the card changes README.md, and a card without the members
# the rendering reads is reported.
# shellcheck disable=SC2016
. "$(dirname "$0")/lib.sh"
checks 17

if ! have_tool ads-export; then
	skip "ads-export" "not built" 17
	exit 0
fi
cat >"$T/plan.json" <<'EOT'
{"version":2,"prompt":"a sentiment dataset of German and English reviews",
"task":"text-classification","task_id":"sentiment-classification",
"labels":[{"name":"negative"},{"name":"neutral"},{"name":"positive"}],
"columns":["text","label"],"languages":["en","de"],"target_rows":20,
"sources":[]}
EOT
: >"$T/in.jsonl"
for i in 1 2 3 4 5 6 7 8; do
	case $i in
	[1-4]) sp=train ;; [56]) sp=validation ;; *) sp='test' ;;
	esac
	case $i in
	[135]) lab=positive ls=source:stars=5 ;; [27]) lab=negative ls=llm:openai/gpt ;;
	*) lab='' ls=none:no-key ;;
	esac
	case $i in [1234]) lang=en src=reddit lic=LicenseRef-Reddit-Data-API-Terms ;;
	*) lang=de-DE src=kaggle lic=CC-BY-4.0 ;;
	esac
	printf '{"id":"%s:%d","source":"%s","text":"review %d","split":"%s","license":"%s","lang":"%s","quality":0.%d,"label_source":"%s"%s%s}\n' \
	    "$src" "$i" "$src" "$i" "$sp" "$lic" "$lang" "$i" "$ls" \
	    "$(test -n "$lab" && printf ',"label":"%s"' "$lab")" \
	    "$(test "$i" = 2 && printf ',"pii":{"email":2}')" >>"$T/in.jsonl"
done
echo '{"id":"hf:9","source":"huggingface","text":"one more","split":"train","label":"neutral","label_source":"source:label=1"}' >>"$T/in.jsonl"
cat >"$T/stats.jsonl" <<'EOT'
{"tool":"ads","phase":"done","target_rows":20,"sources":{"reddit":{"asked":10,"fetched":4,"stopped":"source exhausted"},"kaggle":{"asked":10,"fetched":6,"stopped":"quota met"}},"languages_kept":["en","de"]}
{"tool":"ads-plan","phase":"done","planner":"rules"}
{"tool":"ads-fetch-reddit","phase":"done","out":4,"requests":3,"cached":1,"failed":0,"dropped":{"duplicate":2}}
{"tool":"ads-scrub","phase":"done","in":10,"out":9,"with_pii":1,"pii":{"email":2},"dropped":{"pii":1}}
{"tool":"ads-dedup","phase":"done","in":9,"out":9,"dropped":{"exact":0,"near":0}}
{"tool":"ads-label","phase":"done","in":9,"out":9,"model":"gpt","label_sources":{"source":{"positive":3,"neutral":1},"llm":{"negative":2},"none":{"none:no-key":3}},"estimate":{"requests":1,"input":100,"output":10,"cost_usd":0.01}}
{"tool":"ads-score","phase":"done","in":9,"out":9,"quality_mean":0.45,"dropped":{"lang":0}}
{"tool":"ads-split","phase":"done","in":9,"out":9,"seed":7,"splits":{"train":5,"validation":2,"test":2}}
EOT

# roundtrip NAME DIR -- ads-export -C on DIR's dataset_card.json renders
# DIR's README.md (and LICENSE.md) again, byte for byte.
roundtrip() {
	rm -rf "$T/again"
	mkdir "$T/again"
	if ! ads-export -C "$2/dataset_card.json" -o "$T/again" 2>"$T/err"; then
		not_ok "$1" "exit $?" "$(cat "$T/err")"
	elif ! cmp -s "$2/README.md" "$T/again/README.md"; then
		not_ok "$1: README.md differs" \
		    "$(diff "$2/README.md" "$T/again/README.md" | head -n 20)"
	elif test -f "$2/LICENSE.md" &&
	    ! cmp -s "$2/LICENSE.md" "$T/again/LICENSE.md"; then
		not_ok "$1: LICENSE.md differs"
	elif { test -f "$T/again/LICENSE.md"; a=$?; test -f "$2/LICENSE.md"
	    test "$a" -ne $?; }; then
		not_ok "$1: LICENSE.md written or not as the export did"
	else
		ok "$1 ($(wc -l <"$2/README.md") lines)"
	fi
}

for f in parquet csv jsonl; do
	if ads-export -f "$f" -p "$T/plan.json" -S "$T/stats.jsonl" \
	    --seed 7 --command "ads 'reviews'" -o "$T/$f" "$T/in.jsonl" \
	    2>"$T/err"; then
		roundtrip "$f: README.md rendered again from dataset_card.json is the same" "$T/$f"
	else
		not_ok "$f export" "$(cat "$T/err")"
	fi
done
D=$T/parquet
# The sections the facts feed are all there: the check means something.
if grep -q '^## Labels$' "$D/README.md" &&
    grep -q '^| label source | train | validation | test | all |$' "$D/README.md" &&
    grep -q '^### Labels by source$' "$D/README.md" &&
    grep -q '^### How the records were labelled$' "$D/README.md" &&
    grep -q '^### Rows asked and delivered$' "$D/README.md" &&
    grep -q '^In this dataset 1 records carry replacements' "$D/README.md" &&
    grep -q '^| 0.8 to 1.0 | 1 |$' "$D/README.md" &&
    grep -q '^license_name: licenseref-reddit-data-api-terms$' "$D/README.md" &&
    test -f "$D/LICENSE.md"; then
	ok "the card has every section the facts feed, and LICENSE.md"
else
	not_ok "the card's sections" "$(cat "$D/README.md")"
fi
if jq -e '.counts | .license_source == {"LicenseRef-Reddit-Data-API-Terms":
    {"reddit":4},"CC-BY-4.0":{"kaggle":4},"unknown":{"huggingface":1}} and
    .label_totals == {"positive":3,"negative":2,"neutral":1} and
    .label_source_totals == {"none:no-key":3,"source:stars":3,"llm:openai/gpt":2,"source:label":1}' \
    "$D/dataset_card.json" >/dev/null; then
	ok "dataset_card.json: license_source, label_totals, label_source_totals"
else
	not_ok "new counts members" "$(jq -c .counts "$D/dataset_card.json")"
fi
# Another export: no plan, no stats, a plain card.
ads-export -o "$T/plain" "$FIXTURES/records.jsonl" 2>/dev/null
roundtrip "a card without plan nor statistics: the same README.md" "$T/plain"

# A fact changed in the card is what README.md shows.
jq -c '.name = "Renamed | card" | .counts.label_totals.positive = 41 |
    .counts.sources.kaggle = 17 | .quality.mean = 0.875' \
    "$D/dataset_card.json" >"$T/changed.json"
rm -rf "$T/again"
mkdir "$T/again"
ads-export -C "$T/changed.json" -o "$T/again" 2>"$T/err"
R=$T/again/README.md
if grep -qx '# Renamed \\| card' "$R" && grep -qx 'pretty_name: "Renamed | card"' "$R" &&
    grep -q '^| positive | [0-9]* | [0-9]* | [0-9]* | 41 |$' "$R" &&
    grep -q '^| kaggle | 17 |' "$R" && grep -q 'mean 0\.875,' "$R"; then
	ok "README.md shows the facts of the card it was rendered from"
else
	not_ok "README.md from changed facts" "$(cat "$T/err")" "$(head -n 60 "$R")"
fi
# Rendering again in the export's folder leaves the data and the card.
before=$(cd "$D" && find . -type f ! -name README.md | sort | xargs cksum)
mv "$D/README.md" "$T/README.export"
expect_code 0 "-C in the export's own folder" \
    ads-export -C "$D/dataset_card.json" -o "$D"
after=$(cd "$D" && find . -type f ! -name README.md | sort | xargs cksum)
if test "$before" = "$after" && cmp -s "$D/README.md" "$T/README.export"; then
	ok "-C writes README.md and leaves the data and dataset_card.json"
else
	not_ok "-C left the rest alone" "$before" "$after"
fi

# Cards the rendering cannot read are reported, exit 1.
echo '{"name":1}' >"$T/bad1.json"
expect_code 1 "a card whose name is a number: exit 1" \
    ads-export -C "$T/bad1.json" -o "$T/again"
if grep -q "bad1.json: not a card ads-export wrote: name: want a string" "$T/.err"; then
	ok "the message names the member"
else
	not_ok "message" "$(cat "$T/.err")"
fi
jq -c 'del(.counts.label_totals)' "$D/dataset_card.json" >"$T/bad2.json"
expect_code 1 "a card without counts.label_totals: exit 1" \
    ads-export -C "$T/bad2.json" -o "$T/again"
jq -c '.counts.splits = {"a\nb: x": 1}' "$D/dataset_card.json" >"$T/bad3.json"
expect_code 1 "a split name that would break the YAML: exit 1" \
    ads-export -C "$T/bad3.json" -o "$T/again"
printf '{"name":' >"$T/bad4.json"
expect_code 1 "not JSON: exit 1" ads-export -C "$T/bad4.json" -o "$T/again"
expect_code 3 "a card that cannot be read: exit 3" \
    ads-export -C "$T/none.json" -o "$T/again"
expect_code 2 "-C with input files: usage" \
    ads-export -C "$D/dataset_card.json" -o "$T/again" "$T/in.jsonl"
expect_code 2 "-C with another option: usage" \
    ads-export -C "$D/dataset_card.json" -f csv -o "$T/again"
