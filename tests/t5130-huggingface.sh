#!/bin/sh
# t5130-huggingface -- ads-fetch-huggingface through the replay server:
# Hub search, the viewer's splits and rows, text and label columns with
# ClassLabel names, languages, unreadable datasets skipped, faults, the
# plan's datasets, the token kept secret, and the recorded viewer
# answers in ../shared/fixtures.
. "$(dirname "$0")/lib.sh"
checks 37
. "$TOP/tests/replay/lib.sh"
replay_leaks

if ! have_tool ads-fetch-huggingface; then
	skip "ads-fetch-huggingface" "not built"
	exit 0
fi
replay_start "$FIXTURES/http/huggingface" || { not_ok "replay server"; exit 1; }
ADS_HF_URL=$REPLAY_URL/huggingface
ADS_HF_VIEWER_URL=$REPLAY_URL/huggingface-viewer
ADS_HTTP_BACKOFF=0.01
# Two retries are enough to test retrying, and keep the suite quick.
ADS_HTTP_RETRIES=2
SOURCE_DATE_EPOCH=1700000000
export ADS_HF_URL ADS_HF_VIEWER_URL ADS_HTTP_BACKOFF ADS_HTTP_RETRIES SOURCE_DATE_EPOCH
unset HF_TOKEN

ads-fetch-huggingface -q sentiment >"$T/out" 2>"$T/err"
rc=$?
n=$(wc -l <"$T/out")
test $rc -eq 0 && test "$n" -eq 100 && ok "-n 100 (default): 100 rows" ||
    not_ok "-n 100 (default): 100 rows" "exit $rc, $n" "$(cat "$T/err")"
test "$(jq -r .title "$T/out" | sort -u | tr '\n' ' ')" = \
    'acme/product-reviews pairs/nli-mini social/tweet-emotions ' &&
    ok "rows from three datasets; French, blocked, image-only left out" ||
    not_ok "rows from three datasets" "$(jq -r .title "$T/out" | uniq -c)"
jq -r .id "$T/out" | sort | uniq -d >"$T/dups"
test -s "$T/dups" && not_ok "no duplicate ids" "$(head -n 3 "$T/dups")" ||
    ok "no duplicate ids"
head -n 1 "$T/out" | jq -r '[.id, .source, .text, .title, .url, .lang,
    .license, .created, .query, .label, .meta.split, .meta.label_column,
    (.meta.text_columns | join(","))] | map(tostring) | join("|")' >"$T/got"
echo 'huggingface:acme/product-reviews:default:train:0|huggingface|This blender stopped working after a week.|acme/product-reviews|https://huggingface.co/datasets/acme/product-reviews|en|CC-BY-4.0|2024-03-01T10:00:00.000Z|sentiment|negative|train|label|review' \
    >"$T/want"
cmp_out "first row: text column, ClassLabel name, train split" "$T/want" "$T/got"
jq -r 'select(.title == "social/tweet-emotions") | .label' "$T/out" | sort -u |
    tr '\n' ' ' >"$T/got"
printf 'anger fear joy love sadness surprise ' >"$T/want"
cmp_out "labels are class names" "$T/want" "$T/got"
jq -r 'select(.id == "huggingface:pairs/nli-mini:default:train:0") | .text' "$T/out" >"$T/got"
printf 'premise: A customer returned the blender after two days.\nhypothesis: The blender was returned.\n' >"$T/want"
cmp_out "two text columns: named lines" "$T/want" "$T/got"
test "$(jq -r 'select(.id == "huggingface:pairs/nli-mini:default:train:3") | has("label")' "$T/out")" = false &&
    ok "label -1 (unlabelled) left out" || not_ok "label -1 (unlabelled) left out"
! grep -q '"huggingface:social/tweet-emotions:split:train:7"' "$T/out" &&
    ok "a row with empty text is skipped" || not_ok "a row with empty text is skipped"
