#!/bin/sh
# t5100-wikipedia -- ads-fetch-wikipedia through the replay server:
# search continuation, batched article texts, redirects, missing pages,
# the revision fallback, languages, both formatversions, errors and
# faults, the plan, the cache, and every recorded Action API answer in
# ../shared/fixtures.
. "$(dirname "$0")/lib.sh"
checks 40
. "$TOP/tests/replay/lib.sh"
replay_leaks

if ! have_tool ads-fetch-wikipedia; then
	skip "ads-fetch-wikipedia" "not built"
	exit 0
fi
replay_start "$FIXTURES/http/wikipedia" || { not_ok "replay server"; exit 1; }
ADS_WIKIPEDIA_URL="$REPLAY_URL/wikipedia/{lang}"
ADS_HTTP_BACKOFF=0.01
# Two retries are enough to test retrying, and keep the suite quick.
ADS_HTTP_RETRIES=2
SOURCE_DATE_EPOCH=1700000000
export ADS_WIKIPEDIA_URL ADS_HTTP_BACKOFF ADS_HTTP_RETRIES SOURCE_DATE_EPOCH

ADS_PROGRESS=$T/prog ads-fetch-wikipedia -q 'machine learning' >"$T/out" 2>"$T/err"
rc=$?
n=$(wc -l <"$T/out")
tail -n 1 "$T/prog" | jq -e '.phase == "done" and .out == 23 and
    .dropped.missing == 1 and .dropped.duplicate == 1' >/dev/null &&
    ok "progress done: the deleted page and the duplicate counted" ||
    not_ok "progress done line" "$(tail -n 1 "$T/prog")"
if test $rc -eq 0 && test "$n" -eq 23; then
	ok "two search pages: 23 articles (one deleted, one duplicate redirect)"
else
	not_ok "two search pages: 23 articles" "exit $rc, $n" "$(cat "$T/err")"
fi
jq -r .id "$T/out" | sort | uniq -d >"$T/dups"
test -s "$T/dups" && not_ok "no duplicate ids" "$(cat "$T/dups")" ||
    ok "no duplicate ids"
head -n 1 "$T/out" | jq -r '[.id, .source, .title, .url, .lang, .license,
    .retrieved, .query, .meta.pageid, .meta.revid,
    (.text | startswith("Machine learning is a field of study")),
    (.text | contains("\n\nOverview\n\nLearning algorithms"))] |
    map(tostring) | join("|")' >"$T/got"
echo 'wikipedia:en:233488|wikipedia|Machine learning|https://en.wikipedia.org/wiki/Machine_learning|en|CC-BY-SA-4.0|2023-11-14T22:13:20Z|machine learning|233488|2334887|true|true' \
    >"$T/want"
cmp_out "first record: fields from the API" "$T/want" "$T/got"
jq -r 'select(.title == "Boosting (machine learning)") | .text' "$T/out" \
    >"$T/got"
printf '%s\n' 'Boosting is an ensemble metaheuristic for primarily reducing bias and variance in supervised learning.' \
    '' 'Algorithms' '' 'AdaBoost' 'Gradient boosting' >"$T/want"
cmp_out "no extract: revision HTML reduced to text" "$T/want" "$T/got"
grep -q 'prop=revisions.*titles=Boosting%20%28machine%20learning%29' \
    "$REPLAY_LOG" && ok "the revision fallback was asked for" ||
    not_ok "the revision fallback was asked for"
grep -q '^ads-fetch-wikipedia: 1 search results had no article text$' \
    "$T/err" && ok "the deleted page is counted" ||
    not_ok "the deleted page is counted" "$(cat "$T/err")"
grep '"path": "/wikipedia/en/w/api.php"' "$REPLAY_LOG" >"$T/log"
if grep -q 'list=search&srsearch=machine%20learning&srlimit=20.*&sroffset=20&continue=-%7C%7C' \
    "$T/log" && grep -q 'excontinue=4&continue=%7C%7C' "$T/log" &&
    ! grep -v '"User-Agent": "ads/' "$T/log" | grep -q .; then
	ok "continuations echoed; every request has a User-Agent"
