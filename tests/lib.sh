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
skip() { printf 'skip - %s: %s\n' "$1" "$2"; }

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

# need_shared NAME -- true when ../shared/fixtures is there; otherwise
# says that NAME is skipped and why.
need_shared() {
	if test -d "$SHARED/fixtures"; then
		return 0
	fi
	skip "$1" "shared fixtures not found at $SHARED/fixtures"
	return 1
}

# have_tool NAME -- true when the tool is built.
have_tool() {
	test -x "$BIN/$1"
}
