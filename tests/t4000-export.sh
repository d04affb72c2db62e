#!/bin/sh
# t4000-export -- ads-export: Parquet read back by DuckDB and hyparquet,
# CSV by Python's csv module, JSON Lines, shards, the card, atomic
# output, progress and the malformed-line policy.
. "$(dirname "$0")/lib.sh"
checks 141

if ! have_tool ads-export; then
	skip "ads-export" "not built"
	exit 0
fi
R=$TOP/tests/readers
X=$FIXTURES/export
# shellcheck source=tests/readers/have.sh
. "$R/have.sh"

# readback NAME DIR INPUT -- every split's Parquet files in DIR/data, read
# by DuckDB and by hyparquet, equal the records of INPUT.
readback() {
	n=$1
	d=$2
	rm -rf "$T/bs"
	mkdir -p "$T/bs"
	python3 "$R/fixture.py" bysplit "$3" "$T/bs"
	for want in "$T"/bs/*.jsonl; do
		s=$(basename "$want" .jsonl)
		for reader in duckdb hyparquet $more; do
			: >"$T/rows"
			for f in "$d"/data/"$s"-*.parquet; do
				node "$R/$reader-rows.mjs" "$f" >>"$T/rows" \
				    2>"$T/rerr" || break
			done
			if python3 "$R/compare.py" --schema "$3" "$want" "$T/rows" \
			    >"$T/cmp" 2>&1; then
				ok "$n: $s read by $reader"
			else
				not_ok "$n: $s read by $reader" \
				    "$(head -c 600 "$T/cmp")" \
				    "$(head -c 600 "$T/rerr")"
			fi
		done
	done
}

# Every column type, nulls, missing fields, empty strings, Unicode, three
# splits.
expect_code 0 "parquet: types fixture" ads-export -o "$T/p" "$X/types.jsonl"
for s in train validation test; do
	test -f "$T/p/data/$s-00000-of-00001.parquet" &&
	    ok "parquet: data/$s-00000-of-00001.parquet" ||
	    not_ok "parquet: data/$s-00000-of-00001.parquet" "$(ls "$T/p/data")"
done
if test "$readers" -eq 1; then
	readback "parquet types" "$T/p" "$X/types.jsonl"
	node "$R/hyparquet-rows.mjs" "$T/p/data/train-00000-of-00001.parquet" \
	    meta >"$T/meta"
	for want in '"name":"n","type":"INT64"' '"name":"x","type":"DOUBLE"' \
	    '"name":"ok","type":"BOOLEAN"' '"codec":"ZSTD"' 'RLE_DICTIONARY' \
	    '"repetition":"OPTIONAL"'; do
		grep -q "$want" "$T/meta" && ok "parquet metadata: $want" ||
		    not_ok "parquet metadata: $want" "$(head -c 800 "$T/meta")"
	done
	# Statistics: x in train is 0.5, 1e-300, 1.79e308 and -3.25.
	grep -q '"min":-3.25,"max":1.7976931348623157e+308' "$T/meta" &&
	    ok "parquet statistics: double min and max" ||
	    not_ok "parquet statistics: double min and max" \
	    "$(head -c 1500 "$T/meta")"
	grep -q '"nulls":1,"min":false,"max":true' "$T/meta" &&
	    ok "parquet statistics: bool null count" ||
	    not_ok "parquet statistics: bool null count" \
	    "$(head -c 1500 "$T/meta")"
else
	skip "parquet readers" "node_modules missing (npm ci)" some
fi

# 100K rows, strings over 1 MB, several row groups, several shards.
python3 "$R/fixture.py" big 100000 >"$T/big.jsonl"
expect_code 0 "parquet: 100K rows, -g 256K -m 512K" \
    ads-export -g 256K -m 512K -o "$T/big" "$T/big.jsonl"
if test "$readers" -eq 1; then
	readback "parquet big" "$T/big" "$T/big.jsonl"
	set -- "$T"/big/data/train-00000-of-*.parquet
	node "$R/hyparquet-rows.mjs" "$1" meta >"$T/meta" 2>&1
	g=$(sed 's/.*"row_groups":\[\([0-9,]*\)\].*/\1/' "$T/meta" | tr ',' '\n' |
	    wc -l)
	test "$g" -gt 1 && ok "parquet big: $g row groups in a shard" ||
	    not_ok "parquet big: several row groups" "$(head -c 300 "$T/meta")"
