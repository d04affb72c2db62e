#!/bin/sh
# t5000-http -- common/http.c through the replay server, with the
# test-http client (tests/unit/test-http.c): retries, Retry-After, the
# give-up bound, timeouts, resets, truncation, redirects, the cache
# modes, and credentials kept out of cache, logs and messages.
. "$(dirname "$0")/lib.sh"
checks 45
. "$TOP/tests/replay/lib.sh"

if ! command -v test-http >/dev/null 2>&1; then
	skip "http" "test-http is not built"
	exit 0
fi

D=$T/srv
mkdir -p "$D"
printf '{"hello":"world"}\n' >"$D/hello.json"
printf 'HTTP/1.1 200 OK\ncontent-type: application/json\n' \
    >"$D/hello.json.headers"
printf '{"message":"Not Found"}' >"$D/nf.json"
printf 'HTTP/1.1 404 Not Found\n' >"$D/nf.json.headers"
printf '{"message":"boom"}' >"$D/boom.json"
printf 'HTTP/1.1 500 Internal Server Error\n' >"$D/boom.json.headers"
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "line %d of a long body\n", i }' \
    >"$D/long.txt"
printf '{"error":"gated dataset"}' >"$D/gated.json"
printf 'HTTP/1.1 403 Forbidden\n' >"$D/gated.json.headers"
printf '{"message":"Bad credentials"}' >"$D/unauth.json"
printf 'HTTP/1.1 401 Unauthorized\nRetry-After: 1\n' >"$D/unauth.json.headers"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "line %d of a big body\n", i }' \
    >"$D/big.txt"
cat >"$D/routes" <<'EOF'
# the test's own routes
GET /ok* hello.json
GET /r429 hello.json fault=status:429:2
GET /r503* hello.json fault=status:503:*
GET /r429always hello.json fault=status:429:*
GET /slow hello.json fault=slow:3
GET /reset* hello.json fault=reset
GET /trunc long.txt fault=truncate
GET /moved hello.json fault=redirect:/ok-target
GET /nf nf.json
GET /boom boom.json
GET /sec* hello.json
POST /post hello.json
GET /gz long.txt fault=gzip
GET /away hello.json fault=redirect:http://localhost:{port}/landed-away
GET /samehop hello.json fault=redirect:/landed-same
GET /landed* hello.json
GET /rl403 hello.json fault=first:1:rl403.json
GET /big* big.txt
GET /unauth unauth.json
GET /gated* gated.json
EOF
# Rate-limit headers on a success: the host waits before the next request.
printf 'HTTP/1.1 200 OK\nx-ratelimit-remaining: 0.0\nx-ratelimit-used: 100\nx-ratelimit-reset: 1.5\n' \
    >"$D/reddit.json.headers"
cp "$D/hello.json" "$D/reddit.json"
cp "$D/hello.json" "$D/github.json"
cat >>"$D/routes" <<'EOF2'
GET /rl-reddit reddit.json
GET /rl-github github.json
EOF2
replay_start "$D" || { not_ok "replay server starts"; exit 1; }
ok "replay server starts"

ADS_HTTP_BACKOFF=0.01
export ADS_HTTP_BACKOFF

# field NAME FILE -- the value of NAME= on the status line.
field() {
	sed -n "1s/.*$1=\\([^ ]*\\).*/\\1/p" "$2"
}

test-http "$REPLAY_URL/ok" >"$T/o" 2>"$T/e"
rc=$?
if test $rc -eq 0 && test "$(field status "$T/o")" = 200 &&
    grep -q '"hello":"world"' "$T/o"; then
	ok "GET answers 200 with the body"
else
	not_ok "GET answers 200 with the body" "exit $rc" "$(cat "$T/o" "$T/e")"
fi
if grep '"path": "/ok"' "$REPLAY_LOG" |
    grep -q '"User-Agent": "ads/[0-9.]* (+[^)]*) test"'; then
	ok "User-Agent names ads, a contact and the source"
else
	not_ok "User-Agent names ads, a contact and the source" \
	    "$(cat "$REPLAY_LOG")"
