#!/bin/sh
# b-26-dedup-scale -- ads-dedup on real text at SCALE_COUNTS records
# (default 100000 1000000 10000000): the man-page corpus of mancorpus,
# cut into records of about 800 bytes at blank lines, 10% exact copies
# of recent records, and read again as many times as needed with the
# words of each pass changed (mancorpus -n), so that every pass has the
# duplicates of real text and shares almost nothing with the others.
# One process: CPU microseconds per record, peak resident memory and the
# index's bytes per kept record.  Then the four phases run the way of
# the local engine, xargs -P, with SCALE_WORKERS workers (default
# "1 2 4"; empty: none) over 4 shards and 4 partitions per worker: wall
# time, CPU time per record, the peak resident memory of the largest task of each phase, and the bytes
# written between phases; the kept records are checked equal to the
# single run's (by SHA-256, so that no output is stored).  The corpus
# takes about 1.25 KB per record on disk, twice with its shards: a 10M
# run needs about 30 GB under BENCH_DIR; each corpus is deleted after
# its rows.
. "$(dirname "$0")/lib.sh"

# rss FILE -- the largest "MAXRSS KB" line of FILE, in MB.
rss() {
	awk '/^MAXRSS / { if ($2 > m) m = $2 } END { printf "%.1f", m / 1024 }' "$1"
}

# cpu FILE -- the user and system seconds of the "CPU" lines of FILE.
cpu() {
	awk '/^CPU / { t += $2 + $3 } END { printf "%.2f", t }' "$1"
}

# now -- seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }

# phase NAME WORKERS -- run the argument lists of the standard input
# with ads-dedup, WORKERS at a time, under GNU time; print wall seconds.
phase() {
	s=$(now)
	xargs -P "$2" -L 1 /usr/bin/time -a -o "$W/time.$1" \
	    -f 'MAXRSS %M\nCPU %U %S' ads-dedup 2>>"$W/err"
	echo "$s $(now)" | awk '{ printf "%.1f", $2 - $1 }'
}

# applyall WORKERS SHARDS -- the apply phase; the kept records of all
# shards in order go through sha256sum into $W/many.sum.
# shellcheck disable=SC2016 # the $ are the inner shell's
applyall() {
	s=$(now)
	i=0
	while test "$i" -lt "$2"; do
		echo "$i"
		i=$((i + 1))
	done | xargs -P "$1" -I{} sh -c '/usr/bin/time -a -o "$1/time.apply" \
	    -f "MAXRSS %M\nCPU %U %S" ads-dedup -P apply -d "$1/work" -N "$2" \
	    "$(printf "%s/in/shard.%06d.jsonl" "$1" "$2")" \
	    >"$1/out.$2" 2>/dev/null' sh "$W" {}
	e=$(now)
	i=0
	while test "$i" -lt "$2"; do
		cat "$W/out.$i"
		rm -f "$W/out.$i"
		i=$((i + 1))
	done | sha256sum | cut -c1-64 >"$W/many.sum"
	echo "$s $e" | awk '{ printf "%.1f", $2 - $1 }'
}