fi
# Shards: SPLIT-0000k-of-0000N, k from 0 to N-1, N > 1 for train.
n=0
for f in "$T"/big/data/train-*; do
	n=$((n + 1))
done
k=0
bad=""
for f in "$T"/big/data/train-*; do
	want=$(printf 'train-%05d-of-%05d.parquet' "$k" "$n")
	test "${f##*/}" = "$want" || bad="$bad ${f##*/}"
	k=$((k + 1))
done
if test "$n" -gt 1 && test -z "$bad"; then
	ok "parquet big: $n train shards named train-0000k-of-0000N"
else
	not_ok "parquet big: train shards" "$(ls "$T/big/data")"
fi
: >"$T/ls"
for f in "$T"/big/data/*; do
	case ${f##*/} in train-*) ;; *) echo "${f##*/}" >>"$T/ls" ;; esac
done
printf '%s\n' test-00000-of-00001.parquet validation-00000-of-00001.parquet \
    >"$T/want"
cmp_out "parquet big: one shard for the small splits" "$T/want" "$T/ls"

# Where a shard ends (-m) does not depend on the compression threads'
# timing: the same input gives the same files, run after run.
: >"$T/sums"
for run in 1 2 3 4 5 6; do
	rm -rf "$T/cut$run"
	ads-export -g 2K -m 4K -o "$T/cut$run" \
	    "$FIXTURES/scrub/labeled.jsonl" 2>/dev/null
	cat "$T/cut$run"/data/* | cksum >>"$T/sums"
done
set -- "$T"/cut6/data/train-*
if test "$(sort -u "$T/sums" | wc -l)" -eq 1 && test $# -gt 1; then
	ok "parquet -m: the same shards in six runs"
else
	not_ok "parquet -m: the same shards in six runs" "$(cat "$T/sums")" \
	    "$*"
fi

# Long strings are DELTA_LENGTH_BYTE_ARRAY: empty strings, nulls, a run
# of nulls and Unicode among them, in several row groups (-g 1M) and in
# several pages of one row group (about 5 MB of text), read back by both
# readers.
python3 - >"$T/long.jsonl" <<'EOF'
import json, random
rnd = random.Random(7)
words = ["naïve", "café", "日本語", "😀", "word", "a,b", 'q"uote', "\n"]
for i in range(3000):
    r = {"id": "l:%d" % i, "source": "fixture", "text": "t",
         "split": "train"}
    if i % 11 == 0:
        r["body"] = ""
    elif i % 13 == 0 or 1200 <= i < 1500:
        r["body"] = None
    else:
        r["body"] = " ".join(rnd.choice(words)
                             for _ in range(rnd.randrange(10, 800)))
    print(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
EOF
expect_code 0 "parquet: long strings, -g 1M" ads-export -g 1M -o "$T/long" \
    "$T/long.jsonl"
if test "$readers" -eq 1; then
	readback "parquet long strings" "$T/long" "$T/long.jsonl"
	expect_code 0 "parquet: long strings, one row group" \
	    ads-export -o "$T/long1" "$T/long.jsonl"
	readback "parquet long strings, pages" "$T/long1" "$T/long.jsonl"
	node "$R/hyparquet-rows.mjs" "$T/long/data/train-00000-of-00001.parquet" \
	    meta >"$T/meta" 2>&1
	grep -q 'DELTA_LENGTH_BYTE_ARRAY' "$T/meta" &&
	    ok "parquet long strings: DELTA_LENGTH_BYTE_ARRAY" ||
	    not_ok "parquet long strings: DELTA_LENGTH_BYTE_ARRAY" \
	    "$(head -c 600 "$T/meta")"
fi
# The same input gives the same bytes, whatever the compression threads
# did meanwhile.
expect_code 0 "parquet: export again" ads-export -g 1M -o "$T/long2" \
    "$T/long.jsonl"
cmp -s "$T/long/data/train-00000-of-00001.parquet" \
    "$T/long2/data/train-00000-of-00001.parquet" &&
    ok "parquet: the same bytes on a second run" ||
    not_ok "parquet: the same bytes on a second run"

# CSV, read back by Python's csv module.
expect_code 0 "csv: types fixture" ads-export -f csv -o "$T/c" "$X/types.jsonl"
rm -rf "$T/bs"
mkdir -p "$T/bs"
python3 "$R/fixture.py" bysplit "$X/types.jsonl" "$T/bs"
# One schema for all splits: the header of every split is the same.
for s in train validation test; do
	if python3 "$R/compare.py" --csv --schema "$X/types.jsonl" \
	    "$T/bs/$s.jsonl" "$T/c/data/$s-00000-of-00001.csv" >"$T/cmp" 2>&1
	then
		ok "csv: $s read by python csv"
	else
		not_ok "csv: $s read by python csv" "$(cat "$T/cmp")"
	fi
done
head -c 40 "$T/c/data/train-00000-of-00001.csv" | od -c | head -n 3 >"$T/od"
grep -q 'i   d   ,   s   o   u   r   c   e' "$T/od" &&
    ok "csv: header row" || not_ok "csv: header row" "$(cat "$T/od")"
grep -q "$(printf '\r$')" "$T/c/data/train-00000-of-00001.csv" &&
    ok "csv: CRLF line ends" || not_ok "csv: CRLF line ends"

# Chosen columns (the man page's second example).
expect_code 0 "csv: -c id,text,split (EXAMPLES)" \
    sh -c "cd '$T' && ads-export -f csv -c id,text,split -o out2 '$X/types.jsonl'"
python3 "$R/compare.py" --csv --columns id,text,split \
    --schema "$X/types.jsonl" "$T/bs/test.jsonl" \
    "$T/out2/data/test-00000-of-00001.csv" >"$T/cmp" 2>&1 &&
    ok "csv: chosen columns read back" ||
    not_ok "csv: chosen columns read back" "$(cat "$T/cmp")"
expect_code 0 "parquet: -c with a column no record has" \
    ads-export -c text,nosuch,n -o "$T/pc" "$X/types.jsonl"
if test "$readers" -eq 1; then
	node "$R/duckdb-rows.mjs" "$T/pc/data/test-00000-of-00001.parquet" \
	    >"$T/rows"
	python3 "$R/compare.py" --columns text,nosuch,n --schema "$X/types.jsonl" \
	    "$T/bs/test.jsonl" \
	    "$T/rows" >"$T/cmp" 2>&1 && ok "parquet: -c columns read back" ||
	    not_ok "parquet: -c columns read back" "$(cat "$T/cmp")"
fi

# JSON Lines: the records unchanged, per split, and zstd.
expect_code 0 "jsonl: types fixture" ads-export -f jsonl -o "$T/j" \
    "$X/types.jsonl"
for s in train validation test; do
	jq -c . "$T/bs/$s.jsonl" >"$T/want"
	cmp_out "jsonl: $s records unchanged" "$T/want" \
	    "$T/j/data/$s-00000-of-00001.jsonl"
done
expect_code 0 "jsonl.zst: types fixture" ads-export -f jsonl.zst \
    -o "$T/z" "$X/types.jsonl"
zstd -dc "$T/z/data/train-00000-of-00001.jsonl.zst" >"$T/got" 2>/dev/null
cmp_out "jsonl.zst: decompresses to the jsonl file" \
    "$T/j/data/train-00000-of-00001.jsonl" "$T/got"
expect_code 0 "jsonl: -m 1M shards" ads-export -f jsonl -m 1M -o "$T/js" \
    "$T/big.jsonl"
n=0
for f in "$T"/js/data/train-*; do
	n=$((n + 1))
	last=${f##*/}