fi
ADS_CONTACT=mailto:me@example.org test-http "$REPLAY_URL/ok2" >/dev/null 2>&1
grep -q '(+mailto:me@example.org) test' "$REPLAY_LOG" &&
    ok "ADS_CONTACT goes into the User-Agent" ||
    not_ok "ADS_CONTACT goes into the User-Agent"

# A byte size takes K, M or G; a count or a time does not.
ADS_HTTP_MAX_BODY=64K ADS_HTTP_TIMEOUT_MS=5k ADS_HTTP_RETRIES=2x \
    test-http "$REPLAY_URL/ok3" >"$T/o" 2>"$T/e"
rc=$?
if test $rc -eq 0 && ! grep -q MAX_BODY "$T/e" &&
    grep -q 'ADS_HTTP_TIMEOUT_MS: ignoring bad value: 5k' "$T/e" &&
    grep -q 'ADS_HTTP_RETRIES: ignoring bad value: 2x' "$T/e"; then
	ok "ADS_HTTP_*: sizes with a unit, other bad values ignored and named"
else
	not_ok "ADS_HTTP_*: sizes with a unit, other bad values ignored" \
	    "exit $rc" "$(cat "$T/e")"
fi

start=$(date +%s)
test-http "$REPLAY_URL/r429" >"$T/o" 2>"$T/e"
rc=$?
took=$(($(date +%s) - start))
if test $rc -eq 0 && test "$(field status "$T/o")" = 200 &&
    test "$(field tries "$T/o")" = 3 && test "$took" -ge 2; then
	ok "429 twice: retried, Retry-After (1 s) honoured, then 200"
else
	not_ok "429 twice: retried, Retry-After (1 s) honoured, then 200" \
	    "exit $rc, ${took}s" "$(head -n 1 "$T/o")"
fi
test "$(grep -c '"path": "/r429"' "$REPLAY_LOG")" -eq 3 &&
    ok "429 twice: three requests sent" ||
    not_ok "429 twice: three requests sent"

test-http -r 2 "$REPLAY_URL/r503" >"$T/o" 2>"$T/e"
rc=$?
if test $rc -eq 0 && test "$(field status "$T/o")" = 503 &&
    test "$(field tries "$T/o")" = 3 &&
    test "$(grep -c '"path": "/r503"' "$REPLAY_LOG")" -eq 3; then
	ok "503 always: gives up after the retries, final status kept"
else
	not_ok "503 always: gives up after the retries, final status kept" \
	    "exit $rc" "$(head -n 1 "$T/o")" "$(cat "$T/e")"
fi

start=$(date +%s)
test-http -w 0.5 "$REPLAY_URL/r429always" >"$T/o" 2>"$T/e"
took=$(($(date +%s) - start))
if test "$(field tries "$T/o")" = 1 && test "$took" -le 3 &&
    grep -q 'rate limited for 1 s, longer than the 0.5 s allowed' "$T/e"; then
	ok "a Retry-After beyond max_wait stops at once, saying why"
else
	not_ok "a Retry-After beyond max_wait stops at once, saying why" \
	    "$(head -n 1 "$T/o")" "$(cat "$T/e")"
fi

start=$(date +%s)
test-http -t 500 -r 1 "$REPLAY_URL/slow" >"$T/o" 2>"$T/e"
rc=$?
took=$(($(date +%s) - start))
if test $rc -eq 4 && test "$(field status "$T/o")" = 0 &&
    test "$(field tries "$T/o")" = 2 && test "$took" -le 4 &&
    grep -qi 'timeout\|timed out' "$T/e"; then
	ok "slower than the timeout: two tries, then failure within bound"
else
	not_ok "slower than the timeout: two tries, then failure within bound" \
	    "exit $rc, ${took}s" "$(head -n 1 "$T/o")" "$(cat "$T/e")"
fi

test-http -r 1 "$REPLAY_URL/reset" >"$T/o" 2>"$T/e"
rc=$?
if test $rc -eq 4 && test "$(field tries "$T/o")" = 2 && test -s "$T/e"; then
	ok "connection reset: retried, then a failure with a reason"
