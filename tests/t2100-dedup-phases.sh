#!/bin/sh
# t2100-dedup-phases -- ads-dedup in phases (sign, bucket, cluster,
# apply) over 1, 2, 3 and 7 shards gives the records of one ads-dedup
# run, byte for byte: near-duplicate pairs of the fixture texts, the
# man pages of this tree rendered to text and edited, records that
# share boilerplate in more than DINDEX_BUCKETCAP band values, exact
# copies, and lines the scanner leaves to libjq; with the options that
# change the keys.  Also ads-shard, and the errors of the phases.
. "$(dirname "$0")/lib.sh"
checks 30

if ! have_tool ads-dedup || ! have_tool ads-shard; then
	skip "dedup phases" "ads-dedup or ads-shard is not built"
	exit 0
fi
D=$FIXTURES/dedup

# The corpus, in a fixed shuffled order so that copies and their
# originals fall in different shards.
for seed in 1 2 3; do
	awk -v seed="$seed" -f "$D/pairs.awk" "$D/texts.txt" |
	    jq -R -c --arg s "$seed" 'split("\u0001") |
	    {id: (.[0] + "-" + $s), source: "fixture", text: .[1]}'
done >"$T/pairs.jsonl"
if command -v mandoc >/dev/null; then
	for m in "$TOP"/man/*.[157]; do
		mandoc -T ascii "$m" 2>/dev/null | col -b |
		    awk -v f="${m##*/}" 'BEGIN { RS = "" }
		    { gsub(/[ \t\n]+/, " "); printf "%s-%d\001%s\n", f, NR, $0 }'
	done
else
	# Without mandoc, the man page sources as text.
	for m in "$TOP"/man/*.[157]; do
		awk -v f="${m##*/}" 'BEGIN { RS = "" }
		    { gsub(/[ \t\n]+/, " "); printf "%s-%d\001%s\n", f, NR, $0 }' "$m"
	done
fi >"$T/man.txt"
# Copies of some paragraphs: exact, and with one word in 20 changed.
awk -F '\001' 'BEGIN { srand(7) }
{
	print
	r = rand()
	if (r < 0.1)
		printf "%s-x\001%s\n", $1, $2
	else if (r < 0.3) {
		n = split($2, w, " ")
		s = ""
		for (i = 1; i <= n; i++)
			s = s (i > 1 ? " " : "") (rand() < 0.05 ? "edited" i : w[i])
		printf "%s-e\001%s\n", $1, s
	}
}' "$T/man.txt" | jq -R -c 'split("\u0001") |
    {id: .[0], source: "man", text: .[1]}' >"$T/man.jsonl"
# Boilerplate: 400 records of one shared text and a unique part of
# 0.4 times its length, Jaccard about 0.56 between any two, so that many
# share a band value, some pairs reach the threshold and most do not.
awk 'BEGIN {
	srand(3)
	for (i = 1; i <= 60; i++)
		b = b (i > 1 ? " " : "") "common" i
	for (r = 1; r <= 400; r++) {
		s = b
		for (i = 1; i <= 24; i++)
			s = s " u" r "w" i
		printf "{\"id\":\"bp%d\",\"source\":\"bp\",\"text\":\"%s\"}\n", r, s
	}
}' >"$T/bp.jsonl"
# Lines the scanner does not take, records without a key, an empty text,
# escapes, a malformed line.
cat >"$T/odd.jsonl" <<'EOT'
{"id": "sp1", "source": "odd", "text": "spaced out JSON goes through libjq and is written again"}
{"id":"nk1","source":"odd","title":"no text here"}
{"id":"nk2","source":"odd","text":42}
{"id":"em1","source":"odd","text":""}
{"id":"em2","source":"odd","text":"   "}
{"id":"es1","source":"odd","text":"caf\u00e9 \"quoted\" line\nbreak and a tab\t here"}
{"id":"es2","source":"odd","text":"café \"quoted\" line\nbreak and a tab\t here"}
not json at all
{"id": "sp2", "source": "odd", "text": "spaced out JSON goes through libjq and is written again"}
EOT
cat "$T/pairs.jsonl" "$T/man.jsonl" "$T/bp.jsonl" "$T/bp.jsonl" \
    "$T/odd.jsonl" |
    awk 'BEGIN { srand(11) } { printf "%.12f\t%s\n", rand(), $0 }' |
    sort -k1,1 | cut -f 2- >"$T/all.jsonl"
