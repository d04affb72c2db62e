#!/bin/sh
# t0030-manpages -- every built tool has a man page whose SYNOPSIS is
# the first lines of its -h (on stdout, exit 0); -h then describes every
# option letter of the SYNOPSIS; -V names the version of config.mk.
. "$(dirname "$0")/lib.sh"

if ! command -v mandoc >/dev/null; then
	skip "man pages" "mandoc is not installed"
	exit 0
fi
ntools=0
for b in "$BIN"/*; do
	test -x "$b" && ntools=$((ntools + 1))
done
checks $((1 + 4 * ntools))
check "some tools are built" test "$ntools" -gt 0
version=$(sed -n 's/^VERSION *= *//p' "$TOP/config.mk")
for b in "$BIN"/*; do
	test -x "$b" || continue
	tool=${b##*/}
	page=$TOP/man/$tool.1
	if ! test -f "$page"; then
		not_ok "$tool: man page man/$tool.1 exists"
		skip "$tool: -h and -V" "no man page" 3
		continue
	fi
	# The SYNOPSIS as text, words joined by single spaces.
	mandoc -T ascii -O width=1000 "$page" | col -b |
	    awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on' |
	    tr -s ' \n' '  ' | sed 's/^ *//; s/ *$//' >"$T/syn"
	"$tool" -h >"$T/use" 2>"$T/err"
	rc=$?
	# The usage lines: up to the first blank line.
	awk '/^$/ { exit } { print }' "$T/use" | sed 's/^usage: //' |
	    tr -s ' \n' '  ' | sed 's/^ *//; s/ *$//' >"$T/use2"
	if test $rc -eq 0 && cmp -s "$T/syn" "$T/use2"; then
		ok "$tool: -h on stdout starts with the man page SYNOPSIS"
	else
		not_ok "$tool: -h starts with the SYNOPSIS" "exit $rc" \
		    "man:   $(cat "$T/syn")" "usage: $(cat "$T/use2")"
	fi
	# Every letter of the SYNOPSIS ("-x" or a cluster "-xyz") has an
	# item in the rest of -h: a line "     -x" (then a blank, a comma
	# or the end).
	tr ' []|' '[\n*]' <"$T/syn" | sed -n 's/^-\([A-Za-z0-9]\{1,\}\)$/\1/p' |
	    fold -w 1 | sort -u >"$T/letters"
	awk 'NR > 1 && seen { print } /^$/ { seen = 1 }' "$T/use" |
	    sed -n 's/^     -\([A-Za-z0-9]\)\([ ,].*\)\{0,1\}$/\1/p' |
	    sort -u >"$T/described"
	comm -23 "$T/letters" "$T/described" >"$T/missing"
	case $tool in
	*)
		if test -s "$T/letters" && ! test -s "$T/missing"; then
			ok "$tool: -h describes every option ($(wc -l <"$T/letters"))"
		else
			not_ok "$tool: -h describes every option" \
			    "missing: $(tr '\n' ' ' <"$T/missing")"
		fi ;;
	esac
	# An error prints the usage alone, on stderr.
	"$tool" --no-such-option >"$T/out" 2>"$T/err"
	rc=$?
	if test $rc -eq 2 && ! test -s "$T/out" && grep -q '^usage: ' "$T/err" &&
	    ! grep -q '^     -' "$T/err"; then
		ok "$tool: a bad option prints the usage alone, exit 2"
	else
		not_ok "$tool: a bad option prints the usage alone, exit 2" \
		    "exit $rc" "$(head -n 5 "$T/err")"
	fi
	"$tool" -V >"$T/out" 2>&1
	grep -qx "$tool (ads) $version" "$T/out" && ok "$tool: -V says $version" ||
	    not_ok "$tool: -V" "want $tool (ads) $version" "$(head -c 300 "$T/out")"
done