else
	not_ok "connection reset: retried, then a failure with a reason" \
	    "exit $rc" "$(head -n 1 "$T/o")" "$(cat "$T/e")"
fi

test-http -r 1 "$REPLAY_URL/trunc" >"$T/o" 2>"$T/e"
rc=$?
if test $rc -eq 4 && test "$(field tries "$T/o")" = 2; then
	ok "truncated body: detected, retried, failed"
else
	not_ok "truncated body: detected, retried, failed" "exit $rc" \
	    "$(head -n 1 "$T/o")" "$(cat "$T/e")"
fi

test-http "$REPLAY_URL/moved" >"$T/o" 2>"$T/e"
if test "$(field status "$T/o")" = 200 && grep -q hello "$T/o" &&
    grep -q '"path": "/ok-target"' "$REPLAY_LOG"; then
	ok "redirect followed"
else
	not_ok "redirect followed" "$(cat "$T/o" "$T/e")"
fi

# Politeness: three requests to one host 0.5 s apart at least, even
# with four connections allowed.
start=$(date +%s%N)
test-http -c 4 -i 0.5 "$REPLAY_URL/ok-a" "$REPLAY_URL/ok-b" \
    "$REPLAY_URL/ok-c" >"$T/o" 2>"$T/e"
rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
if test $rc -eq 0 && test "$(grep -c '^status=200' "$T/o")" -eq 3 &&
    test "$ms" -ge 1000; then
	ok "batch: min_interval between requests to one host (${ms} ms)"
else
	not_ok "batch: min_interval between requests to one host" \
	    "exit $rc, ${ms} ms" "$(cat "$T/o" "$T/e")"
fi
start=$(date +%s%N)
test-http -c 4 "$REPLAY_URL/slow" "$REPLAY_URL/slow" "$REPLAY_URL/slow" \
    >"$T/o" 2>"$T/e"
ms=$((($(date +%s%N) - start) / 1000000))
if test "$(grep -c '^status=200' "$T/o")" -eq 3 && test "$ms" -lt 8000; then
	ok "batch: transfers run concurrently (${ms} ms for 3 x 3 s)"
else
	not_ok "batch: transfers run concurrently" "${ms} ms" "$(cat "$T/o")"
fi

start=$(date +%s%N)
test-http "$REPLAY_URL/rl-reddit" "$REPLAY_URL/ok-after-reddit" >"$T/o" 2>"$T/e"
ms=$((($(date +%s%N) - start) / 1000000))
test "$(grep -c '^status=200' "$T/o")" -eq 2 && test "$ms" -ge 1400 &&
    ok "x-ratelimit-remaining 0.0 + reset 1.5 (seconds, Reddit): waited (${ms} ms)" ||
    not_ok "Reddit-style rate-limit headers: waited" "${ms} ms" "$(cat "$T/o" "$T/e")"
# The server reads the headers at each request: the reset is 3 s ahead.
printf 'HTTP/1.1 200 OK\nx-ratelimit-limit: 60\nx-ratelimit-remaining: 0\nx-ratelimit-reset: %s\n' \
    $(($(date +%s) + 3)) >"$D/github.json.headers"
start=$(date +%s%N)
test-http "$REPLAY_URL/rl-github" "$REPLAY_URL/ok-after-github" >"$T/o" 2>"$T/e"
ms=$((($(date +%s%N) - start) / 1000000))
test "$(grep -c '^status=200' "$T/o")" -eq 2 && test "$ms" -ge 1000 &&
    ok "x-ratelimit-remaining 0 + reset (epoch, GitHub): waited (${ms} ms)" ||
    not_ok "GitHub-style rate-limit headers: waited" "${ms} ms" "$(cat "$T/o" "$T/e")"
