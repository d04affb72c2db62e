#!/bin/sh
# t5210-reddit -- ads-fetch-reddit through the replay server: OAuth and
# public modes, posts and comment trees, "more" stubs, skipping, the
# plan, errors, faults, the cache, and the recorded Reddit answers in
# ../shared/fixtures.
. "$(dirname "$0")/lib.sh"
checks 48
. "$TOP/tests/replay/lib.sh"
replay_leaks

if ! have_tool ads-fetch-reddit; then
	skip "ads-fetch-reddit" "not built"
	exit 0
fi
H=$FIXTURES/http/reddit
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_REDDIT_URL=$REPLAY_URL/reddit/www
ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth
ADS_REDDIT_INTERVAL=0
ADS_HTTP_BACKOFF=0.01
SOURCE_DATE_EPOCH=1750000000
REDDIT_CLIENT_ID=fixture-client
REDDIT_CLIENT_SECRET=fixture-secret-value
export ADS_REDDIT_URL ADS_REDDIT_OAUTH_URL ADS_REDDIT_INTERVAL \
    ADS_HTTP_BACKOFF SOURCE_DATE_EPOCH REDDIT_CLIENT_ID REDDIT_CLIENT_SECRET
unset REDDIT_USERNAME

Q='sourdough starter'
ads-fetch-reddit -c 3 -n 100 -q "$Q" >"$T/oauth" 2>"$T/err"
rc=$?
n=$(wc -l <"$T/oauth")
if test $rc -eq 0 && test "$n" -eq 39; then
	ok "OAuth: 12 posts over two pages and their top comments: 39 records"
else
	not_ok "OAuth: 39 records" "exit $rc, $n" "$(cat "$T/err")"
fi
jq -r .id "$T/oauth" | sort | uniq -d >"$T/dups"
test -s "$T/dups" && not_ok "no duplicate ids" "$(cat "$T/dups")" ||
    ok "no duplicate ids"
head -n 1 "$T/oauth" >"$T/got"
cat >"$T/want" <<'EOF'
{"id":"reddit:t3_1kq0a01","source":"reddit","text":"My sourdough starter smells like nail polish remover. Is it dead?\n\nStarted it nine days ago with whole wheat flour and water, feeding once a day. Since yesterday it has a sharp acetone smell and a layer of grey liquid on top. Should I throw it out or keep going?","title":"My sourdough starter smells like nail polish remover. Is it dead?","url":"https://www.reddit.com/r/Breadit/comments/1kq0a01/my_sourdough_starter_smells_like_nail_po/","license":"LicenseRef-Reddit-Data-API-Terms","created":"2025-05-11T21:46:40Z","retrieved":"2025-06-15T15:06:40Z","query":"sourdough starter","meta":{"kind":"post","subreddit":"Breadit","fullname":"t3_1kq0a01","score":412,"num_comments":37,"domain":"self.Breadit"}}
EOF
cmp_out "first post: every field, Markdown made plain" "$T/want" "$T/got"
sed -n 2p "$T/oauth" | jq -r '[.id, .title, .url, .meta.kind, .meta.post,
    .meta.parent, .meta.depth, .text] | map(tostring) | join("|")' >"$T/got"
echo 'reddit:t1_ca0100|My sourdough starter smells like nail polish remover. Is it dead?|https://www.reddit.com/r/Breadit/comments/1kq0a01/my_sourdough_starter_smells_like_nail_po/ca0100/|comment|t3_1kq0a01|t3_1kq0a01|0|That smell means it is hungry, not dead. Feed it twice a day for a few days.' >"$T/want"
cmp_out "a comment record: post title, permalink, parent, depth" \
    "$T/want" "$T/got"
if ! grep -q 't3_1kq0a03\|t3_1kq0a05\|t3_1kq0a07\|t1_ca0103' "$T/oauth" &&
    grep -q '^ads-fetch-reddit: 3 posts left out (removed, deleted or NSFW)$' \
    "$T/err"; then
	ok "removed, deleted and NSFW posts and deleted comments left out"
else
	not_ok "removed, deleted and NSFW left out" "$(cat "$T/err")"
fi
jq -r 'select(.meta.post == "t3_1kq0a02") | .meta.depth' "$T/oauth" |
    paste -sd ' ' - >"$T/got"
echo '0 0 1' >"$T/want"
cmp_out "comment tree walked: top-level comments before replies" \
    "$T/want" "$T/got"
