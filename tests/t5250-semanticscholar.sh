#!/bin/sh
# t5250-semanticscholar -- ads-fetch-semanticscholar through the replay
# server: records and their facts, relevance paging by offset, bulk
# paging by token, papers on arXiv left to the arXiv fetcher, dropped
# papers counted, error answers, 429, the API key kept secret, and every
# recorded answer in ../shared/fixtures/semanticscholar.
. "$(dirname "$0")/lib.sh"
checks 12
. "$TOP/tests/replay/lib.sh"

if ! have_tool ads-fetch-semanticscholar; then
	skip "ads-fetch-semanticscholar" "not built"
	exit 0
fi
replay_start "$FIXTURES/http/semanticscholar" ||
    { not_ok "replay server"; exit 1; }
ADS_S2_URL=$REPLAY_URL/semanticscholar
ADS_S2_INTERVAL=0
ADS_HTTP_BACKOFF=0.01
ADS_HTTP_RETRIES=2
SOURCE_DATE_EPOCH=1700000000
export ADS_S2_URL ADS_S2_INTERVAL ADS_HTTP_BACKOFF ADS_HTTP_RETRIES \
    SOURCE_DATE_EPOCH
unset S2_API_KEY

# Two pages by offset; the arXiv twin is kept (no arXiv source), the
# paper without an abstract and the null are dropped and counted.
ADS_PROGRESS=$T/prog ads-fetch-semanticscholar -n 50 -q "economics" \
    >"$T/out" 2>"$T/err"
rc=$?
got=$(jq -r .id "$T/out" | tr '\n' ' ')
if test $rc -eq 0 && test "$got" = "semanticscholar:c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce semanticscholar:cb1ebd913c3724c599f6b276b14b5c6253da68f3 semanticscholar:0f40b1f08821e22e859c6050916cec3667778613 semanticscholar:a1b2c3d4e5f60718293a4b5c6d7e8f9012345678 " &&
    tail -n 1 "$T/prog" | jq -e '.dropped.no_abstract == 1 and .dropped.missing == 1' >/dev/null; then
	ok "two pages by offset: 4 records, no abstract and null dropped and counted"
else
	not_ok "paging" "exit $rc: $got" "$(cat "$T/err")" "$(tail -n 1 "$T/prog")"
fi
head -n 1 "$T/out" | jq -r '[.source, .title, .url, .license, .created,
    .query, .meta.venue // "-", .meta.year, (.meta.authors | length),
    .meta.citation_count, (.meta.fields_of_study | join(",")), .meta.doi,
    .meta.corpus_id, .meta.open_access_pdf,
    (.text | startswith("How Much Should We Trust Differences-in-Differences Estimates?\n\nMost Difference-in-Difference (DD) papers rely"))] |
    map(tostring) | join("|")' >"$T/got"
printf '%s\n' 'semanticscholar|How Much Should We Trust Differences-in-Differences Estimates?|https://www.semanticscholar.org/paper/c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce|unknown|2001-10-01T00:00:00Z|economics|-|2001|3|5536|Psychology,Economics,Mathematics|10.2139/ssrn.288970|470667|http://papers.nber.org/papers/w8841.pdf|true' >"$T/want"
if head -n 1 "$T/out" | jq -e . >/dev/null 2>&1; then
	# The recorded paper's own figures, read back from the fixture.
	jq -r '.[1] | "\(.year)|\(.authors | length)|\(.citationCount)"' \
	    "$FIXTURES/http/semanticscholar/paper-batch-full-fields-with-null.json" >"$T/fx"
	sed "s/|2001|3|5536|/|$(cat "$T/fx")|/" "$T/want" >"$T/want2"
	cmp_out "first record: title, abstract, date, authors, citations, fields, DOI, PDF" \
	    "$T/want2" "$T/got"
else
	not_ok "first record" "no output"
fi
head -n 1 "$T/out" | jq -r 'keys_unsorted | join(",")' >"$T/got"
echo 'id,source,text,title,url,license,created,retrieved,query,meta' >"$T/want"
cmp_out "fields in ads-record(5) order" "$T/want" "$T/got"
grep '"path": "/semanticscholar/graph/v1/paper/search"' "$REPLAY_LOG" >"$T/log"
if grep -q '"query": "query=economics&offset=0&limit=100&fields=title%2Cabstract\|query=economics&offset=0&limit=100&fields=title,abstract' "$T/log" &&
    grep -q 'offset=2&limit=100' "$T/log"; then
	ok "relevance pages asked by offset and limit, with the fields"
else
	not_ok "request shape" "$(head -n 2 "$T/log")"
fi

# With an arXiv section in the plan, the arXiv twin is left to it.
cat >"$T/plan.json" <<'EOF'
{"version":2,"sources":{"arxiv":{"queries":["x"],"limit":10},"semanticscholar":{"queries":["economics"],"limit":10,"fields_of_study":["Economics","Business"]}}}
EOF
: >"$REPLAY_LOG"
ADS_PROGRESS=$T/prog ads-fetch-semanticscholar -p "$T/plan.json" \
    >"$T/out" 2>"$T/err"
if test "$(wc -l <"$T/out")" -eq 3 && ! grep -q a1b2c3d4 "$T/out" &&
    tail -n 1 "$T/prog" | jq -e '.dropped.on_arxiv == 1' >/dev/null &&
    grep -q 'fieldsOfStudy=Economics%2CBusiness' "$REPLAY_LOG"; then
	ok "with arXiv in the plan, papers on arXiv are left to it; fields of study filter"
else
	not_ok "arXiv twin" "$(cat "$T/out" "$T/err")"
