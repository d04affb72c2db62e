#!/bin/sh
# t5230-kaggle -- ads-fetch-kaggle through the replay server: the
# dataset list, paging, descriptions from metadata, licenses, the ways
# to give credentials, errors and faults.  No recorded Kaggle answer
# exists (../shared/fixtures/PROVENANCE-more.md), so there is no
# conformance part over shared fixtures.
. "$(dirname "$0")/lib.sh"
checks 22
. "$TOP/tests/replay/lib.sh"
replay_leaks

if ! have_tool ads-fetch-kaggle; then
	skip "ads-fetch-kaggle" "not built"
	exit 0
fi
H=$FIXTURES/http/kaggle
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_KAGGLE_URL=$REPLAY_URL/kaggle
ADS_KAGGLE_INTERVAL=0
ADS_HTTP_BACKOFF=0.01
ADS_HTTP_RETRIES=1
SOURCE_DATE_EPOCH=1750000000
KAGGLE_USERNAME=fixture-user
KAGGLE_KEY=fixture-kaggle-key-value
export ADS_KAGGLE_URL ADS_KAGGLE_INTERVAL ADS_HTTP_BACKOFF ADS_HTTP_RETRIES \
    SOURCE_DATE_EPOCH KAGGLE_USERNAME KAGGLE_KEY
unset KAGGLE_CONFIG_DIR

Q='customer reviews'
ads-fetch-kaggle -n 100 -q "$Q" >"$T/all" 2>"$T/err"
rc=$?
n=$(wc -l <"$T/all")
test $rc -eq 0 && test "$n" -eq 28 &&
    ok "three list pages (20, 8 + a repeat, empty): 28 records" ||
    not_ok "28 records" "exit $rc, $n" "$(cat "$T/err")"
jq -r .id "$T/all" | sort | uniq -d >"$T/dups"
test -s "$T/dups" && not_ok "no duplicate ids" "$(cat "$T/dups")" ||
    ok "no duplicate ids"
head -n 1 "$T/all" >"$T/got"
cat >"$T/want" <<'EOF'
{"id":"kaggle:snapcrackle/amazon-fine-food-reviews","source":"kaggle","text":"Amazon Fine Food Reviews\n\n1,000 labelled reviews with ratings and text\n\nContext\n\nThis dataset collects amazon fine food reviews with star ratings. See the original source for details.\n\nContent\n\nColumns: review_id, text, rating, date.","title":"Amazon Fine Food Reviews","url":"https://www.kaggle.com/datasets/snapcrackle/amazon-fine-food-reviews","license":"CC0-1.0","created":"2023-01-01T10:00:00.000Z","retrieved":"2025-06-15T15:06:40Z","query":"customer reviews","meta":{"ref":"snapcrackle/amazon-fine-food-reviews","owner":"snapcrackle","subtitle":"1,000 labelled reviews with ratings and text","tags":["nlp"],"size":100000,"license_name":"CC0: Public Domain","votes":40,"downloads":500,"usability":0.5}}
EOF
cmp_out "first record: title, subtitle and plain description; meta" \
    "$T/want" "$T/got"
jq -r '[.meta.license_name, (.license // "-")] | join(" => ")' "$T/all" |
    sort -u >"$T/got"
cat >"$T/want" <<'EOF'
Apache 2.0 => Apache-2.0
Attribution 4.0 International (CC BY 4.0) => CC-BY-4.0
Attribution-NonCommercial-ShareAlike 4.0 International (CC BY-NC-SA 4.0) => CC-BY-NC-SA-4.0
Attribution-ShareAlike 4.0 International (CC BY-SA 4.0) => CC-BY-SA-4.0
CC0: Public Domain => CC0-1.0
Community Data License Agreement - Permissive - Version 1.0 => CDLA-Permissive-1.0
Database: Open Database, Contents: Database Contents => ODbL-1.0
MIT => MIT
Other (specified in description) => -
Unknown => -
EOF
cmp_out "Kaggle license names mapped to SPDX ids, none for Other/Unknown" \
    "$T/want" "$T/got"
jq -r 'select(.id == "kaggle:nlpfan/womens-e-commerce-clothing-reviews" or
    .id == "kaggle:datamill/google-play-store-app-reviews") | .text' \
    "$T/all" >"$T/got"
cat >"$T/want" <<'EOF'
Women's E-Commerce Clothing Reviews

10,411 labelled reviews with ratings and text

A collection of women's e-commerce clothing reviews.