grep -q '^ads-fetch-reddit: 39 records, 15 requests (0 cached, 0 retried, 0 failed)$' \
    "$T/err" && ok "summary line" || not_ok "summary line" "$(cat "$T/err")"
jq -s -e 'length == 15 and .[0].method == "POST" and
    .[0].path == "/reddit/www/api/v1/access_token" and
    .[0].body == "grant_type=client_credentials" and
    .[0].headers.Authorization == "<present>" and
    all(.[1:][]; (.path | startswith("/reddit/oauth/")) and
        (.query | test("raw_json=1")) and
        .headers.Authorization == "<present>" and
        (.headers["User-Agent"] | test("^unix:ads-fetch-reddit:[0-9.]+ \\(")))' \
    "$REPLAY_LOG" >/dev/null &&
    ok "token by HTTP Basic, then bearer calls on the OAuth host with raw_json=1 and Reddit's User-Agent form" ||
    not_ok "OAuth requests" "$(head -n 3 "$REPLAY_LOG")"
grep -q 'fixture-secret-value\|fixture-token-not-a-secret' "$REPLAY_LOG" \
    "$T/err" "$T/oauth" && not_ok "secrets stay out of logs and records" ||
    ok "secrets stay out of logs and records"
# sha256 -- the hex SHA-256 of $1 (the replay log keeps only digests).
sha256() {
	printf '%s' "$1" | sha256sum | cut -d ' ' -f 1
}
basic=$(sha256 "Basic $(printf '%s' fixture-client:fixture-secret-value |
    base64)")
bearer=$(sha256 'bearer fixture-token-not-a-secret')
jq -s -e --arg b "$basic" --arg t "$bearer" '.[0].digests.Authorization ==
    $b and all(.[1:][]; .digests.Authorization == $t)' "$REPLAY_LOG" \
    >/dev/null && ok "the client id and secret sent as HTTP Basic, then the token as bearer" ||
    not_ok "credentials sent" "$(jq -c .digests "$REPLAY_LOG" | head -n 3)"
REDDIT_USERNAME=ads_bot ads-fetch-reddit -c 0 -n 1 -q "$Q" >/dev/null 2>&1
tail -n 1 "$REPLAY_LOG" | jq -e '.headers["User-Agent"] |
    test("^unix:ads-fetch-reddit:[0-9.]+ \\(by /u/ads_bot\\)$")' >/dev/null &&
    ok "REDDIT_USERNAME names the user in the User-Agent" ||
    not_ok "REDDIT_USERNAME in the User-Agent" "$(tail -n 1 "$REPLAY_LOG")"

: >"$REPLAY_LOG"
env -u REDDIT_CLIENT_ID -u REDDIT_CLIENT_SECRET \
    ads-fetch-reddit -c 3 -n 100 -q "$Q" >"$T/public" 2>"$T/err"
rc=$?
cmp -s "$T/oauth" "$T/public" && test $rc -eq 0 &&
    ok "public .json endpoints give the same records" ||
    not_ok "public .json endpoints give the same records" "exit $rc" \
    "$(cat "$T/err")"
jq -s -e 'length == 14 and all(.[]; (.path | startswith("/reddit/www/")) and
    (.path | endswith(".json")) and (.headers | has("Authorization") | not))' \
    "$REPLAY_LOG" >/dev/null &&
    ok "public mode: .json paths on the site, no Authorization" ||
    not_ok "public mode requests" "$(head -n 2 "$REPLAY_LOG")"

: >"$REPLAY_LOG"
env -u REDDIT_CLIENT_ID -u REDDIT_CLIENT_SECRET \
    ads-fetch-reddit -c 10 -n 8 -q "$Q" >"$T/public10" 2>"$T/err"
rc=$?
grep '"path": "/reddit/www/api/morechildren.json"' "$REPLAY_LOG" |
    jq -e '.method == "GET" and .body == "" and (.query |
    test("^api_type=json&children=mc0001%2Cmc0002%2Cmc0003&link_id=t3_1kq0a01&sort=top&raw_json=1$"))' \
    >/dev/null && test $rc -eq 0 &&
    test "$(jq -r .id "$T/public10" | paste -sd ' ' -)" = 'reddit:t3_1kq0a01 reddit:t1_ca0100 reddit:t1_ca0101 reddit:t1_ca0102 reddit:t1_ca0104 reddit:t1_mc0001 reddit:t1_mc0002 reddit:t1_mc0003' &&
    ok "public mode: \"more\" stub expanded by a GET with the same fields" ||
    not_ok "public morechildren" "exit $rc" "$(grep morechildren "$REPLAY_LOG")"

