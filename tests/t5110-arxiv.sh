#!/bin/sh
# t5110-arxiv -- ads-fetch-arxiv through the replay server: records,
# paging, the plan, the error feed, faults, the cache, and every
# recorded arXiv response in ../shared/fixtures.
. "$(dirname "$0")/lib.sh"
checks 41
. "$TOP/tests/replay/lib.sh"
replay_leaks

if ! have_tool ads-fetch-arxiv; then
	skip "ads-fetch-arxiv" "not built"
	exit 0
fi
replay_start "$FIXTURES/http/arxiv" || { not_ok "replay server"; exit 1; }
ADS_ARXIV_URL=$REPLAY_URL/arxiv
ADS_ARXIV_INTERVAL=0
ADS_HTTP_BACKOFF=0.01
# Two retries are enough to test retrying, and keep the suite quick.
ADS_HTTP_RETRIES=2
SOURCE_DATE_EPOCH=1700000000
export ADS_ARXIV_URL ADS_ARXIV_INTERVAL ADS_HTTP_BACKOFF ADS_HTTP_RETRIES SOURCE_DATE_EPOCH

ads-fetch-arxiv -n 100 -q testing >"$T/out" 2>"$T/err"
rc=$?
n=$(wc -l <"$T/out")
if test $rc -eq 0 && test "$n" -eq 20; then
	ok "two pages of 10, then the end: 20 records"
else
	not_ok "two pages of 10, then the end: 20 records" "exit $rc, $n" \
	    "$(cat "$T/err")"
fi
jq -r '.id' "$T/out" | sort | uniq -d >"$T/dups"
test -s "$T/dups" && not_ok "no duplicate ids" "$(cat "$T/dups")" ||
    ok "no duplicate ids"
head -n 1 "$T/out" | jq -r '[.id, .source, .title, .url, .lang, .license,
    .created, .retrieved, .query, (.meta.authors | length),
    (.meta.categories | join(",")), .meta.primary_category, .meta.doi,
    (.text | startswith("Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques\n\nDeep Learning (DL) has revolutionized"))] |
    map(tostring) | join("|")' >"$T/got"
echo 'arxiv:2202.12139v1|arxiv|Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques|https://arxiv.org/abs/2202.12139v1|en|CC0-1.0|2022-02-24T15:05:19Z|2023-11-14T22:13:20Z|testing|3|cs.SE,cs.LG|cs.SE|10.1109/ICSTW55395.2022.00035|true' \
    >"$T/want"
cmp_out "first record: fields from the Atom entry" "$T/want" "$T/got"
head -n 1 "$T/out" | jq -r 'keys_unsorted | join(",")' >"$T/got"
echo 'id,source,text,title,url,lang,license,created,retrieved,query,meta' \
    >"$T/want"
cmp_out "fields in ads-record(5) order" "$T/want" "$T/got"
grep -q '^ads-fetch-arxiv: 20 records, 3 requests (0 cached, 0 retried, 0 failed)$' \
    "$T/err" && ok "summary line" || not_ok "summary line" "$(cat "$T/err")"
grep '"path": "/arxiv/api/query"' "$REPLAY_LOG" >"$T/log"
if grep -q 'search_query=%28all%3Atesting%29&start=0&max_results=100&sortBy=relevance' \
    "$T/log" && grep -q 'start=10&max_results=100' "$T/log" &&
    grep -q 'start=20&max_results=100' "$T/log" &&
    grep -q '"User-Agent": "ads/[^"]*arxiv"' "$T/log"; then
	ok "pages asked by start/max_results, with a User-Agent"
else
	not_ok "pages asked by start/max_results, with a User-Agent" \
	    "$(head -n 3 "$T/log")"
fi

ADS_PROGRESS=$T/prog ads-fetch-arxiv -n 15 -q testing >"$T/out" 2>/dev/null
n=$(wc -l <"$T/out")
if test "$n" -eq 15 && tail -n 1 "$T/prog" | jq -e '.phase == "done" and
    .out == 15 and .requests == 2 and .failed == 0' >/dev/null; then
	ok "-n 15 stops after the second page; progress done line"
