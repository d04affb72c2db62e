# tests/replay/lib.sh -- start and stop the replay server (replay.py)
# from a test script; source it after tests/lib.sh.
#
#	replay_start DIR...	serve DIR's routes; sets REPLAY_URL
#				(http://127.0.0.1:PORT) and REPLAY_LOG, and
#				lets untrusted URLs reach 127.0.0.1
#				(ADS_ALLOW_PRIVATE)
#	replay_stop		stop it (also done at exit)
# shellcheck shell=sh

REPLAY_PID=
REPLAY_URL=
REPLAY_LOG=
REPLAY_N=0

replay_stop() {
	if test -n "$REPLAY_PID"; then
		kill "$REPLAY_PID" 2>/dev/null
		wait "$REPLAY_PID" 2>/dev/null
		REPLAY_PID=
	fi
}

replay_start() {
	replay_stop
	REPLAY_N=$((REPLAY_N + 1))
	_rp=$T/replay-$REPLAY_N.port
	REPLAY_LOG=$T/replay-$REPLAY_N.log
	: >"$REPLAY_LOG"
	python3 "$TOP/tests/replay/replay.py" -p "$_rp" -l "$REPLAY_LOG" \
	    "$@" 2>"$T/replay-$REPLAY_N.err" &
	REPLAY_PID=$!
	_i=0
	while ! test -s "$_rp"; do
		_i=$((_i + 1))
		if test "$_i" -gt 200 || ! kill -0 "$REPLAY_PID" 2>/dev/null
		then
			printf 'replay server did not start\n' >&2
			cat "$T/replay-$REPLAY_N.err" >&2
			REPLAY_PID=
			return 1
		fi
		sleep 0.05
	done
	REPLAY_URL=http://127.0.0.1:$(cat "$_rp")
	# The server's own address, which untrusted URLs (news articles,
	# links from third-party answers) may reach only when listed here;
	# a test of the refusal unsets it.
	ADS_ALLOW_PRIVATE=127.0.0.1
	export REPLAY_URL REPLAY_LOG ADS_ALLOW_PRIVATE
	trap 'replay_stop; rm -rf "$T"' EXIT
}

# replay_leaks -- under the sanitizer build, make a leak fail the
# fetcher that has it (exit 99).  No suppression: fuzz/lsan.supp's
# "libjq.so" would hide every jv value leaked, and the fetchers' tests
# meet none of libjq's own parser leaks.
replay_leaks() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1"
	LSAN_OPTIONS=
	export ASAN_OPTIONS LSAN_OPTIONS
}