grep -q 'dataset blocked/private-data: splits: HTTP 501: The parquet conversion has been disabled.*; skipping it' "$T/err" &&
    grep -q 'dataset images/cat-photos: no text column; skipping it' "$T/err" &&
    grep -q '100 records, [0-9]* requests (0 cached, 0 retried, 0 failed)' "$T/err" &&
    ok "unreadable datasets reported, not failures" ||
    not_ok "unreadable datasets reported, not failures" "$(cat "$T/err")"
grep -q 'search=sentiment&limit=20&full=true&sort=downloads&direction=-1' "$REPLAY_LOG" &&
    grep -q '/rows", "query": "dataset=acme%2Fproduct-reviews&config=default&split=train&offset=0&length=100"' "$REPLAY_LOG" &&
    ! grep -q 'avis-produits' "$REPLAY_LOG" &&
    ok "the requests sent" || not_ok "the requests sent" "$(head -c 800 "$REPLAY_LOG")"

ADS_PROGRESS=$T/prog ads-fetch-huggingface -n 1000 -q sentiment >"$T/out" 2>"$T/err"
test "$(wc -l <"$T/out")" -eq 194 && ok "-n 1000: every row of the three (130 + 39 + 25)" ||
    not_ok "-n 1000: every row" "$(wc -l <"$T/out")" "$(cat "$T/err")"
tail -n 1 "$T/prog" | jq -e '.phase == "done" and .out == 194 and
    .dropped.no_text == 1 and .dropped.duplicate == 0' >/dev/null &&
    ok "progress done: the empty row counted as dropped no_text" ||
    not_ok "progress done line" "$(tail -n 1 "$T/prog")"
ads-fetch-huggingface -l fr -q sentiment >"$T/out" 2>/dev/null
test "$(jq -r '[.lang, .label, .title] | join(" ")' "$T/out" | sort -u)" = 'fr positif fr-data/avis-produits' &&
    ok "-l fr: only the French dataset" || not_ok "-l fr: only the French dataset" "$(head -n 2 "$T/out")"

ADS_HTTP_RETRIES=1 ads-fetch-huggingface -n 150 -q rowsdown >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 4 && test "$(wc -l <"$T/out")" -eq 100 &&
    grep -q 'dataset down/rows-fail: rows: HTTP 503' "$T/err" &&
    ok "second rows page failing for good: first 100 written, exit 4" ||
    not_ok "second rows page failing for good" "exit $rc" "$(cat "$T/err")"
ads-fetch-huggingface -q badsort >"$T/out" 2>"$T/err"
test $? -eq 4 && grep -q '^ads-fetch-huggingface: query "badsort": HTTP 400: Invalid sort parameter$' "$T/err" &&
    ok "Hub error: reported, exit 4" || not_ok "Hub error: reported, exit 4" "$(cat "$T/err")"
ads-fetch-huggingface -q flaky >"$T/out" 2>"$T/err"
test $? -eq 0 && test "$(wc -l <"$T/out")" -eq 100 && grep -q '1 retried' "$T/err" &&
    ok "503 on the search: retried" || not_ok "503 on the search: retried" "$(cat "$T/err")"
ads-fetch-huggingface -q nothing >"$T/out" 2>"$T/err"
test $? -eq 0 && ! test -s "$T/out" && ok "no datasets found: exit 0" ||
    not_ok "no datasets found: exit 0"

# The man page's plan example, and the plan's datasets.
echo '{"sources":{"huggingface":{"datasets":
    ["pairs/nli-mini",{"id":"social/tweet-emotions","config":"split","split":"train"}],"limit":30}}}' |
    ads-fetch-huggingface -p - >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 30 &&
    test "$(jq -r .title "$T/out" | uniq | tr '\n' ' ')" = 'pairs/nli-mini social/tweet-emotions ' &&
    ! grep -q 'api/datasets' "$REPLAY_LOG.plan" 2>/dev/null &&
    ! grep -q 'splits?dataset=social' "$REPLAY_LOG"; then
	ok "-p datasets: read without a search; config and split as given"
