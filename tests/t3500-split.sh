#!/bin/sh
# t3500-split -- ads-split: deterministic across runs and input orders,
# proportions within one record per stratum, groups kept whole, adding
# records moves few, the cap keeps the mix of languages and labels
# (-b: the best), the shuffle mixes sources,
# per-split files, and a large input in bounded memory.
# ADS_TEST_BIG=1 adds a 1 GB run (slow; it prints the peak memory).
. "$(dirname "$0")/lib.sh"
checks 50

if ! have_tool ads-split; then
	skip "ads-split" "ads-split is not built"
	exit 0
fi

# gen N [FIRST] -- N records with 4 sources, 3 labels, urls shared by 4.
gen() {
	awk -v n="$1" -v f="${2:-0}" 'BEGIN {
		for (i = f; i < f + n; i++)
			printf "{\"id\":\"r:%d\",\"source\":\"s%d\",\"label\":\"l%d\",\"url\":\"u%d\",\"quality\":%.3f,\"text\":\"t %d\"}\n",
			    i, int(i / (n / 4)), i % 3, i % 250, (i * 37 % 1000) / 1000, i
	}'
}
gen 1000 >"$T/a.jsonl"

# Determinism: across runs and across input orders.
ads-split "$T/a.jsonl" >"$T/o1" 2>/dev/null
ads-split "$T/a.jsonl" >"$T/o2" 2>/dev/null
cmp_out "same input, same output" "$T/o1" "$T/o2"
awk '{ print NR % 7 "\t" $0 }' "$T/a.jsonl" | sort -s -k1,1n | cut -f 2- >"$T/mixed.jsonl"
cmp -s "$T/a.jsonl" "$T/mixed.jsonl" && not_ok "reordered input differs"
ads-split "$T/mixed.jsonl" >"$T/o3" 2>/dev/null
cmp_out "another input order, same output" "$T/o1" "$T/o3"
ads-split -S 7 "$T/a.jsonl" >"$T/o4" 2>/dev/null
cmp -s "$T/o1" "$T/o4" && not_ok "another seed, another assignment" ||
    ok "another seed, another assignment"

# Every record comes out once, unchanged apart from split.
jq -c 'del(.split)' "$T/o1" | sort >"$T/got"
jq -c . "$T/a.jsonl" | sort >"$T/want"
cmp_out "every record once, fields unchanged" "$T/want" "$T/got"

# counts FILE FIELD -- "stratum split count" lines.
counts() {
	jq -r "[(.$2 // \"all\" | tostring), .split] | @tsv" "$1" | sort |
	    uniq -c | awk '{ print $2, $3, $1 }'
}
# within COUNTS TOTALS RATIOS -- every stratum's split counts within 1
# of the ratios (names: train validation test).
within() {
	awk -v r="$3" 'BEGIN { n = split(r, p, "/"); s = 0
		for (i = 1; i <= n; i++) s += p[i]
		name[1] = "train"; name[2] = (n == 3 ? "validation" : "test"); name[3] = "test"
		for (i = 1; i <= n; i++) want[name[i]] = p[i] / s }
	FNR == NR { tot[$1] = $2; next }
	{ got[$1 " " $2] = $3 }
	END { bad = 0
		for (st in tot) for (k in want) {
			g = got[st " " k] + 0; e = tot[st] * want[k]
			if (g - e > 1 || e - g > 1) { print st, k, g, e; bad = 1 } }
		exit bad }' "$2" "$1"
}
counts "$T/o1" nosuch >"$T/c"
echo "all 1000" >"$T/tot"
if within "$T/c" "$T/tot" 80/10/10 >"$T/why"; then
	ok "80/10/10 within one record: $(awk '{ printf "%s %s ", $3, $2 }' "$T/c")"
else
	not_ok "80/10/10 within one record" "$(cat "$T/why")"
fi
for n in 7 13 101 999; do
	gen "$n" >"$T/n.jsonl"
	ads-split -p 70/15/15 "$T/n.jsonl" 2>/dev/null >"$T/o"
	counts "$T/o" nosuch >"$T/c"
	echo "all $n" >"$T/tot"
	within "$T/c" "$T/tot" 70/15/15 >"$T/why" &&
	    ok "70/15/15 of $n within one record" ||
	    not_ok "70/15/15 of $n" "$(cat "$T/why")"
