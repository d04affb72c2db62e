#!/bin/sh
# t0010-common -- the shared reader, writer and malformed-line policy,
# through ads-echo (tests/helpers/ads-echo.c), the smallest filter.
. "$(dirname "$0")/lib.sh"
checks 23

R=$FIXTURES/records.jsonl
printf '{"a":1}\n{"a":2\n\n[1,2]\n{"a":3}\n' >"$T/bad.jsonl"

ads-echo <"$T/bad.jsonl" >"$T/out" 2>"$T/err"
rc=$?
test $rc -eq 1 && ok "malformed lines: exit 1" || not_ok "malformed lines: exit 1" "exit $rc"
printf '{"a":1}\n{"a":3}\n' >"$T/want"
cmp_out "malformed lines: good records still flow" "$T/want" "$T/out"
if grep -q '^ads-echo: <stdin>:2: invalid JSON: ' "$T/err" &&
    grep -q '^ads-echo: <stdin>:4: not a JSON object: array$' "$T/err"; then
	ok "malformed lines: located messages, empty lines counted"
else
	not_ok "malformed lines: located messages, empty lines counted" "$(cat "$T/err")"
fi

ads-echo -r "$T/rej" "$T/bad.jsonl" >/dev/null 2>"$T/err"
printf '{"a":2\n[1,2]\n' >"$T/want"
cmp_out "-r keeps each rejected line unchanged" "$T/want" "$T/rej"
grep -q "$T/bad.jsonl:2: invalid JSON" "$T/err" &&
    ok "messages name the file" || not_ok "messages name the file" "$(cat "$T/err")"

ads-echo -s <"$T/bad.jsonl" >"$T/out" 2>/dev/null
rc=$?
printf '{"a":1}\n' >"$T/want"
if test $rc -eq 1 && cmp -s "$T/want" "$T/out"; then
	ok "-s stops at the first malformed line, after writing what came before"
else
	not_ok "-s stops at the first malformed line" "exit $rc"
fi

expect_code 2 "bad option: exit 2" ads-echo -Z
test -s "$T/.out" && not_ok "bad option: nothing on stdout" || ok "bad option: nothing on stdout"
ads-echo -h >"$T/out" 2>&1 && grep -q '^usage: ads-echo ' "$T/out" &&
    ok "-h prints usage on stdout, exit 0" || not_ok "-h prints usage on stdout, exit 0"
ads-echo -V | grep -q '^ads-echo (ads) ' && ok "-V" || not_ok "-V"

expect_code 3 "missing input file: exit 3" ads-echo "$T/nonexistent"
grep -q "nonexistent: No such file" "$T/.err" && ok "missing input file: message" ||
    not_ok "missing input file: message" "$(cat "$T/.err")"

ads-echo <"$R" >/dev/full 2>"$T/err"
rc=$?
if test $rc -eq 3 && grep -q 'write error' "$T/err"; then
	ok "write error (/dev/full): exit 3 with a message"
else
	not_ok "write error (/dev/full): exit 3 with a message" "exit $rc" "$(cat "$T/err")"
fi

# A closed pipe ends the tool quietly (SIGPIPE or 0, never "write error").
i=0
while test $i -lt 400; do cat "$R"; i=$((i + 1)); done >"$T/big.jsonl"
( ads-echo <"$T/big.jsonl" 2>"$T/err"; echo $? >"$T/rc" ) | head -n 1 >"$T/out"
rc=$(cat "$T/rc")
if test "$(wc -l <"$T/out")" -eq 1 && ! grep -q 'write error' "$T/err" &&
    { test "$rc" -eq 0 || test "$rc" -eq 141; }; then
	ok "closed pipe (| head -n 1): quiet"
else
	not_ok "closed pipe (| head -n 1): quiet" "exit $rc" "$(cat "$T/err")"
fi

