#!/bin/sh
# t2110-dedup-spill -- ads-dedup over more records than the index keeps
# in memory (it spills signatures and band keys to TMPDIR in blocks of
# 4096 records, holds the last 4 blocks written and reads older records
# back from the files, and rebuilds its band tables as they grow): the records
# kept equal those of the phases, which share no index code, and those
# of a run split in two around a saved index; near copies, exact copies
# and groups over the band cap cross the blocks.  An unusable TMPDIR is
# a system error.
. "$(dirname "$0")/lib.sh"
checks 10

if ! have_tool ads-dedup || ! have_tool ads-shard; then
	skip "dedup spill" "ads-dedup or ads-shard is not built"
	exit 0
fi
TMPDIR=$T/tmp
export TMPDIR
mkdir "$TMPDIR"

# 30000 records of 30 to 70 words out of 3000; one in 5 is a copy of an
# earlier record with one word in 15 changed, one in 20 an exact copy,
# one in 25 shares 60 words of boilerplate with a unique tail.
awk 'BEGIN {
	srand(5)
	for (i = 1; i <= 60; i++)
		bp = bp " common" i
	for (r = 0; r < 30000; r++) {
		x = rand()
		if (r > 0 && x < 0.2) {
			n = split(t[int(rand() * r)], w, " ")
			s = ""
			for (i = 1; i <= n; i++)
				s = s (i > 1 ? " " : "") \
				    (rand() < 1 / 15 ? "e" int(rand() * 3000) : w[i])
		} else if (r > 0 && x < 0.25)
			s = t[int(rand() * r)]
		else if (x < 0.29) {
			s = substr(bp, 2)
			for (i = 1; i <= 30; i++)
				s = s " u" r "w" i
		} else {
			n = 30 + int(rand() * 40)
			s = ""
			for (i = 1; i <= n; i++)
				s = s (i > 1 ? " " : "") "w" int(rand() * rand() * 3000)
		}
		t[r] = s
		printf "{\"id\":\"r%d\",\"source\":\"gen\",\"text\":\"%s\"}\n", r, s
	}
}' >"$T/all.jsonl"

ads-dedup "$T/all.jsonl" >"$T/one" 2>"$T/err"
n=$(wc -l <"$T/one")
if test "$n" -gt 19000 && test "$n" -lt 28000; then
	ok "one run keeps $n of 30000"
else
	not_ok "one run keeps $n of 30000" "$(cat "$T/err")"
fi
if test -z "$(ls "$TMPDIR")"; then
	ok "the spill files are unlinked"
else
	not_ok "the spill files are unlinked" "$(ls "$TMPDIR")"
fi

# phased SHARDS PARTS -- the four phases over all.jsonl.
phased() {
	rm -rf "$T/w" "$T/s" "$T/many"
	mkdir "$T/w"
	ads-shard -n "$1" -o "$T/s" "$T/all.jsonl" 2>>"$T/err" || return
	i=0
	while test "$i" -lt "$1"; do
		ads-dedup -P sign -d "$T/w" -N "$i" -M "$2" \
		    "$(printf '%s/s/shard.%06d.jsonl' "$T" "$i")" 2>>"$T/err"
		i=$((i + 1))
	done
	p=0
	while test "$p" -lt "$2"; do
		ads-dedup -P bucket -d "$T/w" -M "$2" -N "$p" 2>>"$T/err"
		p=$((p + 1))
	done
	ads-dedup -P cluster -d "$T/w" 2>>"$T/err"
	i=0
	while test "$i" -lt "$1"; do
		ads-dedup -P apply -d "$T/w" -N "$i" \
		    "$(printf '%s/s/shard.%06d.jsonl' "$T" "$i")" \
		    >>"$T/many" 2>>"$T/err"
		i=$((i + 1))
	done
}
for sp in "1 1" "3 2"; do
	# shellcheck disable=SC2086 # two numbers
	phased $sp
	if cmp -s "$T/one" "$T/many"; then
		ok "the phases over $sp shards and parts keep the same records"
	else
		not_ok "the phases over $sp shards and parts keep the same records" \
		    "$(cat "$T/err")"
	fi
