#!/bin/sh
# t8200-engines -- ads -E: the refine stages over shards on the local
# engine (xargs -P), GNU parallel (-S :, and over SSH to an sshd started
# here on 127.0.0.1, also with the files sent with each task) and a one-node Slurm cluster on 127.0.0.1 (munged,
# slurmctld and slurmd started here from a config written here) give
# the dataset bytes of a run without -E; a failed
# task is reported with its log, and a rerun (or Slurm's retry) redoes
# only the failed shard.
. "$(dirname "$0")/lib.sh"
checks 16

for t in ads ads-shard ads-scrub ads-dedup ads-score ads-split ads-export \
    ads-fetch-wikipedia ads-fetch-kaggle ads-fetch-arxiv; do
	if ! have_tool "$t"; then
		skip "engines" "$t is not built"
		exit 0
	fi
done
if ! command -v python3 >/dev/null; then
	skip "engines" "python3 is not installed"
	exit 0
fi
SOURCE_DATE_EPOCH=1764028800
ADS_HTTP_RETRIES=2
ADS_HTTP_BACKOFF=0.05
export SOURCE_DATE_EPOCH ADS_HTTP_RETRIES ADS_HTTP_BACKOFF
unset ADS_SSHLOGINFILE ADS_SBATCH_ARGS ADS_RETRIES

# The daemons this test starts, stopped on every exit.
pids=
stopall() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	for p in $pids; do
		i=0
		while kill -0 "$p" 2>/dev/null && test "$i" -lt 50; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$p" 2>/dev/null
	done
	rm -rf "$T"
}
trap stopall EXIT

# run DIR [OPTION...] -- the pipeline on three sources of the replay
# server into DIR, with -j 3 (three shards with -E).
run() {
	rd=$1
	shift
	ADS_BUILD=$BUILD sh "$TOP/scripts/demo" sh -c \
	    'PATH=${WRAP:+$WRAP:}$PATH; d=$1; shift; exec ads -P none -f jsonl -j 3 -w wikipedia,kaggle,arxiv -n 60 -R 0 -F all -o "$d" "$@" "customer reviews of coffee gadgets"' \
	    ads "$rd" "$@" >"$rd.sum" 2>"$rd.err"
}

# same NAME DIR -- DIR's dataset is the reference's, byte for byte.
same() {
	if test -s "$T/ref/data/train-00000-of-00001.jsonl" &&
	    diff -r "$T/ref/data" "$2/data" >"$T/diff" 2>&1; then
		ok "$1: the dataset of a run without -E"
	else
		not_ok "$1: the dataset of a run without -E" \
		    "$(head -n 5 "$T/diff")" "$(tail -n 5 "$2.err")"
	fi
}

run "$T/ref"
if ! test -s "$T/ref/data/train-00000-of-00001.jsonl"; then
	not_ok "the reference run" "$(cat "$T/ref.sum" "$T/ref.err")" "$(ls "$T/ref" "$T/ref/data")"
	exit 0
fi
run "$T/local" -E local
rc=$?
same "-E local (exit $rc)" "$T/local"
if test "$(find "$T/local/.ads/shard/in" -name 'shard.*' | wc -l)" -eq 3 &&
    test -n "$(grep '^  dedup ' "$T/local.sum")" &&
    test "$(grep -E '^  (scrub|dedup|score) ' "$T/local.sum")" = \
    "$(grep -E '^  (scrub|dedup|score) ' "$T/ref.sum")"; then
	ok "-E local: three shards, and the summary counts all of them"
else
	not_ok "-E local: shards and summary" "$(cat "$T/local.sum")"
fi
# (-R 0 -F all: ads-fit keeps every record, so no shortfall round
# fetches more and the counts compared are those of one round.)
# The dry run shows the phases.
ADS_BUILD=$BUILD sh "$TOP/scripts/demo" ads -d -E slurm -j 3 -o "$T/dry" \
    -w arxiv "coffee" >"$T/dry.out" 2>&1
if grep -q '^# refine over 3 shards (-E slurm' "$T/dry.out" &&
    grep -q '^ads-dedup -P bucket -d .* -M 3 -N 0$' "$T/dry.out" &&
    ! test -e "$T/dry/data"; then
	ok "a dry run shows the sharded commands"
else
	not_ok "a dry run shows the sharded commands" "$(cat "$T/dry.out")"
fi
expect_code 2 "an unknown engine is a usage error" ads -E yarn -o "$T/x" a