Each row holds one review: its text, a 1-5 star rating and the date it was written. Collected for sentiment analysis practice.
Google Play Store App Reviews

22,959 labelled reviews with ratings and text
EOF
if grep -q womens-e "$T/all"; then
	cmp_out "empty description completed from metadata; a 404 leaves the summary" \
	    "$T/want" "$T/got"
else
	not_ok "dataset slugs" "$(jq -r .id "$T/all" | head -n 5)"
fi
grep -q '^ads-fetch-kaggle: 28 records, 10 requests (0 cached, 0 retried, 0 failed)$' \
    "$T/err" && ok "summary line; a metadata 404 is no failure" ||
    not_ok "summary line" "$(cat "$T/err")"
jq -s -e 'all(.[]; .headers.Authorization == "<present>") and
    ([.[] | select(.path == "/kaggle/api/v1/datasets/list") | .query] ==
    ["search=customer%20reviews&page=1", "search=customer%20reviews&page=2",
     "search=customer%20reviews&page=3"])' "$REPLAY_LOG" >/dev/null &&
    jq -s -e --arg d "$(printf 'Basic %s' "$(printf '%s' \
    fixture-user:fixture-kaggle-key-value | base64)" | sha256sum |
    cut -d ' ' -f 1)" 'all(.[]; .digests.Authorization == $d)' \
    "$REPLAY_LOG" >/dev/null &&
    ! grep -q fixture-kaggle-key-value "$REPLAY_LOG" "$T/all" "$T/err" &&
    ok "HTTP Basic on every request; pages until an empty one" ||
    not_ok "list requests" "$(head -n 2 "$REPLAY_LOG")"
: >"$REPLAY_LOG"
ads-fetch-kaggle -S -n 10 -q "$Q" >"$T/out" 2>/dev/null
if test "$(wc -l <"$T/out")" -eq 10 && ! grep -q metadata "$REPLAY_LOG" &&
    test "$(jq -r 'select(.id ==
    "kaggle:nlpfan/womens-e-commerce-clothing-reviews") | .text' "$T/out")" = "$(printf "Women's E-Commerce Clothing Reviews\n\n10,411 labelled reviews with ratings and text")"
then
	ok "-S: no metadata calls, title and subtitle only"
else
	not_ok "-S" "$(cat "$REPLAY_LOG")"
fi

# Credentials from kaggle.json, and none at all.
mkdir -p "$T/kc" "$T/home/.kaggle"
echo '{"username":"json-user","key":"json-key"}' >"$T/kc/kaggle.json"
echo '{"username":"home-user","key":"home-key"}' >"$T/home/.kaggle/kaggle.json"
# basic -- the digest of the Authorization header for user:key.
basic() {
	printf 'Basic %s' "$(printf '%s' "$1" | base64)" | sha256sum |
	    cut -d ' ' -f 1
}
: >"$REPLAY_LOG"
env -u KAGGLE_USERNAME -u KAGGLE_KEY KAGGLE_CONFIG_DIR="$T/kc" \
    ads-fetch-kaggle -n 2 -q "$Q" >"$T/out" 2>"$T/err"
test "$(wc -l <"$T/out")" -eq 2 &&
    jq -s -e --arg d "$(basic json-user:json-key)" \
    'all(.[]; .digests.Authorization == $d)' "$REPLAY_LOG" >/dev/null &&
    ! grep -q json-key "$T/out" "$T/err" &&
    ok "KAGGLE_CONFIG_DIR/kaggle.json" ||
    not_ok "KAGGLE_CONFIG_DIR/kaggle.json"
: >"$REPLAY_LOG"
env -u KAGGLE_USERNAME -u KAGGLE_KEY HOME="$T/home" \
    ads-fetch-kaggle -n 2 -q "$Q" >"$T/out" 2>/dev/null
test "$(wc -l <"$T/out")" -eq 2 &&
    jq -s -e --arg d "$(basic home-user:home-key)" \
    'all(.[]; .digests.Authorization == $d)' "$REPLAY_LOG" >/dev/null &&
    ok "kaggle.json in the home directory" ||
    not_ok "kaggle.json in the home directory"
: >"$REPLAY_LOG"
KAGGLE_CONFIG_DIR="$T/kc" HOME="$T/home" ads-fetch-kaggle -n 2 -q "$Q" \
    >/dev/null 2>&1