else
	not_ok "continuations echoed; every request has a User-Agent" \
	    "$(head -c 600 "$T/log")"
fi
test "$(jq -r .id "$T/out" | head -n 5 | tr '\n' ' ')" = \
    'wikipedia:en:233488 wikipedia:en:20926 wikipedia:en:233497 wikipedia:en:66294 wikipedia:en:32472154 ' &&
    ok "records in search order" || not_ok "records in search order"

ads-fetch-wikipedia -n 3 -q 'machine learning' >"$T/out" 2>"$T/err"
test "$(wc -l <"$T/out")" -eq 3 &&
    grep -q '3 records, 6 requests' "$T/err" &&
    ok "-n 3: one search, one batch of five texts" ||
    not_ok "-n 3: one search, one batch of five texts" "$(cat "$T/err")"

ads-fetch-wikipedia -l es -q aprendizaje >"$T/out" 2>"$T/err"
if test "$(jq -r '[.id, .lang, .url] | join(" ")' "$T/out" | head -n 1)" = \
    'wikipedia:es:1500000 es https://es.wikipedia.org/wiki/Aprendizaje_automático' &&
    test "$(wc -l <"$T/out")" -eq 3; then
	ok "-l es: the Spanish edition"
else
	not_ok "-l es: the Spanish edition" "$(cat "$T/out" "$T/err")"
fi
ads-fetch-wikipedia -l en,es -n 6 -q x >"$T/out" 2>/dev/null
test "$(jq -r .lang "$T/out" | uniq -c | tr -s ' ' | tr '\n' ';')" = \
    ' 3 en; 3 es;' && ok "-l en,es: the limit shared by languages" ||
    not_ok "-l en,es: the limit shared by languages" "$(jq -c .id "$T/out")"

ads-fetch-wikipedia -q legacy >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test "$(jq -r .id "$T/out" | tr '\n' ' ')" = \
    'wikipedia:en:1868108 wikipedia:en:37008 ' &&
    test "$(jq -r 'select(.id == "wikipedia:en:37008") | .meta.redirected_from' "$T/out")" = \
    'communist Party' &&
    test "$(jq -r 'select(.id == "wikipedia:en:1868108") | .text' "$T/out" | wc -l)" -eq 3 &&
    grep -q 'srsearch=legacy.*&sroffset=3' "$REPLAY_LOG"; then
	ok "formatversion 1: query-continue, pages by id, normalized + redirect, missing"
else
	not_ok "formatversion 1 shapes" "exit $rc" "$(cat "$T/out" "$T/err")"
fi

ads-fetch-wikipedia -q badvalue >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 4 && grep -q '^ads-fetch-wikipedia: query "badvalue" (en): HTTP 200: badvalue: Unrecognized value for parameter "list": serch.$' \
    "$T/err" && ok "API error: exit 4, code and info in one line" ||
    not_ok "API error: exit 4, code and info in one line" "exit $rc" \
    "$(cat "$T/err")"
ads-fetch-wikipedia -q notjson >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 4 && test "$(grep -c 'invalid JSON' "$T/err")" -eq 1 &&
    test "$(wc -l <"$T/err")" -eq 2 &&
    ok "an answer that is not JSON: exit 4, one line" ||
    not_ok "an answer that is not JSON: exit 4, one line" "$(cat "$T/err")"
ads-fetch-wikipedia -q nothing >"$T/out" 2>"$T/err"
test $? -eq 0 && ! test -s "$T/out" && ok "no results: exit 0" ||
    not_ok "no results: exit 0"
