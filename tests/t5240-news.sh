#!/bin/sh
# t5240-news -- ads-fetch-news through the replay server: DuckDuckGo
# result pages (both link styles, the Next form, ads, "No more results",
# the fake "EOF" result, the bot check), article extraction and its
# snippet fallback, bounded concurrency, faults, and the recorded
# DuckDuckGo pages in ../shared/fixtures.
. "$(dirname "$0")/lib.sh"
checks 38
. "$TOP/tests/replay/lib.sh"
replay_leaks

if ! have_tool ads-fetch-news; then
	skip "ads-fetch-news" "not built"
	exit 0
fi
H=$FIXTURES/http/news
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_DDG_URL=$REPLAY_URL/news/ddg
ADS_NEWS_ARTICLE_URL=$REPLAY_URL/news/site
ADS_NEWS_INTERVAL=0
ADS_HTTP_BACKOFF=0.01
ADS_HTTP_RETRIES=1
SOURCE_DATE_EPOCH=1750000000
export ADS_DDG_URL ADS_NEWS_ARTICLE_URL ADS_NEWS_INTERVAL ADS_HTTP_BACKOFF \
    ADS_HTTP_RETRIES SOURCE_DATE_EPOCH

Q='heat pump efficiency winter'
ads-fetch-news -n 100 -q "$Q" >"$T/all" 2>"$T/err"
rc=$?
n=$(wc -l <"$T/all")
test $rc -eq 0 && test "$n" -eq 22 &&
    ok "two result pages (an ad and a repeat left out): 22 records" ||
    not_ok "22 records" "exit $rc, $n" "$(cat "$T/err")"
jq -r .id "$T/all" | sort | uniq -d >"$T/dups"
test -s "$T/dups" && not_ok "no duplicate ids" "$(cat "$T/dups")" ||
    ok "no duplicate ids"
head -n 1 "$T/all" >"$T/got"
cat >"$T/want" <<'EOF'
{"id":"news:fdc5a04e86eaee3f44d3","source":"news","text":"How cold is too cold for a heat pump?\n\nModern air-source units keep working well below freezing, but their efficiency falls as the outdoor air gets colder.\n\nThe researchers recommend a heat loss survey before any unit is chosen.\n\nThe measured seasonal coefficient of performance ranged from 2.4 to 3.6 across the homes.\n\nSeveral manufacturers now publish performance data down to minus 20 degrees.\n\nNoise complaints were rare once units were mounted on proper anti-vibration feet.","title":"How cold is too cold for a heat pump?","url":"https://energy.example.org/2025/01/how-cold-is-too-cold-for-a-heat-pump","lang":"en","created":"2025-01-01T08:00:00Z","retrieved":"2025-06-15T15:06:40Z","query":"heat pump efficiency winter","meta":{"host":"energy.example.org","site":"Energy Example","published":"2025-01-01T08:00:00Z","rank":1,"snippet":"Modern air-source units keep working well below freezing, but their efficiency falls as the outdoor air gets colder.","extracted":true,"paragraphs":6}}
EOF
cmp_out "first record: main text without header, nav, byline, share, aside, footer or scripts" \
    "$T/want" "$T/got"
grep -q 'cookies\|Share on\|Related\|All rights reserved\|dataLayer\|Staff writer\|About us' \
    "$T/all" && not_ok "page furniture stays out of the text" ||
    ok "page furniture stays out of the text"
jq -r 'select(.meta.extracted == false) | [.meta.rank, .meta.fallback,
    (.text == .meta.snippet)] | map(tostring) | join(" ")' "$T/all" >"$T/got"
cat >"$T/want" <<'EOF'
7 no-main-text true
14 not-html true
18 http-error true
EOF
cmp_out "no main text, a PDF and a 404: the snippet stands in, flagged" \
    "$T/want" "$T/got"
jq -r 'select(.meta.extracted == false) | .title' "$T/all" >"$T/got"
cat >"$T/want" <<'EOF'
Ground-source or air-source in a snowy region?
Refrigerants for cold climates
Heat pump water heaters in cold basements
EOF
cmp_out "a snippet's title loses the search engine's \" - host\" suffix" \
    "$T/want" "$T/got"