# A token that expires within a minute is renewed before the next call;
# the first is asked for only when the first call needs the network.
replay_start "$H/renew" "$H" || { not_ok "replay server (renew)"; exit 1; }
ADS_REDDIT_URL=$REPLAY_URL/reddit/www ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth \
    ads-fetch-reddit -c 0 -n 100 -q "$Q" >"$T/out" 2>"$T/err"
rc=$?
jq -r 'if .path == "/reddit/www/api/v1/access_token" then "T" else "C" end' \
    "$REPLAY_LOG" | paste -sd ' ' - >"$T/got"
echo 'T C T C' >"$T/want"
test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 12 &&
    cmp_out "a token about to expire is renewed before each call" \
    "$T/want" "$T/got" || not_ok "token renewal" "exit $rc" "$(cat "$T/err")"
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_REDDIT_URL=$REPLAY_URL/reddit/www
ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth

ads-fetch-reddit -N -c 0 -n 100 -q "$Q" >"$T/out" 2>/dev/null
jq -r 'select(.id == "reddit:t3_1kq0a05") | .meta.nsfw' "$T/out" >"$T/got"
echo true >"$T/want"
cmp_out "-N keeps NSFW posts, flagged in meta" "$T/want" "$T/got"
n=$(wc -l <"$T/out")
test "$n" -eq 13 && ! grep -q '"kind":"comment"' "$T/out" &&
    ok "-c 0: posts only" || not_ok "-c 0: posts only" "$n"

: >"$REPLAY_LOG"
ads-fetch-reddit -c 10 -n 8 -q "$Q" >"$T/out" 2>/dev/null
jq -r .id "$T/out" | paste -sd ' ' - >"$T/got"
echo 'reddit:t3_1kq0a01 reddit:t1_ca0100 reddit:t1_ca0101 reddit:t1_ca0102 reddit:t1_ca0104 reddit:t1_mc0001 reddit:t1_mc0002 reddit:t1_mc0003' >"$T/want"
cmp_out "-c 10: the \"more\" stub expanded; -n 8 stops there" \
    "$T/want" "$T/got"
grep '"path": "/reddit/oauth/api/morechildren"' "$REPLAY_LOG" |
    jq -e '.method == "POST" and (.body | test("children=mc0001%2Cmc0002%2Cmc0003&link_id=t3_1kq0a01"))' \
    >/dev/null && ok "morechildren: POST with the stub's ids and the post" ||
    not_ok "morechildren request" "$(grep morechildren "$REPLAY_LOG")"

: >"$REPLAY_LOG"
ads-fetch-reddit -c 0 -R r/Breadit -q "$Q" >"$T/out" 2>/dev/null
jq -r .meta.subreddit "$T/out" | sort -u >"$T/got"
echo Breadit >"$T/want"
if cmp -s "$T/want" "$T/got" && grep -q '"path": "/reddit/oauth/r/Breadit/search"' \
    "$REPLAY_LOG" && grep -q 'restrict_sr=1' "$REPLAY_LOG"; then
	ok "-R: search within a subreddit (r/ prefix accepted)"
else
	not_ok "-R: search within a subreddit" "$(cat "$T/got")"
fi

ads-fetch-reddit -c 0 -R quarantined -q bread >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && ! test -s "$T/out" &&
    grep -q '^ads-fetch-reddit: query "bread" in r/quarantined: HTTP 403: Forbidden$' \
    "$T/err"; then
	ok "HTTP 403: exit 4 and Reddit's message"
else
	not_ok "HTTP 403: exit 4 and Reddit's message" "exit $rc" \
	    "$(cat "$T/err")"
fi

# The plan.
cat >"$T/plan.json" <<'EOF'
{"version":1,"prompt":"p","languages":["en"],"keywords":["k"],
 "sources":{"reddit":{"queries":["sourdough starter"],"subreddits":["Breadit"],"limit":6}}}
EOF
: >"$REPLAY_LOG"
ads-fetch-reddit -p "$T/plan.json" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 6 &&
    grep -q '/r/Breadit/search' "$REPLAY_LOG"; then
	ok "-p: queries, subreddits and limit from sources.reddit"