ads-fetch-wikipedia -q flaky >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 23 &&
    grep -q '2 retried, 0 failed' "$T/err" &&
    ok "429 on each search page: waited, retried, everything fetched" ||
    not_ok "429 on each search page" "exit $rc" "$(cat "$T/err")"
start=$(date +%s)
ADS_HTTP_RETRIES=2 ads-fetch-wikipedia -q down >"$T/out" 2>"$T/err"
rc=$?
took=$(($(date +%s) - start))
test $rc -eq 4 && test "$took" -lt 10 &&
    grep -q '^ads-fetch-wikipedia: query "down" (en): HTTP 503$' "$T/err" &&
    ok "503 for good: bounded, exit 4" ||
    not_ok "503 for good: bounded, exit 4" "exit $rc ${took}s" "$(cat "$T/err")"
ADS_HTTP_RETRIES=1 ads-fetch-wikipedia -l xx -q textdown >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && test "$(wc -l <"$T/out")" -eq 3 &&
    grep -q 'query "textdown" (xx): article text: HTTP 503' "$T/err"; then
	ok "texts fail mid-batch: the three fetched are written, exit 4"
else
	not_ok "texts fail mid-batch" "exit $rc" "$(cat "$T/err")"
fi

cat >"$T/plan.json" <<'EOF'
{"version":1,"prompt":"p","languages":["en","es"],"keywords":["k"],
 "sources":{"wikipedia":{"queries":["machine learning"],"limit":4}}}
EOF
ads-fetch-wikipedia -p "$T/plan.json" >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && test "$(jq -r .lang "$T/out" | tr '\n' ' ')" = 'en en es es ' &&
    ok "-p: queries, limit, and the plan's languages" ||
    not_ok "-p: queries, limit, and the plan's languages" "exit $rc" \
    "$(cat "$T/err")"
echo '{"sources":{"wikipedia":{"queries":["machine learning"],"lang":["es"]}},"languages":["en"]}' |
    ads-fetch-wikipedia -n 1 -p - >"$T/out" 2>/dev/null
test "$(jq -r .lang "$T/out")" = es && ok "-p: the section's lang beats languages" ||
    not_ok "-p: the section's lang beats languages"
# queries_by_lang: each edition searches only its language's queries;
# a language missing from the map searches every query.
cat >"$T/plan-by.json" <<'EOF'
{"version":1,"sources":{"wikipedia":{"queries":["machine learning","aprendizaje","maschinelles lernen"],
 "queries_by_lang":{"en":["machine learning"],"es":["aprendizaje"]},
 "lang":["en","es","de"],"limit":6}}}
EOF
: >"$REPLAY_LOG"
ads-fetch-wikipedia -p "$T/plan-by.json" >"$T/out" 2>"$T/err"
rc=$?
jq -r 'select(.query | test("list=search")) | [(.path | split("/")[2]),
    (.query | capture("srsearch=(?<q>[^&]*)").q)] | join(" ")' "$REPLAY_LOG" >"$T/got"
printf '%s\n' 'en machine%20learning' 'es aprendizaje' 'de machine%20learning' \
    'de aprendizaje' 'de maschinelles%20lernen' >"$T/want"
if test $rc -eq 0 && cmp -s "$T/want" "$T/got" &&
    test "$(jq -r '[.lang, .query] | join(":")' "$T/out" | uniq -c | tr -s ' ' | tr '\n' ';')" = \
    ' 2 en:machine learning; 2 es:aprendizaje;'; then
	ok "-p queries_by_lang: each edition its own queries; de (not in the map) all"
else
	not_ok "-p queries_by_lang" "exit $rc" "$(diff "$T/want" "$T/got")" "$(cat "$T/err")"
fi
# (Editions without results, so that every search is made.)
jq 'del(.sources.wikipedia.queries_by_lang) | .sources.wikipedia.lang = ["de","fr","it"]' \
    "$T/plan-by.json" >"$T/plan-all.json"
