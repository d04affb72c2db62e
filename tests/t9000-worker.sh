#!/bin/sh
# t9000-worker -- ads-worker against a real PostgreSQL server started
# here from Debian's packages (initdb and pg_ctl in a temporary folder,
# on 127.0.0.1, as the postgres user when run as root): the schema is
# idempotent, 3 workers run 20 jobs exactly once, hostile job text
# reaches neither SQL nor a shell, progress is written every second
# through the brief's phases, a cancel takes effect within 2 s, a worker
# killed with -9 leaves its job to another after the lease, and a real
# ads run resumes there without repeating a finished source's requests.
. "$(dirname "$0")/lib.sh"
checks 12

if ! have_tool ads-worker; then
	skip "ads-worker" "ads-worker is not built"
	exit 0
fi
PGBIN=$(find /usr/lib/postgresql -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)
if test -z "$PGBIN" || ! test -x "$PGBIN/initdb" ||
    ! command -v psql >/dev/null; then
	skip "ads-worker" "no PostgreSQL server (Debian's postgresql package)"
	exit 0
fi

PGD=$(mktemp -d "${TMPDIR:-/tmp}/ads-pg.XXXXXX")
AS=
if test "$(id -u)" -eq 0; then
	# initdb refuses root: the server runs as the postgres user.
	chown postgres "$PGD"
	AS="runuser -u postgres --"
fi
pgstop() {
	$AS "$PGBIN/pg_ctl" -D "$PGD/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$PGD" "$T"
}
trap pgstop EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if ! $AS "$PGBIN/initdb" -D "$PGD/data" -A trust -U ads --no-sync \
    >"$T/initdb.log" 2>&1 ||
    ! $AS "$PGBIN/pg_ctl" -D "$PGD/data" -l "$PGD/server.log" -w \
    -o "-k $PGD -p $port -c listen_addresses=127.0.0.1 -c fsync=off" \
    start >"$T/pgctl.log" 2>&1; then
	skip "ads-worker" "the PostgreSQL server did not start: $(tail -n 3 "$T/initdb.log" "$T/pgctl.log" "$PGD/server.log" 2>/dev/null | tr '\n' ' ')"
	exit 0
fi
DATABASE_URL="postgresql://ads@127.0.0.1:$port/postgres"
export DATABASE_URL
unset PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD
sql() {
	psql -X -q -t -A -v ON_ERROR_STOP=1 "$DATABASE_URL" "$@"
}
SCHEMA=$TOP/scripts/dataset_jobs.sql

# The schema: created, then applied again without error or change; and
# applied over the web app's original table, whose rows it keeps.
if sql -f "$SCHEMA" >"$T/s1" 2>&1 && sql -f "$SCHEMA" >"$T/s2" 2>&1 &&
    test "$(sql -c "select count(*) from pg_trigger where tgname = 'dataset_jobs_notify'")" = 1; then
	ok "schema: created, then applied again"
else
	not_ok "schema" "$(cat "$T/s1" "$T/s2")"
fi
sql -c "create database legacy" >/dev/null
LEGACY="postgresql://ads@127.0.0.1:$port/legacy"
psql -X -q -v ON_ERROR_STOP=1 "$LEGACY" -c "create table dataset_jobs (
    id uuid primary key default gen_random_uuid(), status text not null
    default 'pending', autonomous_config jsonb, progress jsonb,
    created_at timestamptz default now());
    insert into dataset_jobs (autonomous_config) values ('{\"prompt\":\"old\"}')" \
    >/dev/null
if psql -X -q -v ON_ERROR_STOP=1 "$LEGACY" -f "$SCHEMA" >"$T/s3" 2>&1 &&
    test "$(psql -X -t -A "$LEGACY" -c "select autonomous_config->>'prompt' || ' ' || attempts || ' ' || cancel_requested from dataset_jobs")" = "old 0 false"; then
	ok "schema: migrates the web app's table and keeps its rows"
else
	not_ok "schema migration" "$(cat "$T/s3")"
fi