done

# A saved index of the first 19000 records, then the other 11000 against it.
head -n 19000 "$T/all.jsonl" >"$T/a.jsonl"
tail -n 11000 "$T/all.jsonl" >"$T/b.jsonl"
ads-dedup -i "$T/ix" "$T/a.jsonl" >"$T/split" 2>"$T/err" &&
    ads-dedup -a "$T/ix" "$T/b.jsonl" >>"$T/split" 2>>"$T/err"
if cmp -s "$T/one" "$T/split"; then
	ok "a run split around a saved index keeps the same records"
else
	not_ok "a run split around a saved index keeps the same records" \
	    "$(cat "$T/err")"
fi

# Past 65536 records of a file whose size is known, the index grows at
# once to the size the records so far foretell, not by a quarter at a
# time: the same records kept as through a pipe, where the size is not
# known, in fewer rebuilds.  120000 records: the same generator's four
# times over, the words of each pass renamed.
for p in a b c d; do
	sed "s/\"r\([0-9]*\)\"/\"$p\1\"/; s/ w\([0-9]\)/ $p\1/g; s/\"w\([0-9]\)/\"$p\1/" \
	    "$T/all.jsonl"
done >"$T/big.jsonl"
ADS_PROGRESS=3 ads-dedup "$T/big.jsonl" 3>"$T/file.prog" >"$T/file" 2>"$T/err"
# shellcheck disable=SC2002 # a pipe, on purpose
cat "$T/big.jsonl" | ADS_PROGRESS=3 ads-dedup 3>"$T/pipe.prog" >"$T/pipe" 2>>"$T/err"
zstd -q -c "$T/big.jsonl" >"$T/big.jsonl.zst"
ADS_PROGRESS=3 ads-dedup "$T/big.jsonl.zst" 3>"$T/zst.prog" >"$T/zst" 2>>"$T/err"
rebuilds() { sed -n 's/.*"phase":"done".*"rebuilds":\([0-9]*\).*/\1/p' "$1"; }
fr=$(rebuilds "$T/file.prog") pr=$(rebuilds "$T/pipe.prog") zr=$(rebuilds "$T/zst.prog")
n=$(wc -l <"$T/file")
if test "$n" -gt 60000 && cmp -s "$T/file" "$T/pipe"; then
	ok "a file and a pipe of 120000 records keep the same $n"
else
	not_ok "a file and a pipe of 120000 records keep the same $n" "$(cat "$T/err")"
fi
if test -n "$fr" && test -n "$pr" && test "$fr" -lt "$pr"; then
	ok "a file's index grows as foreseen: $fr rebuilds, $pr through a pipe"
else
	not_ok "a file's index grows as foreseen" "file '$fr', pipe '$pr'"
fi
if cmp -s "$T/file" "$T/zst" && test "$zr" = "$pr"; then
	ok "a compressed file is read as a pipe: its size foretells nothing"
else
	not_ok "a compressed file is read as a pipe" "rebuilds '$zr' against '$pr'"
fi

# A named pipe is not opened to learn its size (that would take and drop
# its reader, and the writer would be cut off): read whole, once.
mkfifo "$T/fifo"
cat "$T/big.jsonl" >"$T/fifo" &
w=$!
timeout 120 ads-dedup "$T/fifo" >"$T/fifo.out" 2>>"$T/err"
kill "$w" 2>/dev/null
wait
if cmp -s "$T/file" "$T/fifo.out"; then
	ok "a named pipe is read whole: the same records kept"
else
	not_ok "a named pipe is read whole" "$(wc -l <"$T/fifo.out") lines: $(tail -n 3 "$T/err")"
fi

TMPDIR=$T/none ads-dedup "$T/all.jsonl" >/dev/null 2>"$T/err"
rc=$?
if test "$rc" -eq 3 && grep -q "ads-dedup: $T/none/ads-dedup" "$T/err"; then
	ok "an unusable TMPDIR: exit 3, named"
else
	not_ok "an unusable TMPDIR: exit 3, named" "exit $rc: $(cat "$T/err")"
fi