# A 403 with x-ratelimit-remaining 0 (GitHub's primary limit): retried
# once the reset (epoch seconds, 2 s ahead) has passed.
printf '{"message":"API rate limit exceeded"}' >"$D/rl403.json"
printf 'HTTP/1.1 403 Forbidden\nx-ratelimit-remaining: 0\nx-ratelimit-reset: %s\n' \
    $(($(date +%s) + 2)) >"$D/rl403.json.headers"
start=$(date +%s%N)
test-http "$REPLAY_URL/rl403" >"$T/o" 2>"$T/e"
ms=$((($(date +%s%N) - start) / 1000000))
test "$(field status "$T/o")" = 200 && test "$(field tries "$T/o")" = 2 &&
    test "$ms" -ge 1000 &&
    ok "403 + x-ratelimit-remaining 0: waited for the reset, retried (${ms} ms)" ||
    not_ok "403 + x-ratelimit-remaining 0: waited for the reset, retried" \
    "${ms} ms" "$(head -n 1 "$T/o")" "$(cat "$T/e")"
ADS_HTTP_MAX_WAIT=0.2 test-http "$REPLAY_URL/rl-reddit" "$REPLAY_URL/ok-x" \
    >"$T/o" 2>"$T/e"
test "$(grep -c '^status=200' "$T/o")" -eq 2 &&
    ok "a reset beyond max_wait on a success does not hold the next request" ||
    not_ok "a reset beyond max_wait on a success" "$(cat "$T/o" "$T/e")"

# The cache.
C=$T/cache
ADS_CACHE_DIR=$C
export ADS_CACHE_DIR
# A 401 does not mend by waiting, whatever Retry-After says.
test-http "$REPLAY_URL/unauth" >"$T/o" 2>"$T/e"
if test "$(field status "$T/o")" = 401 && test "$(field tries "$T/o")" = 1 &&
    test "$(grep -c '"path": "/unauth"' "$REPLAY_LOG")" -eq 1; then
	ok "401 with Retry-After: answered at once, not retried"
else
	not_ok "401 with Retry-After: not retried" "$(head -n 1 "$T/o")"
fi
# Refusals are cached only when asked, and answer only alike requests.
ADS_CACHE_DIR=$T/cacherefusal
ADS_CACHE=use test-http -4 "$REPLAY_URL/gated-a" >/dev/null 2>&1
ADS_CACHE=only test-http -4 "$REPLAY_URL/gated-a" >"$T/o1" 2>/dev/null
ADS_CACHE=only test-http -4 -S 'Authorization: Bearer t0k3n' \
    "$REPLAY_URL/gated-a" >"$T/o2" 2>"$T/e2"
rc2=$?
ADS_CACHE=use test-http "$REPLAY_URL/gated-b" >/dev/null 2>&1
ADS_CACHE=use test-http "$REPLAY_URL/gated-b" >"$T/o3" 2>/dev/null
if test "$(field status "$T/o1")" = 403 && test "$(field cached "$T/o1")" = 1 &&
    test $rc2 -eq 4 && grep -q 'not in the cache' "$T/e2" &&
    test "$(field cached "$T/o3")" = 0 &&
    test "$(grep -c '"path": "/gated-b"' "$REPLAY_LOG")" -eq 2; then
	ok "cacherefusal: a 403 replays offline, never for a request with credentials"
else
	not_ok "cacherefusal: a 403 replays offline" "$(head -n 1 "$T/o1")" \
	    "exit $rc2: $(cat "$T/e2")" "$(head -n 1 "$T/o3")"
fi
ADS_CACHE_DIR=$C
# A body cap: the transfer stops there, the answer stands, uncached.
n0=$(grep -c '"path": "/big-cap"' "$REPLAY_LOG")
for i in 1 2; do
	ADS_CACHE=use test-http -M 1000 "$REPLAY_URL/big-cap" >"$T/o$i" 2>"$T/e$i"
	echo $? >"$T/rc$i"
done
n1=$(grep -c '"path": "/big-cap"' "$REPLAY_LOG")
if test "$(cat "$T/rc1")" = 0 && test "$(field status "$T/o1")" = 200 &&
    test "$(field toolarge "$T/o1")" = 1 &&
    test "$(field len "$T/o1")" -le 1000 && test $((n1 - n0)) -eq 2 &&
    grep -q 'answer larger than 1000 bytes' "$T/e1"; then
	ok "maxbytes: the transfer stops at the cap, not failed, not cached"