# A task that fails: ads-score fails once, on whichever shard comes
# first.  The run stops with the task and its log named; the rerun
# scores that shard only.
mkdir -p "$T/wrap"
cat >"$T/wrap/ads-score" <<EOT
#!/bin/sh
echo call >>"$T/score.calls"
if mkdir "$T/failed-once" 2>/dev/null; then
	echo "ads-score: injected failure" >&2
	exit 3
fi
exec "$BIN/ads-score" "\$@"
EOT
chmod 755 "$T/wrap/ads-score"
WRAP=$T/wrap run "$T/fail" -E local
rc=$?
if test "$rc" -eq 3 &&
    grep -q 'ads: score task [0-2] failed (exit 3); see .*/log/shard/score\.[0-2]\.log' \
    "$T/fail.err" && grep -q 'injected failure' "$T/fail.err"; then
	ok "-E local: a failed task stops the run, named with its log"
else
	not_ok "-E local: a failed task is reported" "exit $rc" \
	    "$(cat "$T/fail.err")"
fi
: >"$T/score.calls"
WRAP=$T/wrap run "$T/fail" -E local
rc=$?
if test "$rc" -eq 0 && test "$(wc -l <"$T/score.calls")" -eq 1; then
	ok "-E local: the rerun redoes only the failed shard"
else
	not_ok "-E local: the rerun redoes only the failed shard" "exit $rc" \
	    "$(wc -l <"$T/score.calls") calls" "$(cat "$T/fail.err")"
fi
same "-E local after a failure" "$T/fail"

if command -v parallel >/dev/null; then
	run "$T/par" -E parallel
	rc=$?
	same "-E parallel -S : (exit $rc)" "$T/par"
else
	skip "-E parallel" "GNU parallel is not installed" some
fi

# GNU parallel over SSH to this machine, when sshd can be started: a
# daemon of our own on a free port of 127.0.0.1, with keys made here.
sshd_up() {
	if ! command -v parallel >/dev/null || ! test -x /usr/sbin/sshd ||
	    ! command -v ssh-keygen >/dev/null; then
		why="GNU parallel, sshd or ssh-keygen is not installed (Debian: parallel, openssh-server)"
		return 1
	fi
	if test "$(id -u)" -ne 0; then
		why="sshd must run as root"
		return 1
	fi
	X=$T/ssh
	mkdir -p "$X" /run/sshd
	ssh-keygen -q -t ed25519 -N '' -f "$X/hostkey" &&
	    ssh-keygen -q -t ed25519 -N '' -f "$X/userkey" || {
		why="ssh-keygen failed"
		return 1
	}
	cp "$X/userkey.pub" "$X/authorized_keys"
	port=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	cat >"$X/sshd_config" <<EOT
Port $port
ListenAddress 127.0.0.1
HostKey $X/hostkey
AuthorizedKeysFile $X/authorized_keys
PidFile $X/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
EOT
	/usr/sbin/sshd -f "$X/sshd_config" -E "$X/sshd.log" 2>"$X/err"
	i=0
	while ! test -s "$X/sshd.pid" && test "$i" -lt 50; do
		sleep 0.1
		i=$((i + 1))
	done
	if ! test -s "$X/sshd.pid"; then
		why="sshd did not start: $(tail -n 2 "$X/err" "$X/sshd.log" 2>/dev/null | tr '\n' ' ')"
		return 1
	fi
	pids="$pids $(cat "$X/sshd.pid")"
	printf '2/ssh -p %s -i %s -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes root@127.0.0.1\n' \
	    "$port" "$X/userkey" >"$X/logins"
	return 0
}
why=
if sshd_up; then
	ADS_SSHLOGINFILE=$X/logins run "$T/pssh" -E parallel
	rc=$?
	same "-E parallel over SSH to 127.0.0.1 (exit $rc)" "$T/pssh"
	if test "$(grep -c 'Accepted publickey' "$X/sshd.log")" -ge 6; then
		ok "-E parallel over SSH: the tasks went through sshd"
	else
		not_ok "-E parallel over SSH: the tasks went through sshd" \
		    "$(tail -n 5 "$X/sshd.log")"
	fi
	# The files sent with each task and returned (parallel --transfer).
	ADS_TRANSFER=1 ADS_SSHLOGINFILE=$X/logins run "$T/psshT" -E parallel
	rc=$?
	same "-E parallel over SSH, files sent with each task (exit $rc)" "$T/psshT"