else
	not_ok "-p: queries, subreddits and limit" "exit $rc" "$(cat "$T/err")"
fi
echo '{"version":1,"sources":{"reddit":{"subreddits":["Breadit"],"limit":3}}}' \
    >"$T/plan3.json"
: >"$REPLAY_LOG"
ads-fetch-reddit -c 0 -p "$T/plan3.json" >"$T/out" 2>/dev/null
test "$(wc -l <"$T/out")" -eq 3 && grep -q '/r/Breadit/top' "$REPLAY_LOG" &&
    ok "-p with subreddits and no queries: their top posts" ||
    not_ok "-p with subreddits and no queries" "$(cat "$REPLAY_LOG")"
# queries_by_lang: a language's own subreddit is searched with its
# queries, the other subreddits with those of the languages that have
# none; all of Reddit with every language's, each once.
replay_start "$H/bylang" "$H" || { not_ok "replay server (bylang)"; exit 1; }
cat >"$T/plan-by.json" <<'EOF'
{"version":1,"sources":{"reddit":{"queries":["product reviews","resenas","avis produits","produkttest"],
 "queries_by_lang":{"en":["product reviews"],"es":["resenas","opiniones"],
 "fr":["avis produits","product reviews"],"de":["produkttest"]},
 "subreddits":["BuyItForLife","Mexico","france"],"lang":["en","es","fr","de"],"limit":50}}}
EOF
# searches -- the searches of the replay log: "SCOPE QUERY" lines.
searches() {
	jq -r 'select(.path | test("/search")) | (.path | sub("^/reddit/[a-z]+"; "")) +
	    " " + (.query | capture("q=(?<q>[^&]*)").q)' "$REPLAY_LOG"
}
ADS_REDDIT_URL=$REPLAY_URL/reddit/www ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth \
    ads-fetch-reddit -p "$T/plan-by.json" >"$T/out" 2>"$T/err"
rc=$?
searches >"$T/got"
printf '%s\n' '/r/BuyItForLife/search product%20reviews' '/r/Mexico/search resenas' \
    '/r/france/search avis%20produits' '/r/BuyItForLife/search produkttest' \
    '/r/Mexico/search opiniones' '/r/france/search product%20reviews' >"$T/want"
test $rc -eq 0 && cmp -s "$T/want" "$T/got" &&
    ok "-p queries_by_lang: r/Mexico Spanish, r/france French, r/BuyItForLife English and German" ||
    not_ok "-p queries_by_lang with subreddits" "exit $rc" "$(diff "$T/want" "$T/got")" "$(cat "$T/err")"
jq 'del(.sources.reddit.subreddits)' "$T/plan-by.json" >"$T/plan-by2.json"
: >"$REPLAY_LOG"
ADS_REDDIT_URL=$REPLAY_URL/reddit/www ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth \
    ads-fetch-reddit -p "$T/plan-by2.json" >"$T/out" 2>"$T/err"
rc=$?
searches >"$T/got"
printf '%s\n' '/search product%20reviews' '/search resenas' '/search avis%20produits' \
    '/search produkttest' '/search opiniones' >"$T/want"
test $rc -eq 0 && cmp -s "$T/want" "$T/got" &&
    ok "-p queries_by_lang without subreddits: every language's queries site-wide, each once" ||
    not_ok "-p queries_by_lang site-wide" "exit $rc" "$(diff "$T/want" "$T/got")" "$(cat "$T/err")"
jq 'del(.sources.reddit.queries_by_lang)' "$T/plan-by.json" >"$T/plan-all.json"
: >"$REPLAY_LOG"
ADS_REDDIT_URL=$REPLAY_URL/reddit/www ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth \
    ads-fetch-reddit -p "$T/plan-all.json" >"$T/out" 2>"$T/err"
test "$(searches | wc -l)" -eq 12 &&
    test "$(searches | head -n 3 | paste -sd ' ' -)" = '/r/BuyItForLife/search product%20reviews /r/Mexico/search product%20reviews /r/france/search product%20reviews' &&
    ok "-p without queries_by_lang: every query in every subreddit" ||
    not_ok "-p without queries_by_lang" "$(searches)"
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_REDDIT_URL=$REPLAY_URL/reddit/www
ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth
echo '{"version":1,"sources":{"wikipedia":{"queries":["x"]}}}' >"$T/plan2.json"
ADS_PROGRESS=$T/prog ads-fetch-reddit -p "$T/plan2.json" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && ! test -s "$T/out" &&
    grep -q '^ads-fetch-reddit: not in the plan; skipping reddit$' "$T/err" &&
    jq -e '.phase == "skipped"' "$T/prog" >/dev/null; then
	ok "plan without reddit: skipped, exit 0"