else
	not_ok "-p datasets" "exit $rc" "$(cat "$T/err")"
fi
# The plan's task_category, and its one language, as Hub search filters.
: >"$REPLAY_LOG"
echo '{"sources":{"huggingface":{"queries":["sentiment"],"task_category":"text-classification",
    "lang":["en"],"limit":5}}}' | ads-fetch-huggingface -p - >"$T/out" 2>"$T/err"
rc=$?
jq -r 'select(.path == "/huggingface/api/datasets") | .query' "$REPLAY_LOG" >"$T/got"
echo 'search=sentiment&limit=20&full=true&sort=downloads&direction=-1&filter=task_categories:text-classification&filter=language:en' >"$T/want"
test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 5 && cmp -s "$T/want" "$T/got" &&
    ok "-p task_category and one language: filter=task_categories:...&filter=language:en" ||
    not_ok "-p task_category" "exit $rc" "$(cat "$T/got")" "$(cat "$T/err")"
: >"$REPLAY_LOG"
echo '{"sources":{"huggingface":{"queries":["sentiment"],"task_category":"text-classification",
    "lang":["en","fr"],"limit":5}}}' | ads-fetch-huggingface -p - >"$T/out" 2>"$T/err"
test "$(jq -r 'select(.path == "/huggingface/api/datasets") | .query' "$REPLAY_LOG")" = \
    'search=sentiment&limit=20&full=true&sort=downloads&direction=-1&filter=task_categories:text-classification' &&
    ok "-p two languages: the task filter alone (the Hub ANDs filters)" ||
    not_ok "-p two languages" "$(jq -r .query "$REPLAY_LOG")"
: >"$REPLAY_LOG"
echo '{"sources":{"huggingface":{"queries":["untagged"],"task_category":"text-classification","limit":5}}}' |
    ads-fetch-huggingface -p - >"$T/out" 2>"$T/err"
rc=$?
jq -r 'select(.path == "/huggingface/api/datasets") | .query' "$REPLAY_LOG" >"$T/got"
printf '%s\n' 'search=untagged&limit=20&full=true&sort=downloads&direction=-1&filter=task_categories:text-classification' \
    'search=untagged&limit=20&full=true&sort=downloads&direction=-1' >"$T/want"
test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 5 && cmp -s "$T/want" "$T/got" &&
    ok "nothing found with the filters: searched again without them" ||
    not_ok "search again without the filters" "exit $rc" "$(diff "$T/want" "$T/got")" "$(cat "$T/err")"
: >"$REPLAY_LOG"
ads-fetch-huggingface -n 5 -q sentiment >"$T/out" 2>/dev/null
ads-fetch-huggingface -n 5 -l fr -q sentiment >"$T/out" 2>/dev/null
jq -r 'select(.path == "/huggingface/api/datasets") | .query' "$REPLAY_LOG" >"$T/got"
printf '%s\n' 'search=sentiment&limit=20&full=true&sort=downloads&direction=-1' \
    'search=sentiment&limit=20&full=true&sort=downloads&direction=-1&filter=language:fr' >"$T/want"
cmp_out "-q: no filter; -l fr: filter=language:fr" "$T/want" "$T/got"
echo '{"sources":{"github":{}}}' | ads-fetch-huggingface -p - 2>"$T/err" >"$T/out"
test $? -eq 0 && grep -q 'not in the plan; skipping huggingface' "$T/err" &&
    ok "not in the plan: skipped" || not_ok "not in the plan: skipped"

HF_TOKEN=hf_SEKRETTOKEN ads-fetch-huggingface -n 2 -q sentiment >"$T/out" 2>"$T/err"
if grep -q '"Authorization": "<present>"' "$REPLAY_LOG" &&
    ! grep -q SEKRET "$T/out" "$T/err" "$REPLAY_LOG"; then
	ok "HF_TOKEN: sent, never shown"
