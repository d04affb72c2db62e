#!/bin/sh
# t5220-youtube -- ads-fetch-youtube through the replay server: search
# pages, transcripts (XML and json3, manual before auto-generated,
# language preference), videos without a transcript, the missing key,
# quota errors, faults, and the recorded YouTube answers in
# ../shared/fixtures.
. "$(dirname "$0")/lib.sh"
checks 41
. "$TOP/tests/replay/lib.sh"
replay_leaks

if ! have_tool ads-fetch-youtube; then
	skip "ads-fetch-youtube" "not built"
	exit 0
fi
H=$FIXTURES/http/youtube
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_YOUTUBE_URL=$REPLAY_URL/youtube/site
ADS_YOUTUBE_API_URL=$REPLAY_URL/youtube/api
ADS_YOUTUBE_INTERVAL=0
ADS_HTTP_BACKOFF=0.01
ADS_HTTP_RETRIES=1
SOURCE_DATE_EPOCH=1750000000
YOUTUBE_API_KEY=fixture-api-key-value
export ADS_YOUTUBE_URL ADS_YOUTUBE_API_URL ADS_YOUTUBE_INTERVAL \
    ADS_HTTP_BACKOFF ADS_HTTP_RETRIES SOURCE_DATE_EPOCH YOUTUBE_API_KEY

Q='espresso basics'
ADS_PROGRESS=$T/prog ads-fetch-youtube -n 100 -q "$Q" >"$T/all" 2>"$T/err"
rc=$?
n=$(wc -l <"$T/all")
if test $rc -eq 0 && test "$n" -eq 21; then
	ok "two search pages, 26 videos, 5 without a transcript: 21 records"
else
	not_ok "21 records" "exit $rc, $n" "$(cat "$T/err")"
fi
jq -r .id "$T/all" | sort | uniq -d >"$T/dups"
test -s "$T/dups" && not_ok "no duplicate ids" "$(cat "$T/dups")" ||
    ok "no duplicate ids (the second page repeats a video)"
head -n 1 "$T/all" >"$T/got"
cat >"$T/want" <<'EOF'
{"id":"youtube:yt100000000","source":"youtube","text":"If it tastes sour, extract more; if it tastes bitter, extract less. Clean equipment makes a bigger difference than most people think. Soft water protects the boiler from scale. Don't forget to purge the steam wand before and after. Keep the milk pitcher cold and start with the tip just below the surface. The first thing to check is your dose, around eighteen grams for a double shot. Let's start with the basics. Taste is the final judge, not the timer.","title":"Espresso 101: dialing in espresso grind size","url":"https://www.youtube.com/watch?v=yt100000000","lang":"en","license":"LicenseRef-YouTube-Terms-of-Service","created":"2024-01-01T15:00:00Z","retrieved":"2025-06-15T15:06:40Z","query":"espresso basics","meta":{"video_id":"yt100000000","channel":"Home Barista Lab","channel_id":"UCa1b2c3d4e5f6g7h8i9j0k1","duration":300,"views":1000,"captions":"manual","segments":8}}
EOF
cmp_out "first record: transcript, title, channel, duration" "$T/want" "$T/got"
cat >"$T/want" <<'EOF'
ads-fetch-youtube: video yt100023757: unavailable: This video is unavailable
ads-fetch-youtube: video yt100055433: disabled
ads-fetch-youtube: video yt100087109: login_required: This video may be inappropriate for some users.
ads-fetch-youtube: video yt100118785: po_token
ads-fetch-youtube: video yt100150461: no_language
ads-fetch-youtube: 2 search calls (200 quota units), 5 videos without a transcript
ads-fetch-youtube: 21 records, 75 requests (0 cached, 0 retried, 0 failed)
EOF
cmp_out "each video without a transcript named with its reason; quota and summary lines" \
    "$T/want" "$T/err"
tail -n 2 "$T/prog" | head -n 1 | jq -e '.quota_units == 200 and
    .no_transcript == {"unavailable":1,"login_required":1,"disabled":1,
    "no_language":1,"po_token":1}' >/dev/null &&
    tail -n 1 "$T/prog" | jq -e '.phase == "done" and .out == 21' \
    >/dev/null && ok "progress: quota units and reasons, then done" ||
    not_ok "progress lines" "$(tail -n 2 "$T/prog")"