else
	not_ok "plan without reddit: skipped, exit 0" "exit $rc" "$(cat "$T/err")"
fi
ADS_PROGRESS=$T/prog ads-fetch-reddit -n 5 -q "$Q" >/dev/null 2>&1
tail -n 1 "$T/prog" | jq -e '.phase == "done" and .out == 5 and
    .failed == 0 and .requests >= 2' >/dev/null &&
    ok "progress: done line with the counts" ||
    not_ok "progress: done line" "$(tail -n 1 "$T/prog")"
expect_code 2 "-c 501: usage" ads-fetch-reddit -c 501 -q x
expect_code 2 "neither -p nor -q: usage" ads-fetch-reddit
expect_code 2 "a bad option: usage" ads-fetch-reddit -Z -q x

# Faults.
replay_start "$H/faults" "$H" || { not_ok "replay server (faults)"; exit 1; }
ADS_REDDIT_URL=$REPLAY_URL/reddit/www
ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth
ads-fetch-reddit -c 0 -n 3 -q flaky >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 3 &&
    grep -q '(0 cached, 1 retried, 0 failed)' "$T/err" &&
    ok "429 once: retried after Retry-After, all records" ||
    not_ok "429 once: retried" "exit $rc" "$(cat "$T/err")"
ADS_HTTP_RETRIES=1 ads-fetch-reddit -c 3 -n 12 -q "$Q" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && test "$(wc -l <"$T/out")" -eq 12 &&
    grep -q '^ads-fetch-reddit: t3_1kq0a02: comments: HTTP 503$' "$T/err" &&
    grep -q '"id":"reddit:t3_1kq0a02"' "$T/out"; then
	ok "one post's comments keep failing: the rest written, exit 4"
else
	not_ok "one post's comments keep failing" "exit $rc" "$(cat "$T/err")"
fi
ADS_HTTP_RETRIES=1 ads-fetch-reddit -q cut >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 4 && ! test -s "$T/out" && ok "truncated answer: exit 4" ||
    not_ok "truncated answer: exit 4" "exit $rc" "$(cat "$T/err")"
start=$(date +%s%N)
ads-fetch-reddit -c 1 -n 2 -q limited >"$T/out" 2>"$T/err"
rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
if test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 2 && test "$ms" -ge 1500 &&
    grep -q '^ads-fetch-reddit: rate limit reached; waiting 2 s$' "$T/err"; then
	ok "x-ratelimit-remaining 0: waits x-ratelimit-reset before going on (${ms} ms)"
else
	not_ok "x-ratelimit-remaining 0" "exit $rc, ${ms} ms" "$(cat "$T/err")"
fi
: >"$REPLAY_LOG"
ads-fetch-reddit -c 0 -n 3 -q expired >"$T/out" 2>"$T/err"
rc=$?
jq -r 'if .path == "/reddit/www/api/v1/access_token" then "T" else "C" end' \
    "$REPLAY_LOG" | paste -sd ' ' - >"$T/got"
test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 3 &&
    test "$(cat "$T/got")" = 'T C T C' &&
    ok "a 401 on a call: a new token, the call made once more" ||
    not_ok "401 on a call" "exit $rc, $(cat "$T/got")" "$(cat "$T/err")"
ads-fetch-reddit -q garbage >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 4 && grep -q 'query "garbage": not a Listing' "$T/err" &&
    ok "an answer that is not a Listing: exit 4 with the reason" ||
    not_ok "not a Listing" "exit $rc" "$(cat "$T/err")"
replay_start "$H/badtoken" "$H" || { not_ok "replay server (token)"; exit 1; }
ADS_REDDIT_URL=$REPLAY_URL/reddit/www
ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth
ads-fetch-reddit -q "$Q" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && ! test -s "$T/out" &&
    grep -q '^ads-fetch-reddit: OAuth token request: HTTP 401: Unauthorized$' \
    "$T/err" && ! grep -q fixture-secret "$T/err"; then
	ok "token refused: one line, no secret, exit 4"