grep -q '^ads-fetch-news: 19 articles extracted, 3 from snippets, 0 without text$' \
    "$T/err" && grep -q '^ads-fetch-news: 22 records, 24 requests (0 cached, 0 retried, 0 failed)$' \
    "$T/err" && ok "extraction count and summary lines" ||
    not_ok "summary lines" "$(cat "$T/err")"
jq -r 'select(.meta.rank == 2 or .meta.rank == 4) | [.url, .created] |
    join(" ")' "$T/all" >"$T/got"
cat >"$T/want" <<'EOF'
https://news.example.com/2025/02/heat-pumps-in-winter-what-the-field-trials-found 2025-02-02T08:01:00Z
https://blog.example.io/2025/04/sizing-a-heat-pump-for-a-cold-climate 2025-04-04T08:03:00Z
EOF
cmp_out "redirect links (/l/?uddg=) decoded like direct ones" "$T/want" "$T/got"
grep '"path": "/news/ddg/html/"' "$REPLAY_LOG" >"$T/log"
if test "$(wc -l <"$T/log")" -eq 2 &&
    jq -s -e '.[0].method == "POST" and .[0].query == "" and
    .[0].body == "q=heat%20pump%20efficiency%20winter&b=&kl=us-en" and
    .[1].query == "s=12" and
    (.[1].body | test("^q=heat%20pump%20efficiency%20winter&s=12&nextParams=&v=l&o=json&dc=13&api=d.js&vqd=4-211045961137029118340312839425346810011&kl=us-en$"))' \
    "$T/log" >/dev/null; then
	ok "POST search, then the Next form's fields POSTed again"
else
	not_ok "search requests" "$(cat "$T/log")"
fi

ads-fetch-news -c 1 -n 100 -q "$Q" >"$T/one" 2>/dev/null
cmp_out "-c 1 and -c 4 give the same bytes in the same order" "$T/all" \
    "$T/one"
: >"$REPLAY_LOG"
ads-fetch-news -n 5 -q "$Q" >"$T/out" 2>/dev/null
n=$(grep -c '"path": "/news/site/' "$REPLAY_LOG")
test "$(wc -l <"$T/out")" -eq 5 && test "$n" -eq 5 &&
    ok "-n 5: five records, five article pages fetched" ||
    not_ok "-n 5" "$(wc -l <"$T/out") records, $n pages"
: >"$REPLAY_LOG"
ads-fetch-news -S -n 100 -q "$Q" >"$T/out" 2>/dev/null
test "$(wc -l <"$T/out")" -eq 22 && ! grep -q '/news/site/' "$REPLAY_LOG" &&
    test "$(jq -r .meta.fallback "$T/out" | sort -u)" = not-fetched &&
    ok "-S: snippets only, no article fetched" || not_ok "-S"
ads-fetch-news -M 1K -n 3 -q "$Q" >"$T/out" 2>/dev/null
rc=$?
test "$(jq -r .meta.fallback "$T/out" | sort -u)" = too-large &&
    ok "-M 1K: larger pages fall back to the snippet" || not_ok "-M 1K"
test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 3 &&
    ok "-M 1K: a page cut at the limit is not a failed request" ||
    not_ok "-M 1K: status $rc"
ads-fetch-news -l de -n 1 -q "$Q" >/dev/null 2>&1
tail -n 2 "$REPLAY_LOG" | head -n 1 | grep -q 'kl=de-de' &&
    ok "-l de: region de-de" || not_ok "-l de" "$(tail -n 2 "$REPLAY_LOG")"

ADS_DDG_URL=$REPLAY_URL/news/ddg-empty ads-fetch-news -q 'qxzzyq heat pump nonsense' \
    >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && ! test -s "$T/out" && test "$(grep -c '/news/ddg-empty/' \
    "$REPLAY_LOG")" -eq 1 &&
    ok "no results (only the fake EOF result): no record, exit 0" ||
    not_ok "no results" "exit $rc" "$(cat "$T/err")"
