#!/bin/sh
# t0100-cases -- run every case directory under tests/cases/<tool>/:
#   args      arguments for the tool (sh words), or
#   cmd       a whole sh command run in the case directory instead
#   in.jsonl  standard input (default: empty)
#   out.jsonl expected standard output, byte for byte (default: empty)
#   err       expected standard error, exact (optional)
#   status    expected exit status (default 0)
# CASES=ads-scrub (a tool name) limits the run to one tool's cases.
. "$(dirname "$0")/lib.sh"

# One check per case, and there must be some.
ncases=0
# shellcheck disable=SC2231 # CASES is a glob on purpose
for d in "$TOP"/tests/cases/${CASES:-*}/*/; do
	test -d "$d" && ncases=$((ncases + 1))
done
checks $((ncases + 1))
check "cases found ($ncases)" test "$ncases" -gt 0
# shellcheck disable=SC2231 # CASES is a glob on purpose
for d in "$TOP"/tests/cases/${CASES:-*}/*/; do
	test -d "$d" || continue
	d=${d%/}
	tool=$(basename "$(dirname "$d")")
	name="$tool/$(basename "$d")"
	if ! have_tool "$tool"; then
		skip "$name" "$tool is not built"
		continue
	fi
	in=/dev/null
	test -f "$d/in.jsonl" && in=$d/in.jsonl
	want=0
	test -f "$d/status" && want=$(cat "$d/status")
	if test -f "$d/cmd"; then
		(cd "$d" && sh ./cmd <"$in" >"$T/out" 2>"$T/err")
	else
		args=$(cat "$d/args" 2>/dev/null || true)
		(cd "$d" && eval "set -- $args" && "$tool" "$@" <"$in" \
		    >"$T/out" 2>"$T/err")
	fi
	got=$?
	bad=""
	test "$got" -eq "$want" || bad="exit $got, want $want"
	if test -f "$d/out.jsonl"; then
		cmp -s "$d/out.jsonl" "$T/out" ||
		    bad="$bad; stdout: $(diff -u "$d/out.jsonl" "$T/out" | head -n 30)"
	elif test -s "$T/out"; then
		bad="$bad; unexpected stdout: $(head -c 500 "$T/out")"
	fi
	if test -f "$d/err"; then
		cmp -s "$d/err" "$T/err" ||
		    bad="$bad; stderr: $(diff -u "$d/err" "$T/err" | head -n 20)"
	fi
	if test -z "$bad"; then
		ok "$name"
	else
		not_ok "$name" "$bad" "stderr: $(head -c 1000 "$T/err")"
	fi
done