done
case $last in
*-of-$(printf '%05d' "$n").jsonl) ok "jsonl: $n train shards, last $last" ;;
*) not_ok "jsonl: shard names" "$last of $n" ;;
esac
cat "$T"/js/data/train-*.jsonl >"$T/got"
grep '"split":"train"' "$T/big.jsonl" | jq -c . >"$T/want"
cmp_out "jsonl: shards hold every record in order" "$T/want" "$T/got"

# The card.
cat >"$T/plan.json" <<'EOF'
{"version":1,"prompt":"Product reviews for sentiment analysis","task":"sentiment-analysis","languages":["en","es"],"planner":{"kind":"llm","provider":"openai","api_key":"sk-plan-secret-1234"},"sources":{"wikipedia":{"queries":["reviews"],"limit":10}}}
EOF
cat >"$T/progress.jsonl" <<'EOF'
{"tool":"ads-fetch-wikipedia","source":"wikipedia","phase":"collecting","done":3,"total":10}
{"tool":"ads-fetch-wikipedia","source":"wikipedia","phase":"done","done":4,"in":4,"out":4,"dropped":{}}
{"tool":"ads-scrub","phase":"done","done":7,"in":7,"out":7,"dropped":{},"pii":{"email":3,"phone":1}}
{"tool":"ads-dedup","phase":"done","done":9,"in":9,"out":7,"dropped":{"exact":1,"near":1}}
{"tool":"ads-score","phase":"done","done":7,"in":7,"out":7,"dropped":{"quality":0},"token":"ghp_stats_secret_99"}
EOF
GITHUB_TOKEN=ghp_env_secret_value_42
export GITHUB_TOKEN
SOURCE_DATE_EPOCH=1764000000
export SOURCE_DATE_EPOCH
expect_code 0 "card: -p -S --seed --command (EXAMPLES)" \
    sh -c "cd '$T' && ads-export -f jsonl.zst -p plan.json -S progress.jsonl \
    --seed 42 --command \"ads 'product reviews' -o out --token \$GITHUB_TOKEN\" \
    -o out '$X/types.jsonl'"