ADS_DDG_URL=$REPLAY_URL/news/ddg-blocked ads-fetch-news -q "$Q" \
    >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 4 && ! test -s "$T/out" &&
    grep -q '^ads-fetch-news: query "heat pump efficiency winter": blocked by DuckDuckGo (bot check or rate limit)$' \
    "$T/err" && ok "bot check (202, anomaly page): exit 4 with the reason" ||
    not_ok "bot check" "exit $rc" "$(cat "$T/err")"

cat >"$T/plan.json" <<'EOF'
{"version":1,"languages":["en"],"sources":{"news":{"queries":["heat pump efficiency winter"],"limit":4}}}
EOF
ads-fetch-news -p "$T/plan.json" >"$T/out" 2>/dev/null
test "$(wc -l <"$T/out")" -eq 4 && ok "-p: queries and limit from sources.news" ||
    not_ok "-p"
# queries_by_lang: each region searches only its language's queries;
# a language missing from the map searches every query.  (An empty
# result page answers each search, so the log holds the searches only.)
cat >"$T/plan-by.json" <<'EOF'
{"version":1,"sources":{"news":{"queries":["waermepumpe winter","pompe chaleur hiver","pompe chaleur froid"],
 "queries_by_lang":{"de":["waermepumpe winter"],"fr":["pompe chaleur hiver","pompe chaleur froid"]},
 "lang":["de","fr","es"],"limit":10}}}
EOF
: >"$REPLAY_LOG"
ADS_DDG_URL=$REPLAY_URL/news/ddg-empty ads-fetch-news -p "$T/plan-by.json" \
    >"$T/out" 2>"$T/err"
rc=$?
jq -r '.body' "$REPLAY_LOG" >"$T/got"
cat >"$T/want" <<'EOF'
q=waermepumpe%20winter&b=&kl=de-de
q=pompe%20chaleur%20hiver&b=&kl=fr-fr
q=waermepumpe%20winter&b=&kl=es-es
q=pompe%20chaleur%20froid&b=&kl=fr-fr
q=pompe%20chaleur%20hiver&b=&kl=es-es
q=pompe%20chaleur%20froid&b=&kl=es-es
EOF
test $rc -eq 0 && cmp -s "$T/want" "$T/got" &&
    ok "-p queries_by_lang: each region its own queries, first queries first; es (not in the map) all" ||
    not_ok "-p queries_by_lang" "exit $rc" "$(diff "$T/want" "$T/got")" "$(cat "$T/err")"
jq 'del(.sources.news.queries_by_lang)' "$T/plan-by.json" >"$T/plan-all.json"
: >"$REPLAY_LOG"
ADS_DDG_URL=$REPLAY_URL/news/ddg-empty ads-fetch-news -p "$T/plan-all.json" \
    >"$T/out" 2>/dev/null
test "$(jq -r '.body' "$REPLAY_LOG" | wc -l)" -eq 9 &&
    test "$(jq -r '.body' "$REPLAY_LOG" | sed -n 2p)" = 'q=waermepumpe%20winter&b=&kl=fr-fr' &&
    ok "-p without queries_by_lang: every query in every region" ||
    not_ok "-p without queries_by_lang" "$(jq -r .body "$REPLAY_LOG")"
echo '{"version":1,"sources":{"kaggle":{}}}' >"$T/plan2.json"
ADS_PROGRESS=$T/prog ads-fetch-news -p "$T/plan2.json" >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && grep -q 'not in the plan; skipping news$' "$T/err" &&
    jq -e '.phase == "skipped"' "$T/prog" >/dev/null &&
    ok "plan without news: skipped" || not_ok "plan without news" \
    "exit $rc" "$(cat "$T/err")"
expect_code 2 "-c 0: usage" ads-fetch-news -c 0 -q x
expect_code 2 "-M 10: usage" ads-fetch-news -M 10 -q x
expect_code 2 "a bad option: usage" ads-fetch-news -Z -q x