else
	not_ok "token refused" "exit $rc" "$(cat "$T/err")"
fi

# Determinism and the cache; the token request is never cached.
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_REDDIT_URL=$REPLAY_URL/reddit/www
ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth
ADS_CACHE_DIR=$T/cache
export ADS_CACHE_DIR
ADS_CACHE=use ads-fetch-reddit -c 3 -n 100 -q "$Q" >"$T/a" 2>/dev/null
: >"$REPLAY_LOG"
ADS_CACHE=use ads-fetch-reddit -c 3 -n 100 -q "$Q" >"$T/b" 2>"$T/err"
cmp -s "$T/a" "$T/oauth" && cmp -s "$T/a" "$T/b" &&
    grep -q '14 requests (14 cached' "$T/err" && ! test -s "$REPLAY_LOG" &&
    ok "a rerun from the cache gives the same bytes, with no token request" ||
    not_ok "a rerun from the cache gives the same bytes" "$(cat "$T/err")" \
    "$(cat "$REPLAY_LOG")"
ADS_CACHE=only ads-fetch-reddit -c 3 -n 100 -q "$Q" >"$T/c" 2>"$T/err"
rc=$?
test $rc -eq 0 && cmp -s "$T/a" "$T/c" &&
    ok "ADS_CACHE=only with OAuth keys: replayed offline, exit 0" ||
    not_ok "ADS_CACHE=only with OAuth keys" "exit $rc" "$(cat "$T/err")"
if grep -rq 'fixture-secret-value\|fixture-token-not-a-secret\|fixture-client' \
    "$T/cache" 2>/dev/null || zstdcat -r "$T/cache" 2>/dev/null |
    grep -q 'fixture-secret-value\|fixture-token-not-a-secret'; then
	not_ok "no credential or token in the cache"
else
	ok "no credential or token in the cache"
fi
unset ADS_CACHE_DIR

# Every recorded Reddit answer in ../shared/fixtures.
if need_shared "recorded Reddit answers" 5; then
	S=$SHARED/fixtures/reddit
	mkdir -p "$T/shared"
	cat >"$T/shared/routes" <<EOF