# Over-long line: reported, skipped, copied whole to the reject file.
awk 'BEGIN { s = "{\"text\":\""; for (i = 0; i < 3000; i++) s = s "x"; print "{\"a\":1}"; print s "\"}"; print "{\"a\":2}" }' >"$T/long.jsonl"
ADS_MAXLINE=1024 ads-echo -r "$T/longrej" "$T/long.jsonl" >"$T/out" 2>"$T/err"
rc=$?
printf '{"a":1}\n{"a":2}\n' >"$T/want"
if test $rc -eq 1 && cmp -s "$T/want" "$T/out" &&
    grep -q 'long.jsonl:2: line too long (limit 1024 bytes)' "$T/err" &&
    test "$(wc -c <"$T/longrej")" -eq 3012; then
	ok "over-long line: reported, skipped, kept whole with -r"
else
	not_ok "over-long line" "exit $rc" "$(cat "$T/err")" "$(wc -c <"$T/longrej")"
fi

# zstd both ways: .zst input is read whatever its name; output too.
zstd -q -c "$R" >"$T/in.zst"
ads-echo "$T/in.zst" >"$T/out"
ads-echo "$R" >"$T/want"
cmp_out ".zst input read transparently" "$T/want" "$T/out"
ads-echo <"$T/in.zst" >"$T/out"
cmp_out ".zst on standard input" "$T/want" "$T/out"
head -c 100 "$T/in.zst" >"$T/trunc.zst"
expect_code 3 "truncated .zst: exit 3" ads-echo "$T/trunc.zst"
grep -q 'trunc.zst:1: truncated zstd stream' "$T/.err" &&
    ok "truncated .zst: located message" || not_ok "truncated .zst: located message" "$(cat "$T/.err")"

# The writer gives what jq -c gives, byte for byte, on real records.
if command -v jq >/dev/null; then
	jq -c . "$R" >"$T/want"
	ads-echo "$R" >"$T/out"
	cmp_out "writer output equals jq -c" "$T/want" "$T/out"
fi

# CRLF line ends are accepted; invalid UTF-8 is malformed, and -U
# lets it through as U+FFFD.
printf '{"a":"x"}\r\n{"a":"\377"}\n' >"$T/u8.jsonl"
ads-echo <"$T/u8.jsonl" >"$T/out" 2>"$T/err"
rc=$?
printf '{"a":"x"}\n' >"$T/want"
if test $rc -eq 1 && cmp -s "$T/want" "$T/out" &&
    grep -q '^ads-echo: <stdin>:2: invalid UTF-8 at byte 7$' "$T/err"; then
	ok "CRLF accepted, invalid UTF-8 reported"
else
	not_ok "CRLF accepted, invalid UTF-8 reported" "exit $rc" "$(cat "$T/err")"
fi
ads-echo -U <"$T/u8.jsonl" >"$T/out"
printf '{"a":"x"}\n{"a":"\357\277\275"}\n' >"$T/want"
cmp_out "-U: invalid UTF-8 replaced" "$T/want" "$T/out"

# An output that is there and is not a regular file (a pipe, a device
# such as /dev/null) is written to in place: a rename over it would put
# a plain file where the device was (as root, /dev/null itself).
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" >"$T/clusters" 2>/dev/null &
reader=$!
head -n 1 "$R" >"$T/twice"
head -n 1 "$R" | sed 's/"id":"[^"]*"/"id":"copy"/' >>"$T/twice"
timeout 20 ads-dedup -c "$T/fifo" "$T/twice" >/dev/null 2>"$T/err"
rc=$?
wait $reader
if test $rc -eq 0 && test -p "$T/fifo" && grep -q '"copy"' "$T/clusters" &&
    ! test -e "$(find "$T" -name '*fifo.tmp*' | head -n 1)"; then
	ok "an atomic output that is a pipe is written to, not replaced"
else
	not_ok "an atomic output that is a pipe is written to, not replaced" \
	    "exit $rc" "$(ls -l "$T")" "$(cat "$T/err" "$T/clusters")"
fi