else
	not_ok "-n 15 stops after the second page; progress done line" "$n" \
	    "$(tail -n 1 "$T/prog")"
fi

ads-fetch-arxiv -c cs.CL,cs.LG -n 1 -q 'sentiment analysis' >/dev/null 2>&1
grep -q 'search_query=%28all%3Asentiment%20AND%20all%3Aanalysis%29%20AND%20%28cat%3Acs.CL%20OR%20cat%3Acs.LG%29' \
    "$REPLAY_LOG" && ok "-c and multi-word queries build the search" ||
    not_ok "-c and multi-word queries build the search" \
    "$(tail -n 1 "$REPLAY_LOG")"

ads-fetch-arxiv -q 'au:del_maestro' >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 3 &&
    jq -e -s 'all(.[]; (.text | split("\n") | length) == 3 and
    (.meta.categories | length) >= 1 and (.meta.authors | length) >= 1)
    and .[0].id == "arxiv:1201.4869v1"' "$T/out" >/dev/null; then
	ok "2016 layout: entries parsed, hard-wrapped summaries joined"
else
	not_ok "2016 layout: entries parsed, hard-wrapped summaries joined" \
	    "exit $rc" "$(head -c 600 "$T/out")"
fi

ads-fetch-arxiv -q 'id:astro-ph/0601001' >"$T/out" 2>/dev/null
test "$(jq -r .id "$T/out")" = arxiv:astro-ph/0601001v1 &&
    ok "old-style identifier kept with its slash" ||
    not_ok "old-style identifier kept with its slash" "$(cut -c1-200 "$T/out")"

ads-fetch-arxiv -q 'id:abc' >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && ! test -s "$T/out" &&
    grep -q '^ads-fetch-arxiv: query "id:abc": HTTP 400: incorrect id format for abc$' \
    "$T/err"; then
	ok "HTTP 400 error feed: exit 4 and arXiv's message"
else
	not_ok "HTTP 400 error feed: exit 4 and arXiv's message" "exit $rc" \
	    "$(cat "$T/err")"
fi

ads-fetch-arxiv -q nothing >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && ! test -s "$T/out" && ok "no results: exit 0, no records" ||
    not_ok "no results: exit 0, no records" "exit $rc"

ads-fetch-arxiv -n 12 -q flaky >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 12 &&
    grep -q '(0 cached, 2 retried, 0 failed)' "$T/err"; then
	ok "503 twice: retried, all records"
else
	not_ok "503 twice: retried, all records" "exit $rc" "$(cat "$T/err")"
fi

ads-fetch-arxiv -q down >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && test "$(wc -l <"$T/out")" -eq 10 &&
    grep -q '^ads-fetch-arxiv: query "down": HTTP 503$' "$T/err"; then
	ok "second page keeps failing: first page delivered, exit 4"
else
	not_ok "second page keeps failing: first page delivered, exit 4" \
	    "exit $rc" "$(cat "$T/err")"
fi

ads-fetch-arxiv -q invalid >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 4 && grep -q 'query "invalid": invalid XML' "$T/err" &&
    ok "invalid XML: exit 4 with the reason" ||
    not_ok "invalid XML: exit 4 with the reason" "exit $rc" "$(cat "$T/err")"

start=$(date +%s)
ADS_HTTP_RETRIES=2 ads-fetch-arxiv -q reset >"$T/out" 2>"$T/err"
rc=$?
took=$(($(date +%s) - start))
test $rc -eq 4 && test "$took" -lt 10 && grep -q '2 retried, 1 failed' "$T/err" &&
    ok "connection reset: retried, bounded, exit 4" ||
    not_ok "connection reset: retried, bounded, exit 4" "exit $rc" \
    "$(cat "$T/err")"

# The plan.
cat >"$T/plan.json" <<'EOF'
{"version":1,"prompt":"p","languages":["en"],"keywords":["k"],
 "sources":{"arxiv":{"queries":["testing"],"limit":5,"categories":["cs.SE"]}}}
