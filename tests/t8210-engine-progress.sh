#!/bin/sh
# t8210-engine-progress -- the files of a run over shards: ads-progress
# -m merge adds up the final lines of a stage's shard tasks, and the
# table shows a stage's shard tasks added up while they run; ads-engine
# checks its options, shows its commands, and with -t (the files sent
# with each task, parallel --transfer) makes what -E local makes.
. "$(dirname "$0")/lib.sh"
checks 9

R=$T/run
P=$T/prog
mkdir -p "$R" "$P/shard"
printf '%s\n' '{"phase":"scrub","done":3}' \
    '{"phase":"done","in":5,"out":4,"dropped":{"short":1},"pii":{"email":2}}' \
    >"$P/shard/scrub.0.jsonl"
printf '%s\n' '{"phase":"done","in":7,"out":6,"dropped":{"short":1,"lang":0}}' \
    '{"phase":"scrub","done":1}' >"$P/shard/scrub.1.jsonl"
: >"$P/shard/scrub.2.jsonl"
ads-progress -m merge -p "$P/shard" -t scrub,score >"$T/m" 2>"$T/err"
rc=$?
if test "$rc" -eq 0 && test "$(cat "$T/m")" = \
    '{"dropped":{"lang":0,"short":2},"in":12,"out":10,"phase":"done","pii":{"email":2}}'; then
	ok "merge: the tasks' final lines added up, key by key"
else
	not_ok "merge" "exit $rc" "$(cat "$T/m" "$T/err")"
fi

# While the tasks run: the stage's row adds up their last lines; dedup
# counts its apply phase; a task not begun yet (a gap) ends nothing.
date +%s >"$R/scrub.start"
echo '{"phase":"apply","out":2}' >"$P/shard/apply.0.jsonl"
echo '{"phase":"apply","out":5}' >"$P/shard/apply.3.jsonl"
ads-progress -m json -i 50 -f "$R" -p "$P" -t scrub,dedup,score \
    >"$T/ev" 2>"$T/err" &
pid=$!
sleep 0.3
kill "$pid"
wait "$pid"
if jq -e -s 'any(.stage == "scrub" and .state == "running" and .done == 5)
    and any(.stage == "dedup" and .done == 7)
    and all(.stage != "score" or .state == "waiting")' "$T/ev" >/dev/null
then
	ok "a stage over shards: its row adds up its tasks while they run"
else
	not_ok "a stage over shards while it runs" "$(cat "$T/ev" "$T/err")"
fi

if have_tool ads-engine; then
	ads-engine -d -E parallel -j 2 -c 'ads-scrub -x' "$T/a b" >"$T/dry"
	if grep -q "^# refine over 2 shards (-E parallel" "$T/dry" &&
	    grep -q "^ads-scrub -x <'$T/a b/shard/in/shard.000000.jsonl' >" "$T/dry" &&
	    grep -q '^ads-dedup -P cluster -d ' "$T/dry" &&
	    ! test -e "$T/a b"; then
		ok "ads-engine -d: the commands of task 0, quoted, nothing made"
	else
		not_ok "ads-engine -d" "$(cat "$T/dry")"
	fi
	expect_code 2 "ads-engine: an unknown engine" ads-engine -E yarn "$T/x"
	expect_code 2 "ads-engine: a bad number of shards" ads-engine -j 0 "$T/x"
	expect_code 2 "ads-engine: no folder" ads-engine -E local
fi

if have_tool ads-engine && command -v parallel >/dev/null; then
	mk() {
		mkdir -p "$1/stage" "$1/run" "$1/log" "$1/progress"
		awk 'BEGIN { for (i = 0; i < 60; i++)
		    printf "{\"id\":\"t:%d\",\"source\":\"wikipedia\",\"text\":\"Record %d says that coffee grinders %s are reviewed here at length, with words enough to score.\"}\n",
		    i, i % 45, (i % 45 < 10 ? "burr" : "blade") }' >"$1/stage/all.jsonl"
		echo in >"$1/stage/all.jsonl.stamp"
	}
	mk "$T/loc"
	mk "$T/tr dir"
	ads-engine -E local -j 3 "$T/loc" >/dev/null 2>"$T/err1"
	r1=$?
	ADS_TRANSFER=1 ads-engine -E parallel -j 3 "$T/tr dir" >/dev/null 2>"$T/err2"
	r2=$?
	if test "$r1" -eq 0 && test "$r2" -eq 0 &&
	    test -s "$T/loc/stage/score.jsonl" &&
	    cmp -s "$T/loc/stage/score.jsonl" "$T/tr dir/stage/score.jsonl" &&
	    test "$(cat "$T/tr dir/run/dedup.rc")" = 0 &&
	    test -z "$(find "$T/tr dir/shard/jobs" -name '*.tar')"; then
		ok "-t -E parallel: the tasks' files sent and returned, the output of -E local"
	else
		not_ok "-t -E parallel" "exit $r1 $r2" "$(cat "$T/err1" "$T/err2")" \
		    "$(tail -n 5 "$T/tr dir/log/shard/parallel.log")"
	fi
	# A task sends back its own files only: another task on the same
	# host may be writing its own.
	# shellcheck disable=SC2016 # the $1 is the inner sh's
	check "-t: a task returns its files, not another's" \
	    sh -c 'grep -q "^tar -cPf .*/work.\{0,1\}/keys\.000001\.\*" "$1/shard/jobs/sign/1.sh" &&
	    ! grep -q "keys\.000000" "$1/shard/jobs/sign/1.sh" &&
	    grep -q "^tar -cPf .*/work.\{0,1\}/pairs\.000002 " "$1/shard/jobs/bucket/2.sh"' sh "$T/tr dir"
	ads-engine -t -d -E parallel -j 2 "$T/x" >"$T/dry"
	check "-t -d: said in the dry run" grep -q '^# refine over 2 shards (-E parallel, files sent with each task' "$T/dry"
else
	skip "ads-engine -t" "GNU parallel is not installed" 3
fi