else
	not_ok "maxbytes: the transfer stops at the cap" "exit $(cat "$T/rc1")" \
	    "$(head -n 1 "$T/o1")" "$(cat "$T/e1")" "requests $((n1 - n0))"
fi
n0=$(grep -c '"path": "/ok-cache"' "$REPLAY_LOG")
ADS_CACHE=use test-http "$REPLAY_URL/ok-cache" >"$T/o1" 2>/dev/null
ADS_CACHE=use test-http "$REPLAY_URL/ok-cache" >"$T/o2" 2>/dev/null
n1=$(grep -c '"path": "/ok-cache"' "$REPLAY_LOG")
sed 1d "$T/o1" >"$T/b1"
sed 1d "$T/o2" >"$T/b2"
if test "$(field cached "$T/o1")" = 0 && test "$(field cached "$T/o2")" = 1 &&
    test $((n1 - n0)) -eq 1 && test -s "$T/b1" && cmp -s "$T/b1" "$T/b2"
then
	ok "cache use: second answer from the cache, same body"
else
	not_ok "cache use: second answer from the cache, same body" \
	    "requests $((n1 - n0))" "$(head -n 1 "$T/o1")" "$(head -n 1 "$T/o2")"
fi
if find "$C" -name '*.zst' | grep -q . &&
    zstdcat "$(find "$C" -name '*.zst' | head -n 1)" | grep -q hello; then
	ok "cache files are zstd with the body"
else
	not_ok "cache files are zstd with the body" "$(find "$C")"
fi
ADS_CACHE=refresh test-http "$REPLAY_URL/ok-cache" >"$T/o" 2>/dev/null
n2=$(grep -c '"path": "/ok-cache"' "$REPLAY_LOG")
test "$(field cached "$T/o")" = 0 && test $((n2 - n1)) -eq 1 &&
    ok "cache refresh: asks again" || not_ok "cache refresh: asks again"
ADS_CACHE=only test-http "$REPLAY_URL/ok-cache" >"$T/o" 2>/dev/null
rc=$?
n3=$(grep -c '"path": "/ok-cache"' "$REPLAY_LOG")
test $rc -eq 0 && test "$(field cached "$T/o")" = 1 && test "$n3" -eq "$n2" &&
    ok "cache only: a hit answers offline" ||
    not_ok "cache only: a hit answers offline" "exit $rc"
ADS_CACHE=only test-http "$REPLAY_URL/ok-never" >"$T/o" 2>"$T/e"
rc=$?
if test $rc -eq 4 && grep -q 'not in the cache' "$T/e" &&
    ! grep -q '"path": "/ok-never"' "$REPLAY_LOG"; then
	ok "cache only: a miss fails without asking"
else
	not_ok "cache only: a miss fails without asking" "exit $rc" "$(cat "$T/e")"
fi
rm -rf "$C"
ADS_CACHE=off test-http "$REPLAY_URL/ok-cache" >/dev/null 2>&1
test -z "$(find "$C" -type f 2>/dev/null)" &&
    ok "cache off: nothing written" || not_ok "cache off: nothing written"
ADS_CACHE=use test-http "$REPLAY_URL/nf" >/dev/null 2>&1
ADS_CACHE=use test-http -r -1 "$REPLAY_URL/boom" >/dev/null 2>&1
ADS_CACHE=use test-http "$REPLAY_URL/nf" >"$T/o" 2>/dev/null
test "$(field cached "$T/o")" = 1 && test "$(field status "$T/o")" = 404 &&
    ok "cache: 404 answers are cached" || not_ok "cache: 404 answers are cached"
ADS_CACHE=use test-http -r -1 "$REPLAY_URL/boom" >"$T/o" 2>/dev/null
test "$(field cached "$T/o")" = 0 && test "$(field status "$T/o")" = 500 &&
    ok "cache: 500 answers are not cached" ||
    not_ok "cache: 500 answers are not cached" "$(head -n 1 "$T/o")"
