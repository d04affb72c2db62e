#!/bin/sh
# t5120-github -- ads-fetch-github through the replay server: search
# pages by Link, READMEs decoded and reduced to text, licenses, the
# token kept secret, rate limits waited out or stopped cleanly, faults,
# and every recorded GitHub answer in ../shared/fixtures.
. "$(dirname "$0")/lib.sh"
checks 31
. "$TOP/tests/replay/lib.sh"
replay_leaks

if ! have_tool ads-fetch-github; then
	skip "ads-fetch-github" "not built"
	exit 0
fi
replay_start "$FIXTURES/http/github" || { not_ok "replay server"; exit 1; }
ADS_GITHUB_URL=$REPLAY_URL/github
ADS_HTTP_BACKOFF=0.01
# Two retries are enough to test retrying, and keep the suite quick.
ADS_HTTP_RETRIES=2
SOURCE_DATE_EPOCH=1700000000
export ADS_GITHUB_URL ADS_HTTP_BACKOFF ADS_HTTP_RETRIES SOURCE_DATE_EPOCH
unset GITHUB_TOKEN

ads-fetch-github -q sentiment >"$T/out" 2>"$T/err"
rc=$?
n=$(wc -l <"$T/out")
test $rc -eq 0 && test "$n" -eq 23 &&
    ok "two search pages by Link: 23 repositories" ||
    not_ok "two search pages by Link: 23 repositories" "exit $rc, $n" \
    "$(cat "$T/err")"
grep -q 'q=sentiment&per_page=30&page=2' "$REPLAY_LOG" &&
    ! grep -q 'api.github.com' "$REPLAY_LOG" &&
    ok "the next link is rebased onto ADS_GITHUB_URL" ||
    not_ok "the next link is rebased onto ADS_GITHUB_URL"
head -n 1 "$T/out" | jq -r '[.id, .source, .title, .url, .license, .created,
    .query, .meta.stars, .meta.language, .meta.readme] | map(tostring) |
    join("|")' >"$T/got"
echo 'github:41000001|github|sentiment-lab/tweet-sentiment|https://github.com/sentiment-lab/tweet-sentiment|MIT|2019-07-11T08:00:00Z|sentiment|5120|Python|true' \
    >"$T/want"
cmp_out "first record: fields from the search item" "$T/want" "$T/got"
head -n 1 "$T/out" | jq -r .text >"$T/got"
cat >"$T/want" <<'EOF'
Tweet Sentiment

Tweet Sentiment classifies short texts as positive, negative or neutral. It was trained on product reviews and works well on tweets too.

Installation

pip install tweet-sentiment

Usage

Load a model.
Call predict() on your texts.
Read the scores.

See the documentation for details.

Licensed under the terms in LICENSE.
EOF
cmp_out "README: raw Markdown reduced" "$T/want" "$T/got"
if ! jq -r .text "$T/out" | grep -q '[<>]\|](\|!\[\|^#\|^|\|\*\*\|&amp;\|^---'; then
	ok "no Markdown or HTML left in any text"
else
	not_ok "no Markdown or HTML left in any text" \
	    "$(jq -r .text "$T/out" | grep '[<>]\|](\|!\[\|^#\|^|\|\*\*\|&amp;\|^---' | head -n 5)"
fi
jq -r 'select(.title == "mlgroup/bert-sentiment") | .text' "$T/out" |
    grep -q 'model_name option' && ok "snake_case survives emphasis removal" ||
    not_ok "snake_case survives emphasis removal"
jq -r 'select(.title == "textcraft/polarity") | .text' "$T/out" |
    grep -A1 '^\[x\] Negation handling$' | grep -q '^\[ \] Sarcasm detection$' &&
    ok "task list items keep their done and open marks" ||
    not_ok "task list items keep their done and open marks" \
    "$(jq -r 'select(.title == "textcraft/polarity") | .text' "$T/out")"
test "$(jq -r 'select(.title == "reviews/amazon-reviews-tools") | .license // "none"' "$T/out")" = none &&
    test "$(jq -r 'select(.title == "opendata/movie-review-sentiment") | .license // "none"' "$T/out")" = none &&
    ok "NOASSERTION and no license: no license field" ||
    not_ok "NOASSERTION and no license: no license field"
