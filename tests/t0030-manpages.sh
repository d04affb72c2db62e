#!/bin/sh
# t0030-manpages -- every built tool has a man page whose SYNOPSIS is
# its usage() text, answers -h on stdout with exit 0, and -V.
. "$(dirname "$0")/lib.sh"

if ! command -v mandoc >/dev/null; then
	skip "man pages" "mandoc is not installed"
	exit 0
fi
for b in "$BIN"/*; do
	test -x "$b" || continue
	tool=${b##*/}
	page=$TOP/man/$tool.1
	if ! test -f "$page"; then
		not_ok "$tool: man page man/$tool.1 exists"
		continue
	fi
	# The SYNOPSIS as text, words joined by single spaces.
	mandoc -T ascii -O width=1000 "$page" | col -b |
	    awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on' |
	    tr -s ' \n' '  ' | sed 's/^ *//; s/ *$//' >"$T/syn"
	"$tool" -h >"$T/use" 2>"$T/err"
	rc=$?
	sed 's/^usage: //' "$T/use" | tr -s ' \n' '  ' |
	    sed 's/^ *//; s/ *$//' >"$T/use2"
	if test $rc -eq 0 && cmp -s "$T/syn" "$T/use2"; then
		ok "$tool: -h on stdout equals the man page SYNOPSIS"
	else
		not_ok "$tool: -h equals SYNOPSIS" "exit $rc" \
		    "man:   $(cat "$T/syn")" "usage: $(cat "$T/use2")"
	fi
	"$tool" -V >"$T/out" 2>&1
	grep -q "^$tool (ads) [0-9]" "$T/out" && ok "$tool: -V" ||
	    not_ok "$tool: -V" "$(head -c 300 "$T/out")"
done