FAKE=$TOP/tests/fixtures/worker/fake-ads
FAKE_LOG=$T/fake
mkdir -p "$FAKE_LOG"
export FAKE_LOG
# job CONFIG -- queue a job; prints its id.
job() {
	sql -c "insert into dataset_jobs (autonomous_config) values (\$j\$$1\$j\$::jsonb) returning id"
}
# wait_for SECONDS SQL -- until SQL prints t, at most SECONDS.
wait_for() {
	_end=$(($(date +%s) + $1))
	while test "$(date +%s)" -le "$_end"; do
		test "$(sql -c "$2")" = t && return 0
		sleep 0.1
	done
	return 1
}

# 3 workers, 20 jobs: each runs exactly once, to done.
i=0
while test $i -lt 20; do
	job "{\"prompt\":\"job $i\",\"targetRows\":$((i + 10)),\"format\":\"jsonl\"}" >/dev/null
	i=$((i + 1))
done
for w in 1 2 3; do
	FAKE_SECONDS=0.3 ads-worker -e -i 0.2 -a "$FAKE" -d "$T/jobs" \
	    -w "w$w" 2>"$T/w$w.err" &
	eval "pid$w=\$!"
done
# shellcheck disable=SC2154
wait "$pid1" "$pid2" "$pid3"
runs=$(find "$FAKE_LOG" -name '*.args' | wc -l)
dirs=$(find "$FAKE_LOG" -name '*.args' | sed 's/\.[0-9]*\.args$//' | sort -u | wc -l)
state=$(sql -c "select status || ' ' || attempts, count(*) from dataset_jobs group by 1 order by 1" | tr '\n' ' ')
workers=$(sql -c "select count(distinct worker) from dataset_jobs")
if test "$state" = "done 1|20 " && test "$runs" -eq 20 &&
    test "$dirs" -eq 20; then
	ok "3 workers, 20 jobs: each ran exactly once, to done ($workers workers took part)"
else
	not_ok "20 jobs once each" "states: $state; runs $runs in $dirs folders" \
	    "$(cat "$T/w1.err")"
fi
# The folder is named from the job id; rows, format and prompt reach
# ads as arguments; the result holds the card's figures.
one=$(sql -c "select id from dataset_jobs where autonomous_config->>'prompt' = 'job 7'")
args=$(cat "$FAKE_LOG/$one".*.args | tr '\0' ' ')
res=$(sql -c "select result->>'rows', result->>'output_dir', progress->>'phase' from dataset_jobs where id = '$one'")
case $args in
"-P json -o $T/jobs/$one -n 17 -f jsonl -- job 7 ")
	ok "ads gets the job's rows, format and prompt; the folder is the job id"
	;;
*) not_ok "ads arguments" "$args" ;;
esac
if test "$res" = "$(printf '%s|%s|Done' 2 "$T/jobs/$one")"; then
	ok "the result holds the card's figures and the dataset's folder"
else
	not_ok "result" "$res"
fi
if grep -q 'stopped: [0-9]* claimed, [0-9]* done, 0 failed, 0 cancelled, 0 re-queued' "$T/w1.err" &&
    test "$(cat "$T"/w?.err | sed -n 's/.*stopped: \([0-9]*\) claimed.*/\1/p' | awk '{ s += $1 } END { print s }')" -eq 20; then
	ok "metrics: the workers' claimed counts add up to 20"
else
	not_ok "metrics" "$(cat "$T"/w?.err)"
fi