POST /reddit/www/api/v1/access_token $S/api-v1-access_token.json
GET /reddit/*/r/popular/* $S/r-popular-hot-limit100.json
GET /reddit/*/r/ferguson/* $S/error-403-quarantined-subreddit.json
GET /reddit/*/r/wiki/* $S/error-404-wiki-page-not-found.json
GET /reddit/*/search* $S/r-all-search-q-praw-oauth-search.json
GET /reddit/*/comments/3qc02b* $S/error-401-invalid-token.json
GET /reddit/*/comments/3x4kt2* $S/comments-1kh35wk-2025.json
GET /reddit/*/comments/* $S/comments-ablzuq-limit1.json
POST /reddit/*/api/morechildren* $S/api-morechildren-ablzuq.json
EOF
	replay_start "$T/shared" || { not_ok "replay server (shared)"; exit 1; }
	ADS_REDDIT_URL=$REPLAY_URL/reddit/www
	ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth
	ADS_HTTP_RETRIES=0 ads-fetch-reddit -c 20 -n 1000 -q 'praw oauth search' \
	    >"$T/out" 2>"$T/err"
	rc=$?
	posts=$(jq '[.data.children[] | select(.kind == "t3")] | length' \
	    "$S/r-all-search-q-praw-oauth-search.json")
	got=$(grep -c '"kind":"post"' "$T/out")
	if test $rc -eq 4 && test "$got" -eq "$posts" &&
	    grep -q 'comments: HTTP 401: Unauthorized' "$T/err" &&
	    jq -s -e 'all(.[]; (.id | test("^reddit:t[13]_[a-z0-9]+$")) and
	        .source == "reddit" and (.text | length > 0) and
	        (.url | startswith("https://www.reddit.com/r/")) and
	        (.created | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T")))' \
	    "$T/out" >/dev/null; then
		ok "recorded search listing: every post, well-formed records; a 401 reported"
	else
		not_ok "recorded search listing" "exit $rc, $got of $posts" \
		    "$(head -c 600 "$T/err")"
	fi
	n=$(jq -s '[.[] | select(.meta.post == "t3_3qc02b" or .meta.post ==
	    "t3_3x4kt2")] | length' "$T/out")
	c=$(grep -c '"kind":"comment"' "$T/out")
	if test "$n" -eq 0 && test "$c" -gt 0 &&
	    grep -q '"path": "/reddit/oauth/api/morechildren"' "$REPLAY_LOG" &&
	    grep -q '"path": "/reddit/oauth/comments/3x4kt2"' "$REPLAY_LOG" &&
	    jq -s -e '[.[] | select(.meta.kind == "comment")] |
	        all(.[]; .text != "[deleted]" and .text != "[removed]")' \
	    "$T/out" >/dev/null; then
		ok "recorded comment pages (old tree, empty 2025 one, morechildren)"
	else
		not_ok "recorded comment pages" "$n $c"
	fi
	ads-fetch-reddit -c 0 -n 1000 -R popular -q x >"$T/out" 2>"$T/err"
	rc=$?
	all=$(jq '.data.children | length' "$S/r-popular-hot-limit100.json")
	nsfw=$(jq '[.data.children[].data | select(.over_18)] | length' \
	    "$S/r-popular-hot-limit100.json")
	got=$(wc -l <"$T/out")
	test $rc -eq 0 && test "$got" -eq $((all - nsfw)) &&
	    ok "recorded 2026 listing: $got posts ($nsfw NSFW left out)" ||
	    not_ok "recorded 2026 listing" "exit $rc, $got of $all - $nsfw" \
	    "$(cat "$T/err")"
	ads-fetch-reddit -R ferguson -q x >/dev/null 2>"$T/err"
	rc=$?
	test $rc -eq 4 && grep -q 'HTTP 403: Forbidden$' "$T/err" &&
	    ok "recorded 403 (quarantined subreddit)" ||
	    not_ok "recorded 403" "exit $rc" "$(cat "$T/err")"
	ads-fetch-reddit -R wiki -q x >/dev/null 2>"$T/err"
	rc=$?
	test $rc -eq 4 && grep -q 'HTTP 404: Not Found$' "$T/err" &&
	    ok "recorded 404 body: its message" ||
	    not_ok "recorded 404" "exit $rc" "$(cat "$T/err")"
fi

# The EXAMPLES line of the man page.
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_REDDIT_URL=$REPLAY_URL/reddit/www
ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth
(cd "$T" && ads-fetch-reddit -c 5 -n 200 -R Breadit,Sourdough \
    -q 'sourdough starter' >reddit.jsonl 2>/dev/null)
test -s "$T/reddit.jsonl" && ok "man page example runs" ||
    not_ok "man page example runs"

# Threads as conversations: the post's author (is_submitter) asks, the
# others answer; a reply by a third person to the answer is not the
# asker's turn and ends the conversation.
mkdir -p "$T/op"
jq '(.. | objects | select(.id? == "ca0202")) |= (.is_submitter = true)' \
    "$H/comments-1kq0a02.json" >"$T/op/comments-1kq0a02.json"
cp "$H/comments-1kq0a02.json.headers" "$T/op/"
echo 'GET /reddit/*/comments/1kq0a02* comments-1kq0a02.json' >"$T/op/routes"
replay_start "$T/op" "$H" || { not_ok "replay server (op)"; exit 1; }
ADS_REDDIT_URL=$REPLAY_URL/reddit/www
ADS_REDDIT_OAUTH_URL=$REPLAY_URL/reddit/oauth
jq -n '{version: 2, task: "conversational", languages: ["en"],
    keywords: ["sourdough starter"],
    sources: {reddit: {queries: ["sourdough starter"], limit: 40}}}' \
    >"$T/plan"
ads-fetch-reddit -p "$T/plan" 2>/dev/null |
    jq -r 'select(.id == "reddit:t3_1kq0a01#chat" or
    .id == "reddit:t3_1kq0a02#chat") | [.id, (.messages |
    map(.role + ": " + .content[0:24]) | join(" / "))] | join(" ")' |
    sort >"$T/got"
cat >"$T/want" <<'EOF2'
reddit:t3_1kq0a01#chat user: My sourdough starter sme / assistant: That smell means it is h
reddit:t3_1kq0a02#chat user: Rye vs. whole wheat for  / assistant: Rye is always faster for / user: What temperature were th
EOF2
cmp_out "threads as messages: user turns are the post author's" \
    "$T/want" "$T/got"
