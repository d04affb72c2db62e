#!/bin/sh
# t5300-hostile -- the fetchers against hostile servers: article links
# that redirect to private addresses or other schemes, entity expansion,
# gzip bombs, 200 MB answers, a drip, a host that never answers, a feed
# that repeats itself, malformed answers, a kill in mid-run, and the
# HTTP cache's files.  Each run stays under 512 MB of RSS and its time
# bound, keeps what it fetched, says what it skipped, and exits as
# ads(7) says.  Nothing here leaves the loopback: the server on
# 127.0.0.2 is there to show that nothing reaches it.
. "$(dirname "$0")/lib.sh"
checks 34
. "$TOP/tests/replay/lib.sh"
replay_leaks

for t in ads-fetch-arxiv ads-fetch-github ads-fetch-huggingface \
    ads-fetch-youtube ads-fetch-news; do
	if ! have_tool $t; then
		skip "$t" "not built"
		exit 0
	fi
done
if ! test -x /usr/bin/time; then
	skip "hostile answers" "/usr/bin/time (GNU time) is not installed"
	exit 0
fi
F=$FIXTURES/http
MAXRSS=524288	# KiB: 512 MiB

# A second server, on 127.0.0.2: untrusted requests must never reach it
# unless ADS_ALLOW_PRIVATE lists it.
python3 "$TOP/tests/replay/replay.py" -a 127.0.0.2 -p "$T/p2" \
    -l "$T/log2" "$FIXTURES/hostile" 2>"$T/replay2.err" &
P2PID=$!
i=0
while ! test -s "$T/p2" && test $i -lt 200; do
	sleep 0.05
	i=$((i + 1))
done
if ! test -s "$T/p2"; then
	not_ok "second replay server on 127.0.0.2" "$(cat "$T/replay2.err")"
	kill $P2PID 2>/dev/null
	exit 1
fi
mkdir "$T/dyn"
printf 'GET /news/site/news.example.com/2025/02/heat-pumps-in-winter-what-the-field-trials-found - fault=redirect:http://127.0.0.2:%s/private\n' \
    "$(cat "$T/p2")" >"$T/dyn/routes"
replay_start "$T/dyn" "$FIXTURES/hostile" "$F/arxiv" "$F/github" \
    "$F/huggingface" "$F/youtube" "$F/news" ||
    { not_ok "replay server"; kill $P2PID; exit 1; }
trap 'kill $P2PID 2>/dev/null; replay_stop; rm -rf "$T"' EXIT

ADS_HTTP_BACKOFF=0.01
ADS_HTTP_RETRIES=1
SOURCE_DATE_EPOCH=1750000000
ADS_ARXIV_URL=$REPLAY_URL/arxiv
ADS_ARXIV_INTERVAL=0
ADS_HF_URL=$REPLAY_URL/huggingface
ADS_HF_VIEWER_URL=$REPLAY_URL/huggingface-viewer
ADS_YOUTUBE_URL=$REPLAY_URL/youtube/site
ADS_YOUTUBE_API_URL=$REPLAY_URL/youtube/api
ADS_YOUTUBE_INTERVAL=0
YOUTUBE_API_KEY=fixture-api-key-value
ADS_DDG_URL=$REPLAY_URL/news/ddg
ADS_NEWS_ARTICLE_URL=$REPLAY_URL/news/site
ADS_NEWS_INTERVAL=0
export ADS_HTTP_BACKOFF ADS_HTTP_RETRIES SOURCE_DATE_EPOCH ADS_ARXIV_URL \
    ADS_ARXIV_INTERVAL ADS_HF_URL ADS_HF_VIEWER_URL ADS_YOUTUBE_URL \
    ADS_YOUTUBE_API_URL ADS_YOUTUBE_INTERVAL YOUTUBE_API_KEY ADS_DDG_URL \
    ADS_NEWS_ARTICLE_URL ADS_NEWS_INTERVAL
unset GITHUB_TOKEN HF_TOKEN

# run LIMIT CMD... -- CMD with its output in $T/out and $T/err, killed
# after LIMIT seconds; sets rc, secs (wall clock) and rss (KiB).
run() {
	_lim=$1
	shift
	_t0=$(date +%s)
	timeout "$_lim" /usr/bin/time -v -o "$T/time" "$@" >"$T/out" \
	    2>"$T/err"
	rc=$?
	secs=$(($(date +%s) - _t0))
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/time")
	rss=${rss:-0}
}