# Faults.
replay_start "$H/faults" "$H" || { not_ok "replay server (faults)"; exit 1; }
ADS_DDG_URL=$REPLAY_URL/news/ddg
ADS_NEWS_ARTICLE_URL=$REPLAY_URL/news/site
ADS_DDG_URL=$REPLAY_URL/news/ddg-flaky ads-fetch-news -S -n 3 -q "$Q" \
    >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 3 &&
    grep -q '(0 cached, 1 retried, 0 failed)' "$T/err" &&
    ok "search 429 once: retried" || not_ok "search 429 once" "exit $rc" \
    "$(cat "$T/err")"
ads-fetch-news -n 4 -q "$Q" >"$T/out" 2>"$T/err"
rc=$?
jq -r '[.meta.rank, .meta.extracted, (.meta.fallback // "-")] |
    map(tostring) | join(" ")' "$T/out" >"$T/got"
cat >"$T/want" <<'EOF'
1 true -
2 false http-error
3 false unreachable
4 true -
EOF
test $rc -eq 4 && cmp_out "an article 503 and a truncated one: snippets, the rest extracted, exit 4" \
    "$T/want" "$T/got" || not_ok "article faults" "exit $rc" "$(cat "$T/err")"

# Every recorded DuckDuckGo page in ../shared/fixtures.
if need_shared "recorded DuckDuckGo pages" 9; then
	S=$SHARED/fixtures/ddg
	mkdir -p "$T/s"
	for f in 2020-html-q-Preaching-the-choir 2021-html-q-Hello \
	    2025-html-q-eino-10-results \
	    2025-html-q-eino-past-week-no-more-results \
	    2025-html-q-long-nonsense-no-results; do
		echo "POST /ddg/html/* $S/$f.html" >"$T/s/routes"
		replay_start "$T/s" || { not_ok "replay server (shared)"; break; }
		want=$(grep -o 'class="result__a" href="[^"]*"' "$S/$f.html" |
		    grep -v 'www.google.com/search' | sort -u | wc -l)
		ADS_DDG_URL=$REPLAY_URL/ddg ads-fetch-news -S -n 1000 -q x \
		    >"$T/out" 2>"$T/err"
		rc=$?
		got=$(wc -l <"$T/out")
		if test $rc -eq 0 && test "$got" -eq "$want" &&
		    jq -s -e 'all(.[]; (.url | test("^https?://")) and
		    (.url | test("duckduckgo.com/l/") | not) and
		    (.title | length > 0) and (.title | test("<") | not))' \
		    "$T/out" >/dev/null; then
			ok "recorded $f: $got results"
		else
			not_ok "recorded $f" "exit $rc, $got of $want" \
			    "$(cat "$T/err")"
		fi
	done
	grep -c '"path": "/ddg/html/"' "$REPLAY_LOG" | grep -qx 1 &&
	    ok "no-results page: no Next request" ||
	    not_ok "no-results page: no Next request"
	# The 2025 page: its Next form (filled vqd) and its result dates.
	f=2025-html-q-eino-10-results
	echo "POST /ddg/html/* $S/$f.html" >"$T/s/routes"
	replay_start "$T/s" || { not_ok "replay server (shared)"; exit 1; }
	ADS_DDG_URL=$REPLAY_URL/ddg ads-fetch-news -S -n 1000 -q eino \
	    >"$T/out" 2>"$T/err"
	dates=$(grep -o '[0-9]\{4\}-[01][0-9]-[0-3][0-9]T00:00:00.0000000' \
	    "$S/$f.html" | wc -l)
	if test "$(grep -c '"created":"20[0-9-]*T00:00:00Z"' "$T/out")" -eq \
	    "$dates" && test "$(wc -l <"$REPLAY_LOG")" -eq 2 &&
	    sed -n 2p "$REPLAY_LOG" | jq -e '.query == "s=10" and (.body |
	    test("(^|&)s=10&") and test("&dc=11&") and test("&vqd=4-[0-9]+&"))' \
	    >/dev/null; then
		ok "recorded 2025 page: $dates result dates; Next form with vqd POSTed, a page with nothing new ends it"
	else
		not_ok "recorded 2025 page: dates and Next form" \
		    "$(jq -c '{query, body}' "$REPLAY_LOG")"
	fi
	# The recorded 301 (www) and 302 (to html.duckduckgo.com), their
	# Location moved onto the replay server; bodies are empty.
	mkdir -p "$T/r"
	cat >"$T/r/routes" <<EOF