else
	skip "-E parallel over SSH" "$why" some
fi

# Slurm: a one-node cluster of this machine, when the daemons start.
slurm_up() {
	for c in munged slurmctld slurmd sbatch squeue sinfo; do
		command -v "$c" >/dev/null 2>&1 || {
			why="$c is not installed (Debian: slurm-wlm, munge)"
			return 1
		}
	done
	if test "$(id -u)" -ne 0; then
		why="slurmd must run as root"
		return 1
	fi
	S=$T/slurm
	mkdir -p "$S/state" "$S/spool"
	chmod 755 "$T" "$S"
	dd if=/dev/urandom of="$S/munge.key" bs=1024 count=1 2>/dev/null
	chmod 400 "$S/munge.key"
	ports=$(python3 -c 'import socket
ss = [socket.socket() for _ in range(2)]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))')
	p1=${ports% *}
	p2=${ports#* }
	munged -f -S "$S/munge.sock" --key-file="$S/munge.key" \
	    --log-file="$S/munged.log" --pid-file="$S/munged.pid" \
	    --seed-file="$S/munged.seed" 2>"$S/munged.err"
	test -s "$S/munged.pid" && pids="$pids $(cat "$S/munged.pid")"
	if ! test -S "$S/munge.sock"; then
		why="munged did not start: $(tail -n 1 "$S/munged.err")"
		return 1
	fi
	cat >"$S/slurm.conf" <<EOT
ClusterName=adstest
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$p1
SlurmdPort=$p2
AuthType=auth/munge
AuthInfo=socket=$S/munge.sock
CredType=cred/munge
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/slurmctld.log
SlurmdLogFile=$S/slurmd.log
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=adsnode NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=ads Nodes=adsnode Default=YES MaxTime=INFINITE State=UP
EOT
	SLURM_CONF=$S/slurm.conf
	export SLURM_CONF
	slurmctld -i 2>"$S/ctld.err"
	i=0
	while ! test -s "$S/slurmctld.pid" && test "$i" -lt 50; do
		sleep 0.1
		i=$((i + 1))
	done
	test -s "$S/slurmctld.pid" && pids="$pids $(cat "$S/slurmctld.pid")"
	slurmd -N adsnode 2>"$S/d.err"
	i=0
	while ! test -s "$S/slurmd.pid" && test "$i" -lt 50; do
		sleep 0.1
		i=$((i + 1))
	done
	test -s "$S/slurmd.pid" && pids="$pids $(cat "$S/slurmd.pid")"
	i=0
	while test "$i" -lt 100; do
		sinfo -h -o %t 2>/dev/null | grep -q idle && return 0
		sleep 0.2
		i=$((i + 1))
	done
	why="slurmctld or slurmd did not start: $(tail -n 2 "$S/slurmctld.log" "$S/slurmd.log" 2>/dev/null | tr '\n' ' ')"
	return 1
}
why=
if slurm_up; then
	ok "a one-node Slurm cluster on 127.0.0.1"
	run "$T/slurm-run" -E slurm
	rc=$?
	same "-E slurm (exit $rc)" "$T/slurm-run"
	if test -n "$(find "$T/slurm-run/.ads/log/shard" -name 'slurm-apply.*.2.out')"; then
		ok "-E slurm: the phases ran as job arrays"
	else
		not_ok "-E slurm: job arrays" "$(ls "$T/slurm-run/.ads/log/shard/")"
	fi
	# A failed array task is reported and resubmitted alone.
	rm -rf "$T/failed-once"
	: >"$T/score.calls"
	WRAP=$T/wrap run "$T/slurm-retry" -E slurm
	rc=$?
	if test "$rc" -eq 0 && test "$(wc -l <"$T/score.calls")" -eq 4 &&
	    grep -q 'ads: score task [0-2] failed (exit 3)' "$T/slurm-retry.err" &&
	    grep -q 'retrying the failed tasks (1 of 1)' "$T/slurm-retry.err"; then
		ok "-E slurm: a failed task is reported and only it is resubmitted"
	else
		not_ok "-E slurm: a failed task is resubmitted alone" "exit $rc" \
		    "$(wc -l <"$T/score.calls") calls" "$(cat "$T/slurm-retry.err")"
	fi
	same "-E slurm after a retry" "$T/slurm-retry"
else
	skip "-E slurm" "$why" some
fi