: >"$REPLAY_LOG"
ads-fetch-wikipedia -p "$T/plan-all.json" >"$T/out" 2>/dev/null
test "$(jq -r 'select(.query | test("list=search")) | .path | split("/")[2]' \
    "$REPLAY_LOG" | uniq -c | tr -s ' ' | tr '\n' ';')" = ' 3 de; 3 fr; 3 it;' &&
    ok "-p without queries_by_lang: every query in every edition" ||
    not_ok "-p without queries_by_lang" "$(jq -r .query "$REPLAY_LOG")"
# A lone string counts as one query, keys match without regard to case,
# and a language mapped to no query searches every query.
echo '{"sources":{"wikipedia":{"queries":["a","b"],"queries_by_lang":{"DE":"maschinelles lernen","fr":[""]},
    "lang":["de","fr"]}}}' >"$T/plan-odd.json"
: >"$REPLAY_LOG"
ads-fetch-wikipedia -p "$T/plan-odd.json" >"$T/out" 2>/dev/null
test "$(jq -r 'select(.query | test("list=search")) | [(.path | split("/")[2]),
    (.query | capture("srsearch=(?<q>[^&]*)").q)] | join(" ")' "$REPLAY_LOG" | paste -sd ';' -)" = \
    'de maschinelles%20lernen;fr a;fr b' &&
    ok "-p queries_by_lang: a lone string, a key in capitals, an empty list" ||
    not_ok "-p queries_by_lang odd values" "$(jq -r .query "$REPLAY_LOG")"
echo '{"sources":{}}' | ads-fetch-wikipedia -p - >"$T/out" 2>"$T/err"
test $? -eq 0 && grep -q 'not in the plan; skipping wikipedia' "$T/err" &&
    ok "not in the plan: skipped" || not_ok "not in the plan: skipped"
expect_code 2 "a bad language code: usage" ads-fetch-wikipedia -l 'e n/' -q x
expect_code 2 "no -p or -q: usage" ads-fetch-wikipedia

ADS_CACHE_DIR=$T/cache
export ADS_CACHE_DIR
ADS_CACHE=use ads-fetch-wikipedia -n 4 -q 'machine learning' >"$T/a" 2>/dev/null
ADS_CACHE=use ads-fetch-wikipedia -n 8 -q 'machine learning' >"$T/b" 2>"$T/err"
if head -n 4 "$T/b" | cmp -s - "$T/a" && test "$(wc -l <"$T/b")" -eq 8 &&
    grep -q '(6 cached' "$T/err"; then
	ok "a larger -n reuses the cached answers and goes on"
else
	not_ok "a larger -n reuses the cached answers and goes on" "$(cat "$T/err")"
fi
ADS_CACHE=only ads-fetch-wikipedia -n 8 -q 'machine learning' >"$T/c" 2>/dev/null
cmp_out "ADS_CACHE=only: the same bytes offline" "$T/b" "$T/c"
unset ADS_CACHE_DIR

# Conformance: the recorded Action API answers in ../shared/fixtures.
if need_shared "Wikipedia recorded answers" 10; then
	S=$SHARED/fixtures/wikipedia
	D=$T/shared
	mkdir -p "$D"
	one() {
		# one QUERY TITLE -- a search answer naming TITLE.
		printf '{"query":{"search":[{"ns":0,"title":"%s"}]}}\n' "$2" \
		    >"$D/s-$1.json"
		echo "GET /wikipedia/en/w/api.php?*&list=search&srsearch=$1&* s-$1.json" \
		    >>"$D/routes"
	}
	cat >"$D/routes" <<EOF
