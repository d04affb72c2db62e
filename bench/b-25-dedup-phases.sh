#!/bin/sh
# b-25-dedup-phases -- ads-dedup in phases beside one ads-dedup run, on
# generated corpora of PHASE_COUNTS records (default 100000 1000000,
# 10% duplicates), cut into PHASE_SHARDS shards (default 4) and run by
# the local engine's way, xargs -P with PHASE_WORKERS workers (default
# "1 2"): wall time of each phase, the peak resident memory of its
# largest task, the state per record of bucket and cluster, and the
# bytes written between phases.  The kept records are checked equal to
# the single run's.
. "$(dirname "$0")/lib.sh"

# peak FILE... -- the largest "%M" (KB) of GNU time in FILEs, in MB.
peak() {
	cat "$@" | awk '/^MAXRSS / { if ($2 > m) m = $2 } END { printf "%.1f", m / 1024 }'
}

# phase NAME WORKERS CMD... -- run the lines of the standard input, each
# an argument list for CMD, WORKERS at a time; print the wall seconds.
phase() {
	pn=$1
	pw=$2
	shift 2
	s=$(date +%s.%N)
	xargs -P "$pw" -L 1 /usr/bin/time -a -o "$W/time.$pn" \
	    -f 'MAXRSS %M' "$@" 2>>"$W/err"
	e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.2f", $2 - $1 }'
}

# applyall WORKERS SHARDS -- the apply phase, each shard's records to
# out/I.jsonl; print the wall seconds.
# shellcheck disable=SC2016 # the $ are the inner shell's
applyall() {
	s=$(date +%s.%N)
	i=0
	while test "$i" -lt "$2"; do
		echo "$i"
		i=$((i + 1))
	done | xargs -P "$1" -I{} sh -c '/usr/bin/time -a -o "$1/time.apply" \
	    -f "MAXRSS %M" ads-dedup -P apply -d "$1/work" -N "$2" \
	    "$(printf "%s/in/shard.%06d.jsonl" "$1" "$2")" \
	    >"$1/out/$2.jsonl" 2>/dev/null' sh "$W" {}
	e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.2f", $2 - $1 }'
}

by_count() {
	n=$1
	f=$CORPUS_DIR/dedup-n$n.jsonl
	if ! test -s "$f"; then
		gencorpus -n "$n" -d 0.1 >"$f.tmp" && mv "$f.tmp" "$f"
	fi
	ns=${PHASE_SHARDS:-4}
	W=$CORPUS_DIR/phases-$n
	rm -rf "$W"
	mkdir -p "$W/in" "$W/out"
	ads-shard -n "$ns" -o "$W/in" "$f"
	s=$(date +%s.%N)
	/usr/bin/time -o "$W/time.one" -f 'MAXRSS %M' ads-dedup "$f" \
	    >"$W/one.jsonl" 2>/dev/null
	e=$(date +%s.%N)
	one=$(echo "$s $e" | awk '{ printf "%.2f", $2 - $1 }')
	printf 'ads-dedup near, one process, %8d records  %7.2f s  peak %7.1f MB\n' \
	    "$n" "$one" "$(peak "$W/time.one")"
	for w in ${PHASE_WORKERS:-1 2}; do
		rm -rf "$W/work" "$W"/time.[a-z]* "$W"/out/*
		mkdir "$W/work"
		i=0
		while test "$i" -lt "$ns"; do
			echo "-P sign -d $W/work -N $i -M $ns $(printf '%s/in/shard.%06d.jsonl' "$W" "$i")"
			i=$((i + 1))
		done >"$W/sign.args"
		ts=$(phase sign "$w" ads-dedup <"$W/sign.args")
		sb=$(du -sb "$W/work" | cut -f 1)
		p=0
		while test "$p" -lt "$ns"; do
			echo "-P bucket -d $W/work -M $ns -N $p"
			p=$((p + 1))
		done >"$W/bucket.args"
		ADS_PROGRESS=$W/bucket.progress
		export ADS_PROGRESS
		tb=$(phase bucket "$w" ads-dedup <"$W/bucket.args")
		pb=$(($(du -sb "$W/work" | cut -f 1) - sb))
		ADS_PROGRESS=$W/cluster.progress
		tc=$(echo "-P cluster -d $W/work" | phase cluster 1 ads-dedup)
		unset ADS_PROGRESS
		ta=$(applyall "$w" "$ns")
		i=0
		while test "$i" -lt "$ns"; do
			cat "$W/out/$i.jsonl"
			i=$((i + 1))
		done | cmp -s - "$W/one.jsonl" && same=same || same=DIFFERENT
		bs=$(jq -s 'map(select(.phase == "done")) | map(.state_bytes) | max' "$W/bucket.progress")
		cs=$(jq -s 'map(select(.phase == "done")) | .[-1].state_bytes' "$W/cluster.progress")
		rm -f "$W/bucket.progress" "$W/cluster.progress"
		awk -v n="$n" -v w="$w" -v ns="$ns" -v ts="$ts" -v tb="$tb" \
		    -v tc="$tc" -v ta="$ta" -v sb="$sb" -v pb="$pb" -v bs="$bs" \
		    -v cs="$cs" -v same="$same" \
		    -v ps="$(peak "$W/time.sign")" -v pbk="$(peak "$W/time.bucket")" \
		    -v pc="$(peak "$W/time.cluster")" -v pa="$(peak "$W/time.apply")" 'BEGIN {
			t = ts + tb + tc + ta
			printf "ads-dedup phases, %8d records, %d shards, %d workers  %7.2f s = %.2f us/record (sign %.2f, bucket %.2f, cluster %.2f, apply %.2f)\n", n, ns, w, t, t * 1e6 / n, ts, tb, tc, ta
			printf "    peak per task MB: sign %.1f, bucket %.1f, cluster %.1f, apply %.1f; state B/record: bucket %.0f, cluster %.1f\n", ps, pbk, pc, pa, bs * ns / n, cs / n
			printf "    written between phases: signatures and keys %.1f MB (%.0f B/record), pairs %.1f MB; kept records %s\n", sb / 1e6, sb / n, pb / 1e6, same
		}'
	done
}
for n in ${PHASE_COUNTS:-100000 1000000}; do
	by_count "$n"
done