# bounded NAME -- ok when the last run stayed under 512 MiB.
bounded() {
	if test "$rss" -gt 0 && test "$rss" -lt $MAXRSS; then
		ok "$1: $rss KiB RSS"
	else
		not_ok "$1: RSS $rss KiB" "$(tail -n 5 "$T/err")"
	fi
}

# --- No SSRF: untrusted article links --------------------------------

Q='heat pump efficiency winter'
run 60 ads-fetch-news -n 10 -q "$Q"
jq -r '[.meta.rank, .meta.fallback // "extracted"] | map(tostring) |
    join(" ")' "$T/out" >"$T/got" 2>/dev/null
cat >"$T/want" <<'EOF'
1 blocked
2 blocked
3 blocked
4 too-large
5 too-large
6 extracted
7 blocked
8 blocked
9 blocked
10 blocked
EOF
cmp_out "news: redirects to 169.254.169.254, 127.0.0.2, ::1, ::ffff:169.254.169.254, 2130706434, 0.0.0.0 and file: refused; a bomb and 200 MB cut" \
    "$T/want" "$T/got"
test "$rc" -eq 0 && ok "news: a refused link falls back to its snippet, exit 0" ||
    not_ok "news exit" "exit $rc" "$(cat "$T/err")"
grep -q 'refused to connect to 169.254.169.254: not a public address' "$T/err" &&
    grep -q 'refused to connect to 127.0.0.2: not a public address' "$T/err" &&
    grep -q 'refused to follow a URL that is not http or https' "$T/err" &&
    grep -q 'refused to connect to ::1: not a public address' "$T/err" &&
    grep -q 'refused to connect to ::ffff:169.254.169.254: not a public address' "$T/err" &&
    grep -q 'refused to connect to 0.0.0.0: not a public address' "$T/err" &&
    test "$(grep -c 'refused to connect to 127.0.0.2: not a public address' "$T/err")" -eq 2 &&
    ok "news: each refusal is reported" ||
    not_ok "news: refusal messages" "$(cat "$T/err")"
test -s "$T/log2" && not_ok "nothing reaches 127.0.0.2" "$(cat "$T/log2")" ||
    ok "nothing reaches 127.0.0.2 (refused before connecting)"
bounded "news: bomb and 200 MB page"
test "$secs" -lt 30 && ok "news: hostile articles in ${secs}s" ||
    not_ok "news: took ${secs}s"

ADS_ALLOW_PRIVATE=127.0.0.1,127.0.0.2 run 60 ads-fetch-news -n 2 -q "$Q"
if grep -q '"path": "/private"' "$T/log2" &&
    test "$(jq -r 'select(.meta.rank == 2) | .meta.fallback' "$T/out")" = \
    http-error; then
	ok "ADS_ALLOW_PRIVATE listing 127.0.0.2 lets the same redirect through"
else
	not_ok "ADS_ALLOW_PRIVATE=127.0.0.1,127.0.0.2" "$(cat "$T/log2")" \
	    "$(cat "$T/err")"
fi

: >"$REPLAY_LOG"
(unset ADS_ALLOW_PRIVATE; run 60 ads-fetch-news -n 6 -q "$Q"; echo $rc >"$T/rc")
if test "$(jq -r .meta.fallback "$T/out" | sort -u)" = blocked &&
    test "$(wc -l <"$T/out")" -eq 6 &&
    ! grep -q '/news/site/' "$REPLAY_LOG"; then
	ok "without ADS_ALLOW_PRIVATE no article on 127.0.0.1 is fetched"
else
	not_ok "no ADS_ALLOW_PRIVATE: loopback refused" "$(cat "$T/err")"
fi
ADS_ALLOW_PRIVATE=localhost expect_code 2 "ADS_ALLOW_PRIVATE takes addresses only" \
    ads-fetch-news -S -n 1 -q "$Q"

# --- Bounded on hostile answers --------------------------------------

run 30 ads-fetch-arxiv -q entities
test "$rc" -eq 4 && grep -q 'refused: a DOCTYPE declaring entities' "$T/err" &&
    ! test -s "$T/out" &&
    ok "arxiv: a feed declaring entities is refused, exit 4" ||
    not_ok "arxiv: entities" "exit $rc" "$(cat "$T/err")"