EOF
ads-fetch-arxiv -p "$T/plan.json" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 5 &&
    test "$(jq -r .query "$T/out" | sort -u)" = testing &&
    tail -n 1 "$REPLAY_LOG" | grep -q 'cat%3Acs.SE'; then
	ok "-p: queries, limit and categories from sources.arxiv"
else
	not_ok "-p: queries, limit and categories from sources.arxiv" \
	    "exit $rc" "$(cat "$T/err")"
fi
ads-fetch-arxiv -n 7 -p - <"$T/plan.json" >"$T/out" 2>/dev/null
test "$(wc -l <"$T/out")" -eq 7 && ok "-p - reads stdin; -n beats the plan" ||
    not_ok "-p - reads stdin; -n beats the plan"
echo '{"version":1,"sources":{"wikipedia":{"queries":["x"]}}}' >"$T/plan2.json"
ADS_PROGRESS=$T/prog2 ads-fetch-arxiv -p "$T/plan2.json" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && ! test -s "$T/out" &&
    grep -q '^ads-fetch-arxiv: not in the plan; skipping arxiv$' "$T/err" &&
    jq -e '.phase == "skipped" and (.reason | length > 0)' "$T/prog2" \
    >/dev/null; then
	ok "plan without arxiv: skipped, exit 0"
else
	not_ok "plan without arxiv: skipped, exit 0" "exit $rc" "$(cat "$T/err")"
fi
echo '{"version":' >"$T/bad.json"
expect_code 2 "an invalid plan is a usage error" ads-fetch-arxiv -p "$T/bad.json"
expect_code 3 "a missing plan is a system error" ads-fetch-arxiv -p "$T/none.json"
expect_code 2 "neither -p nor -q: usage" ads-fetch-arxiv
expect_code 2 "both -p and -q: usage" ads-fetch-arxiv -p "$T/plan.json" -q x
expect_code 2 "-n 0: usage" ads-fetch-arxiv -n 0 -q x
expect_code 2 "an operand: usage" ads-fetch-arxiv -q x extra

# Politeness: three pages one second apart take two seconds at least.
start=$(date +%s%N)
ADS_ARXIV_INTERVAL=1 ads-fetch-arxiv -q testing >/dev/null 2>&1
ms=$((($(date +%s%N) - start) / 1000000))
test "$ms" -ge 2000 && ok "ADS_ARXIV_INTERVAL spaces the requests (${ms} ms)" ||
    not_ok "ADS_ARXIV_INTERVAL spaces the requests" "${ms} ms"
# Without it, arXiv's own rule: one request every 3 seconds.
start=$(date +%s%N)
(unset ADS_ARXIV_INTERVAL; ads-fetch-arxiv -n 15 -q testing >"$T/out" 2>"$T/err")
ms=$((($(date +%s%N) - start) / 1000000))
test "$ms" -ge 3000 && test "$(wc -l <"$T/out")" -eq 15 &&
    ok "by default two pages are 3 s apart (${ms} ms)" ||
    not_ok "by default two pages are 3 s apart" "${ms} ms" "$(cat "$T/err")"

# Determinism and the cache.
ADS_CACHE_DIR=$T/cache
export ADS_CACHE_DIR
ADS_CACHE=use ads-fetch-arxiv -n 5 -q testing >"$T/a" 2>/dev/null
ADS_CACHE=use ads-fetch-arxiv -n 5 -q testing >"$T/b" 2>"$T/err"
cmp -s "$T/a" "$T/b" && grep -q '(1 cached' "$T/err" &&
    ok "a rerun from the cache gives the same bytes" ||
    not_ok "a rerun from the cache gives the same bytes" "$(cat "$T/err")"
ADS_CACHE=use ads-fetch-arxiv -n 15 -q testing >"$T/c" 2>"$T/err"
if test "$(wc -l <"$T/c")" -eq 15 && head -n 5 "$T/c" | cmp -s - "$T/a" &&
    grep -q '2 requests (1 cached' "$T/err"; then
	ok "a larger -n reads the first page from the cache and goes on"
else
	not_ok "a larger -n reads the first page from the cache and goes on" \
	    "$(cat "$T/err")"