jq -s -e --arg d "$(basic fixture-user:fixture-kaggle-key-value)" \
    'all(.[]; .digests.Authorization == $d)' "$REPLAY_LOG" >/dev/null &&
    ok "KAGGLE_USERNAME/KAGGLE_KEY come before kaggle.json" ||
    not_ok "environment before kaggle.json"
ADS_PROGRESS=$T/prog env -u KAGGLE_KEY HOME="$T/nohome" \
    ads-fetch-kaggle -q "$Q" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && ! test -s "$T/out" &&
    test "$(cat "$T/err")" = "ads-fetch-kaggle: KAGGLE_USERNAME/KAGGLE_KEY are not set and there is no kaggle.json; skipping kaggle" &&
    jq -e '.phase == "skipped"' "$T/prog" >/dev/null; then
	ok "no credentials: one line, progress skipped, exit 0"
else
	not_ok "no credentials" "exit $rc" "$(cat "$T/err")"
fi
ADS_KAGGLE_URL=$REPLAY_URL/kaggle-denied ads-fetch-kaggle -q "$Q" \
    >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 4 && ! test -s "$T/out" &&
    grep -q '^ads-fetch-kaggle: query "customer reviews": HTTP 401: Unauthenticated$' \
    "$T/err" && ok "refused credentials: Kaggle's message, exit 4" ||
    not_ok "refused credentials" "exit $rc" "$(cat "$T/err")"

# The plan.
cat >"$T/plan.json" <<'EOF'
{"version":1,"keywords":["k"],"sources":{"kaggle":{"queries":["customer reviews"],"limit":4}}}
EOF
ads-fetch-kaggle -p "$T/plan.json" >"$T/out" 2>/dev/null
test "$(wc -l <"$T/out")" -eq 4 &&
    test "$(jq -r .query "$T/out" | sort -u)" = "customer reviews" &&
    ok "-p: queries and limit from sources.kaggle" || not_ok "-p"
echo '{"version":1,"sources":{}}' >"$T/plan2.json"
ads-fetch-kaggle -p "$T/plan2.json" >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && grep -q 'not in the plan; skipping kaggle$' "$T/err" &&
    ok "plan without kaggle: skipped" || not_ok "plan without kaggle" \
    "exit $rc" "$(cat "$T/err")"
ads-fetch-kaggle -n 5 -q "$Q" >/dev/full 2>"$T/err"
rc=$?
test $rc -eq 3 && grep -q 'write error' "$T/err" &&
    ok "a write error: exit 3" || not_ok "a write error: exit 3" "exit $rc"
expect_code 2 "a bad option: usage" ads-fetch-kaggle -x -q x
expect_code 2 "-n junk: usage" ads-fetch-kaggle -n junk -q x

# Faults: the second page keeps failing.
replay_start "$H/faults" "$H" || { not_ok "replay server (faults)"; exit 1; }
ADS_KAGGLE_URL=$REPLAY_URL/kaggle
ads-fetch-kaggle -S -n 100 -q "$Q" >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 4 && test "$(wc -l <"$T/out")" -eq 20 &&
    grep -q '^ads-fetch-kaggle: query "customer reviews": HTTP 503$' \
    "$T/err" && ok "second page 503: first page written, exit 4" ||
    not_ok "second page 503" "exit $rc" "$(cat "$T/err")"

# The cache.
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_KAGGLE_URL=$REPLAY_URL/kaggle
ADS_CACHE_DIR=$T/cache
export ADS_CACHE_DIR
ADS_CACHE=use ads-fetch-kaggle -n 100 -q "$Q" >"$T/a" 2>/dev/null
ADS_CACHE=only ads-fetch-kaggle -n 100 -q "$Q" >"$T/b" 2>/dev/null
cmp -s "$T/a" "$T/all" && cmp -s "$T/a" "$T/b" &&
    ok "a rerun from the cache gives the same bytes" ||
    not_ok "a rerun from the cache gives the same bytes"
zstdcat -r "$T/cache" 2>/dev/null | grep -q 'fixture-kaggle-key-value' &&
    not_ok "the key stays out of the cache" ||
    ok "the key stays out of the cache"
unset ADS_CACHE_DIR

# The EXAMPLES line of the man page.
(cd "$T" && ads-fetch-kaggle -n 40 -q 'customer reviews' \
    >kaggle.jsonl 2>/dev/null)
test "$(wc -l <"$T/kaggle.jsonl")" -eq 28 && ok "man page example runs" ||
    not_ok "man page example runs"
