#!/bin/sh
# t5300-hostile -- the fetchers against hostile servers: article links
# that redirect to private addresses or other schemes, entity expansion,
# gzip bombs, 200 MB answers, a drip, a host that never answers, a feed
# that repeats itself, malformed answers, a kill in mid-run, and the
# HTTP cache's files; Semantic Scholar's search answers (bombs, 200 MB,
# a drip, a token that never ends) and Common Crawl's index and WARC
# answers and local WARC files (bombs, 200 MB, cut gzip members, lying
# lengths, huge pages and records, a private redirect).  Each run stays
# under 512 MB of RSS and its time
# bound, keeps what it fetched, says what it skipped, and exits as
# ads(7) says.  Nothing here leaves the loopback: the server on
# 127.0.0.2 is there to show that nothing reaches it.
. "$(dirname "$0")/lib.sh"
checks 54
. "$TOP/tests/replay/lib.sh"
replay_leaks

for t in ads-fetch-arxiv ads-fetch-github ads-fetch-huggingface \
    ads-fetch-youtube ads-fetch-news ads-fetch-semanticscholar \
    ads-fetch-commoncrawl; do
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
printf 'GET /cc-data/crawl-data/CC-MAIN-2024-22/segments/1/warc/redirect.warc.gz - fault=redirect:http://127.0.0.2:%s/private\n' \
    "$(cat "$T/p2")" >>"$T/dyn/routes"
replay_start "$T/dyn" "$FIXTURES/hostile" "$F/arxiv" "$F/github" \
    "$F/huggingface" "$F/youtube" "$F/news" "$F/commoncrawl" \
    "$F/semanticscholar" ||
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
ADS_S2_URL=$REPLAY_URL/semanticscholar
ADS_S2_INTERVAL=0
ADS_CC_INDEX_URL=$REPLAY_URL/cc-index
ADS_CC_DATA_URL=$REPLAY_URL/cc-data
ADS_CC_INTERVAL=0
export ADS_S2_URL ADS_S2_INTERVAL ADS_CC_INDEX_URL ADS_CC_DATA_URL \
    ADS_CC_INTERVAL
export ADS_HTTP_BACKOFF ADS_HTTP_RETRIES SOURCE_DATE_EPOCH ADS_ARXIV_URL \
    ADS_ARXIV_INTERVAL ADS_HF_URL ADS_HF_VIEWER_URL ADS_YOUTUBE_URL \
    ADS_YOUTUBE_API_URL ADS_YOUTUBE_INTERVAL YOUTUBE_API_KEY ADS_DDG_URL \
    ADS_NEWS_ARTICLE_URL ADS_NEWS_INTERVAL
unset GITHUB_TOKEN HF_TOKEN S2_API_KEY

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

# --- Semantic Scholar ------------------------------------------------

for kind in bomb big; do
	run 60 ads-fetch-semanticscholar -n 10 -q $kind
	test "$rc" -eq 4 && ! test -s "$T/out" &&
	    grep -q "query \"$kind\": .*answer larger than 33554432 bytes" "$T/err" &&
	    ok "semanticscholar: a search answer that is a $kind (200 MiB) is cut at 32 MiB, exit 4" ||
	    not_ok "semanticscholar: $kind" "exit $rc" "$(cat "$T/err")"
	bounded "semanticscholar: $kind"
done
ADS_HTTP_LOW_SPEED_TIME=1 run 60 ads-fetch-semanticscholar -n 10 -q drip
test "$rc" -eq 4 && test "$secs" -lt 15 &&
    grep -q 'query "drip": .*too slow' "$T/err" &&
    ok "semanticscholar: a dripping answer is cut off by the low-speed limit (${secs}s)" ||
    not_ok "semanticscholar: drip" "exit $rc, ${secs}s" "$(cat "$T/err")"
: >"$REPLAY_LOG"
run 60 ads-fetch-semanticscholar -b -n 50 -q repeat
test "$rc" -eq 0 && test "$(wc -l <"$T/out")" -eq 2 &&
    test "$(grep -c 'search/bulk' "$REPLAY_LOG")" -eq 4 &&
    grep -q 'query "repeat": 3 pages in a row brought no new record; stopping' "$T/err" &&
    ok "semanticscholar: a bulk search whose token never ends stops after 3 pages with nothing new" ||
    not_ok "semanticscholar: repeated pages" "exit $rc" "$(cat "$T/err")"

# --- Common Crawl -----------------------------------------------------

for kind in bomb big; do
	run 60 ads-fetch-commoncrawl -c CC-MAIN-2024-22 -n 10 -q $kind.example.org
	test "$rc" -eq 4 && ! test -s "$T/out" &&
	    grep -q "$kind.example.org in CC-MAIN-2024-22: .*answer larger than 33554432 bytes" "$T/err" &&
	    ok "commoncrawl: an index answer that is a $kind (200 MiB) is cut at 32 MiB, exit 4" ||
	    not_ok "commoncrawl: index $kind" "exit $rc" "$(cat "$T/err")"
	bounded "commoncrawl: an index answer that is a $kind"
done
: >"$T/log2"
ADS_PROGRESS=$T/prog run 60 ads-fetch-commoncrawl -c CC-MAIN-2024-22 -n 10 \
    -q hostile.example.org