test "$(jq -r 'select(.title == "empty/no-readme-here") | [.text, .meta.readme] | map(tostring) | join("|")' "$T/out")" = \
    'Sentiment analysis: no readme here|false' &&
    ok "README 404: the description is the text" ||
    not_ok "README 404: the description is the text"
if grep '"path": "/github/search' "$REPLAY_LOG" | grep -v '"Accept": "application/vnd.github+json"' | grep -q . ||
    grep '"path": "/github/repos' "$REPLAY_LOG" | grep -v '"Accept": "application/vnd.github.raw+json"' | grep -q . ||
    ! grep -q '"path": "/github/repos' "$REPLAY_LOG" ||
    grep -q '"Authorization"' "$REPLAY_LOG"; then
	not_ok "GitHub Accept headers (READMEs raw), no token unset"
else
	ok "GitHub Accept headers (READMEs raw), no token unset"
fi

ads-fetch-github -n 4 -q sentiment >"$T/out" 2>"$T/err"
test "$(wc -l <"$T/out")" -eq 4 && grep -q '4 records, 5 requests' "$T/err" &&
    ok "-n 4: only four READMEs asked for" ||
    not_ok "-n 4: only four READMEs asked for" "$(cat "$T/err")"

GITHUB_TOKEN=ghp_SEKRETTOKEN123 ADS_CACHE=use ADS_CACHE_DIR=$T/cache \
    ads-fetch-github -n 2 -q sentiment >"$T/out" 2>"$T/err"
if grep -q '"Authorization": "<present>"' "$REPLAY_LOG" &&
    ! grep -q SEKRET "$T/out" "$T/err" &&
    ! find "$T/cache" -type f -exec zstdcat {} + 2>/dev/null | grep -q SEKRET; then
	ok "GITHUB_TOKEN: sent, absent from records, messages and cache"
else
	not_ok "GITHUB_TOKEN: sent, absent from records, messages and cache"
fi

start=$(date +%s)
ads-fetch-github -q ratelimited >"$T/out" 2>"$T/err"
rc=$?
took=$(($(date +%s) - start))
if test $rc -eq 4 && test "$took" -le 5 &&
    grep -q '^ads-fetch-github: query "ratelimited": HTTP 403: API rate limit exceeded for 192.0.2.1.*; stopping (rate limited' "$T/err"; then
	ok "primary rate limit resetting too late: stops at once, exit 4"
else
	not_ok "primary rate limit: stops at once, exit 4" "exit $rc ${took}s" "$(cat "$T/err")"
fi
ADS_HTTP_MAX_WAIT=1 ads-fetch-github -q secondary >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 4 && grep -q 'secondary rate limit.*for 60 s, longer than the 1 s allowed' "$T/err" &&
    ok "secondary limit (Retry-After 60) beyond the bound: exit 4" ||
    not_ok "secondary limit beyond the bound: exit 4" "exit $rc" "$(cat "$T/err")"
start=$(date +%s)
ads-fetch-github -q retryafter >"$T/out" 2>"$T/err"
rc=$?
took=$(($(date +%s) - start))
test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 23 && test "$took" -ge 1 &&
    ok "429 with Retry-After 1: waited, then everything" ||
    not_ok "429 with Retry-After 1: waited, then everything" "exit $rc" "$(cat "$T/err")"
ads-fetch-github -q invalid >"$T/out" 2>"$T/err"
test $? -eq 4 && grep -q '^ads-fetch-github: query "invalid": HTTP 422: Validation Failed$' "$T/err" &&
    ok "422: GitHub's message, exit 4" || not_ok "422: GitHub's message, exit 4" "$(cat "$T/err")"
ads-fetch-github -q nothing >"$T/out" 2>"$T/err"
test $? -eq 0 && ! test -s "$T/out" && ok "no results: exit 0" || not_ok "no results: exit 0"
ADS_HTTP_RETRIES=2 ADS_GITHUB_URL=$REPLAY_URL/github-down \
    ads-fetch-github -q sentiment >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && test "$(wc -l <"$T/out")" -eq 22 &&
    grep -q 'README of acme/opinion-mining: HTTP 500' "$T/err" &&
    ! grep -q 'acme/opinion-mining' "$T/out"; then
	ok "one README failing for good: the 22 others written, exit 4"