else
	not_ok "HF_TOKEN: sent, never shown"
fi

# Conformance: the viewer's published answers in ../shared/fixtures.
if need_shared "Hugging Face viewer answers" 12; then
	S=$SHARED/fixtures/huggingface
	D=$T/shared
	mkdir -p "$D"
	V=/huggingface-viewer
	cat >"$D/routes" <<EOF
GET $V/splits?dataset=ibm%2Fduorc $S/viewer-splits-200-all-splits-in-a-dataset.json
GET $V/rows?dataset=ibm%2Fduorc&config=ParaphraseRC&split=train&offset=0&* $S/viewer-rows-200-a-slice-of-a-simple-dataset-stanfordnlp-imdb.json
GET $V/splits?dataset=dair-ai%2Femotion $S/viewer-splits-200-splits-for-a-single-subset.json
GET $V/rows?dataset=dair-ai%2Femotion&config=unsplit&split=train&offset=0&* $S/viewer-first-rows-200-a-simple-dataset-stanfordnlp-stanfordnlp-imdb-with.json
GET $V/rows?dataset=audio%2Fx&* $S/viewer-first-rows-200-audio-column.json
GET $V/rows?dataset=series%2Fx&* $S/viewer-first-rows-200-truncated-cells.json
GET $V/rows?dataset=huggan%2Fhorse2zebra&* $S/viewer-rows-200-a-slice-of-an-image-dataset-huggan-horse2zebra.json
GET $V/rows?dataset=missing%2Fx&* $S/viewer-rows-404-error-in-the-dataset-itself.json
GET $V/rows?dataset=bad%2Fx&* $S/viewer-rows-422-negative-offset.json
GET $V/rows?dataset=nods%2Fx&* $S/viewer-rows-422-missing-dataset.json
GET $V/rows?dataset=images%2Fx&* $S/viewer-first-rows-200-image-column.json
GET $V/rows?dataset=broken%2Fx&* $S/viewer-first-rows-500-error-in-the-dataset-itself.json
GET $V/splits?dataset=many%2Fconfigs $S/viewer-splits-501-too-many-subsets-in-the-dataset.json
GET $V/splits?dataset=severo%2Fempty $S/viewer-splits-500-error-in-the-dataset-itself.json
EOF
	replay_start "$D"
	ADS_HF_VIEWER_URL=$REPLAY_URL/huggingface-viewer
	plan() {
		printf '{"sources":{"huggingface":{"datasets":[%s]}}}\n' "$1" >"$T/p.json"
	}
	plan '"ibm/duorc"'
	ads-fetch-huggingface -n 3 -p "$T/p.json" >"$T/out" 2>"$T/err"
	rc=$?
	jq -r '[.id, .label, (.text | length > 100)] | map(tostring) | join(" ")' "$T/out" >"$T/got"
	printf '%s\n' 'huggingface:ibm/duorc:ParaphraseRC:train:234 neg true' \
	    'huggingface:ibm/duorc:ParaphraseRC:train:235 neg true' \
	    'huggingface:ibm/duorc:ParaphraseRC:train:236 neg true' >"$T/want"
	test $rc -eq 0 && cmp -s "$T/want" "$T/got" &&
	    ok "shared splits (first config, train) and rows: ClassLabel neg/pos" ||
	    not_ok "shared splits and rows" "exit $rc" "$(cat "$T/got" "$T/err")"
	plan '"dair-ai/emotion"'
	ads-fetch-huggingface -n 3 -p "$T/p.json" >"$T/out" 2>"$T/err"
	test "$(jq -r '[.meta.config, .meta.split, .label] | join(" ")' "$T/out" | sort -u | tr '\n' ';')" = \
	    'unsplit train neg;' &&
	    ok "shared single-subset splits; first-rows shape" ||
	    not_ok "shared single-subset splits" "$(cat "$T/err")"
	plan '{"id":"audio/x","config":"c","split":"s"}'
	ads-fetch-huggingface -n 3 -p "$T/p.json" >"$T/out" 2>"$T/err"
	test "$(jq -r '.meta.text_columns | join(",")' "$T/out" | sort -u)" = normalized_text &&
	    test "$(jq -r .label "$T/out" | sort -u)" = cs &&
	    ok "shared audio dataset: transcript text, ClassLabel language" ||
	    not_ok "shared audio dataset" "$(head -c 400 "$T/out")" "$(cat "$T/err")"
	for c in series:'no text column' huggan/horse2zebra:'no text column' \
	    missing:'rows: HTTP 404: Not found.' bad:"rows: HTTP 422: Parameter 'offset' must be positive" \
	    nods:"rows: HTTP 422: Parameter 'dataset' is required" \
	    images:'no text column'; do
		ds=${c%%:*}
		case $ds in */*) ;; *) ds=$ds/x ;; esac
		plan "{\"id\":\"$ds\",\"config\":\"c\",\"split\":\"s\"}"
		ads-fetch-huggingface -p "$T/p.json" >"$T/out" 2>"$T/err"
		rc=$?
		test $rc -eq 0 && ! test -s "$T/out" && grep -qF "${c#*:}" "$T/err" &&
		    ok "shared $ds: skipped with the reason" ||
		    not_ok "shared $ds: skipped with the reason" "exit $rc" "$(cat "$T/err")"
	done
	plan '"many/configs"'
	ads-fetch-huggingface -p "$T/p.json" >"$T/out" 2>"$T/err"
	test $? -eq 0 && grep -q 'HTTP 501: The maximum number of configs allowed is 3000' "$T/err" &&
	    ok "shared 501 too many configs: skipped" ||
	    not_ok "shared 501 too many configs: skipped" "$(cat "$T/err")"
	plan '"severo/empty"'
	ADS_HTTP_RETRIES=1 ads-fetch-huggingface -p "$T/p.json" >"$T/out" 2>"$T/err"
	test $? -eq 4 && grep -q 'splits: HTTP 500: The dataset is empty.$' "$T/err" &&
	    ok "shared 500: retried, then exit 4 with the message" ||
	    not_ok "shared 500: retried, then exit 4" "$(cat "$T/err")"
	plan '{"id":"broken/x","config":"c","split":"s"}'
	ADS_HTTP_RETRIES=1 ads-fetch-huggingface -p "$T/p.json" >"$T/out" 2>"$T/err"
	rc=$?
	test $rc -eq 4 && ! test -s "$T/out" &&
	    test "$(wc -l <"$T/err")" -eq 3 &&
	    grep -q 'lost 1 of 1 items (100%)' "$T/err" &&
	    grep -q '^ads-fetch-huggingface: dataset broken/x: rows: HTTP 500: Cannot load the dataset split (in streaming mode) to extract the first rows.$' "$T/err" &&
	    ok "shared rows 500 with a traceback: one line, exit 4" ||
	    not_ok "shared rows 500 with a traceback: one line, exit 4" "exit $rc" "$(cat "$T/err")"
fi

# The man page's first example (the second is the -p datasets test).
replay_start "$FIXTURES/http/huggingface"
ADS_HF_URL=$REPLAY_URL/huggingface
ADS_HF_VIEWER_URL=$REPLAY_URL/huggingface-viewer
ads-fetch-huggingface -l en -n 500 -q 'sentiment' >"$T/hf.jsonl" 2>"$T/err"
test $? -eq 0 && test "$(wc -l <"$T/hf.jsonl")" -eq 194 &&
    ok "EXAMPLES: -l en -n 500 -q 'sentiment'" ||
    not_ok "EXAMPLES: -l en -n 500 -q 'sentiment'" "$(cat "$T/err")"