bounded "arxiv: entity expansion"

: >"$REPLAY_LOG"
run 60 ads-fetch-arxiv -q repeat
n=$(grep -c 'all%3Arepeat' "$REPLAY_LOG")
test "$rc" -eq 0 && test "$(wc -l <"$T/out")" -eq 10 && test "$n" -eq 4 &&
    grep -q '3 pages in a row brought no new record; stopping' "$T/err" &&
    ok "arxiv: a feed repeating itself stops after 3 pages with nothing new" ||
    not_ok "arxiv: repeated pages" "exit $rc, $n requests" "$(cat "$T/err")"
: >"$REPLAY_LOG"
ADS_ARXIV_STALE_PAGES=1 run 60 ads-fetch-arxiv -q repeat
test "$(grep -c 'all%3Arepeat' "$REPLAY_LOG")" -eq 2 &&
    ok "ADS_ARXIV_STALE_PAGES=1: one page with nothing new ends it" ||
    not_ok "ADS_ARXIV_STALE_PAGES" "$(cat "$T/err")"

for kind in bomb big; do
	run 60 ads-fetch-arxiv -q $kind
	test "$rc" -eq 4 &&
	    grep -q 'answer larger than 33554432 bytes' "$T/err" &&
	    ok "arxiv: $kind (200 MiB decoded) cut at 32 MiB, exit 4" ||
	    not_ok "arxiv: $kind" "exit $rc" "$(cat "$T/err")"
	bounded "arxiv: $kind"
done

ADS_HTTP_LOW_SPEED_TIME=1 run 60 ads-fetch-arxiv -q drip
test "$rc" -eq 4 && test "$secs" -lt 15 &&
    ok "arxiv: a dripping host is cut off by the low-speed limit (${secs}s)" ||
    not_ok "arxiv: drip" "exit $rc, ${secs}s" "$(cat "$T/err")"

cat >"$T/plan.json" <<'EOF'
{"sources": {"arxiv": {"queries": ["hang one", "hang two", "hang three"]}}}
EOF
ADS_HTTP_TIMEOUT_MS=1000 ADS_HTTP_RETRIES=3 ADS_HTTP_HOST_FAILURES=2 \
    run 60 ads-fetch-arxiv -p "$T/plan.json"
test "$rc" -eq 4 && test "$secs" -lt 8 &&
    test "$(grep -c 'giving up on this host for the run' "$T/err")" -eq 1 &&
    test "$(grep -c 'host given up after 2 failures in a row' "$T/err")" -eq 2 &&
    ok "arxiv: a host that never answers is given up after 2 failures, said once (${secs}s)" ||
    not_ok "arxiv: dead host" "exit $rc, ${secs}s" "$(cat "$T/err")"

# --- A killed fetcher keeps its records ------------------------------

: >"$REPLAY_LOG"
ads-fetch-arxiv -q killed >"$T/killed" 2>"$T/kerr" &
kp=$!
i=0
while test "$(grep -c 'all%3Akilled' "$REPLAY_LOG")" -lt 2 && test $i -lt 200; do
	sleep 0.05
	i=$((i + 1))
done
kill -TERM $kp 2>/dev/null
wait $kp 2>/dev/null
test "$(wc -l <"$T/killed")" -eq 10 &&
    ok "arxiv killed while waiting for page 2: page 1's 10 records kept" ||
    not_ok "killed fetcher" "$(wc -l <"$T/killed") records" "$(cat "$T/kerr")"

# --- No silent drops ------------------------------------------------

ADS_GITHUB_URL=$REPLAY_URL/github-bad ADS_PROGRESS=$T/prog \
    run 60 ads-fetch-github -q sentiment
test "$rc" -eq 4 &&
    grep -q 'records, .*; skipped 23 items: malformed 23$' "$T/err" &&
    grep -q 'lost 23 of 23 items (100%), more than the 25% allowed' "$T/err" &&
    test "$(grep -c 'invalid answer: not JSON; skipped' "$T/err")" -eq 23 &&
    ok "github: 23 malformed READMEs counted, reported, exit 4" ||
    not_ok "github: malformed READMEs" "exit $rc" "$(cat "$T/err")"
tail -n 1 "$T/prog" | jq -e '.phase == "done" and .skipped.malformed == 23' \
    >/dev/null && ok "github: the final progress line counts them" ||
    not_ok "github: progress skipped" "$(tail -n 1 "$T/prog")"