done
ads-split -p 90/10 "$T/a.jsonl" 2>/dev/null >"$T/o"
test "$(jq -r .split "$T/o" | sort | uniq -c | awk '{ printf "%s=%s ", $2, $1 }')" = \
    "test=100 train=900 " && ok "two ratios: train and test" ||
    not_ok "two ratios: train and test"

# Stratification: each label within one record.
ads-split -t label "$T/a.jsonl" >"$T/o" 2>/dev/null
counts "$T/o" label >"$T/c"
jq -r .label "$T/a.jsonl" | sort | uniq -c | awk '{ print $2, $1 }' >"$T/tot"
within "$T/c" "$T/tot" 80/10/10 >"$T/why" &&
    ok "--stratify label: every label within one record" ||
    not_ok "--stratify label" "$(cat "$T/why")"
# Uneven strata.
awk '{ sub(/"label":"l[0-9]"/, "\"label\":\"" (NR % 10 < 6 ? "pos" : NR % 10 < 9 ? "neg" : "mixed") "\""); print }' \
    "$T/a.jsonl" >"$T/u.jsonl"
ads-split -t label -S 3 "$T/u.jsonl" >"$T/o" 2>/dev/null
counts "$T/o" label >"$T/c"
jq -r .label "$T/u.jsonl" | sort | uniq -c | awk '{ print $2, $1 }' >"$T/tot"
within "$T/c" "$T/tot" 80/10/10 >"$T/why" &&
    ok "--stratify, uneven strata within one record" ||
    not_ok "--stratify, uneven strata" "$(cat "$T/why")"

# Groups: records sharing a url land together.
ads-split -g url "$T/a.jsonl" >"$T/o" 2>/dev/null
jq -r '[.url, .split] | @tsv' "$T/o" | sort -u | cut -f 1 | uniq -d >"$T/split"
if ! test -s "$T/split"; then
	ok "--group url: no url in two splits"
else
	not_ok "--group url" "$(head -n 3 "$T/split")"
fi
ads-split -g url -t label "$T/a.jsonl" >"$T/o" 2>/dev/null
jq -r '[.url, .split] | @tsv' "$T/o" | sort -u | cut -f 1 | uniq -d >"$T/split"
test -s "$T/split" && not_ok "--group with --stratify keeps groups whole" ||
    ok "--group with --stratify keeps groups whole"
# Without grouping, the same urls do spread (so the test can fail).
ads-split "$T/a.jsonl" 2>/dev/null | jq -r '[.url, .split] | @tsv' |
    sort -u | cut -f 1 | uniq -d >"$T/split"
test -s "$T/split" && ok "without --group, urls spread" ||
    not_ok "without --group, urls spread"

# Adding 10% new records moves at most 2% of the old ones.
gen 100 1000 >"$T/b.jsonl"
moved=0
for s in 1 2 3 4; do
	ads-split -S $s "$T/a.jsonl" 2>/dev/null | jq -r '[.id, .split] | @tsv' | sort >"$T/x"
	cat "$T/a.jsonl" "$T/b.jsonl" | ads-split -S $s 2>/dev/null |
	    jq -r '[.id, .split] | @tsv' | sort >"$T/y"
	m=$(join "$T/x" "$T/y" | awk '$2 != $3' | wc -l)
	test "$m" -gt "$moved" && moved=$m
done
test "$moved" -le 20 && ok "adding 100 records to 1000 moves $moved at most" ||
    not_ok "adding records moves few" "moved $moved"

# --fixed: adding or removing records never moves another one, groups
# stay whole, and the proportions are those of a fair draw.
moved=0
for s in 1 2 3 4; do
	ads-split -f -S $s "$T/a.jsonl" 2>/dev/null | jq -r '[.id, .split] | @tsv' | sort >"$T/x"
	cat "$T/a.jsonl" "$T/b.jsonl" | ads-split -f -S $s 2>/dev/null |
	    jq -r '[.id, .split] | @tsv' | sort >"$T/y"
	m=$(join "$T/x" "$T/y" | awk '$2 != $3' | wc -l)
	moved=$((moved + m))
	# Half of the records, every other line: none moves either.
	awk 'NR % 2' "$T/a.jsonl" | ads-split -f -S $s 2>/dev/null |
	    jq -r '[.id, .split] | @tsv' | sort >"$T/z"
	m=$(join "$T/x" "$T/z" | awk '$2 != $3' | wc -l)
	moved=$((moved + m))
