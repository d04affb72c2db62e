#!/bin/sh
# t4060-example-makefile -- examples/Makefile run offline against the
# replay server (scripts/demo): `make -n' lists exactly the commands
# that `make' runs (every command the shell is given is logged), on a
# fresh tree, an up-to-date one and after a changed setting; and the
# stages' statistics reach the card, as in a driver run.
. "$(dirname "$0")/lib.sh"
checks 20

for t in ads-plan ads-fetch-wikipedia ads-fetch-reddit ads-scrub ads-dedup \
    ads-label ads-score ads-fit ads-split ads-export; do
	if ! have_tool "$t"; then
		skip "examples/Makefile" "$t is not built"
		exit 0
	fi
done
for c in make python3 jq; do
	if ! command -v "$c" >/dev/null; then
		skip "examples/Makefile" "$c is not installed"
		exit 0
	fi
done
SOURCE_DATE_EPOCH=1764028800
export SOURCE_DATE_EPOCH
# Run from `make check', the make here must not inherit its flags (nor
# print "Entering directory").
unset MAKEFLAGS MFLAGS MAKELEVEL
MK=$TOP/examples/Makefile
P='a sentiment dataset of customer reviews about coffee and kitchen gadgets in English, 200 examples'

# The shell make runs: each command it is given goes to shell.log.
cat >"$T/logsh" <<X
#!/bin/sh
printf '%s\n' "\$2" >>"$T/shell.log"
exec /bin/sh "\$@"
X
chmod +x "$T/logsh"
mkdir "$T/run"
cd "$T/run" || exit 3
# mk ARGS... -- make, as it is run and with -n, on the same settings.
mk() {
	make --no-print-directory -f "$MK" PROMPT="$P" \
	    SOURCES="wikipedia reddit" "$@"
}
# real NAME ARGS... -- make ARGS for real with the replay server, its
# commands in $T/shell.log and its echo in $T/echo.
real() {
	rn=$1
	shift
	: >"$T/shell.log"
	if ADS_BUILD=$BUILD sh "$TOP/scripts/demo" sh -c \
	    'm=$0 s=$1 p=$2; shift 2
	    make --no-print-directory -f "$m" SHELL="$s" PROMPT="$p" \
		SOURCES="wikipedia reddit" "$@"' \
	    "$MK" "$T/logsh" "$P" "$@" >"$T/echo" 2>"$T/err"; then
		ok "$rn: make"
	else
		not_ok "$rn: make" "$(tail -n 20 "$T/err")"
	fi
}
# truthful NAME -- the commands make -n listed are those the shell ran.
truthful() {
	if cmp -s "$T/n" "$T/shell.log" && cmp -s "$T/n" "$T/echo"; then
		ok "$1: make -n listed every command make ran, and only those"
	else
		not_ok "$1: make -n listed every command make ran, and only those" \
		    "$(diff "$T/n" "$T/shell.log" | head -n 30)"
	fi
}

mk -n >"$T/n" 2>"$T/nerr"
grep -q '^ADS_PROGRESS=3 ads-fetch-reddit ' "$T/n" &&
    grep -q '^    -S work/stats.jsonl <work/split.jsonl$' "$T/n" &&
    ok "fresh: make -n lists the stages" ||
    not_ok "fresh: make -n lists the stages" "$(cat "$T/n" "$T/nerr")"
real fresh
truthful fresh

# The card has each stage's counts: those of the files between stages.
lines() { wc -l <"work/$1.jsonl" | tr -d ' '; }
C=dataset/dataset_card.json
for s in "ads-scrub all scrub" "ads-dedup scrub dedup" \
    "ads-label dedup label" "ads-score label score" "ads-fit score fit" \
    "ads-split fit split" "ads-fetch-reddit:reddit - raw-reddit" \
    "ads-fetch-wikipedia:wikipedia - raw-wikipedia"; do
	# shellcheck disable=SC2086
	set -- $s
	if test "$2" = -; then
		want=null
	else
		want=$(lines "$2")
	fi
	got=$(jq -c --arg k "$1" '.stages[$k] | [.in, .out]' "$C" 2>&1)
	case $1 in
	ads-fetch-*) wantj="[$(lines "$3"),$(lines "$3")]" ;;
	*) wantj="[$want,$(lines "$3")]" ;;
	esac
	test "$got" = "$wantj" && ok "card: $1 in and out ($got)" ||
	    not_ok "card: $1 in and out" "got $got, want $wantj"
done
jq -e '.stages["ads-plan"].phase == "done"' "$C" >/dev/null &&
    ok "card: the plan stage" || not_ok "card: the plan stage" \
    "$(jq -c '.stages | keys' "$C")"
n=$(lines fit)
grep -q "^| fit (\`ads-fit\`) | $(lines score) | $n | dropped: " \
    dataset/README.md &&
    ! grep -q 'No stage statistics were given' dataset/README.md &&
    ok "README: the processing table has the stages' counts" ||
    not_ok "README: the processing table has the stages' counts" \
    "$(sed -n '/^## Processing/,/^###/p' dataset/README.md)"

# Up to date: nothing listed, nothing run.
mk -n >"$T/n" 2>"$T/nerr"
grep -v "^make: Nothing to be done for 'all'.\$" "$T/n" >"$T/n2"
mv "$T/n2" "$T/n"
real "up to date"
test -s "$T/n" && not_ok "up to date: make -n lists nothing" "$(cat "$T/n")" ||
    ok "up to date: make -n lists nothing"
grep -v "^make: Nothing to be done for 'all'.\$" "$T/echo" >"$T/echo2"
mv "$T/echo2" "$T/echo"
truthful "up to date"

# A new seed: the split and the export only.
mk -n SEED=2 >"$T/n" 2>"$T/nerr"
grep -q '^ADS_PROGRESS=3 ads-split --seed 2 ' "$T/n" &&
    grep -q '^ads-export ' "$T/n" && ! grep -q 'ads-fetch-\|ads-scrub\|ads-score' "$T/n" &&
    ok "SEED=2: make -n lists the split and the export only" ||
    not_ok "SEED=2: make -n lists the split and the export only" "$(cat "$T/n")"
real "SEED=2" SEED=2
truthful "SEED=2"
jq -e '.seed == "2" and .stages["ads-split"].phase == "done"' "$C" \
    >/dev/null && ok "SEED=2: the card has the new seed" ||
    not_ok "SEED=2: the card has the new seed" "$(jq -c .seed "$C")"