else
	not_ok "one README failing for good" "exit $rc" "$(cat "$T/err")"
fi
# /github-down answers READMEs as base64 JSON: the same texts.
jq -r 'select(.title != "acme/opinion-mining") | .text' "$T/out" >"$T/got"
ads-fetch-github -q sentiment | jq -r 'select(.title != "acme/opinion-mining") | .text' >"$T/want"
cmp_out "README answered as base64 JSON: the same text as raw" "$T/want" "$T/got"

echo '{"sources":{"github":{"queries":["sentiment"],"limit":3}}}' >"$T/plan.json"
ads-fetch-github -p "$T/plan.json" >"$T/out" 2>/dev/null
test "$(wc -l <"$T/out")" -eq 3 && ok "-p: queries and limit" || not_ok "-p: queries and limit"
echo '{"sources":{"arxiv":{}}}' | ads-fetch-github -p - >"$T/out" 2>"$T/err"
test $? -eq 0 && grep -q 'not in the plan; skipping github' "$T/err" &&
    ok "not in the plan: skipped" || not_ok "not in the plan: skipped"

# Conformance: the recorded GitHub answers in ../shared/fixtures.
if need_shared "GitHub recorded answers" 8; then
	S=$SHARED/fixtures/github
	D=$T/shared
	mkdir -p "$D"
	cat >"$D/routes" <<EOF
GET /github/search/repositories?sort=stars&q=github+language%3APython&order=desc&page=3 $S/search-repositories-no-results.json
GET /github/search/repositories?sort=stars&q=github+language%3APython&order=desc&page=2 $S/search-repositories-q-github-language-python-page2.json
GET /github/search/repositories?q=python&* $S/search-repositories-q-github-language-python-page1.json
GET /github/search/repositories?q=none&* $S/search-repositories-no-results.json
GET /github/search/repositories?q=primary&* $S/error-403-rate-limit-exceeded-unauthenticated.json
GET /github/search/repositories?q=secondary&* $S/error-403-secondary-rate-limit-search-code.json
GET /github/search/repositories?q=agent&* $S/error-403-missing-user-agent.json
GET /github/search/repositories?q=server&* $S/error-500-server-error.json
GET /github/repos/kennethreitz/legit/readme $S/repos-PyGithub-PyGithub-readme-2025.json
GET /github/repos/*/readme $S/error-404-not-found.json
EOF
	replay_start "$D"
	ADS_GITHUB_URL=$REPLAY_URL/github
	ads-fetch-github -q python >"$T/out" 2>"$T/err"
	rc=$?
	if test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 60 &&
	    grep -q 'q=github+language%3APython&order=desc&page=2' "$REPLAY_LOG" &&
	    grep -q 'q=github+language%3APython&order=desc&page=3' "$REPLAY_LOG"; then
		ok "shared search pages: 60 records, Link next followed twice"
	else
		not_ok "shared search pages" "exit $rc $(wc -l <"$T/out")" "$(cat "$T/err")"
	fi
	head -n 1 "$T/out" | jq -r '[.id, .title, .meta.stars, .meta.readme] | map(tostring) | join(" ")' >"$T/got"
	echo 'github:1951148 kennethreitz/legit 3036 true' >"$T/want"
	cmp_out "shared search item fields" "$T/want" "$T/got"
	head -n 1 "$T/out" | jq -r .text >"$T/got"
	if head -n 1 "$T/got" | grep -q '^PyGitHub$' &&
	    grep -q 'PyGitHub is a Python library to access the GitHub REST API' "$T/got" &&
	    ! grep -q 'img.shields\|](http\|^\[GitHub' "$T/got"; then
		ok "shared README (base64, 60-column lines) reduced to text"
	else
		not_ok "shared README reduced to text" "$(head -n 12 "$T/got")"
	fi
	ads-fetch-github -q none >"$T/out" 2>"$T/err"
	test $? -eq 0 && ! test -s "$T/out" && ok "shared no results: exit 0" ||
	    not_ok "shared no results: exit 0"
	ads-fetch-github -q primary >"$T/out" 2>"$T/err"
	test $? -eq 4 && grep -q 'HTTP 403: API Rate Limit Exceeded for 92.104.200.119; stopping (rate limited)$' "$T/err" &&
	    ok "shared primary rate limit (no reset header): stops, exit 4" ||
	    not_ok "shared primary rate limit: stops, exit 4" "$(cat "$T/err")"
	ADS_HTTP_MAX_WAIT=2 ads-fetch-github -q secondary >"$T/out" 2>"$T/err"
	test $? -eq 4 && grep -q 'abuse detection mechanism.*for 60 s, longer than the 2 s allowed' "$T/err" &&
	    ok "shared secondary rate limit: stops, exit 4" ||
	    not_ok "shared secondary rate limit: stops, exit 4" "$(cat "$T/err")"
	ads-fetch-github -q agent >"$T/out" 2>"$T/err"
	test $? -eq 4 && grep -q 'HTTP 403: Missing or invalid User Agent string' "$T/err" &&
	    ok "shared missing User-Agent 403: reported" ||
	    not_ok "shared missing User-Agent 403: reported" "$(cat "$T/err")"
	ADS_HTTP_RETRIES=1 ads-fetch-github -q server >"$T/out" 2>"$T/err"
	test $? -eq 4 && grep -q 'HTTP 500: Server Error' "$T/err" &&
	    test "$(grep -c 'q=server' "$REPLAY_LOG")" -eq 2 &&
	    ok "shared 500: retried, then reported" ||
	    not_ok "shared 500: retried, then reported" "$(cat "$T/err")"
fi

# Rate limits waited out within the bound: a search page that spends
# the budget (x-ratelimit-remaining 0, reset 2 s ahead in epoch
# seconds) holds the next request until the reset; a README answered
# with a secondary limit (403, Retry-After 1) is asked again.
G=$FIXTURES/http/github
W=$T/gh-wait
mkdir -p "$W"
cp "$G/search-p1.json" "$W/p1.json"
sed 's/^x-ratelimit-remaining: .*/x-ratelimit-remaining: 0/
s/^x-ratelimit-reset: .*/x-ratelimit-reset: '$(($(date +%s) + 2))'/' \
    "$G/search-p1.json.headers" >"$W/p1.json.headers"