POST /www/html/* r301
POST /apex/html/* r302
GET /html/html/?q=Hello&* $S/2021-html-q-Hello.html
GET /html/html/?q=Preaching+the+choir&* $S/2020-html-q-Preaching-the-choir.html
EOF
	: >"$T/r/r301"
	: >"$T/r/r302"
	replay_start "$T/r" || { not_ok "replay server (redirects)"; exit 1; }
	sed "s|^Location: https://duckduckgo.com/|Location: $REPLAY_URL/html/|" \
	    "$S/2020-www-html-redirect-301.html.headers" >"$T/r/r301.headers"
	sed "s|^Location: https://html.duckduckgo.com/|Location: $REPLAY_URL/html/|" \
	    "$S/2021-html-q-Hello-redirect-302.html.headers" >"$T/r/r302.headers"
	for c in www:2020-html-q-Preaching-the-choir apex:2021-html-q-Hello; do
		f=${c#*:}
		want=$(grep -o 'class="result__a" href="[^"]*"' "$S/$f.html" |
		    sort -u | wc -l)
		ADS_DDG_URL=$REPLAY_URL/${c%%:*} ads-fetch-news -S -n "$want" \
		    -q x >"$T/out" 2>"$T/err"
		rc=$?
		if test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq "$want" &&
		    head -n 1 "$REPLAY_LOG" | jq -e '.method == "POST"' \
		    >/dev/null && sed -n 2p "$REPLAY_LOG" | jq -e \
		    '.method == "GET" and .path == "/html/html/"' >/dev/null
		then
			ok "recorded ${f%%-*} redirect followed to the results ($want)"
		else
			not_ok "recorded redirect before $f" "exit $rc" \
			    "$(cat "$T/err")" "$(cat "$REPLAY_LOG")"
		fi
		: >"$REPLAY_LOG"
	done
fi

# Page encodings and JSON-LD.
replay_start "$H/more" || { not_ok "replay server (more)"; exit 1; }
ADS_DDG_URL=$REPLAY_URL/news/more ADS_NEWS_ARTICLE_URL=$REPLAY_URL/news/site \
    ads-fetch-news -q 'heat pump' >"$T/out" 2>"$T/err"
rc=$?
jq -r '[.title, (.text | split("\n\n")[1])] | join("|")' "$T/out" |
    head -n 1 >"$T/got"
echo 'Тепловые насосы зимой|Воздушный тепловой насос сохраняет высокий коэффициент полезного действия даже при температуре ниже нуля.' \
    >"$T/want"
if test $rc -eq 0; then
	cmp_out "a windows-1251 page named so only by Content-Type: decoded" \
	    "$T/want" "$T/got"
else
	not_ok "charset from Content-Type" "exit $rc" "$(cat "$T/err")"
fi
jq -r 'select(.meta.host == "ld.example.org") | [.created, .meta.site] |
    join("|")' "$T/out" >"$T/got"
echo '2025-04-04T07:30:00Z|LD Example News' >"$T/want"
cmp_out "publication date and site name from JSON-LD" "$T/want" "$T/got"

# The EXAMPLES line of the man page.
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_DDG_URL=$REPLAY_URL/news/ddg
ADS_NEWS_ARTICLE_URL=$REPLAY_URL/news/site
(cd "$T" && ads-fetch-news -n 30 -q 'heat pump efficiency winter' \
    >news.jsonl 2>/dev/null)
test "$(wc -l <"$T/news.jsonl")" -eq 22 && ok "man page example runs" ||
    not_ok "man page example runs"