done
test "$moved" -eq 0 && ok "--fixed: adding or removing records moves none" ||
    not_ok "--fixed: adding or removing records moves none" "moved $moved"
# The same records in the default mode do move (so the test can fail).
ads-split -S 1 "$T/a.jsonl" 2>/dev/null | jq -r '[.id, .split] | @tsv' | sort >"$T/x"
awk 'NR % 2' "$T/a.jsonl" | ads-split -S 1 2>/dev/null |
    jq -r '[.id, .split] | @tsv' | sort >"$T/z"
test "$(join "$T/x" "$T/z" | awk '$2 != $3' | wc -l)" -gt 0 &&
    ok "without --fixed, removing half the records moves some" ||
    not_ok "without --fixed, removing half the records moves some"
ads-split -f "$T/a.jsonl" 2>/dev/null | jq -r .split | sort | uniq -c |
    awk '{ print $2, $1 }' >"$T/c"
if awk '{ n[$1] = $2 } END { exit !(n["train"] >= 760 && n["train"] <= 840 &&
    n["validation"] >= 60 && n["validation"] <= 140 &&
    n["test"] >= 60 && n["test"] <= 140) }' "$T/c"; then
	ok "--fixed: 80/10/10 of 1000 within 4%: $(tr '\n' ' ' <"$T/c")"
else
	not_ok "--fixed: 80/10/10 within 4%" "$(cat "$T/c")"
fi
ads-split -f -S 5 "$T/a.jsonl" 2>/dev/null | cmp -s - "$T/o1" &&
    not_ok "--fixed: another seed, another assignment" ||
    ok "--fixed: another seed, another assignment"
ads-split -f "$T/mixed.jsonl" 2>/dev/null >"$T/f2"
ads-split -f "$T/a.jsonl" 2>/dev/null >"$T/f1"
cmp_out "--fixed: another input order, same output" "$T/f1" "$T/f2"
ads-split -f -g url "$T/a.jsonl" 2>/dev/null | jq -r '[.url, .split] | @tsv' |
    sort -u | cut -f 1 | uniq -d >"$T/split"
test -s "$T/split" && not_ok "--fixed --group url keeps urls whole" ||
    ok "--fixed --group url keeps urls whole"

# -b: the cap keeps the highest quality, ties by hash.
ads-split -b -n 100 "$T/a.jsonl" >"$T/o" 2>"$T/err"
lo=$(jq -r .quality "$T/o" | sort -n | head -n 1)
hi=$(jq -r .quality "$T/a.jsonl" | sort -rn | sed -n 100p)
if test "$(wc -l <"$T/o")" -eq 100 && test "$lo" = "$hi" &&
    grep -q 'dropped: 900 cap' "$T/err"; then
	ok "-b -n 100 keeps the 100 best"
else
	not_ok "-b -n 100 keeps the 100 best" "lowest kept $lo, 100th $hi" "$(cat "$T/err")"
fi
ads-split -b -n 100 "$T/mixed.jsonl" 2>/dev/null | cmp -s - "$T/o" &&
    ok "-b -n is deterministic across input orders" ||
    not_ok "-b -n is deterministic across input orders"
ads-split -n 100 "$T/a.jsonl" >"$T/o" 2>/dev/null
ads-split -n 100 "$T/mixed.jsonl" 2>/dev/null | cmp -s - "$T/o" &&
    ok "-n is deterministic across input orders" ||
    not_ok "-n is deterministic across input orders"