jq -r 'select(.id == "youtube:yt100015838") | [.meta.captions, .title] |
    join("|")' "$T/all" >"$T/got"
echo "auto|Espresso 101: descaling an espresso machine (it's easy)" >"$T/want"
cmp_out "no manual track: the auto-generated one; title unescaped" \
    "$T/want" "$T/got"
jq -r 'select(.id == "youtube:yt100031676") | .text' "$T/all" |
    grep -q "It's really simple & quick\." &&
    ok "entities decoded and tags dropped in the transcript" ||
    not_ok "entities and tags" "$(grep yt100031676 "$T/all" | head -c 400)"
jq -r 'select(.id == "youtube:yt100039595") | [.meta.segments,
    (.text | startswith("Fresh beans, about one to four weeks after roasting, work best. The first thing"))] |
    map(tostring) | join("|")' "$T/all" >"$T/got"
echo '8|true' >"$T/want"
cmp_out "json3 transcript read" "$T/want" "$T/got"
grep '"path": "/youtube/api/youtube/v3/search"' "$REPLAY_LOG" >"$T/log"
if test "$(wc -l <"$T/log")" -eq 2 &&
    jq -s -e 'all(.[]; .headers["X-Goog-Api-Key"] == "<present>" and
    (.query | test("part=snippet&type=video&maxResults=50&q=espresso%20basics&relevanceLanguage=en")))
    and (.[1].query | test("pageToken=CA0QAA"))' "$T/log" >/dev/null &&
    jq -s -e --arg k "$(printf '%s' fixture-api-key-value | sha256sum |
    cut -d ' ' -f 1)" 'all(.[]; .digests["X-Goog-Api-Key"] == $k)' \
    "$T/log" >/dev/null &&
    ! grep -q fixture-api-key-value "$REPLAY_LOG" "$T/all" "$T/err" \
    "$T/prog"; then
	ok "search.list: key in a header only, paged by nextPageToken"
else
	not_ok "search.list requests" "$(head -n 2 "$T/log")"
fi
grep '"path": "/youtube/site/youtubei/v1/player"' "$REPLAY_LOG" | head -n 1 |
    jq -e '.method == "POST" and (.query | startswith("key=AIzaSyFIXTURE-")) and
    (.body | fromjson | .videoId == "yt100000000" and
    .context.client.clientName == "ANDROID")' >/dev/null &&
    ok "player: POST with the watch page's innertube key" ||
    not_ok "player request" "$(grep player "$REPLAY_LOG" | head -n 1)"
grep '"path": "/youtube/site/api/timedtext"' "$REPLAY_LOG" | head -n 1 |
    jq -e '(.query | test("fmt=") | not) and (.query | test("lang=en"))' \
    >/dev/null && ok "timedtext asked on the site base, without fmt" ||
    not_ok "timedtext request" "$(grep timedtext "$REPLAY_LOG" | head -n 1)"

ads-fetch-youtube -a -n 5 -q "$Q" >"$T/out" 2>"$T/err"
n=$(wc -l <"$T/out")
auto=$(grep -c '"captions":"auto"' "$T/out")
test "$n" -eq 5 && test "$auto" -eq 0 &&
    grep -q 'video yt100015838: auto_only$' "$T/err" &&
    ok "-a: manual captions only" || not_ok "-a" "$n $auto" "$(cat "$T/err")"
echo '{"version":1,"sources":{"youtube":{"videos":["yt100150461","yt100000000"]}}}' \
    >"$T/plan-nl.json"
ads-fetch-youtube -l nl,en -p "$T/plan-nl.json" >"$T/out" 2>/dev/null
jq -r '.id + "=" + .lang' "$T/out" | paste -sd ' ' - >"$T/got"
echo 'youtube:yt100150461=nl youtube:yt100000000=en' >"$T/want"
cmp_out "-l nl,en: Dutch first, English otherwise" "$T/want" "$T/got"
ads-fetch-youtube -n 3 -q "$Q" >"$T/out" 2>/dev/null
test "$(wc -l <"$T/out")" -eq 3 && ok "-n 3" || not_ok "-n 3"

