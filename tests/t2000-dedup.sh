#!/bin/sh
# t2000-dedup -- ads-dedup beyond the case files: near-duplicate quality
# on real text, the man page examples, incremental runs against a JSON
# Lines dataset and a saved index, clusters, progress, determinism, and
# the fast record scanner agreeing with libjq.
. "$(dirname "$0")/lib.sh"
checks 27

if ! have_tool ads-dedup; then
	skip "ads-dedup" "ads-dedup is not built"
	exit 0
fi
D=$FIXTURES/dedup
R=$FIXTURES/records.jsonl

# quality NAME TEXTS SEED... -- for each SEED, build the pairs of
# pairs.awk from TEXTS (one text a line) and mark them; then check the
# targets over all seeds: every exact and cosmetic copy and at least 95%
# of the light edits found as duplicates of their base; every heavy
# edit, base and boilerplate document kept.
quality() {
	qn=$1
	qt=$2
	shift 2
	: >"$T/marked.jsonl"
	for seed in "$@"; do
		awk -v seed="$seed" -f "$D/pairs.awk" "$qt" |
		    jq -R -c --arg s "$seed" 'split("\u0001") |
		    {id: (.[0] + "-" + $s), source: "fixture", text: .[1]}' >"$T/pairs.jsonl"
		if ! ads-dedup -m <"$T/pairs.jsonl" >>"$T/marked.jsonl" \
		    2>"$T/err"; then
			not_ok "quality ($qn): ads-dedup failed" "$(cat "$T/err")"
			return
		fi
	done
	jq -r '[.id[0:1], (if .dup_of == null then "kept"
	    elif .dup_of == ("b" + .id[1:]) then "dup" else "other" end)]
	    | @tsv' "$T/marked.jsonl" | sort | uniq -c >"$T/tally"
	awk -v name="$qn" '
	{ n[$2] += $3 == "other" ? 0 : $1; c[$2 " " $3] = $1; o += $3 == "other" ? $1 : 0 }
	END {
		x = c["x dup"] + 0; cs = c["c dup"] + 0; l = c["l dup"] + 0
		h = c["h kept"] + 0; q = c["q kept"] + 0; b = c["b kept"] + 0
		msg = sprintf("exact %d/%d, cosmetic %d/%d, light %d/%d (%.1f%%), heavy kept %d/%d, boilerplate kept %d/%d, bases kept %d/%d, wrong %d", x, n["x"], cs, n["c"], l, n["l"], n["l"] ? 100 * l / n["l"] : 0, h, n["h"], q, n["q"], b, n["b"], o)
		good = n["b"] > 0 && x == n["x"] && cs == n["c"] && l >= 0.95 * n["l"] && h == n["h"] && q == n["q"] && b == n["b"] && o == 0
		printf "%s - quality (%s): %s\n", good ? "ok" : "not ok", name, msg
	}' "$T/tally"
}

