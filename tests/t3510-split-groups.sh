#!/bin/sh
# t3510-split-groups -- rows made from one record (context_id) fall in
# one split with ads-split -g context_id: no passage is shared between
# train and test.
. "$(dirname "$0")/lib.sh"
checks 4

if ! have_tool ads-split; then
	skip "ads-split" "not built"
	exit 0
fi
# 300 passages, three questions each, and 50 rows without a context.
jq -n -c 'range(0; 300) as $c | range(0; 3) as $q |
    {id: "synth:\($c)-\($q)", source: "wikipedia",
     text: "passage \($c)", question: "question \($q) on \($c)?",
     context: "passage \($c)", answer: "passage",
     context_id: "wikipedia:en:\($c)"}' >"$T/rows"
jq -n -c 'range(0; 50) as $i | {id: "lone:\($i)", source: "reddit",
    text: "lone \($i)"}' >>"$T/rows"

# leaks FILE -- the context_id values found in more than one split.
leaks() {
	jq -r 'select(.context_id) | "\(.context_id) \(.split)"' "$1" |
	    sort -u | awk '{ n[$1]++ } END { for (k in n) if (n[k] > 1) c++;
	    print c + 0 }'
}

ads-split -S 7 -g context_id "$T/rows" >"$T/out" 2>"$T/err"
rc=$?
n=$(wc -l <"$T/out")
if test $rc -eq 0 && test "$n" -eq 950; then
	ok "-g context_id: every row written"
else
	not_ok "-g context_id: every row written" "exit $rc, $n rows" \
	    "$(cat "$T/err")"
fi
l=$(leaks "$T/out")
if test "$l" -eq 0 && jq -r .split "$T/out" | sort -u | tr '\n' ' ' |
    grep -q 'test train validation'; then
	ok "-g context_id: no context_id in two splits"
else
	not_ok "-g context_id: no context_id in two splits" "$l leaks"
fi
# The check above can fail: without -g the same rows leak.
ads-split -S 7 "$T/rows" >"$T/out2" 2>/dev/null
l=$(leaks "$T/out2")
test "$l" -gt 0 && ok "without -g, contexts leak ($l): the check bites" ||
    not_ok "without -g, contexts leak: the check bites" "$l leaks"
# Rows without a context are groups of their own, spread over splits.
jq -r 'select(.id | startswith("lone:")) | .split' "$T/out" | sort -u |
    wc -l | grep -q '^[23]$' && ok "rows without context_id still spread" ||
    not_ok "rows without context_id still spread"
