#!/bin/sh
# t8200-progress -- ads-progress: the table at 60 and 200 columns on a
# terminal driven by tmux, following a resize; a line per phase and per
# finished source without one; JSON events with phases and timestamps.
. "$(dirname "$0")/lib.sh"
checks 10

esc=$(printf '\033')
R=$T/run
P=$T/prog
mkdir -p "$R" "$P"
now=$(date +%s)
# wikipedia done, arxiv halfway, news skipped; scrub running.
echo $((now - 10)) >"$R/wikipedia.start"
echo $((now - 2)) >"$R/wikipedia.end"
echo 0 >"$R/wikipedia.rc"
printf '%s\n' '{"phase":"fetch","done":10,"total":40,"requests":1}' \
    '{"phase":"done","done":40,"total":40,"requests":5,"failed":0}' \
    >"$P/wikipedia.jsonl"
echo $((now - 10)) >"$R/arxiv.start"
echo '{"phase":"fetch","done":20,"total":40,"requests":3,"failed":1}' \
    >"$P/arxiv.jsonl"
echo 'skipped: no key' >"$R/news.note"
echo "$now" >"$R/scrub.start"
echo '{"phase":"scrub","done":30}' >"$P/scrub.jsonl"
args="-f $R -p $P -w wikipedia,arxiv,news -t scrub,dedup,export -n 100"

# plain FILE -- the frames without escapes.
plain() {
	sed "s/${esc}\[[0-9]*[A-Za-z]//g; s/\r//g" "$1"
}

# A stand-in terminal: no tmux needed.
# shellcheck disable=SC2086
COLUMNS=60 ads-progress -m tty -i 50 $args >"$T/tty" 2>"$T/err" &
pid=$!
sleep 0.3
kill "$pid"
wait "$pid"
rc=$?
plain "$T/tty" >"$T/ttyp"
if test $rc -eq 0 && awk 'length > 59 { b = 1 } END { exit b }' "$T/ttyp" &&
    grep -q "^wikipedia  *done  *\[#*\] *40/40" "$T/ttyp" &&
    grep -q "^arxiv  *fetch  *\[#*\.*\] *20/40 " "$T/ttyp" &&
    grep -q "^news  *skipped" "$T/ttyp" &&
    grep -q "^dedup  *waiting" "$T/ttyp" &&
    grep -q "^total  *\[#*\.*\] *60/80" "$T/ttyp" &&
    grep -q "${esc}\[7A" "$T/tty"; then
	ok "tty: a bar per task and a total, in 59 columns, redrawn in place"
else
	not_ok "tty at 60 columns" "exit $rc" "$(cat -v "$T/tty" | tail -n 8)"
fi

# On a real terminal (tmux): the width comes from the terminal, and a
# resize redraws the table at the new width.
if command -v tmux >/dev/null 2>&1; then
	S=ads-progress-$$
	sock=$T/tmux.sock
	tx() { tmux -S "$sock" "$@"; }
	# shellcheck disable=SC2086
	tx new-session -d -s "$S" -x 200 -y 40 \
	    "ads-progress -m tty -i 50 $args; sleep 30"
	sleep 0.5
	tx capture-pane -p -t "$S" >"$T/w200"
	tx resize-window -t "$S" -x 60 -y 40 2>/dev/null ||
	    tx resize-pane -t "$S" -x 60 -y 40
	sleep 0.5
	tx capture-pane -p -t "$S" >"$T/w60"
	tx kill-session -t "$S" 2>/dev/null
	tx kill-server 2>/dev/null
	long=$(awk '/^total/ { print length }' "$T/w200")
	if grep -q '^arxiv .* eta .* req  *3/1' "$T/w200" &&
	    test "${long:-0}" -gt 100 && test "${long:-0}" -lt 200 &&
	    test "$(grep -c '^total' "$T/w200")" -eq 1; then
		ok "tmux 200 columns: rate, eta, time and requests in one frame"
	else
		not_ok "tmux 200 columns" "$(cat "$T/w200")"
	fi
	if awk 'length > 59 { b = 1 } END { exit b }' "$T/w60" &&
	    test "$(grep -c '^total' "$T/w60")" -eq 1 &&
	    test "$(grep -c '^arxiv' "$T/w60")" -eq 1 &&
	    grep -q '^arxiv  *fetch  *\[#*\.*\] *20/40' "$T/w60"; then
		ok "tmux resized to 60 columns: one frame that fits"
	else
		not_ok "tmux 60 columns" "$(cat "$T/w60")"
	fi
else
	skip "tmux" "tmux is not installed" some
fi