total=$(wc -l <"$T/all.jsonl")

# phased NAME SHARDS PARTS [OPTION...] -- shard all.jsonl, run the four
# phases and compare with one ads-dedup run with the same options.
phased() {
	pn=$1
	ns=$2
	np=$3
	shift 3
	rm -rf "$T/w" "$T/s"
	mkdir "$T/w"
	ads-dedup "$@" "$T/all.jsonl" >"$T/one" 2>"$T/one.err"
	rc1=$?
	if ! ads-shard -n "$ns" -o "$T/s" "$T/all.jsonl" 2>"$T/err"; then
		not_ok "$pn: ads-shard" "$(cat "$T/err")"
		return
	fi
	i=0
	while test "$i" -lt "$ns"; do
		f=$(printf '%s/s/shard.%06d.jsonl' "$T" "$i")
		ads-dedup -P sign -d "$T/w" -N "$i" -M "$np" "$@" "$f" \
		    2>>"$T/err"
		rc=$?
		if test "$rc" -gt 1; then
			not_ok "$pn: sign shard $i (exit $rc)" "$(cat "$T/err")"
			return
		fi
		i=$((i + 1))
	done
	p=0
	while test "$p" -lt "$np"; do
		if ! ads-dedup -P bucket -d "$T/w" -M "$np" -N "$p" \
		    2>>"$T/err"; then
			not_ok "$pn: bucket $p" "$(cat "$T/err")"
			return
		fi
		p=$((p + 1))
	done
	if ! ads-dedup -P cluster -d "$T/w" 2>>"$T/err"; then
		not_ok "$pn: cluster" "$(cat "$T/err")"
		return
	fi
	: >"$T/many"
	rc2=0
	i=0
	while test "$i" -lt "$ns"; do
		f=$(printf '%s/s/shard.%06d.jsonl' "$T" "$i")
		ads-dedup -P apply -d "$T/w" -N "$i" "$@" "$f" >>"$T/many" \
		    2>>"$T/err"
		rc=$?
		test "$rc" -gt "$rc2" && rc2=$rc
		i=$((i + 1))
	done
	if test "$rc1" -eq "$rc2" && cmp -s "$T/one" "$T/many"; then
		ok "$pn: $ns shards, $np parts: the records of one run" \
		    "($(wc -l <"$T/one") of $total)"
	else
		not_ok "$pn: $ns shards, $np parts equal one run" \
		    "exit $rc1 and $rc2" "$(diff "$T/one" "$T/many" | head -n 10)" \
		    "$(tail -n 5 "$T/err")"
	fi
}

for ns in 1 2 3 7; do
	phased "near" "$ns" 1
done
phased "near" 3 2
phased "near" 7 5
phased "exact only (-e)" 3 2 -e
phased "punctuation (-p), trigrams (-n 3)" 7 3 -p -n 3
phased "threshold 0.5" 2 3 -t 0.5
phased "raw keys (-R)" 3 1 -R
# Fewer records than shards: empty shards sign, bucket and apply too.
head -n 4 "$T/all.jsonl" >"$T/few.jsonl"
sed -n 2p "$T/all.jsonl" >>"$T/few.jsonl"
cp "$T/all.jsonl" "$T/all.keep"
cp "$T/few.jsonl" "$T/all.jsonl"
total=5
phased "five records" 7 3
cp "$T/all.keep" "$T/all.jsonl"
total=$(wc -l <"$T/all.jsonl")

# The corpus must exercise what it claims: exact and near drops, pairs
# and buckets over the cap.
rm -rf "$T/w" "$T/s"
mkdir "$T/w"
ads-shard -n 3 -o "$T/s" "$T/all.jsonl"
for i in 0 1 2; do
	ads-dedup -P sign -d "$T/w" -N "$i" \
	    "$(printf '%s/s/shard.%06d.jsonl' "$T" "$i")" 2>/dev/null
