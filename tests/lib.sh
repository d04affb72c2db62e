# tests/lib.sh -- helpers for the test scripts (git's test-lib idea).
# Each check prints "ok - NAME", "not ok - NAME" or "skip - NAME: why";
# tests/run counts those lines.
# shellcheck shell=sh

set -u
LC_ALL=C
export LC_ALL
TOP=${ADS_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${ADS_BUILD:-build/rel}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
BIN=$BUILD/bin
PATH=$BIN:$BUILD/tests:$PATH
export PATH
# The shared fixtures sit beside the repository unless told otherwise.
# shellcheck disable=SC2034
SHARED=${ADS_SHARED:-$TOP/../shared}
# shellcheck disable=SC2034 # used by the scripts that source this
FIXTURES=$TOP/tests/fixtures
# Nothing in a test may reach the network or a real cache.
ADS_CACHE=off
export ADS_CACHE
unset ADS_PROGRESS
T=$(mktemp -d "${TMPDIR:-/tmp}/ads-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

ok() { printf 'ok - %s\n' "$1"; }
not_ok() {
	printf 'not ok - %s\n' "$1"
	shift
	for l in "$@"; do printf '#   %s\n' "$l"; done
}
# skip NAME WHY [N] -- NAME is skipped; it stands for N checks of the
# count that checks declares (default 1).  N "some" is for a missing
# optional tool whose checks are spread over the script: the count is
# then a ceiling.
skip() {
	case ${3:-1} in
	1) printf 'skip - %s: %s\n' "$1" "$2" ;;
	some) printf 'skip - %s: %s (some checks)\n' "$1" "$2" ;;
	*) printf 'skip - %s: %s (%d checks)\n' "$1" "$2" "$3" ;;
	esac
}

# checks N -- the script runs N checks (ok, not ok or skip lines); calls
# add up.  tests/run fails a script that ran another number, unless it
# was skipped whole.  A loop over data declares the count of the data,
# and checks that the data is not empty.
checks() { printf 'checks %d\n' "$1"; }

# check NAME CMD... -- ok when CMD exits 0.
check() {
	n=$1
	shift
	if "$@" >"$T/.out" 2>"$T/.err"; then
		ok "$n"
	else
		not_ok "$n" "exit $?: $*" "$(head -c 2000 "$T/.err")"
	fi
}

# expect_code N NAME CMD... -- ok when CMD exits N (a death by signal
# never matches: codes above 125 are reported).
expect_code() {
	want=$1
	n=$2
	shift 2
	"$@" >"$T/.out" 2>"$T/.err"
	got=$?
	if test "$got" -eq "$want"; then
		ok "$n"
	else
		not_ok "$n" "exit $got, want $want: $*" \
		    "$(head -c 2000 "$T/.err")"
	fi
}

# cmp_out NAME EXPECTED ACTUAL -- ok when the files are equal.
cmp_out() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1" "$(diff -u "$2" "$3" | head -n 40)"
	fi
}

# need_shared NAME [N] -- true when ../shared/fixtures is there; otherwise
# says that NAME is skipped and why.
need_shared() {
	if test -d "$SHARED/fixtures"; then
		return 0
	fi
	skip "$1" "shared fixtures not found at $SHARED/fixtures" "${2:-1}"
	return 1
}

# same_paths TOOL NAME INPUT [ARGS...] -- TOOL's fast path and its libjq
# path (ADS_NO_FASTPATH=1) agree on stdout, stderr, exit status and the
# reject file for INPUT; the test is called NAME.
same_paths() {
	sp_tool=$1
	sp_name=$2
	sp_in=$3
	shift 3
	rm -f "$T/fr" "$T/sr"
	"$sp_tool" -r "$T/fr" "$@" "$sp_in" >"$T/fo" 2>"$T/fe"
	fc=$?
	ADS_NO_FASTPATH=1 "$sp_tool" -r "$T/sr" "$@" "$sp_in" >"$T/so" \
	    2>"$T/se"
	sc=$?
	sed "s|$T/fr|REJECT|" "$T/fe" >"$T/fe2"
	sed "s|$T/sr|REJECT|" "$T/se" >"$T/se2"
	touch "$T/fr" "$T/sr"
	if test "$fc" -ne "$sc"; then
		not_ok "$sp_name" "exit $fc with the fast path, $sc without"
	elif ! cmp -s "$T/fo" "$T/so"; then
		not_ok "$sp_name: stdout differs" "$(cmp "$T/fo" "$T/so")" \
		    "$(diff "$T/fo" "$T/so" | cut -c1-300 | head -n 6)"
	elif ! cmp -s "$T/fe2" "$T/se2"; then
		not_ok "$sp_name: stderr differs" \
		    "$(diff "$T/fe2" "$T/se2" | head)"
	elif ! cmp -s "$T/fr" "$T/sr"; then
		not_ok "$sp_name: reject file differs"
	elif ! test -s "$T/so" && test -s "$sp_in"; then
		not_ok "$sp_name: no output at all"
	else
		ok "$sp_name ($(wc -l <"$T/so") records, exit $fc)"
	fi
}

# have_tool NAME -- true when the tool is built.
have_tool() {
	test -x "$BIN/$1"
}