ADS_GITHUB_URL=$REPLAY_URL/github run 60 ads-fetch-github -q sentiment
test "$rc" -eq 0 && test "$(wc -l <"$T/out")" -eq 22 &&
    grep -q '^ads-fetch-github: 22 records, .*; skipped 1 item: malformed 1$' "$T/err" &&
    ok "github: 1 of 23 lost is under 25%: exit 0, still reported" ||
    not_ok "github: one malformed README" "exit $rc" "$(cat "$T/err")"
ADS_FETCH_MAX_LOSS=0 ADS_GITHUB_URL=$REPLAY_URL/github \
    expect_code 4 "ADS_FETCH_MAX_LOSS=0: any loss exits 4" \
    ads-fetch-github -q sentiment

ADS_GITHUB_URL=$REPLAY_URL/github-big run 120 ads-fetch-github -q sentiment
test "$rc" -eq 4 && grep -q 'skipped 23 items: too_large 23$' "$T/err" &&
    ok "github: 23 READMEs of 200 MB skipped as too large, exit 4" ||
    not_ok "github: 200 MB READMEs" "exit $rc" "$(tail -n 5 "$T/err")"
bounded "github: 23 answers of 200 MB"
ADS_HTTP_BUDGET=10M ADS_HTTP_MAX_BODY=5M \
    ADS_GITHUB_URL=$REPLAY_URL/github-big \
    run 120 ads-fetch-github -q sentiment
grep -q 'answers held at once larger than 10485760 bytes' "$T/err" &&
    ok "github: the batch's answers together stay within ADS_HTTP_BUDGET" ||
    not_ok "ADS_HTTP_BUDGET" "$(tail -n 5 "$T/err")"

run 60 ads-fetch-huggingface -q sentiment
grep -q 'dataset acme/product-reviews: splits: invalid answer' "$T/err" &&
    grep -q 'dataset social/tweet-emotions: rows: .*answer larger than 33554432 bytes' "$T/err" &&
    grep -q 'skipped 2 items: malformed 1, failed 1$' "$T/err" &&
    test "$rc" -eq 4 &&
    ok "huggingface: a malformed /splits answer and a bomb are lost items, reported, exit 4" ||
    not_ok "huggingface: malformed splits, bomb" "exit $rc" "$(cat "$T/err")"
bounded "huggingface: a rows page that is a gzip bomb"

run 60 ads-fetch-youtube -n 3 -q 'espresso basics'
grep -q 'video yt100000000: transcript refused: a DOCTYPE declaring entities' \
    "$T/err" && grep -q 'skipped 1 item: malformed 1$' "$T/err" &&
    test "$(wc -l <"$T/out")" -eq 3 &&
    ok "youtube: a transcript declaring entities is refused and counted" ||
    not_ok "youtube: entities" "exit $rc" "$(cat "$T/err")"
bounded "youtube: entity expansion"

# --- The HTTP cache's files -------------------------------------------

ADS_CACHE=use ADS_CACHE_DIR=$T/cache run 60 ads-fetch-arxiv -q testing
modes=$(find "$T/cache" -type d -exec stat -c %a {} + | sort -u | tr '\n' ' ')
test "$modes" = "700 " && ok "cache folders made 0700" ||
    not_ok "cache folder modes" "$modes"
find "$T/cache" -name '*.tmp-*' >"$T/tmps"
n=$(find "$T/cache" -type f -name '*.zst' | wc -l)
test "$n" -ge 1 && ! test -s "$T/tmps" &&
    test -z "$(find "$T/cache" -type f ! -perm 600)" &&
    ok "cache files 0600, no temporary file left" ||
    not_ok "cache files" "$n files" "$(cat "$T/tmps")"
f=$(find "$T/cache" -type f -name '*.zst' | head -n 1)
mv "$f" "$T/moved.zst"
ln -s "$T/moved.zst" "$f"
ADS_CACHE=only ADS_CACHE_DIR=$T/cache run 60 ads-fetch-arxiv -q testing
test "$rc" -eq 4 && grep -q 'not in the cache' "$T/err" &&
    ok "a cache file that is a symbolic link is not read" ||
    not_ok "cache symlink" "exit $rc" "$(cat "$T/err")"