C=$T/out/README.md
J=$T/out/dataset_card.json
# The plan asked for Spanish too, but no row is Spanish: the card lists
# the rows' languages, not the request's.
grep -q '^- "es"$' "$C" && not_ok "card: a language no row has is not listed" ||
    ok "card: a language no row has is not listed"
# Backquotes in the patterns are Markdown, not commands.
# shellcheck disable=SC2016
for want in '^---$' '^pretty_name: "Product reviews for sentiment analysis"$' \
    '^- cc-by-sa-4.0$' '^- mit$' '^- unknown$' '^- "en"$' \
    '^- "de"$' '^- text-classification$' '^- sentiment-classification$' \
    '^- n<1K$' '^- config_name: default$' '^  - split: validation$' \
    '^    path: data/validation-\*$' '^| email | 3 |$' \
    '^| wikipedia | 2 | CC-BY-SA-4.0 (2) | train 2 |$' \
    '^| dedup (`ads-dedup`) | 9 | 7 | 2 duplicates removed: 1 exact, 1 near |$' \
    '^| fetch wikipedia (`ads-fetch-wikipedia`) |  | 4 | 4 records fetched |$' \
    '^ads-scrub checked 7 records and replaced personal data with placeholders:$' \
    '^ads-dedup read 9 records and removed 2: 1 exact copy (the same text) and 1 near duplicate' \
    '^ads-score scored 7 records and kept 7\.$' "seed 42" \
    "^ads 'product reviews' -o out --token \[redacted\]$" \
    '2025-11-24T16:00:00Z'; do
	grep -q -- "$want" "$C" && ok "card README: $want" ||
	    not_ok "card README: $want" "$(head -n 60 "$C")"
done
jq -e '.seed == "42" and .counts.records == 7 and
    .counts.splits == {"train":4,"test":2,"validation":1} and
    .counts.sources.wikipedia == 2 and .pii.email == 3 and
    .plan.task == "sentiment-analysis" and .tools["ads-export"] != null and
    (.files | length) == 3 and .stages["ads-dedup"].out == 7' "$J" \
    >/dev/null && ok "card json: counts, plan, seed, stages, files" ||
    not_ok "card json: counts, plan, seed, stages, files" "$(head -c 1500 "$J")"
if grep -r -q -e ghp_env_secret_value_42 -e sk-plan-secret -e ghp_stats_secret \
    "$T/out"; then
	not_ok "card: no secret reaches the card" \
	    "$(grep -r -e ghp_ -e sk-plan "$T/out" | head -c 500)"
else
	ok "card: no secret reaches the card"
fi
if grep -q '"tool"' "$C"; then
	not_ok "card README: no raw progress JSON" "$(grep '"tool"' "$C")"
