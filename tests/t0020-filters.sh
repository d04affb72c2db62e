#!/bin/sh
# t0020-filters -- the unhappy paths every record filter must survive,
# run on each built filter: a malformed line in the middle changes
# nothing else, -r keeps it, a bad option, a write error, a closed pipe,
# an over-long line and a .zst round trip.
. "$(dirname "$0")/lib.sh"
checks 28

R=$FIXTURES/records.jsonl
i=0
while test $i -lt 300; do
	sed "s/\"id\":\"\\([^\"]*\\)\"/\"id\":\"\\1-$i\"/" "$R"
	i=$((i + 1))
done >"$T/big.jsonl"
# The same records with a broken line in the middle.
head -n 6 "$R" >"$T/bad.jsonl"
echo '{"id":"broken","text":' >>"$T/bad.jsonl"
tail -n +7 "$R" >>"$T/bad.jsonl"

for tool in ads-scrub ads-dedup ads-score ads-split; do
	if ! have_tool "$tool"; then
		skip "$tool: filter conventions" "$tool is not built" 7
		continue
	fi
	"$tool" <"$R" >"$T/want" 2>/dev/null
	"$tool" -r "$T/rej.$tool" <"$T/bad.jsonl" >"$T/out" 2>"$T/err"
	rc=$?
	if test $rc -eq 1 && cmp -s "$T/want" "$T/out" &&
	    grep -q "^$tool: <stdin>:7: invalid JSON: " "$T/err" &&
	    test "$(cat "$T/rej.$tool")" = '{"id":"broken","text":'; then
		ok "$tool: malformed line reported, kept by -r, the rest unchanged"
	else
		not_ok "$tool: malformed line in the middle" "exit $rc" \
		    "$(head -n 5 "$T/err")" "$(diff "$T/want" "$T/out" | head)"
	fi
	expect_code 2 "$tool: bad option exits 2" "$tool" --no-such-option
	test -s "$T/.out" && not_ok "$tool: bad option writes nothing" ||
	    ok "$tool: bad option writes nothing"
	"$tool" <"$R" >/dev/full 2>"$T/err"
	rc=$?
	if test $rc -eq 3 && grep -q 'write error' "$T/err"; then
		ok "$tool: write error exits 3"
	else
		not_ok "$tool: write error exits 3" "exit $rc" "$(cat "$T/err")"
	fi
	( "$tool" <"$T/big.jsonl" 2>"$T/err"; echo $? >"$T/rc" ) |
	    head -n 1 >"$T/out"
	rc=$(cat "$T/rc")
	if test "$(wc -l <"$T/out")" -eq 1 && ! grep -q 'write error' "$T/err" &&
	    { test "$rc" -eq 0 || test "$rc" -eq 141; }; then
		ok "$tool: closed pipe is quiet"
	else
		not_ok "$tool: closed pipe is quiet" "exit $rc" "$(cat "$T/err")"
	fi
	{ head -n 3 "$R"; awk 'BEGIN { s = "{\"id\":\"long\",\"text\":\""; for (i = 0; i < 2000; i++) s = s "word "; print s "\"}" }'; tail -n +4 "$R"; } >"$T/long.jsonl"
	ADS_MAXLINE=4096 "$tool" <"$T/long.jsonl" >"$T/out" 2>"$T/err"
	rc=$?
	if test $rc -eq 1 && grep -q "<stdin>:4: line too long" "$T/err" &&
	    cmp -s "$T/want" "$T/out"; then
		ok "$tool: over-long line reported and skipped"
	else
		not_ok "$tool: over-long line" "exit $rc" "$(cat "$T/err")"
	fi
	zstd -q -c "$R" >"$T/in.zst"
	"$tool" "$T/in.zst" >"$T/out" 2>/dev/null
	cmp_out "$tool: reads .zst input" "$T/want" "$T/out"
done