# The cap keeps the mix of languages and labels.  mix SPEC -- records
# of each LANG:LABEL:COUNT:QUALITY of SPEC (LANG or LABEL "-": absent),
# qualities falling from QUALITY by 0.0001 a record.
mix() {
	for st in $1; do
		echo "$st"
	done | awk -F: '{ for (i = 0; i < $3; i++) {
		printf "{\"id\":\"%s-%s-%d\",\"source\":\"s\",\"text\":\"t\"", $1, $2, i
		if ($1 != "-") printf ",\"lang\":\"%s\"", $1
		if ($2 != "-") printf ",\"label\":\"%s\"", $2
		printf ",\"quality\":%.4f}\n", $4 - i / 10000 } }'
}
# Cases: name | spec | cap | records kept per lang/label (sorted) | summary
audit="en:positive:18:0.9 en:negative:18:0.9 de:positive:18:0.9"
audit="$audit de:negative:18:0.9 es:positive:18:0.9 es:negative:18:0.9"
audit="$audit it:positive:18:0.9 it:negative:18:0.9 pt:positive:18:0.9"
audit="$audit pt:negative:18:0.9 ja:positive:18:0.9 ja:negative:18:0.9"
audit="$audit zh:positive:18:0.9 zh:negative:19:0.9 fr:positive:3:0.2"
while IFS='|' read -r name spec cap want sum; do
	mix "$spec" >"$T/mix.jsonl"
	ads-split -n "$cap" "$T/mix.jsonl" >"$T/o" 2>"$T/err"
	got=$(jq -r '"\(.lang // "-")/\(.label // "-")"' "$T/o" | sort |
	    uniq -c | awk '{ printf "%s%s=%s", (NR > 1 ? " " : ""), $2, $1 }')
	if test "$got" = "$want" && grep -q "$sum" "$T/err"; then
		ok "cap mix: $name"
	else
		not_ok "cap mix: $name" "want $want" "got  $got" "$(cat "$T/err")"
	fi
done <<EOF2
audit: 3 fr of 250, cap 200, fr kept|$audit|200|de/negative=14 de/positive=14 en/negative=14 en/positive=14 es/negative=14 es/positive=14 fr/positive=3 it/negative=14 it/positive=14 ja/negative=14 ja/positive=14 pt/negative=14 pt/positive=14 zh/negative=15 zh/positive=14|kept/cut by language: de 28/8, en 28/8, es 28/8, fr 3/0, it 28/8, ja 28/8, pt 28/8, zh 29/8
proportional beyond the floors, largest remainder|en:x:900:0.5 de:x:100:0.1|100|de/x=29 en/x=71|kept/cut by language: de 29/71, en 71/829
a stratum smaller than its floor keeps all|en:a:500:0.9 en:b:2:0.1|10|en/a=8 en/b=2|en 10/492
labels are strata too|-:pos:90:0.9 -:neg:10:0.1|20|-/neg=6 -/pos=14|none 20/80
more strata than the cap: the best strata|a:x:5:0.5 b:x:5:0.9 c:x:5:0.7 d:x:5:0.8|2|b/x=1 d/x=1|a 0/5, b 1/4, c 0/5, d 1/4
a cap of 0|en:x:5:0.5|0||en 0/5
no cut: no per-language line|en:x:5:0.5 fr:y:1:0.1|6|en/x=5 fr/y=1|6 out
EOF2
# Within a stratum the best are kept; -b cuts the audit's fr rows.
mix "$audit" >"$T/mix.jsonl"
ads-split -n 200 "$T/mix.jsonl" 2>/dev/null | jq -r 'select(.lang == "de" and
    .label == "positive") | .quality' | sort -n | head -n 1 >"$T/lo"
test "$(cat "$T/lo")" = 0.8987 && ok "cap mix: the best of a stratum kept" ||
    not_ok "cap mix: the best of a stratum kept" "lowest $(cat "$T/lo")"
ads-split -b -n 200 "$T/mix.jsonl" 2>"$T/err" | grep -q '"fr"' ||
    grep -q 'fr 0/3' "$T/err" && ok "-b: the old cap cuts the low fr rows" ||
    not_ok "-b: the old cap cuts the low fr rows" "$(cat "$T/err")"
ADS_PROGRESS=$T/progress ads-split -n 200 "$T/mix.jsonl" >/dev/null 2>&1
tail -n 1 "$T/progress" | jq -e '.languages.fr == [3, 0] and
    .languages.en == [28, 8]' >/dev/null && ok "cap mix: progress languages" ||
    not_ok "cap mix: progress languages" "$(tail -n 1 "$T/progress")"

# The shuffle mixes sources: the input is sorted by source.
ads-split "$T/a.jsonl" 2>/dev/null | jq -r .source | uniq -c |
    sort -rn | head -n 1 | awk '{ print $1 }' >"$T/run"
test "$(cat "$T/run")" -lt 15 && ok "shuffle: longest run of one source $(cat "$T/run")" ||
    not_ok "shuffle mixes sources" "run $(cat "$T/run")"

