#!/bin/sh
# t0040-install -- make install puts every tool, the driver and every man
# page under DESTDIR/PREFIX; make uninstall removes exactly those.
. "$(dirname "$0")/lib.sh"
checks 4

if ! command -v make >/dev/null; then
	skip "install" "make is not installed"
	exit 0
fi
D=$T/root
if make -s -C "$TOP" B="$BUILD" install DESTDIR="$D" PREFIX=/opt/ads \
    >"$T/log" 2>&1; then
	ok "make install succeeds"
else
	not_ok "make install succeeds" "$(tail -n 20 "$T/log")"
	exit 0
fi
missing=""
for b in "$BIN"/*; do
	test -x "$D/opt/ads/bin/${b##*/}" || missing="$missing ${b##*/}"
done
for m in "$TOP"/man/*.[1-9]; do
	s=${m##*.}
	test -f "$D/opt/ads/share/man/man$s/${m##*/}" ||
	    missing="$missing ${m##*/}"
done
test -f "$D/opt/ads/share/bash-completion/completions/ads" ||
    missing="$missing bash-completion"
test -f "$D/opt/ads/share/zsh/site-functions/_ads" ||
    missing="$missing zsh-completion"
test -z "$missing" && ok "every tool and man page is installed" ||
    not_ok "every tool and man page is installed" "missing:$missing"
# The bash completion completes options, values and source lists.
if command -v bash >/dev/null 2>&1; then
	# shellcheck disable=SC2016
	got=$(bash -c '. "$1"
	    c() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
	        _ads; printf "%s " "${COMPREPLY[@]}"; echo; }
	    c ads -P j; c ads -w wikipedia,ar; c ads --target' sh \
	    "$D/opt/ads/share/bash-completion/completions/ads" 2>&1)
	if test "$got" = "$(printf 'json \nwikipedia,arxiv \n--target-rows ')"
	then
		ok "bash completion: modes, sources and options"
	else
		not_ok "bash completion" "$got"
	fi
fi
make -s -C "$TOP" B="$BUILD" uninstall DESTDIR="$D" PREFIX=/opt/ads \
    >"$T/log" 2>&1
left=$(find "$D" -type f | wc -l)
test "$left" -eq 0 && ok "make uninstall removes them all" ||
    not_ok "make uninstall removes them all" "$(find "$D" -type f | head)"