test "$rc" -eq 4 && test "$(jq -r .url "$T/out")" = https://an.wikipedia.org/wiki/Escopete &&
    tail -n 1 "$T/prog" | jq -e '.skipped == {"malformed": 5, "blocked": 1}' >/dev/null &&
    grep -q 'example.org/bomb: the input ends inside a record header' "$T/err" &&
    grep -q 'example.org/big: a gzip member is cut short' "$T/err" &&
    grep -q 'example.org/cut: a gzip member is cut short' "$T/err" &&
    grep -q 'example.org/lie: the input ends inside the block of the record' "$T/err" &&
    grep -q 'example.org/huge: the input ends inside the block of the record' "$T/err" &&
    grep -q 'example.org/redirect: .*refused to connect to 127.0.0.2: not a public address' "$T/err" &&
    ok "commoncrawl: WARC range answers that are a bomb, 200 MiB, a cut gzip member, lying lengths or a private redirect are lost items; the good one is kept; exit 4" ||
    not_ok "commoncrawl: hostile range answers" "exit $rc" "$(cat "$T/err")" \
	"$(tail -n 1 "$T/prog")"
test -s "$T/log2" && not_ok "commoncrawl: nothing reaches 127.0.0.2" "$(cat "$T/log2")" ||
    ok "commoncrawl: a range answer's redirect to 127.0.0.2 is refused before connecting"
bounded "commoncrawl: hostile WARC range answers"

# Local WARC files: pages of 15 MB (the extractor reads 2 MiB of each),
# a record of 300 MiB (skipped while streaming) before a good one, a
# gzip bomb that is no WARC, and a record whose length runs past the
# file's end.
python3 - "$T" "$FIXTURES/http/commoncrawl/record-escopete.warc.gz" <<'PY'
import gzip, sys, zlib
t, good = sys.argv[1], gzip.decompress(open(sys.argv[2], "rb").read())
def rec(body, digest, length=None):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: "
            b"https://example.org/%s\r\nWARC-Payload-Digest: sha1:%s\r\n"
            b"Content-Length: %d\r\n\r\n" % (digest, digest,
            len(http) if length is None else length)) + http
para = b"<p>A sentence of words that makes a paragraph of prose, read as such.</p>"
with open(t + "/pages.warc.gz", "wb") as f:
    for i in range(4):
        f.write(gzip.compress(rec(b"<html><body><div>" + para *
                (15000000 // len(para)) + b"</div></body></html>",
                b"PAGE%d" % i) + b"\r\n\r\n", 1))
with open(t + "/skip.warc.gz", "wb") as f:
    z = zlib.compressobj(1, zlib.DEFLATED, 31)
    f.write(z.compress(b"WARC/1.0\r\nWARC-Type: resource\r\n"
                       b"Content-Length: 314572800\r\n\r\n"))
    zero = bytes(1 << 20)
    for i in range(300):
        f.write(z.compress(zero))
    f.write(z.compress(b"\r\n\r\n") + z.flush())
    f.write(gzip.compress(good, 1))
with open(t + "/bomb.warc.gz", "wb") as f:
    z = zlib.compressobj(1, zlib.DEFLATED, 31)
    for i in range(300):
        f.write(z.compress(bytes(1 << 20)))
    f.write(z.flush())
i = good.index(b"Content-Length: ")
j = good.index(b"\r\n", i)
open(t + "/lie.warc.gz", "wb").write(gzip.compress(good[:i] +
    b"Content-Length: %d" % (int(good[i + 16:j]) + 10000000) + good[j:], 1))
PY
run 120 ads-fetch-commoncrawl -n 10 -f "$T/pages.warc.gz"
test "$rc" -eq 0 && test "$(wc -l <"$T/out")" -eq 4 &&
    test "$(jq -r '.text | length < 2100000' "$T/out" | sort -u)" = true &&
    ok "commoncrawl -f: pages of 15 MB are read 2 MiB each" ||
    not_ok "commoncrawl -f: 15 MB pages" "exit $rc" "$(cat "$T/err")"
bounded "commoncrawl -f: pages of 15 MB"
run 120 ads-fetch-commoncrawl -n 10 -f "$T/skip.warc.gz"
test "$rc" -eq 0 && test "$(jq -r .url "$T/out")" = https://an.wikipedia.org/wiki/Escopete &&
    ok "commoncrawl -f: a record of 300 MiB is skipped, the next one read" ||
    not_ok "commoncrawl -f: 300 MiB record" "exit $rc" "$(cat "$T/err")"
bounded "commoncrawl -f: a record of 300 MiB"
run 60 ads-fetch-commoncrawl -n 10 -f "$T/bomb.warc.gz"
test "$rc" -eq 1 && ! test -s "$T/out" &&
    grep -q 'bomb.warc.gz: a record header of over 65536 bytes' "$T/err" &&
    ok "commoncrawl -f: a gzip bomb is no WARC file, exit 1" ||
    not_ok "commoncrawl -f: bomb" "exit $rc" "$(cat "$T/err")"
bounded "commoncrawl -f: a gzip bomb"
run 60 ads-fetch-commoncrawl -n 10 -f "$T/lie.warc.gz"
test "$rc" -eq 1 && ! test -s "$T/out" &&
    grep -q 'lie.warc.gz: the input ends inside the block of the record at byte 0' "$T/err" &&
    ok "commoncrawl -f: a record whose length runs past the end, exit 1" ||
    not_ok "commoncrawl -f: lying length" "exit $rc" "$(cat "$T/err")"

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