else
	ok "card README: no raw progress JSON"
fi
unset GITHUB_TOKEN SOURCE_DATE_EPOCH

# Rows asked and delivered: the driver's line says the rows asked and
# why each source stopped, ads-score's the drops for language, ads-fit's
# the drops per reason; the plan's two languages get a fair share each.
cat >"$T/dplan.json" <<'EOF'
{"version":2,"task":"text-classification","task_id":"sentiment-classification","languages":["en","es"],"target_rows":20}
EOF
cat >"$T/dprog.jsonl" <<'EOF'
{"tool":"ads-score","phase":"done","in":9,"out":6,"dropped":{"lang":3},"dropped_langs":{"de":2,"und":1},"langs":{"en":5,"es":1}}
{"tool":"ads-fit","phase":"done","in":6,"out":4,"dropped":{"form:readme":1,"relevance":1}}
{"tool":"ads","phase":"done","target_rows":20,"rounds":3,"languages_kept":["en","es"],"sources":{"reddit":{"asked":30,"fetched":30,"stopped":"quota met"},"github":{"asked":10,"fetched":4,"stopped":"source exhausted"},"youtube":{"asked":10,"fetched":0,"stopped":"skipped: YOUTUBE_API_KEY is not set"}}}
EOF
cat >"$T/drec.jsonl" <<'EOF'
{"id":"a","source":"reddit","text":"good","lang":"en"}
{"id":"b","source":"reddit","text":"bad","lang":"en"}
{"id":"c","source":"reddit","text":"fine","lang":"en"}
{"id":"d","source":"reddit","text":"bueno","lang":"es"}
EOF
ads-export -f jsonl -p "$T/dplan.json" -S "$T/dprog.jsonl" -o "$T/dout" \
    "$T/drec.jsonl" 2>"$T/err"
C=$T/dout/README.md
bad=
# shellcheck disable=SC2016
for want in '^20 rows were asked for and 4 delivered (a shortfall)\.$' \
    '^| reddit | 30 | 30 | 4 | quota met |$' \
    '^| github | 10 | 4 | 0 | source exhausted |$' \
    '^| youtube | 10 | 0 | 0 | skipped: YOUTUBE_API_KEY is not set |$' \
    '^3 records were dropped for their language, .*: 2 de, 1 und\.$' \
    '^ads-fit dropped records .*: 1 form:readme, 1 not about' \
    '^| en | 3 | 2 |$' '^| es | 1 | 2 |$'; do
	grep -q -- "$want" "$C" || bad="$bad [$want]"
done
if test -z "$bad" && ! grep -q '^| ads (' "$C" &&
    jq -e '.delivery | .target_rows == 20 and .rows == 4 and
    .sources.github.stopped == "source exhausted" and
    .dropped_language == {"records": 3, "languages": {"de": 2, "und": 1}} and
    .dropped_fit.relevance == 1 and
    .rows_per_language == {"en": {"rows": 3, "fair_share": 2},
        "es": {"rows": 1, "fair_share": 2}}' "$T/dout/dataset_card.json" \
    >/dev/null; then
	ok "card: rows asked and delivered, why sources stopped, drops for language and fit, fair shares"
else
	not_ok "card: delivery" "missing:$bad" \
	    "$(sed -n '/### Rows asked/,/### Personal/p' "$C")"
fi

# The card from the records themselves: splits in a fixed order whatever
# the input order, labels, quality and personal data counted per record,
# licenses as Hub ids, and a scrub that found nothing said as much.
cat >"$T/cardrec.jsonl" <<'EOF'
{"id":"r:1","source":"kaggle","text":"a","license":"ODbL-1.0","label":"pos","quality":0.9,"pii":{"email":2},"split":"test"}
{"id":"r:2","source":"kaggle","text":"b","license":"LicenseRef-Site-Terms","label":"neg","quality":0.1,"pii":{},"split":"validation"}
{"id":"r:3","source":"kaggle","text":"c","license":"ODbL-1.0","label":"pos","quality":0.5,"pii":{"phone":1,"email":1},"split":"train"}
{"id":"r:4","source":"kaggle","text":"d","license":"CC0-1.0","label":1,"quality":0.7,"split":"train"}
{"id":"r:5","source":"news","text":"e \u00e9","lang":"fr-FR","quality":0.3,"split":"test"}
EOF
cat >"$T/prog2.jsonl" <<'EOF'
{"tool":"ads-scrub","phase":"done","in":5,"out":5,"dropped":{},"with_pii":0,"pii":{}}
{"tool":"ads-split","phase":"done","in":5,"out":5,"dropped":{},"splits":{"test":2,"validation":1,"train":2},"seed":7}
EOF
expect_code 0 "card: records with labels, quality and pii" \
    ads-export -S "$T/prog2.jsonl" -o "$T/cr" "$T/cardrec.jsonl"