ADS_CACHE=bogus test-http "$REPLAY_URL/ok" >/dev/null 2>"$T/e"
test $? -eq 2 && grep -q 'ADS_CACHE' "$T/e" &&
    ok "a bad ADS_CACHE is a usage error" ||
    not_ok "a bad ADS_CACHE is a usage error"

# Credentials: sent, but never in cache keys, cache files, logs or
# messages.
rm -rf "$C"
ADS_CACHE=use test-http -S 'Authorization: Bearer SEKRETONE' \
    -U 'user:SEKRETTWO' "$REPLAY_URL/sec?q=x&api_key=SEKRETTHREE" \
    >"$T/o1" 2>"$T/e1"
ADS_CACHE=use test-http -S 'Authorization: Bearer OTHERSEKRET' \
    "$REPLAY_URL/sec?q=x&api_key=ANOTHERSEKRET" >"$T/o2" 2>"$T/e2"
if test "$(field cached "$T/o1")" = 0 && test "$(field cached "$T/o2")" = 1
then
	ok "cache key leaves credentials out"
else
	not_ok "cache key leaves credentials out" "$(head -n 1 "$T/o2")"
fi
if grep -q '"Authorization": "<present>"' "$REPLAY_LOG"; then
	ok "the secret header was sent"
else
	not_ok "the secret header was sent"
fi
found=
find "$C" -type f -exec zstdcat {} + >"$T/all" 2>/dev/null
grep -q SEKRET "$T/all" && found="cache"
grep -q SEKRET "$T/e1" "$T/e2" && found="$found stderr"
test -z "$found" && test -n "$(find "$C" -type f)" &&
    ok "credentials absent from cache files and messages" ||
    not_ok "credentials absent from cache files and messages" "$found"
ADS_CACHE=off test-http -r -1 -S 'X-Api-Key: SEKRETFOUR' \
    "$REPLAY_URL/r503?token=SEKRETFIVE" >/dev/null 2>"$T/e"
ADS_CACHE=off test-http -r -1 "$REPLAY_URL/reset?key=SEKRETSIX" \
    >/dev/null 2>>"$T/e"
if test -s "$T/e" && ! grep -q SEKRET "$T/e" && grep -q REDACTED "$T/e"; then
	ok "error messages redact credential parameters"
else
	not_ok "error messages redact credential parameters" "$(cat "$T/e")"
fi
grep -q SEKRETFOUR "$REPLAY_LOG" &&
    not_ok "the replay log hides credential headers" ||
    ok "the replay log hides credential headers"

# gzip: asked for, and the answer decoded.
test-http "$REPLAY_URL/gz" >"$T/o" 2>"$T/e"
sed 1d "$T/o" | head -c "$(wc -c <"$D/long.txt")" >"$T/b"
if test "$(field len "$T/o")" = "$(wc -c <"$D/long.txt")" &&
    cmp -s "$T/b" "$D/long.txt" &&
    grep '"path": "/gz"' "$REPLAY_LOG" | grep -q '"Accept-Encoding": "[^"]*gzip'
then
	ok "gzip: Accept-Encoding sent, the compressed answer decoded"
else
	not_ok "gzip: Accept-Encoding sent, the compressed answer decoded" \
	    "$(head -n 1 "$T/o")" "$(cat "$T/e")"
fi

# Redirects of a request with credentials: kept within the origin,
# dropped (every one, not only Authorization) when it leaves it.
test-http -S 'X-Api-Key: SEKRETAWAY' -S 'Authorization: Bearer SEKRETAUTH' \
    "$REPLAY_URL/away" >"$T/o" 2>"$T/e"
grep '"path": "/landed-away"' "$REPLAY_LOG" >"$T/l"
if test "$(field status "$T/o")" = 200 && test "$(field tries "$T/o")" = 1 &&
    grep -q '"Host": "localhost:' "$T/l" &&
    ! grep -q 'X-Api-Key\|Authorization' "$T/l" &&
    grep '"path": "/away"' "$REPLAY_LOG" | grep -q '"X-Api-Key": "<present>"'