printf '{"message":"You have exceeded a secondary rate limit."}' >"$W/secondary.json"
printf 'HTTP/1.1 403 Forbidden\nretry-after: 1\n' >"$W/secondary.json.headers"
cat >"$W/routes" <<EOF
GET /github/search/repositories?q=budget&*page=2* $G/search-p2.json
GET /github/search/repositories?q=budget&* p1.json
GET /github/repos/nlp-tools/review-classifier/readme $G/readme-nlp-tools-review-classifier.json fault=first:1:secondary.json
EOF
replay_start "$W" "$G"
ADS_GITHUB_URL=$REPLAY_URL/github
start=$(date +%s%N)
ads-fetch-github -q budget >"$T/out" 2>"$T/err"
rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
if test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 23 && test "$ms" -ge 1000 &&
    test "$(grep -c '"path": "/github/repos/nlp-tools/review-classifier/readme"' "$REPLAY_LOG")" -eq 2 &&
    test "$(jq -r 'select(.title == "nlp-tools/review-classifier") | .meta.readme' "$T/out")" = true
then
	ok "rate limits within the bound waited out: every record (${ms} ms)"
else
	not_ok "rate limits within the bound waited out" "exit $rc, ${ms} ms" \
	    "$(cat "$T/err")"
fi

# The man page's example, against the replay data.
replay_start "$FIXTURES/http/github"
ADS_GITHUB_URL=$REPLAY_URL/github
GITHUB_TOKEN=example ads-fetch-github -n 50 -q 'sentiment language:python' \
    >"$T/gh.jsonl" 2>"$T/err"
test $? -eq 0 && test "$(wc -l <"$T/gh.jsonl")" -eq 23 &&
    grep -q 'q=sentiment%20language%3Apython&per_page=30' "$REPLAY_LOG" &&
    ok "EXAMPLES: -n 50 -q 'sentiment language:python'" ||
    not_ok "EXAMPLES: -n 50 -q 'sentiment language:python'" "$(cat "$T/err")"