# -o PREFIX: one file per split, the same records, as the man page shows.
ads-split -o "$T/ds" "$T/a.jsonl" 2>/dev/null
for s in train validation test; do
	jq -c "select(.split == \"$s\")" "$T/o1" >"$T/want"
	cmp_out "-o writes $s" "$T/want" "$T/ds-$s.jsonl"
done
left=$(find "$T" -name '*tmp-*' | wc -l)
test "$left" -eq 0 && ok "-o leaves no temporary file" ||
    not_ok "-o leaves no temporary file"
ads-split -o "$T/nodir/x" "$T/a.jsonl" >/dev/null 2>"$T/err"
test $? -eq 3 && ok "-o into a missing folder exits 3" ||
    not_ok "-o into a missing folder exits 3"
# The man page example with a stratified, grouped split.
ads-split -S 42 -t label -g url -p 80/10/10 <"$T/a.jsonl" >"$T/o" 2>/dev/null &&
    test "$(wc -l <"$T/o")" -eq 1000 && ok "example: -S 42 -t label -g url" ||
    not_ok "example: -S 42 -t label -g url"

ads-split -n 500 -o "$T/best" <"$T/a.jsonl" 2>/dev/null &&
    test "$(cat "$T/best"-*.jsonl | wc -l)" -eq 500 &&
    ok "example: -n -o" || not_ok "example: -n -o"

# Existing split fields are replaced in place.
printf '%s\n' '{"id":"a","source":"s","text":"t","split":"old","x":1}' '{"id":"b","source":"s","text":"","split":"test"}' | ads-split -p 100/0 >"$T/o" 2>/dev/null
printf '%s\n' '{"id":"a","source":"s","text":"t","split":"train","x":1}' '{"id":"b","source":"s","text":"","split":"train"}' | sort >"$T/want"
sort "$T/o" >"$T/got"
cmp_out "an existing split is replaced in place" "$T/want" "$T/got"

# The final progress line.
ADS_PROGRESS=$T/progress ads-split -n 900 "$T/a.jsonl" >/dev/null 2>&1
tail -n 1 "$T/progress" | jq -e '.phase == "done" and .in == 1000 and
    .out == 900 and .dropped.cap == 100 and .splits.train == 720' \
    >/dev/null && ok "final progress line" ||
    not_ok "final progress line" "$(tail -n 1 "$T/progress")"

# Bounded memory: a larger input through small buckets gives the same
# bytes as in memory, and the peak stays near the per-record entries.
GEN=$BUILD/bench/gencorpus
if test -x "$GEN" && test -x /usr/bin/time; then
	"$GEN" -m 20 >"$T/c.jsonl"
	ads-split "$T/c.jsonl" >"$T/m1" 2>/dev/null
	/usr/bin/time -f %M -o "$T/rss" ads-split -m 1M "$T/c.jsonl" >"$T/m2" 2>/dev/null
	cmp_out "spilled buckets give the same output" "$T/m1" "$T/m2"
	kb=$(tail -n 1 "$T/rss")
	if test "${ADS_SAN:-}" = 1; then
		skip "20 MB input in bounded memory" "sanitizers inflate memory"
	elif test "$kb" -lt 20000; then
		ok "20 MB input with -m 1M: peak $kb KB"
	else
		not_ok "20 MB input in bounded memory" "peak $kb KB"
	fi
else
	skip "bounded memory" "gencorpus or /usr/bin/time missing" 2
fi
if test "${ADS_TEST_BIG:-}" = 1; then
	"$GEN" -m 1000 >"$T/big.jsonl"
	/usr/bin/time -f %M -o "$T/rss" ads-split "$T/big.jsonl" 2>/dev/null |
	    wc -l >"$T/n"
	kb=$(tail -n 1 "$T/rss")
	test "$(cat "$T/n")" -eq "$(wc -l <"$T/big.jsonl")" && test "$kb" -lt 400000 &&
	    ok "1 GB input: peak $kb KB" || not_ok "1 GB input" "peak $kb KB"
else
	skip "1 GB input" "set ADS_TEST_BIG=1"
fi
# No records at all (a run whose filters kept nothing): no error, no
# output, under the sanitizers too.
: >"$T/empty.jsonl"
expect_code 0 "empty input: exit 0" ads-split -n 5 -g url -t label \
    "$T/empty.jsonl"
test -s "$T/.out" && not_ok "empty input: no output" || ok "empty input: no output"