C=$T/cr/README.md
J=$T/cr/dataset_card.json
# shellcheck disable=SC2016
for want in \
    '^| kaggle | 4 | ODbL-1.0 (2), LicenseRef-Site-Terms (1), CC0-1.0 (1) | train 2, validation 1, test 1 |$' \
    '^| news | 1 | unknown (1) | test 1 |$' \
    '^- odbl$' '^- cc0-1.0$' '^- other$' '^- unknown$' '^- "fr"$' \
    '^| pos | 1 | 0 | 1 | 2 |$' '^| 1 | 1 | 0 | 0 | 1 |$' \
    '^4 of the 5 records carry the label' \
    'mean 0\.500, lowest 0\.100, highest 0\.900\.$' '^| 0\.0 to 0\.2 | 1 |$' \
    '^| 0\.8 to 1\.0 | 1 |$' \
    '^ads-scrub checked 5 records and found no personal data to replace\.$' \
    '^In this dataset 2 records carry replacements .*: email 3, phone 1\.$' \
    '^| split (`ads-split`) | 5 | 5 | split into train 2, validation 1, test 2 (seed 7) |$' \
    ', seed 7\. '; do
	grep -q -- "$want" "$C" && ok "card records: $want" ||
	    not_ok "card records: $want" "$(cat "$C")"
done
jq -e '.seed == "7" and .counts.labels.pos == {"train":1,"test":1} and
    .counts.source_split.kaggle == {"train":2,"validation":1,"test":1} and
    .quality.records == 5 and .quality.by_fifth == [1,1,1,1,1] and
    .pii_in_records == {"records":2,"kinds":{"email":3,"phone":1}}' "$J" \
    >/dev/null && ok "card json: labels, splits per source, quality, pii" ||
    not_ok "card json: labels, splits per source, quality, pii" \
    "$(head -c 1500 "$J")"
# The front matter as the Hub reads it (PyYAML where installed).
if python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$C" >"$T/yaml.out" 2>&1 <<'EOF'
import sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
assert text.startswith("---\n"), "no front matter"
meta = yaml.safe_load(text.split("---\n")[1])
assert set(meta["license"]) == {"odbl", "cc0-1.0", "other", "unknown"}, \
    meta["license"]
assert meta["language"] == ["fr"], meta["language"]
assert meta["size_categories"] == ["n<1K"], meta["size_categories"]
assert isinstance(meta["pretty_name"], str) and meta["pretty_name"]
files = meta["configs"][0]["data_files"]
assert [f["split"] for f in files] == ["train", "validation", "test"], files
assert all(f["path"] == "data/%s-*" % f["split"] for f in files), files
print("ok")
EOF
	if test "$(cat "$T/yaml.out")" = ok; then
		ok "card: YAML front matter as the Hub reads it"
	else
		not_ok "card: YAML front matter as the Hub reads it" \
		    "$(cat "$T/yaml.out")"
	fi
else
	skip "card: YAML front matter" "python3 yaml missing"
fi

# The first example: a pipeline into ads-export.
if have_tool ads-split; then
	expect_code 0 "EXAMPLES: ads-split | ads-export -o out" sh -c \
	    "cd '$T' && ads-split <'$X/types.jsonl' | ads-export -o ex1"
else
	expect_code 0 "EXAMPLES: cat | ads-export -o out" sh -c \
	    "cd '$T' && cat '$X/types.jsonl' | ads-export -o ex1"
fi