quality "project texts, 4 seeds" "$D/texts.txt" 1 2 3 4
# The shared fixtures: Wikipedia extracts, arXiv abstracts, Reddit
# posts, a GitHub README and IMDB reviews, one text a line, 40 words or
# more, with texts that are already alike removed (-t 0.3).
if need_shared "quality (shared fixtures)"; then
	S=$SHARED/fixtures
	{
		jq -r '.. | objects | select(has("extract")) | .extract |
		    strings' "$S"/wikipedia/*.json 2>/dev/null |
		    sed 's/<[^>]*>//g'
		awk '/<summary/ { on = 1; s = "" } on { s = s " " $0 }
		    /<\/summary>/ { on = 0; gsub(/<[^>]*>/, "", s); print s }' \
		    "$S"/arxiv/*.xml
		jq -r '.. | objects | (.selftext?, .body?) | strings' \
		    "$S"/reddit/*.json 2>/dev/null
		jq -r '.content? | strings | @base64d' \
		    "$S"/github/*readme*.json 2>/dev/null | tr '\n' ' '
		echo
		jq -r '.. | objects | .row? | objects | .text? | strings' \
		    "$S"/huggingface/*.json 2>/dev/null
	} | tr '\t\r' '  ' | awk 'NF >= 40' | cat "$D/texts.txt" - |
	    jq -R -c '{id: "pool", source: "fixture", text: .}' | ads-dedup -t 0.3 2>/dev/null |
	    jq -r .text >"$T/pool.txt"
	if test "$(wc -l <"$T/pool.txt")" -ge 100; then
		quality "shared fixtures, $(wc -l <"$T/pool.txt") texts, 6 seeds" \
		    "$T/pool.txt" 7 8 9 10 11 12
	else
		not_ok "quality (shared fixtures): too few texts" \
		    "$(wc -l <"$T/pool.txt") texts"
	fi
fi

# The examples of the man page.
cp "$R" "$T/wiki.jsonl"
sed 's/"id":"\([^"]*\)"/"id":"gh-\1"/' "$R" >"$T/gh.jsonl"
(cd "$T" && cat wiki.jsonl gh.jsonl | ads-dedup >unique.jsonl 2>/dev/null)
cmp_out "example: two fetches merged, copies dropped" "$R" "$T/unique.jsonl"
{
	echo '{"id":"p1","source":"fixture","url":"https://example.org/x","text":"a"}'
	echo '{"id":"p2","source":"fixture","url":"https://example.org/x","text":"b"}'
	echo '{"id":"p3","source":"fixture","url":"https://example.org/y","text":"a"}'
} >"$T/pages.jsonl"
(cd "$T" && ads-dedup -e -k url pages.jsonl >pages1.jsonl 2>/dev/null)
test "$(jq -r .id "$T/pages1.jsonl" | tr '\n' ' ')" = "p1 p3 " &&
    ok "example: first record per URL" ||
    not_ok "example: first record per URL" "$(cat "$T/pages1.jsonl")"
cat "$R" "$T/gh.jsonl" >"$T/crawl.jsonl"
(cd "$T" && ads-dedup -m -c groups.jsonl crawl.jsonl >marked.jsonl 2>/dev/null)
nr=$(wc -l <"$R")
bad=$(jq -c 'select(.size != 2 or (.dups | length) != 1 or
    .dups[0].id != "gh-" + .id or .dups[0].kind != "exact")' \
    "$T/groups.jsonl")
if test "$(wc -l <"$T/marked.jsonl")" -eq $((2 * nr)) &&
    test "$(jq -r 'select(.dup_of) | "gh-" + .dup_of == .id' \
    "$T/marked.jsonl" | grep -c true)" -eq "$nr" &&
    test "$(wc -l <"$T/groups.jsonl")" -eq "$nr" && test -z "$bad"; then
	ok "example: mark and clusters"
else
	not_ok "example: mark and clusters" "$bad" \
	    "$(head -n 3 "$T/groups.jsonl")"
fi
# Incremental: the new file holds 2 old records, 1 near copy of an old
# one and 2 new records.
{
	sed -n 3p "$R"
	sed -n 5p "$R"
	sed -n 7p "$R" | jq -c '.id = "new:copy" | .text |= ascii_upcase'
	echo '{"id":"new:1","source":"fixture","text":"A record that nobody has seen before today."}'
	echo '{"id":"new:2","source":"fixture","text":"Another fresh record, about harbours and tides."}'
} >"$T/new.jsonl"
cp "$R" "$T/old.jsonl"
(cd "$T" && ads-dedup -i old.idx old.jsonl >/dev/null 2>&1 &&
    ads-dedup -a old.idx new.jsonl >fresh.jsonl 2>/dev/null)
test "$(jq -r .id "$T/fresh.jsonl" | tr '\n' ' ')" = "new:1 new:2 " &&
    ok "example: saved index, then only new records" ||
    not_ok "example: saved index" "$(cat "$T/fresh.jsonl")"
ads-dedup -a "$T/old.jsonl" "$T/new.jsonl" >"$T/fresh2.jsonl" 2>/dev/null
cmp_out "against a JSONL dataset equals against its index" \
    "$T/fresh.jsonl" "$T/fresh2.jsonl"
zstd -q -d -c "$T/old.idx" | head -c 8 | grep -q ADSDIX1 &&
    ok "the saved index is zstd-compressed" ||
    not_ok "the saved index is zstd-compressed"
ads-dedup -m -a "$T/old.idx" "$T/new.jsonl" 2>/dev/null |
    jq -r '.dup_of // "-"' | tr '\n' ' ' >"$T/dupof"
want="$(sed -n 3p "$R" | jq -r .id) $(sed -n 5p "$R" | jq -r .id) $(sed -n 7p "$R" | jq -r .id) - - "
test "$(cat "$T/dupof")" = "$want" &&
    ok "against an index, dup_of names the old record" ||
    not_ok "against an index, dup_of" "got:  $(cat "$T/dupof")" "want: $want"
expect_code 3 "an index built with other settings is refused" \
    ads-dedup -n 3 -a "$T/old.idx" "$T/new.jsonl"
grep -q 'index built with other settings' "$T/.err" &&
    ok "the refusal names the settings" ||
    not_ok "the refusal names the settings" "$(cat "$T/.err")"
echo 'not an index' >"$T/junk.idx"
expect_code 1 "a non-index -a file is read as JSON Lines" \
    ads-dedup -a "$T/junk.idx" "$T/new.jsonl"
expect_code 2 "-a - is refused" ads-dedup -a - "$T/new.jsonl"
expect_code 3 "a missing -a file exits 3" ads-dedup -a "$T/nope" "$R"

# Progress and the summary.
ADS_PROGRESS=$T/progress ads-dedup "$T/crawl.jsonl" >/dev/null 2>"$T/err"
if jq -e --argjson n "$nr" 'select(.phase == "done") | .in == 2 * $n and
    .out == $n and .dropped.exact == $n and .kept == $n and
    .state_bytes > 0 and .bytes_per_record > 0' "$T/progress" >/dev/null &&
    grep -q "^ads-dedup: $((2 * nr)) in, $nr kept, $nr exact, 0 near" "$T/err"; then
	ok "final progress line and summary have the counts"
else
	not_ok "progress and summary" "$(cat "$T/progress" "$T/err")"
fi

# The LSH banding chosen for each threshold, from the final progress
# line: bands of as many rows as can be (rows + 1 would miss a target)
# that make a pair at the threshold a candidate with probability at
# least 0.85, and one at the threshold plus 0.1 with at least 0.99.
for t in 0.3 0.5 0.6 0.7 0.8 0.9; do
	ADS_PROGRESS=$T/lsh$t ads-dedup -t "$t" "$R" >/dev/null 2>&1
	br=$(jq -r 'select(.phase == "done") | "\(.bands) \(.rows)"' \
	    "$T/lsh$t")
	if echo "$br" | awk -v t="$t" '
	function p(r, b, s) { return 1 - (1 - s ^ r) ^ b }
	{
		t2 = t + 0.1 > 1 ? 1 : t + 0.1
		b = $1; r = $2; r1 = r + 1; b1 = int(128 / r1)
		good = b == int(128 / r) && p(r, b, t) >= 0.85 &&
		    p(r, b, t2) >= 0.99 &&
		    (p(r1, b1, t) < 0.85 || p(r1, b1, t2) < 0.99)
		exit !good
	}'; then
		ok "LSH bands for -t $t: $br"
	else
		not_ok "LSH bands for -t $t" "bands rows: $br"
	fi
done
ADS_PROGRESS=$T/lsh-e ads-dedup -e "$R" >/dev/null 2>&1
jq -e 'select(.phase == "done") | .bands == 0' "$T/lsh-e" >/dev/null &&
    ok "no bands with -e" || not_ok "no bands with -e" "$(cat "$T/lsh-e")"

# Determinism, and files equal to standard input.
awk -v seed=3 -f "$D/pairs.awk" "$D/texts.txt" |
    jq -R -c 'split("\u0001") | {id: .[0], text: .[1]}' >"$T/p.jsonl"
ads-dedup -m "$T/p.jsonl" >"$T/r1" 2>/dev/null
ads-dedup -m <"$T/p.jsonl" >"$T/r2" 2>/dev/null
cmp_out "the same input gives the same output" "$T/r1" "$T/r2"
# The scanner and libjq: the same records pretty-spaced (so each goes
# through libjq) keep the same ids.
jq -c . "$T/p.jsonl" | sed 's/":/": /g; s/,"/, "/g' >"$T/spaced.jsonl"
ads-dedup -m "$T/spaced.jsonl" 2>/dev/null | jq -c '[.id, .dup_of]' >"$T/s1"
jq -c '[.id, .dup_of]' "$T/r1" >"$T/s2"
cmp_out "records read by libjq are judged as by the scanner" "$T/s2" "$T/s1"
jq -c . "$T/r1" >"$T/r1c"
cmp_out "output is compact JSON as jq -c writes it" "$T/r1c" "$T/r1"

# Records read ahead: ads-dedup signs the next records before it decides
# the current one, so a copy must still be found when the record it
# repeats is 1, 2, ... 24 records before it (inside the lookahead, on
# its edges and beyond).  Base b<d> is followed by d - 1 unrelated
# records, then an exact (odd d) or near (even d: last word changed)
# copy of it; the copies must name their base, nothing else may.
awk 'function text(k,   i, s) {
		srand(k)
		s = "w" int(rand() * 1000000)
		for (i = 1; i < 60; i++)
			s = s " w" int(rand() * 1000000)
		return s
	}
	function rec(id, t) {
		printf "{\"id\":\"%s\",\"source\":\"t\",\"text\":\"%s\"}\n", id, t
	}
	BEGIN {
		for (d = 1; d <= 24; d++) {
			b = text(d)
			rec("b" d, b)
			for (i = 1; i < d; i++)
				rec("f" d "-" i, text(1000 + 100 * d + i))
			if (d % 2)
				rec("x" d, b)
			else {
				sub(/ [^ ]*$/, " changed", b)
				rec("n" d, b)
			}
		}
	}' >"$T/ahead.jsonl"
jq -r 'if .id[0:1] == "x" or .id[0:1] == "n" then .id + " b" + .id[1:]
    else .id + " -" end' "$T/ahead.jsonl" >"$T/ahead.want"
ads-dedup -m "$T/ahead.jsonl" 2>/dev/null |
    jq -r '.id + " " + (.dup_of // "-")' >"$T/ahead.got"
cmp_out "read ahead: a copy 1 to 24 records after its base is found" \
    "$T/ahead.want" "$T/ahead.got"
grep -v '^[xn]' "$T/ahead.want" | cut -d ' ' -f 1 >"$T/ahead.kept"
ads-dedup "$T/ahead.jsonl" 2>/dev/null | jq -r .id >"$T/ahead.out"
cmp_out "read ahead: the bases and the others are kept, in order" \
    "$T/ahead.kept" "$T/ahead.out"