# Lines: a phase's start and a task's end, once each.
# shellcheck disable=SC2086
ads-progress -m lines -i 50 $args >"$T/lines" 2>"$T/err" &
pid=$!
sleep 0.3
echo "$now" >"$R/arxiv.end"
echo 0 >"$R/arxiv.rc"
echo '{"phase":"done","done":40,"total":40}' >>"$P/arxiv.jsonl"
sleep 0.3
kill "$pid"
wait "$pid"
if test "$(grep -c 'Collecting: wikipedia done, 40 records' "$T/lines")" -eq 1 &&
    test "$(grep -c 'Collecting: arxiv done, 40 records' "$T/lines")" -eq 1 &&
    test "$(grep -c ' Collecting$' "$T/lines")" -eq 1 &&
    test "$(grep -c ' Refining$' "$T/lines")" -eq 1 &&
    ! grep -q 'Assembling' "$T/lines" &&
    grep -q 'Collecting: news skipped: no key$' \
    "$T/lines" && ! grep -q dedup "$T/lines" &&
    ! grep -q "$esc" "$T/lines"; then
	ok "lines: one line per phase and per finished source"
else
	not_ok "lines" "$(cat "$T/lines")"
fi

# Lines over two rounds of fetching: a task that ran again is told
# again, so its last line is its last round's, as in the summary.
R2=$T/run2
P2=$T/prog2
mkdir -p "$R2" "$P2"
for t in wikipedia scrub; do
	echo "$now" >"$R2/$t.start"; echo "$now" >"$R2/$t.end"; echo 0 >"$R2/$t.rc"
done
echo '{"phase":"done","out":30,"requests":3}' >"$P2/wikipedia.jsonl"
echo '{"phase":"done","in":30,"out":29}' >"$P2/scrub.jsonl"
ads-progress -m lines -i 50 -f "$R2" -p "$P2" -w wikipedia -t scrub \
    -n 40 >"$T/lines2" 2>"$T/err" &
pid=$!
sleep 0.3
rm -f "$R2/wikipedia.rc" "$R2/wikipedia.end"
echo '{"phase":"fetch","out":10}' >>"$P2/wikipedia.jsonl"
sleep 0.3
echo '{"phase":"done","out":45,"requests":5}' >>"$P2/wikipedia.jsonl"
echo "$now" >"$R2/wikipedia.end"; echo 0 >"$R2/wikipedia.rc"
rm -f "$R2/scrub.rc" "$R2/scrub.end"
echo '{"phase":"scrub","done":3}' >"$P2/scrub.jsonl"
sleep 0.3
echo '{"phase":"done","in":45,"out":43}' >"$P2/scrub.jsonl"
echo "$now" >"$R2/scrub.end"; echo 0 >"$R2/scrub.rc"
sleep 0.3
kill "$pid"
wait "$pid"
if grep -q 'Collecting: wikipedia done, 30 records$' "$T/lines2" &&
    test "$(grep -c ' Collecting$' "$T/lines2")" -eq 2 &&
    test "$(grep -c ' Refining$' "$T/lines2")" -eq 2 &&
    test "$(grep 'wikipedia' "$T/lines2" | tail -n 1 | sed 's/^ads: [0-9:]* //')" = \
    'Collecting: wikipedia done, 45 records' &&
    test "$(grep 'scrub' "$T/lines2" | tail -n 1 | sed 's/^ads: [0-9:]* //')" = \
    'Refining: scrub done, 43 out'; then
	ok "lines: a second round told again, the last lines its figures"
else
	not_ok "lines over two rounds" "$(cat "$T/lines2")"
fi

# JSON to a file: the brief's phases, the stage, a timestamp, no prefix.
# shellcheck disable=SC2086
ads-progress -m json -i 50 -o "$T/ev" $args >"$T/out" 2>"$T/err" &
pid=$!
sleep 0.3
kill "$pid"
wait "$pid"
ads-progress -o "$T/ev" -e "done" -d 'all "done"'
if ! test -s "$T/out" && ! grep -q '@@PROGRESS@@' "$T/ev" &&
    jq -e -s 'all(.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{3}Z$"))
        and any(.source == "arxiv" and .phase == "Collecting" and
            .stage == "fetch" and .done == 40 and .total == 40)
        and any(.stage == "scrub" and .phase == "Refining" and .source == null)
        and any(.stage == "export" and .phase == "Assembling")
        and (last | .phase == "done" and .detail == "all \"done\"")' \
    "$T/ev" >/dev/null; then
	ok "json -o: timestamped events with phase and stage, no prefix"
else
	not_ok "json -o" "$(cat "$T/ev")" "$(cat "$T/err")"
fi
ads-progress -x -e plan -d planning >"$T/x"
if grep -q '^@@PROGRESS@@ {"phase":"Planning","stage":"plan","detail":"planning","source":null,"time":"[^"]*"}$' "$T/x"; then
	ok "-x: the @@PROGRESS@@ prefix for job workers"
else
	not_ok "-x" "$(cat "$T/x")"
fi

# A name with a slash never reaches a path; bad values are usage errors.
expect_code 2 "a source with a slash" ads-progress -w ../x -e "done"
expect_code 2 "an unknown mode" ads-progress -m fancy
expect_code 2 "an interval out of range" ads-progress -i 1