# workers N W -- the phases over the corpus of N records with W workers.
workers() {
	n=$1
	w=$2
	ns=$((4 * w))
	rm -rf "$W/in" "$W/work" "$W"/time.*
	mkdir -p "$W/work"
	ads-shard -n "$ns" -o "$W/in" "$f"
	i=0
	while test "$i" -lt "$ns"; do
		echo "-P sign -d $W/work -N $i -M $ns $(printf '%s/in/shard.%06d.jsonl' "$W" "$i")"
		i=$((i + 1))
	done | phase sign "$w" >"$W/t.sign"
	sb=$(du -sb "$W/work" | cut -f 1)
	p=0
	while test "$p" -lt "$ns"; do
		echo "-P bucket -d $W/work -M $ns -N $p"
		p=$((p + 1))
	done | phase bucket "$w" >"$W/t.bucket"
	pb=$(($(du -sb "$W/work" | cut -f 1) - sb))
	echo "-P cluster -d $W/work" | phase cluster 1 >"$W/t.cluster"
	ta=$(applyall "$w" "$ns")
	cmp -s "$W/one.sum" "$W/many.sum" && same=same || same=DIFFERENT
	awk -v n="$n" -v w="$w" -v ns="$ns" -v ts="$(cat "$W/t.sign")" \
	    -v tb="$(cat "$W/t.bucket")" -v tc="$(cat "$W/t.cluster")" \
	    -v ta="$ta" -v sb="$sb" -v pb="$pb" -v same="$same" \
	    -v ps="$(rss "$W/time.sign")" -v pbk="$(rss "$W/time.bucket")" \
	    -v pc="$(rss "$W/time.cluster")" -v pa="$(rss "$W/time.apply")" \
	    -v cs="$(cpu "$W/time.sign")" -v cb="$(cpu "$W/time.bucket")" \
	    -v cc="$(cpu "$W/time.cluster")" -v ca="$(cpu "$W/time.apply")" 'BEGIN {
		t = ts + tb + tc + ta
		c = cs + cb + cc + ca
		printf "  phases, %d workers, %d shards and parts: %.1f s wall (sign %.1f, bucket %.1f, cluster %.1f, apply %.1f)\n", w, ns, t, ts, tb, tc, ta
		printf "    cpu %.1f s = %.2f us/record (sign %.2f, bucket %.2f, cluster %.2f, apply %.2f)\n", c, c * 1e6 / n, cs * 1e6 / n, cb * 1e6 / n, cc * 1e6 / n, ca * 1e6 / n
		printf "    peak RSS per task MB: sign %.1f, bucket %.1f, cluster %.1f, apply %.1f\n", ps, pbk, pc, pa
		printf "    written between phases: signatures and keys %.1f MB (%.0f B/record), pairs and drop lists %.1f MB; kept records %s\n", sb / 1e6, sb / n, pb / 1e6, same
	}'
	rm -rf "$W/in" "$W/work"
}

# by_count N -- the rows of the corpus of N records.
by_count() {
	n=$1
	W=$CORPUS_DIR/scale-$n
	f=$W/corpus.jsonl
	rm -rf "$W"
	mkdir -p "$W"
	mancorpus -d 0.1 -s 800 -n "$n" <"$t" >"$f" || return
	/usr/bin/time -o "$W/time.one" -f 'MAXRSS %M\nCPU %U %S\nWALL %e' \
	    env ADS_PROGRESS=3 ads-dedup "$f" 3>"$W/one.prog" 2>/dev/null |
	    sha256sum | cut -c1-64 >"$W/one.sum"
	awk -v n="$n" -v b="$(wc -c <"$f")" -v m="$(rss "$W/time.one")" \
	    -v cpu="$(awk '/^CPU / { print $2 + $3 }' "$W/time.one")" \
	    -v sys="$(awk '/^CPU / { print $3 }' "$W/time.one")" -v wall="$(awk '/^WALL / { print $2 }' "$W/time.one")" \
	    -v st="$(sed -n 's/.*"phase":"done".*"kept":\([0-9]*\).*"state_bytes":\([0-9]*\),"rebuilds":\([0-9]*\).*/\1 \2 \3/p' "$W/one.prog")" 'BEGIN {
		split(st, s, " ")
		printf "ads-dedup, %d records of real text (%.2f GB), %d kept:\n", n, b / 1e9, s[1]
		printf "  one process: %.1f s wall, cpu %.1f s = %.2f us/record (system %.2f), peak RSS %.1f MB = %.0f B/record; index %.0f B/kept record, %d rebuilds\n", wall, cpu, cpu * 1e6 / n, sys * 1e6 / n, m, m * 1048576 / n, s[2] / s[1], s[3]
	}'
	for w in ${SCALE_WORKERS-1 2 4}; do
		workers "$n" "$w"
	done
	rm -rf "$W"
}

t=$CORPUS_DIR/mantext.txt
if ! test -s "$t"; then
	corpus 1 >/dev/null || exit 1
fi
for n in ${SCALE_COUNTS:-100000 1000000 10000000}; do
	by_count "$n"
done