fi
# -b: the bulk search, paged by its continuation token.
: >"$REPLAY_LOG"
ads-fetch-semanticscholar -b -n 50 -q kubernetes >"$T/out" 2>"$T/err"
if test "$(wc -l <"$T/out")" -eq 3 &&
    grep -q '"path": "/semanticscholar/graph/v1/paper/search/bulk"' "$REPLAY_LOG" &&
    grep -q 'token=PCOKWVSK%2BTOKEN%2F2' "$REPLAY_LOG"; then
	ok "bulk search paged by its token (escaped)"
else
	not_ok "bulk" "$(cat "$T/err")" "$(cat "$REPLAY_LOG")"
fi
# No results: no data key at all.
expect_code 0 "no results is no error" ads-fetch-semanticscholar -q nothing
# Error answers: 400 with "error", 403 with "message": exit 4, said.
ads-fetch-semanticscholar -q badfields >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && grep -q 'HTTP 400: Unrecognized or unsupported fields' "$T/err"; then
	ok "a 400 answer: exit 4 with the service's message"
else
	not_ok "400" "exit $rc" "$(cat "$T/err")"
fi
ads-fetch-semanticscholar -q forbidden >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && grep -q 'HTTP 403: Forbidden' "$T/err"; then
	ok "a 403 gateway answer (message, not error): exit 4"
else
	not_ok "403" "exit $rc" "$(cat "$T/err")"
fi
# 429 with Retry-After: waited, retried, the records come.
ads-fetch-semanticscholar -n 2 -q flaky >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 2 &&
    grep -q '1 retried' "$T/err"; then
	ok "429 with Retry-After is waited for and retried"
else
	not_ok "429" "exit $rc" "$(cat "$T/err")"
fi
# The key goes in x-api-key, never in a message or the log.
: >"$REPLAY_LOG"
S2_API_KEY=s2-secret-value ads-fetch-semanticscholar -n 2 -q economics \
    >"$T/out" 2>"$T/err"
if grep -q '"x-api-key": "<present>"' "$REPLAY_LOG" &&
    ! grep -q s2-secret-value "$REPLAY_LOG" "$T/out" "$T/err"; then
	ok "S2_API_KEY sent as x-api-key, never shown"
else
	not_ok "api key" "$(head -n 1 "$REPLAY_LOG")"
fi
replay_stop

# Every recorded answer in the shared fixtures parses: the search pages
# (titles only: every paper dropped for want of an abstract), the bulk
# page (1000 papers), the batch answer with nulls, no results, errors.
if need_shared semanticscholar; then
	S=$SHARED/fixtures/semanticscholar
	mkdir -p "$T/shared"
	cp "$S"/*.json "$T/shared/"
	cat >"$T/shared/routes" <<'EOF'
GET /s2/graph/v1/paper/search?query=turing&offset=0&* paper-search-q-turing-offset0-limit100.json
GET /s2/graph/v1/paper/search?query=turing&offset=100&* paper-search-q-turing-offset100-limit100.json
GET /s2/graph/v1/paper/search?query=turing&* paper-search-no-results.json
GET /s2/graph/v1/paper/search/bulk?*token=* paper-search-no-results.json
GET /s2/graph/v1/paper/search/bulk?query=kubernetes* paper-search-bulk-q-kubernetes-first-page.json
GET /s2/graph/v1/paper/search?query=batch&* paper-batch-full-fields-with-null.json
GET /s2/graph/v1/paper/search?query=notfound&* error-404-paper-not-found.json
EOF
	replay_start "$T/shared" || { not_ok "replay server"; exit 1; }
	ADS_S2_URL=$REPLAY_URL/s2
	ADS_PROGRESS=$T/p1 ads-fetch-semanticscholar -n 500 -q turing \
	    >"$T/out" 2>"$T/err"
	a=$(tail -n 1 "$T/p1" | jq -r '"\(.out) \(.dropped.no_abstract)"')
	ADS_PROGRESS=$T/p2 ads-fetch-semanticscholar -b -n 500 -q kubernetes \
	    >"$T/out2" 2>"$T/err2"
	b=$(tail -n 1 "$T/p2" | jq -r '"\(.out) \(.dropped.no_abstract)"')
	ADS_PROGRESS=$T/p3 ads-fetch-semanticscholar -n 50 -q batch \
	    >"$T/out3" 2>"$T/err3"
	c=$(tail -n 1 "$T/p3" | jq -r '"\(.out) \(.dropped.missing)"')
	ads-fetch-semanticscholar -q notfound >/dev/null 2>"$T/err4"
	d=$?
	# The recorded pages' own counts, read from the files.
	ta=$(jq '.data | length' "$S/paper-search-q-turing-offset0-limit100.json")
	tb=$(jq '[.data[] | select(.title)] | length' "$S/paper-search-bulk-q-kubernetes-first-page.json")
	if test "$a" = "0 $((ta + $(jq '.data | length' "$S/paper-search-q-turing-offset100-limit100.json")))" &&
	    test "$b" = "0 $tb" && test "$c" = "3 1" && test "$d" -eq 4 &&
	    grep -q 'Paper with id 0 not found' "$T/err4"; then
		ok "every recorded answer parses: offset pages, the 1000-paper bulk page, the batch with nulls, the 404"
	else
		not_ok "recorded answers" "turing: $a (want 0 and 2 pages of $ta), bulk: $b (want 0 $tb), batch: $c, 404: $d" \
		    "$(cat "$T/err" "$T/err2" "$T/err3")"
	fi
	replay_stop
fi