then
	ok "a redirect to another origin drops every credential header"
else
	not_ok "a redirect to another origin drops every credential header" \
	    "$(head -n 1 "$T/o")" "$(cat "$T/e" "$T/l")"
fi
test-http -S 'X-Api-Key: SEKRETSAME' "$REPLAY_URL/samehop" >"$T/o" 2>"$T/e"
grep '"path": "/landed-same"' "$REPLAY_LOG" | grep -q '"X-Api-Key": "<present>"' &&
    test "$(field status "$T/o")" = 200 &&
    ok "a redirect within the origin keeps the credentials" ||
    not_ok "a redirect within the origin keeps the credentials" "$(cat "$T/o" "$T/e")"

# Two hosts in one batch (127.0.0.1 and localhost), each with its own
# politeness clock.
HP=${REPLAY_URL##*:}
test-http -c 2 -i 0.2 "$REPLAY_URL/ok-h1" "http://localhost:$HP/ok-h2" \
    "$REPLAY_URL/ok-h3" "http://localhost:$HP/ok-h4" >"$T/o" 2>"$T/e"
test $? -eq 0 && test "$(grep -c '^status=200' "$T/o")" -eq 4 &&
    grep '"path": "/ok-h4"' "$REPLAY_LOG" | grep -q '"Host": "localhost:' &&
    ok "batch over two hosts" || not_ok "batch over two hosts" "$(cat "$T/o" "$T/e")"

test-http -m POST -b 'a=1&b=2' "$REPLAY_URL/post" >"$T/o" 2>&1
grep '"path": "/post"' "$REPLAY_LOG" | grep -q '"body": "a=1&b=2"' &&
    ok "POST sends its body" || not_ok "POST sends its body" "$(cat "$T/o")"

replay_stop
test-http -r 1 "$REPLAY_URL/ok" >"$T/o" 2>"$T/e"
rc=$?
test $rc -eq 4 && test "$(field tries "$T/o")" = 2 &&
    ok "connection refused: retried, then failure" ||
    not_ok "connection refused: retried, then failure" "exit $rc" "$(cat "$T/e")"

# TLS: verification is always on, and the CA bundle comes from the
# standard variables.
if command -v openssl >/dev/null 2>&1 &&
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$T/key.pem" \
    -out "$T/cert.pem" >/dev/null 2>&1; then
	cat "$T/key.pem" "$T/cert.pem" >"$T/server.pem"
	replay_start -s "$T/server.pem" "$D" || not_ok "TLS replay server starts"
	TLS_URL=https://${REPLAY_URL#http://}
	(unset CURL_CA_BUNDLE SSL_CERT_FILE SSL_CERT_DIR
	test-http -r 3 "$TLS_URL/ok-tls" >"$T/o" 2>"$T/e")
	rc=$?
	if test $rc -eq 4 && test "$(field tries "$T/o")" = 1 &&
	    grep -qi 'certificate' "$T/e"; then
		ok "TLS: an unknown certificate is refused, not retried"
	else
		not_ok "TLS: an unknown certificate is refused, not retried" \
		    "exit $rc" "$(head -n 1 "$T/o")" "$(cat "$T/e")"
	fi
	for v in CURL_CA_BUNDLE SSL_CERT_FILE; do
		env -u CURL_CA_BUNDLE -u SSL_CERT_FILE "$v=$T/cert.pem" \
		    test-http "$TLS_URL/ok-tls" >"$T/o" 2>"$T/e"
		rc=$?
		test $rc -eq 0 && test "$(field status "$T/o")" = 200 &&
		    grep -q hello "$T/o" &&
		    ok "TLS: the CA from $v is trusted" ||
		    not_ok "TLS: the CA from $v is trusted" "exit $rc" "$(cat "$T/e")"
	done
	replay_stop
else
	skip "TLS" "openssl cannot make a test certificate" 3
fi