# Atomic: a rerun replaces the data folder whole; a failed run leaves the
# old dataset; an interrupted run leaves nothing that looks complete.
mkdir -p "$T/a/data"
: >"$T/a/data/train-00000-of-00009.parquet"
: >"$T/a/keep.txt"
expect_code 0 "atomic: export over an old dataset" ads-export -o "$T/a" \
    "$X/types.jsonl"
ls -A "$T/a" >"$T/ls"
printf '%s\n' README.md data dataset_card.json keep.txt >"$T/want"
cmp_out "atomic: old shards gone, other files kept, no temporary left" \
    "$T/want" "$T/ls"
cp "$T/a/README.md" "$T/readme.before"
expect_code 3 "atomic: a missing input fails" ads-export -o "$T/a" \
    "$T/nosuch.jsonl"
cmp_out "atomic: a failed run leaves the dataset as it was" \
    "$T/readme.before" "$T/a/README.md"
mkfifo "$T/fifo"
ads-export -o "$T/int" <"$T/fifo" 2>/dev/null &
pid=$!
exec 7>"$T/fifo"
head -n 1000 "$T/big.jsonl" >&7
sleep 1
kill -9 "$pid" 2>/dev/null
exec 7>&-
wait "$pid" 2>/dev/null
if test -e "$T/int/README.md" || test -e "$T/int/data"; then
	not_ok "atomic: an interrupted export looks incomplete" "$(ls -A "$T/int")"
else
	ok "atomic: an interrupted export looks incomplete"
fi

# Malformed lines, bad splits, bad options, progress.
printf '%s\n' '{"id":"a","source":"s","text":"x"}' '{"id":' \
    '{"id":"b","source":"s","text":"z","split":"no way"}' '[1]' \
    '{"id":"c","source":"s","text":"y","split":"test"}' >"$T/bad.jsonl"
ADS_PROGRESS=$T/prog.jsonl
export ADS_PROGRESS
expect_code 1 "malformed: exit 1" ads-export -r "$T/rej" -o "$T/m" \
    "$T/bad.jsonl"
unset ADS_PROGRESS
grep -q "^ads-export: $T/bad.jsonl:2: invalid JSON: " "$T/.err" &&
    grep -q "^ads-export: $T/bad.jsonl:3: invalid split name$" "$T/.err" &&
    grep -q "^ads-export: $T/bad.jsonl:4: not a JSON object" "$T/.err" &&
    ok "malformed: located messages" ||
    not_ok "malformed: located messages" "$(cat "$T/.err")"
test "$(wc -l <"$T/rej")" -eq 3 && ok "malformed: -r keeps the 3 lines" ||
    not_ok "malformed: -r keeps the 3 lines" "$(cat "$T/rej")"
test -f "$T/m/data/train-00000-of-00001.parquet" &&
    test -f "$T/m/data/test-00000-of-00001.parquet" &&
    ok "malformed: the good records are written" ||
    not_ok "malformed: the good records are written" "$(ls -R "$T/m")"
tail -n 1 "$T/prog.jsonl" | jq -e '.tool == "ads-export" and
    .phase == "done" and .in == 5 and .out == 2 and
    .dropped.malformed == 2 and .dropped.split == 1 and
    .splits.train == 1' >/dev/null &&
    ok "progress: final done line" ||
    not_ok "progress: final done line" "$(tail -n 1 "$T/prog.jsonl")"
expect_code 1 "strict: -s stops at the first malformed line" \
    ads-export -s -o "$T/st" "$T/bad.jsonl"
expect_code 2 "usage: unknown format" ads-export -f xml -o "$T/u1" \
    "$X/types.jsonl"
test -e "$T/u1" && not_ok "usage: nothing made" || ok "usage: nothing made"
expect_code 2 "usage: -o missing" ads-export "$X/types.jsonl"
expect_code 2 "usage: -g too small" ads-export -g 10 -o "$T/u2" \
    "$X/types.jsonl"
echo '[1,2]' >"$T/badplan.json"
expect_code 2 "usage: a plan that is not an object" \
    ads-export -p "$T/badplan.json" -o "$T/u3" "$X/types.jsonl"

# An empty input still makes a loadable (empty) dataset card.
expect_code 0 "empty input" ads-export -o "$T/e" /dev/null
grep -q '^- n<1K$' "$T/e/README.md" && ok "empty input: card written" ||
    not_ok "empty input: card written"
