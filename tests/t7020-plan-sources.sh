#!/bin/sh
# t7020-plan-sources -- sources nine and ten in the keyword planner:
# Common Crawl for the web sites a request names (never a mail
# address), Semantic Scholar for a science outside computer science or
# when named, with its fields of study; neither for a plain request; and
# the driver runs both against the replay server.
. "$(dirname "$0")/lib.sh"
checks 11

if ! have_tool ads-plan; then
	skip "sources nine and ten" "ads-plan is not built"
	exit 0
fi
plan() {
	ads-plan -m keyword "$1" 2>/dev/null
}
got=$(plan "a sentiment dataset of comments from bbc.co.uk and www.lemonde.fr, 500 rows" |
    jq -c '[.sources.commoncrawl.queries, .sources.commoncrawl.limit > 0]')
test "$got" = '[["bbc.co.uk","lemonde.fr"],true]' &&
    ok "the sites a request names go to Common Crawl" ||
    not_ok "sites to Common Crawl" "$got"
# Site names are Common Crawl's domain patterns, never keywords: not
# their labels ("org", "bbc", "www"), nor the words that only say
# "pages of" them; a word of the topic that a site name repeats stays.
while IFS='|' read -r prompt want; do
	got=$(plan "$prompt" | jq -c '[.keywords, .sources.commoncrawl.queries]')
	test "$got" = "$want" && ok "site names are no keywords: $prompt" ||
	    not_ok "site names are no keywords: $prompt" "$got"
done <<'EOF'
pages of example.org about gardening|[["gardening"],["example.org"]]
a sentiment dataset of comments from bbc.co.uk and www.lemonde.fr, 500 rows|[["comments"],["bbc.co.uk","lemonde.fr"]]
news pages from de.wikipedia.org about football|[["news","football"],["de.wikipedia.org"]]
python tutorials from python.org|[["python tutorials"],["python.org"]]
web pages about gardening|[["web pages","gardening"],null]
EOF
got=$(plan "customer reviews, write to bob@example.com, 300 rows" |
    jq -c '.sources | has("commoncrawl")')
test "$got" = false && ok "a mail address is no site" ||
    not_ok "mail address" "$got"
got=$(plan "astrophysics question answering pairs, 2000" |
    jq -c '.sources.semanticscholar | [.fields_of_study, (.queries | length > 0), .limit > 0]')
test "$got" = '[["Physics"],true,true]' &&
    ok "a science outside computer science: Semantic Scholar, with its field of study" ||
    not_ok "science to Semantic Scholar" "$got"
got=$(plan "papers from semantic scholar about protein folding, 300 abstracts" |
    jq -c '[.sources.semanticscholar.share, (.quota_reason | test("semanticscholar"))]')
test "$got" = '[80,true]' && ok "Semantic Scholar named: most of the rows" ||
    not_ok "Semantic Scholar named" "$got"
got=$(plan "a sentiment dataset of product reviews in Spanish, 1000 rows" |
    jq -c '.sources | [has("semanticscholar"), has("commoncrawl")]')
test "$got" = '[false,false]' && ok "a plain request plans neither" ||
    not_ok "plain request" "$got"

# The driver runs them as sources nine and ten, offline.
if have_tool ads && have_tool ads-fetch-semanticscholar &&
    have_tool ads-fetch-commoncrawl && command -v python3 >/dev/null; then
	ADS_CACHE_DIR=$T/cache ADS_BUILD=$BUILD sh "$TOP/scripts/demo" \
	    ads -P none -f jsonl -w semanticscholar,commoncrawl -n 10 -R 0 -F all \
	    -o "$T/o" "economics papers on difference in differences from semantic scholar, and pages of an.wikipedia.org, 10 rows" \
	    >"$T/sum" 2>&1
	rc=$?
	if test $rc -eq 0 && grep -q '^  semanticscholar  *[1-9][0-9]* records' "$T/sum" &&
	    grep -q '^  commoncrawl  *[0-9]* records .*done' "$T/sum" &&
	    jq -e 'select(.source == "semanticscholar")' "$T/o/.ads/stage/all.jsonl" >/dev/null; then
		ok "the driver runs Semantic Scholar and Common Crawl"
	else
		not_ok "driver" "exit $rc" "$(cat "$T/sum")"
	fi
else
	skip "driver with sources nine and ten" "not built"
fi
