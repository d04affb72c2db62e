#!/bin/sh
# t0031-option-letters -- one letter per meaning across the tools, read
# from their man pages: -r is the reject file (--reject), -s is strict
# (--strict, no argument), a tool with one has the other, -T takes the
# text paths and -U repairs UTF-8.  The tools, the driver ads(1) and
# its sh helpers (ads-engine, ads-shard) are read.
. "$(dirname "$0")/lib.sh"

if ! command -v mandoc >/dev/null; then
	skip "option letters" "mandoc is not installed"
	exit 0
fi
tools=$(for t in "$TOP"/tools/ads-*; do t=${t##*/}; echo "${t%.c}"; done
	echo ads; echo ads-engine; echo ads-shard)
n=$(printf '%s\n' "$tools" | grep -c .)
checks $((2 + n))
check "tools found" test "$n" -gt 10
withr=0
for tool in $tools; do
	page=$TOP/man/$tool.1
	if ! test -f "$page"; then
		not_ok "$tool: option letters" "no man page"
		continue
	fi
	mandoc -T ascii -O width=1000 "$page" | col -b >"$T/page"
	awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on' "$T/page" |
	    tr -s ' \n' '  ' >"$T/syn"
	# Each option as it is used in the SYNOPSIS: "-r rejectfile" or a
	# flag of a cluster, "-s".
	tr '[]|' '[\n*]' <"$T/syn" | sed 's/^ *//; s/ *$//' |
	    awk '/^-[A-Za-z0-9]+$/ { for (i = 2; i <= length($0); i++)
		print "-" substr($0, i, 1); next }
	    /^-[A-Za-z0-9] / { print }' | sort -u >"$T/opts"
	bad=""
	if grep -q '^-r' "$T/opts"; then
		withr=$((withr + 1))
		grep -qx -- '-r rejectfile' "$T/opts" ||
		    bad="$bad; -r is not -r rejectfile: $(grep '^-r' "$T/opts")"
		grep -q '^     -r rejectfile, --reject=rejectfile' "$T/page" ||
		    bad="$bad; -r is not described as --reject"
		grep -qx -- '-s' "$T/opts" || bad="$bad; -r without -s"
	fi
	if grep -q '^-s' "$T/opts"; then
		grep -qx -- '-s' "$T/opts" ||
		    bad="$bad; -s takes an argument: $(grep '^-s' "$T/opts")"
		grep -q '^     -s, --strict' "$T/page" ||
		    bad="$bad; -s is not described as --strict"
		grep -qx -- '-r rejectfile' "$T/opts" || bad="$bad; -s without -r"
	fi
	if grep -q '^-T' "$T/opts"; then
		grep -qx -- '-T path,path ...' "$T/opts" ||
		    grep -qx -- '-T path' "$T/opts" ||
		    bad="$bad; -T is not the text paths: $(grep '^-T' "$T/opts")"
		grep -q '^     -T path.*--text=' "$T/page" ||
		    bad="$bad; -T is not described as --text"
	fi
	if grep -q '^-U' "$T/opts"; then
		grep -qx -- '-U' "$T/opts" || bad="$bad; -U takes an argument"
		grep -q '^     -U, --repair-utf8' "$T/page" ||
		    bad="$bad; -U is not described as --repair-utf8"
	fi
	if test -z "$bad"; then
		ok "$tool: -r, -s, -T, -U keep their meaning ($(tr '\n' ' ' <"$T/opts"))"
	else
		not_ok "$tool: option letters" "${bad#; }"
	fi
done
check "several tools take a reject file ($withr)" test "$withr" -ge 8