ADS_PROGRESS=$T/prog2 env -u YOUTUBE_API_KEY ads-fetch-youtube -q "$Q" \
    >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && ! test -s "$T/out" &&
    test "$(cat "$T/err")" = "ads-fetch-youtube: YOUTUBE_API_KEY is not set; skipping youtube" &&
    jq -e '.phase == "skipped" and .reason == "YOUTUBE_API_KEY is not set"' \
    "$T/prog2" >/dev/null; then
	ok "no key: one line, progress skipped, exit 0"
else
	not_ok "no key" "exit $rc" "$(cat "$T/err")"
fi
cat >"$T/plan.json" <<'EOF'
{"version":1,"languages":["en"],"sources":{"youtube":{"queries":["espresso basics"],
 "videos":["yt100000000","yt100023757","not a video!"],"limit":10}}}
EOF
: >"$REPLAY_LOG"
env -u YOUTUBE_API_KEY ads-fetch-youtube -p "$T/plan.json" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test "$(jq -r .id "$T/out")" = youtube:yt100000000 &&
    ! grep -q '/v3/search' "$REPLAY_LOG" &&
    grep -q 'video "not a video!": not a video id' "$T/err"; then
	ok "plan videos: transcripts without a key or a search"
else
	not_ok "plan videos" "exit $rc" "$(cat "$T/err")"
fi
echo '{"version":1,"sources":{"reddit":{"queries":["x"]}}}' >"$T/plan2.json"
ads-fetch-youtube -p "$T/plan2.json" >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && ! test -s "$T/out" &&
    grep -q '^ads-fetch-youtube: not in the plan; skipping youtube$' "$T/err" &&
    ok "plan without youtube: skipped" ||
    not_ok "plan without youtube" "exit $rc" "$(cat "$T/err")"

ADS_YOUTUBE_API_URL=$REPLAY_URL/youtube/api-quota ads-fetch-youtube -l en,de \
    -q "$Q" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && ! test -s "$T/out" &&
    grep -q '^ads-fetch-youtube: query "espresso basics": HTTP 403: The request cannot be completed because you have exceeded your' \
    "$T/err" && test "$(grep -c 'HTTP 403' "$T/err")" -eq 1; then
	ok "quota exceeded: reported once, no more searches, exit 4"
else
	not_ok "quota exceeded" "exit $rc" "$(cat "$T/err")"
fi
expect_code 2 "a bad option: usage" ads-fetch-youtube -Z -q x
expect_code 2 "an operand: usage" ads-fetch-youtube -q x y
expect_code 2 "a bad language code: usage" ads-fetch-youtube -l 'en;x' -q x

# queries_by_lang: each relevanceLanguage gets only its language's
# queries; a language missing from the map gets every query.
cat >"$T/plan-by.json" <<'EOF'
{"version":1,"sources":{"youtube":{"queries":["espresso basics","cafe espresso","cafe expresso"],
 "queries_by_lang":{"en":["espresso basics"],"fr":["cafe espresso"],"pt":["cafe expresso"]},
 "lang":["en","fr","de","pt"],"limit":10}}}
EOF
: >"$REPLAY_LOG"
ADS_YOUTUBE_API_URL=$REPLAY_URL/youtube/api-none ads-fetch-youtube \
    -p "$T/plan-by.json" >"$T/out" 2>"$T/err"
rc=$?
jq -r '.query | capture("&q=(?<q>[^&]*)&relevanceLanguage=(?<l>[^&]*)") |
    .l + " " + .q' "$REPLAY_LOG" >"$T/got"
printf '%s\n' 'en espresso%20basics' 'fr cafe%20espresso' 'de espresso%20basics' \
    'pt cafe%20expresso' 'de cafe%20espresso' 'de cafe%20expresso' >"$T/want"
test $rc -eq 0 && cmp -s "$T/want" "$T/got" &&
    grep -q '6 search calls (600 quota units)' "$T/err" &&
    ok "-p queries_by_lang: each relevanceLanguage its own queries; de (not in the map) all" ||
    not_ok "-p queries_by_lang" "exit $rc" "$(diff "$T/want" "$T/got")" "$(cat "$T/err")"