# Hostile job text: SQL quotes, shell syntax, an option-like prompt;
# bad values fail the job with a message, never run anything.
sql -c "delete from dataset_jobs" >/dev/null
rm -f "$FAKE_LOG"/*.args
P1="-rf x'); drop table dataset_jobs; -- \$(touch $T/pwned) \`touch $T/pwned\`"
job "$(jq -cn --arg p "$P1" '{prompt: $p, targetRows: 5}')" >/dev/null
job '{"prompt":"ok","sources":"wikipedia;touch /tmp/x"}' >/dev/null
job '{"prompt":"ok","format":"parquet --force"}' >/dev/null
job '{"prompt":"   ","targetRows":5}' >/dev/null
job '{"prompt":"ok","targetRows":"1e9"}' >/dev/null
job '{"prompt":"ok","sources":["wikipedia","arxiv"],"seed":7}' >/dev/null
FAKE_SECONDS=0.1 ads-worker -e -i 0.2 -a "$FAKE" -d "$T/jobs" -w h \
    2>"$T/h.err"
got=$(sql -c "select autonomous_config->>'prompt', status, coalesce(error, '') from dataset_jobs order by created_at" | tr '\n' '#')
hostile=$(cat "$FAKE_LOG"/*.args 2>/dev/null | tr '\0' '\n' | grep -c -F -x -e "$P1")
if test "$hostile" -eq 1 && ! test -e "$T/pwned" &&
    test "$(sql -c "select count(*) from dataset_jobs where status = 'failed'")" -eq 4 &&
    test "$(sql -c "select count(*) from dataset_jobs where status = 'done'")" -eq 2 &&
    printf '%s' "$got" | grep -q 'sources: a list of source names' &&
    printf '%s' "$got" | grep -q 'format: parquet, csv' &&
    printf '%s' "$got" | grep -q 'prompt: a request of 1' &&
    printf '%s' "$got" | grep -q 'targetRows: a whole number' &&
    cat "$FAKE_LOG"/*.args | tr '\0' ' ' |
    grep -q -F -e '-w wikipedia,arxiv -S 7 -- ok '; then
	ok "hostile job text is an argument after --, never SQL or shell; bad values fail the job"
else
	not_ok "hostile jobs" "$got" "hostile args: $hostile" "$(cat "$T/h.err")"
fi

# Progress through the brief's phases, updated at least once a second:
# every update of the job is timed by the server itself (a trigger), so
# the figure does not depend on how busy this machine is.
sql -c "delete from dataset_jobs" >/dev/null
sql -c "create table beats (at timestamptz, phase text);
    create function beat() returns trigger language plpgsql as \$\$
    begin insert into beats values (clock_timestamp(), new.progress->>'phase');
    return new; end \$\$;
    create trigger beat after update on dataset_jobs for each row
    when (new.status = 'running') execute function beat()" >/dev/null
id=$(job '{"prompt":"slow job","targetRows":10}')
FAKE_SECONDS=4 ads-worker -1 -i 0.2 -a "$FAKE" -d "$T/jobs" -w p \
    2>"$T/p.err"
gap=$(sql -c "select coalesce(round(extract(epoch from max(d))::numeric, 2), 99)
    from (select at - lag(at) over (order by at) as d from beats) x")
n=$(sql -c "select count(*) from beats")
phases=$(sql -c "select phase from beats order by at" | uniq | tr '\n' ' ')
final=$(sql -c "select progress->>'phase' from dataset_jobs where id = '$id'")
if test "$n" -ge 4 && awk -v g="$gap" 'BEGIN { exit !(g <= 1.25) }' &&
    printf '%s' "$phases" | grep -q 'Planning.*Collecting.*Refining.*Assembling' &&
    test "$final" = Done; then
	ok "progress: $n updates, none more than $gap s apart, phases $phases then Done"
else
	not_ok "progress cadence" "$n updates, longest gap $gap s" \
	    "phases: $phases, final $final" "$(cat "$T/p.err")"
fi
sql -c "drop trigger beat on dataset_jobs" >/dev/null
src=$(sql -c "select progress->'sources'->'wikipedia'->>'state' from dataset_jobs where id = '$id'")
if test "$src" = running; then
	ok "progress keeps a status card per source"
else
	not_ok "per-source progress" "$src"
fi

# Cancel: the app sets cancel_requested; the job is cancelled within
# 2 s, and ads got a TERM.
id=$(job '{"prompt":"to cancel","targetRows":10}')
FAKE_SECONDS=60 ads-worker -1 -i 0.2 -a "$FAKE" -d "$T/jobs" -w c \
    2>"$T/c.err" &
wc_=$!
if wait_for 10 "select status = 'running' and progress->>'phase' = 'Planning' from dataset_jobs where id = '$id'"; then
	t0=$(date +%s.%N)
	sql -c "update dataset_jobs set cancel_requested = true where id = '$id'"
	if wait_for 5 "select status = 'cancelled' from dataset_jobs where id = '$id'"; then
		t1=$(date +%s.%N)
		took=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
		if awk -v t="$took" 'BEGIN { exit !(t <= 2) }' &&
		    test -n "$(find "$FAKE_LOG" -name '*.term')"; then
			ok "cancel takes effect in $took s, and ads got a TERM"
		else
			not_ok "cancel" "took $took s" "$(cat "$T/c.err")"
		fi
	else
		not_ok "cancel" "the job never became cancelled" "$(cat "$T/c.err")"
	fi
else
	not_ok "cancel" "the job never started" "$(cat "$T/c.err")"
fi
wait "$wc_"

# A worker killed with -9: its ads gets a TERM, the lease expires, the
# job goes back to pending and another worker finishes it.
rm -f "$FAKE_LOG"/*.term
id=$(job '{"prompt":"orphan","targetRows":10}')
FAKE_SECONDS=60 ads-worker -1 -i 0.2 -l 2 -a "$FAKE" -d "$T/jobs" -w k1 \
    2>"$T/k1.err" &
wk=$!
if wait_for 10 "select status = 'running' from dataset_jobs where id = '$id'"; then
	kill -9 "$wk"
	wait "$wk" 2>/dev/null
	FAKE_SECONDS=0.3 timeout 120 ads-worker -1 -i 0.2 -l 2 -a "$FAKE" -d "$T/jobs" \
	    -w k2 2>"$T/k2.err"
	st=$(sql -c "select status || ' ' || worker || ' ' || attempts from dataset_jobs where id = '$id'")
	if test "$st" = "done k2 2" &&
	    grep -q "job $id: its lease expired" "$T/k2.err" &&
	    test -n "$(find "$FAKE_LOG" -name '*.term')"; then
		ok "killed with -9: ads stopped, the job re-queued after the lease and finished by another worker"
	else
		not_ok "kill -9" "$st" "$(cat "$T/k2.err")"
	fi
else
	not_ok "kill -9" "the job never started"
fi

# A real ads run against the replay server: the worker is killed with
# -9 once some sources are done; the next worker resumes the run, and no
# finished source is asked anything again.
if have_tool ads && have_tool ads-fetch-wikipedia && have_tool ads-fetch-kaggle; then
	id=$(job '{"prompt":"customer reviews of coffee gadgets","targetRows":40,"format":"jsonl","sources":["wikipedia","kaggle","arxiv"]}')
	ADS_HTTP_RETRIES=2 ADS_HTTP_BACKOFF=0.05 SOURCE_DATE_EPOCH=1764028800 \
	ADS_DEMO_REPLAY=$FIXTURES/worker/slow ADS_DEMO_LOG=$T/rlog \
	    ADS_BUILD=$BUILD sh "$TOP/scripts/demo" sh -c '
		ads-worker -1 -i 0.2 -l 2 -d "$1/jobs" -w r1 2>"$1/r1.err" &
		w=$!
		d=$1/jobs/$2/.ads/raw
		i=0
		while test $i -lt 200 && ! test -f "$d/wikipedia.jsonl"; do
			sleep 0.1; i=$((i + 1))
		done
		kill -9 $w
		wait $w 2>/dev/null
		ls "$d" >"$1/finished"
		cp "$1/rlog" "$1/rlog1"
		sleep 0.5
		timeout 120 ads-worker -1 -i 0.2 -l 2 -d "$1/jobs" -w r2 2>"$1/r2.err"
	' "$T" "$T" "$id" >/dev/null 2>"$T/demo.err"
	st=$(sql -c "select status || ' ' || worker || ' ' || attempts || ' ' || coalesce(result->>'rows', '') from dataset_jobs where id = '$id'")
	before=$(wc -l <"$T/rlog1")
	again=$(tail -n +"$((before + 1))" "$T/rlog" | grep -c '"path": *"/wikipedia/')
	case $st in
	"done r2 2 "[1-9]*)
		if grep -q '^wikipedia.jsonl$' "$T/finished" &&
		    test "$again" -eq 0; then
			ok "a real run resumed by another worker: done, no request repeated for the finished source"
		else
			not_ok "resume" "wikipedia requests after the kill: $again" \
			    "$(cat "$T/finished")"
		fi
		;;
	*)
		not_ok "resume" "$st" "$(tail -n 20 "$T/r2.err" "$T/demo.err")"
		;;
	esac
else
	skip "real resume" "ads or its fetchers are not built" some
fi