GET /wikipedia/en/w/api.php?*&srsearch=obama&*sroffset=10* $S/legacy2014-query-list-search-no-results.json
GET /wikipedia/en/w/api.php?*&srsearch=obama&* $S/legacy2014-query-list-search-barack-obama-srlimit10.json
GET /wikipedia/en/w/api.php?*&srsearch=suggest&* $S/legacy2014-query-list-search-suggestion-only.json
GET /wikipedia/en/w/api.php?*&srsearch=noresults&* $S/legacy2014-query-list-search-no-results.json
EOF
	one celtuce Celtuce
	one tropical 'Tropical Depression Ten (2005)'
	one missing purpleberry
	one redirect 'communist Party'
	one adams 'Douglas Adams'
	one adamsredir 'Adams, Douglas'
	one plcont 'List of programming languages'
	cat >>"$D/routes" <<EOF
GET /wikipedia/en/w/api.php?*prop=extracts*&titles=Celtuce $S/legacy2014-query-extracts-explaintext-celtuce.json
GET /wikipedia/en/w/api.php?*prop=extracts*&titles=Tropical%20Depression%20Ten%20%282005%29 $S/legacy2014-query-extracts-exintro-explaintext-tropical-depression-ten.json
GET /wikipedia/en/w/api.php?*prop=extracts*&titles=purpleberry $S/legacy2014-query-info-missing-page.json
GET /wikipedia/en/w/api.php?*prop=extracts*&titles=communist%20Party $S/legacy2014-query-info-normalized-redirect.json
GET /wikipedia/en/w/api.php?*prop=revisions*&titles=Communist%20party $S/legacy2014-query-revisions-rvparse-celtuce.json
GET /wikipedia/en/w/api.php?*prop=extracts*&titles=Douglas%20Adams $S/fv2-query-extracts-exintro-info-links-random-Douglas_Adams.json
GET /wikipedia/en/w/api.php?*prop=extracts*&titles=Adams%2C%20Douglas $S/fv2-query-redirects-resolved-Adams_Douglas.json
GET /wikipedia/en/w/api.php?*prop=extracts*&titles=List%20of%20programming%20languages&plcontinue=* $S/legacy2014-query-list-search-no-results.json
GET /wikipedia/en/w/api.php?*prop=extracts*&titles=List%20of%20programming%20languages $S/fv2-query-links-plcontinue-TRIMMED.json
GET /wikipedia/en/w/api.php?*prop=revisions*&titles=List%20of%20programming%20languages $S/legacy2014-query-revisions-rvparse-celtuce.json
GET /wikipedia/en/w/api.php?*prop=extracts* $S/legacy2014-query-list-search-no-results.json
EOF
	replay_start "$D"
	ADS_WIKIPEDIA_URL="$REPLAY_URL/wikipedia/{lang}"
	ads-fetch-wikipedia -q obama >"$T/out" 2>"$T/err"
	rc=$?
	if test $rc -eq 0 && grep -q 'srsearch=obama.*&sroffset=10' "$REPLAY_LOG" &&
	    grep -q 'titles=Barack%20Obama%7CBarack%20Obama%2C%20Sr.%7CPresidency%20of%20Barack%20Obama%7C' "$REPLAY_LOG" &&
	    grep -q 'titles=Barack%20Obama%20in%20comics%7CPolitical%20positions%20of%20Barack%20Obama%7C' "$REPLAY_LOG"
	then
		ok "shared legacy search: 10 titles batched, query-continue followed"
	else
		not_ok "shared legacy search" "exit $rc" "$(cat "$T/err")"
	fi
	for q in suggest noresults; do
		ads-fetch-wikipedia -q $q >"$T/out" 2>"$T/err"
		test $? -eq 0 && ! test -s "$T/out" && ok "shared $q: no records, exit 0" ||
		    not_ok "shared $q: no records, exit 0" "$(cat "$T/err")"
	done
	ads-fetch-wikipedia -q celtuce >"$T/out" 2>"$T/err"
	jq -r '[.id, (.text | startswith("Celtuce (Lactuca sativa var. asparagina, augustana, or angustata)")),
	    (.text | contains("莴笋")), .url] | map(tostring) | join(" ")' "$T/out" >"$T/got"
	echo 'wikipedia:en:1868108 true true http://127.0.0.1:'"${REPLAY_URL##*:}"'/wikipedia/en/wiki/Celtuce' >"$T/want"
	cmp_out "shared explaintext extract (formatversion 1)" "$T/want" "$T/got"
	ads-fetch-wikipedia -q tropical >"$T/out" 2>"$T/err"
	test "$(jq -r '.title' "$T/out")" = 'Tropical Depression Ten (2005)' &&
	    ok "shared intro extract" || not_ok "shared intro extract" "$(cat "$T/err")"
	ads-fetch-wikipedia -q missing >"$T/out" 2>"$T/err"
	test $? -eq 0 && ! test -s "$T/out" && grep -q '1 search results had no article text' "$T/err" &&
	    ok "shared missing page: skipped and counted" ||
	    not_ok "shared missing page: skipped and counted" "$(cat "$T/err")"
	ads-fetch-wikipedia -q redirect >"$T/out" 2>"$T/err"
	if test "$(jq -r '[.id, .meta.redirected_from, .url] | join(" ")' "$T/out")" = \
	    'wikipedia:en:37008 communist Party http://en.wikipedia.org/wiki/Communist_party' &&
	    ! jq -r .text "$T/out" | grep -q '[<>]' &&
	    jq -r .text "$T/out" | grep -q 'is a cultivar of lettuce'; then
		ok "shared normalized + redirect; rvparse HTML reduced to text"
	else
		not_ok "shared normalized + redirect; rvparse HTML" "$(head -c 800 "$T/out")" "$(cat "$T/err")"
	fi
	ads-fetch-wikipedia -q adams >"$T/out" 2>"$T/err"
	if test "$(jq -r '[.id, .url, .meta.revid] | map(tostring) | join(" ")' "$T/out")" = \
	    'wikipedia:en:8091 https://en.wikipedia.org/wiki/Douglas_Adams 841482403' &&
	    jq -r .text "$T/out" | head -n 1 | grep -q '^Douglas Noel Adams (11 March 1952 – 11 May 2001) was an English author' &&
	    ! jq -r .text "$T/out" | grep -q '<'; then
		ok "shared formatversion 2 with an HTML extract"
	else
		not_ok "shared formatversion 2 with an HTML extract" "$(head -c 600 "$T/out")"
	fi
	ads-fetch-wikipedia -q adamsredir >"$T/out" 2>"$T/err"
	test "$(jq -r '[.id, .meta.redirected_from] | join(" ")' "$T/out")" = \
	    'wikipedia:en:8091 Adams, Douglas' &&
	    ok "shared formatversion 2 redirect resolved" ||
	    not_ok "shared formatversion 2 redirect resolved" "$(head -c 300 "$T/out")"
	ads-fetch-wikipedia -q plcont >"$T/out" 2>"$T/err"
	grep -q 'plcontinue=144146%7C0%7CPerl_Data_Language&continue=%7C%7C' "$REPLAY_LOG" &&
	    test "$(jq -r .id "$T/out")" = wikipedia:en:144146 &&
	    ok "shared continue object echoed member by member" ||
	    not_ok "shared continue object echoed member by member" "$(cat "$T/err")"
fi

# The man page's example, against the replay data.
replay_start "$FIXTURES/http/wikipedia"
ADS_WIKIPEDIA_URL="$REPLAY_URL/wikipedia/{lang}"
ads-fetch-wikipedia -l en,es -n 200 -q 'renewable energy' >"$T/wiki.jsonl" 2>"$T/err"
test $? -eq 0 && test "$(wc -l <"$T/wiki.jsonl")" -eq 26 &&
    ok "EXAMPLES: -l en,es -n 200 -q 'renewable energy'" ||
    not_ok "EXAMPLES: -l en,es -n 200 -q 'renewable energy'" "$(cat "$T/err")"