jq 'del(.sources.youtube.queries_by_lang)' "$T/plan-by.json" >"$T/plan-all.json"
: >"$REPLAY_LOG"
ADS_YOUTUBE_API_URL=$REPLAY_URL/youtube/api-none ads-fetch-youtube \
    -p "$T/plan-all.json" >"$T/out" 2>"$T/err"
grep -q '12 search calls (1200 quota units)' "$T/err" &&
    ok "-p without queries_by_lang: every query in every language" ||
    not_ok "-p without queries_by_lang" "$(cat "$T/err")"

# Faults.
replay_start "$H/faults" "$H" || { not_ok "replay server (faults)"; exit 1; }
ADS_YOUTUBE_URL=$REPLAY_URL/youtube/site
ADS_YOUTUBE_API_URL=$REPLAY_URL/youtube/api
ADS_HTTP_RETRIES=1 ads-fetch-youtube -n 3 -q "$Q" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 4 && test "$(wc -l <"$T/out")" -eq 3 &&
    grep -q '^ads-fetch-youtube: video yt100007919: watch page: HTTP 503$' \
    "$T/err" &&
    grep -q '^ads-fetch-youtube: video yt100015838: blocked by YouTube (too many requests)$' \
    "$T/err" &&
    grep -q '^ads-fetch-youtube: video yt100039595: no innertube key in the watch page$' \
    "$T/err"; then
	ok "503, captcha and consent pages fail their video only: exit 4"
else
	not_ok "per-video faults" "exit $rc, $(wc -l <"$T/out")" "$(cat "$T/err")"
fi
grep '"query": "v=yt100039595"' "$REPLAY_LOG" >"$T/log"
test "$(wc -l <"$T/log")" -eq 2 && sed -n 2p "$T/log" |
    jq -e '.headers.Cookie == "<present>"' >/dev/null &&
    ok "consent page: asked once more with the CONSENT cookie" ||
    not_ok "consent retry" "$(cat "$T/log")"
ads-fetch-youtube -n 1 -q flaky >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && test "$(wc -l <"$T/out")" -eq 1 &&
    grep -q '(0 cached, 1 retried, 0 failed)' "$T/err" &&
    ok "search 500 once: retried" || not_ok "search 500 once" "exit $rc" \
    "$(cat "$T/err")"

: >"$REPLAY_LOG"
ads-fetch-youtube -n 10 -q odd >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 0 && test "$(jq -r .id "$T/out")" = youtube:yt100000000 &&
    test "$(grep -c '"path": "/youtube/site/watch"' "$REPLAY_LOG")" -eq 1 &&
    ok "search items whose id is not a video id are passed over" ||
    not_ok "odd video ids" "exit $rc" "$(cat "$T/err")" \
    "$(jq -r '.path + "?" + .query' "$REPLAY_LOG")"

# The cache: same bytes, no quota spent the second time.
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_YOUTUBE_URL=$REPLAY_URL/youtube/site
ADS_YOUTUBE_API_URL=$REPLAY_URL/youtube/api
ADS_CACHE_DIR=$T/cache
export ADS_CACHE_DIR
ADS_CACHE=use ads-fetch-youtube -n 5 -q "$Q" >"$T/a" 2>/dev/null
ADS_CACHE=only ads-fetch-youtube -n 5 -q "$Q" >"$T/b" 2>"$T/err"
cmp -s "$T/a" "$T/b" && grep -q '(0 quota units)' "$T/err" &&
    ok "a rerun from the cache: same bytes, no quota" ||
    not_ok "rerun from the cache" "$(cat "$T/err")"
zstdcat -r "$T/cache" 2>/dev/null | grep -q fixture-api-key-value &&
    not_ok "the API key stays out of the cache" ||
    ok "the API key stays out of the cache"
unset ADS_CACHE_DIR