fi
ADS_CACHE=only ads-fetch-arxiv -n 15 -q testing >"$T/d" 2>/dev/null
cmp_out "ADS_CACHE=only replays offline" "$T/c" "$T/d"
unset ADS_CACHE_DIR

# Conformance: every recorded arXiv response in ../shared/fixtures.
if need_shared "arXiv recorded responses" 10; then
	S=$SHARED/fixtures/arxiv
	mkdir -p "$T/shared"
	cat >"$T/shared/routes" <<EOF
GET /arxiv/api/query?search_query=%28all%3As0m10%29&* $S/query-all-testing-start0-max10.atom.xml
GET /arxiv/api/query?search_query=%28all%3As10m10%29&* $S/query-all-testing-start10-max10.atom.xml
GET /arxiv/api/query?search_query=%28all%3As0m100%29&* $S/query-all-testing-start0-max100.atom.xml
GET /arxiv/api/query?search_query=%28all%3Aempty%29&* $S/idlist-0000.0000-empty.atom.xml
GET /arxiv/api/query?search_query=%28all%3Aerror%29&* $S/idlist-abc-error-400.atom.xml
GET /arxiv/api/query?search_query=%28all%3Aoldstyle%29&* $S/idlist-astro-ph-0601001-oldstyle-id.atom.xml
GET /arxiv/api/query?search_query=%28all%3Atwoids%29&* $S/idlist-two-ids-one-invalid.atom.xml
GET /arxiv/api/query?search_query=%28all%3Alegacy%29&* $S/legacy-2016-query-au-del_maestro.atom.xml
EOF
	replay_start "$T/shared"
	ADS_ARXIV_URL=$REPLAY_URL/arxiv
	for c in s0m10:10:0 s10m10:10:0 s0m100:100:0 empty:0:0 error:0:4 \
	    oldstyle:1:0 twoids:1:0 legacy:10:0; do
		q=${c%%:*}
		want=${c#*:}
		lim=${want%%:*}
		test "$lim" -eq 0 && lim=100
		ADS_HTTP_RETRIES=-1 ads-fetch-arxiv -n "$lim" -q "$q" \
		    >"$T/out" 2>"$T/err"
		rc=$?
		n=$(wc -l <"$T/out")
		if test "$n:$rc" = "$want" && { test "$n" -eq 0 ||
		    jq -e -s 'all(.[]; (.id | startswith("arxiv:")) and
		    (.text | length > 20) and (.title | length > 0) and
		    (.created | test("^[0-9]{4}-")) and
		    (.meta.authors | length > 0))' "$T/out" >/dev/null; }
		then
			ok "shared fixture $q: $n records, exit $rc"
		else
			not_ok "shared fixture $q" "got $n:$rc, want $want" \
			    "$(cat "$T/err")"
		fi
	done
	ADS_HTTP_RETRIES=-1 ads-fetch-arxiv -q error 2>"$T/err" >/dev/null
	grep -q 'HTTP 400: incorrect id format for abc$' "$T/err" &&
	    ok "shared fixture error: arXiv's message" ||
	    not_ok "shared fixture error: arXiv's message" "$(cat "$T/err")"
	ads-fetch-arxiv -q oldstyle | jq -r .id >"$T/got" 2>/dev/null
	echo arxiv:astro-ph/0601001v1 >"$T/want"
	cmp_out "shared fixture oldstyle: id" "$T/want" "$T/got"
fi

# The man page's example, against the replay data.
replay_start "$FIXTURES/http/arxiv"
ADS_ARXIV_URL=$REPLAY_URL/arxiv
ads-fetch-arxiv -c cs.CL -n 50 -q 'sentiment analysis' >"$T/arxiv.jsonl" 2>"$T/err"
test $? -eq 0 && test "$(wc -l <"$T/arxiv.jsonl")" -eq 20 &&
    ok "EXAMPLES: -c cs.CL -n 50 -q 'sentiment analysis'" ||
    not_ok "EXAMPLES: -c cs.CL -n 50 -q 'sentiment analysis'" "$(cat "$T/err")"