done
ADS_PROGRESS=3 ads-dedup -P bucket -d "$T/w" 3>"$T/bucket.json" 2>/dev/null
ADS_PROGRESS=3 ads-dedup -P cluster -d "$T/w" 3>"$T/cluster.json" \
    2>/dev/null
if jq -e -s 'map(select(.phase == "done")) | .[0] |
    .pairs > 0 and .big_buckets > 0' "$T/bucket.json" >/dev/null &&
    jq -e -s 'map(select(.phase == "done")) | .[0] |
    .exact > 100 and .near > 20' "$T/cluster.json" >/dev/null; then
	ok "the corpus has exact copies, near pairs and capped buckets"
else
	not_ok "the corpus has exact copies, near pairs and capped buckets" \
	    "$(cat "$T/bucket.json" "$T/cluster.json")"
fi

# ads-shard: in order, every shard written, from the standard input too.
rm -rf "$T/s"
seq 10 | ads-shard -n 3 -o "$T/s"
if test "$(cat "$T/s/shard.000000.jsonl" "$T/s/shard.000001.jsonl" \
    "$T/s/shard.000002.jsonl" | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 9 10 " &&
    test "$(wc -l <"$T/s/shard.000002.jsonl")" -eq 4; then
	ok "ads-shard: the shards in order give back the input"
else
	not_ok "ads-shard: the shards in order give back the input" \
	    "$(head "$T"/s/*)"
fi
rm -rf "$T/s"
printf 'a\n' | ads-shard -n 4 -o "$T/s"
if test "$(find "$T/s" -name 'shard.*' | wc -l)" -eq 4 &&
    test "$(cat "$T"/s/shard.* | wc -l)" -eq 1; then
	ok "ads-shard: empty shards are written"
else
	not_ok "ads-shard: empty shards are written" "$(ls "$T/s")"
fi
expect_code 2 "ads-shard: -n 0 is a usage error" ads-shard -n 0
expect_code 2 "ads-shard: two files are a usage error" ads-shard a b

# Errors of the phases.
expect_code 2 "-P without -d" ads-dedup -P cluster
expect_code 2 "-P sign without -N" ads-dedup -P sign -d "$T/w" "$T/all.jsonl"
expect_code 2 "an unknown phase" ads-dedup -P merge -d "$T/w"
expect_code 2 "-P with -m" ads-dedup -P apply -m -d "$T/w" -N 0 \
    "$T/all.jsonl"
expect_code 2 "-d without -P" ads-dedup -d "$T/w" "$T/all.jsonl"
expect_code 2 "-N beyond -M" ads-dedup -P bucket -d "$T/w" -M 2 -N 2
mkdir "$T/empty"
expect_code 3 "cluster with no signatures" ads-dedup -P cluster -d "$T/empty"
grep -q 'no signature files' "$T/.err" &&
    ok "cluster with no signatures: the message says why" ||
    not_ok "cluster with no signatures: the message" "$(cat "$T/.err")"
expect_code 3 "apply to another shard than was signed" \
    ads-dedup -P apply -d "$T/w" -N 0 "$T/bp.jsonl"
expect_code 3 "apply with another key field" \
    ads-dedup -P apply -d "$T/w" -N 0 -k title "$T/bp.jsonl"
expect_code 3 "bucket with other parts than sign's" \
    ads-dedup -P bucket -d "$T/w" -M 2
grep -q 'cut the keys into 1 parts, not 2' "$T/.err" &&
    ok "bucket with other parts than sign's: the message says so" ||
    not_ok "bucket with other parts: the message" "$(cat "$T/.err")"
head -c 1000 "$T/w/keys.000001.000000" >"$T/w/k" &&
    mv "$T/w/k" "$T/w/keys.000001.000000"
expect_code 3 "bucket over a truncated key file" \
    ads-dedup -P bucket -d "$T/w"
grep -q 'keys.000001.000000: truncated' "$T/.err" &&
    ok "a truncated key file is named" ||
    not_ok "a truncated key file is named" "$(cat "$T/.err")"