# Every recorded answer in ../shared/fixtures/youtube, one server each.
if need_shared "recorded YouTube answers" 11; then
	S=$SHARED/fixtures/youtube
	mkdir -p "$T/s"
	echo '{"version":1,"sources":{"youtube":{"videos":["GJLlxj_dtq8"]}}}' \
	    >"$T/s/plan.json"
	# shared_run WATCH PLAYER -- fetch one video; output in $T/s/out, err.
	shared_run() {
		cat >"$T/s/routes" <<EOF
GET /yt/watch?v=* $S/$1
POST /yt/youtubei/v1/player?key=* $S/$2
GET /yt/api/timedtext?* $S/ytapi-transcript.xml
EOF
		replay_start "$T/s" || return 1
		ADS_YOUTUBE_URL=$REPLAY_URL/yt ADS_HTTP_RETRIES=0 \
		    env -u YOUTUBE_API_KEY ads-fetch-youtube -p "$T/s/plan.json" \
		    >"$T/s/out" 2>"$T/s/err"
	}
	shared_run ytapi-youtube.html ytapi-youtube.innertube.json
	rc=$?
	jq -r '[.id, .lang, .meta.captions, .meta.duration, .meta.channel,
	    .title, .text] | map(tostring) | join("|")' "$T/s/out" >"$T/got"
	echo "youtube:GJLlxj_dtq8|en|manual|316|Dave2D|Surface Go Review - It’s Awesome|Hey, this is just a test this is not the original transcript just something shorter, I made up for testing" \
	    >"$T/want"
	test $rc -eq 0 && cmp_out "recorded watch page, player and timedtext" \
	    "$T/want" "$T/got" || not_ok "recorded answers" "exit $rc" \
	    "$(cat "$T/s/err")"
	grep -q '"query": "key=AIzaSyAO_FJ2SlqU8Q4STEHLGCilw_Y9_11qcW8"' \
	    "$REPLAY_LOG" && ok "innertube key read from the real watch page" ||
	    not_ok "innertube key from the real watch page"
	shared_run ytapi-youtube.html ytapi-youtube_ww1_nl_en.innertube.json
	grep '"path": "/yt/api/timedtext"' "$REPLAY_LOG" |
	    jq -e '.query | test("kind=asr") | not' >/dev/null &&
	    ok "recorded manual and auto tracks: the manual one" ||
	    not_ok "manual before auto" "$(grep timedtext "$REPLAY_LOG")"
	for c in age_restricted:login_required request_blocked:blocked \
	    transcripts_disabled:disabled unplayable:unplayable \
	    video_unavailable:unavailable po_token_required:po_token; do
		f=${c%%:*}
		why=${c#*:}
		shared_run ytapi-youtube.html "ytapi-youtube_$f.innertube.json"
		rc=$?
		test $rc -eq 0 && ! test -s "$T/s/out" &&
		    grep -q "^ads-fetch-youtube: video GJLlxj_dtq8: $why" \
		    "$T/s/err" && ok "recorded $f: passed over as $why" ||
		    not_ok "recorded $f" "exit $rc" "$(cat "$T/s/err")"
	done
	shared_run ytapi-youtube_consent_page.html ytapi-youtube.innertube.json
	rc=$?
	test $rc -eq 4 && grep -q 'no innertube key' "$T/s/err" &&
	    test "$(grep -c '"path": "/yt/watch"' "$REPLAY_LOG")" -eq 2 &&
	    ok "recorded consent page: asked again with the cookie" ||
	    not_ok "recorded consent page" "exit $rc" "$(cat "$T/s/err")"
	shared_run ytapi-youtube_too_many_requests.html \
	    ytapi-youtube.innertube.json
	rc=$?
	test $rc -eq 4 && grep -q 'blocked by YouTube' "$T/s/err" &&
	    ok "recorded too-many-requests page: blocked, exit 4" ||
	    not_ok "recorded too-many-requests page" "exit $rc" \
	    "$(cat "$T/s/err")"
fi

# The EXAMPLES line of the man page.
replay_start "$H" || { not_ok "replay server"; exit 1; }
ADS_YOUTUBE_URL=$REPLAY_URL/youtube/site
ADS_YOUTUBE_API_URL=$REPLAY_URL/youtube/api
(cd "$T" && YOUTUBE_API_KEY=... ads-fetch-youtube -n 20 \
    -q 'espresso basics' >youtube.jsonl 2>/dev/null)
test "$(wc -l <"$T/youtube.jsonl")" -eq 20 && ok "man page example runs" ||
    not_ok "man page example runs"
