#!/bin/sh
# t3000-score -- ads-score: real prose ranks above boilerplate, keyword
# spam, menus, gibberish and repeated text; language identification
# accuracy; --lang, --min, --keep-all, --rules; the final report.
. "$(dirname "$0")/lib.sh"
checks 46

if ! have_tool ads-score; then
	skip "ads-score" "ads-score is not built"
	exit 0
fi
F=$FIXTURES/score

# rank NAME GOOD BAD -- every record of GOOD scores above every record
# of BAD.
rank() {
	ads-score "$2" 2>/dev/null | jq -r '.quality' | sort -n >"$T/good"
	ads-score "$3" 2>/dev/null | jq -r '.quality' | sort -n >"$T/bad"
	lo=$(head -n 1 "$T/good")
	hi=$(tail -n 1 "$T/bad")
	n=$(wc -l <"$T/good")
	if test "$n" -gt 0 && test -s "$T/bad" &&
	    awk -v a="$lo" -v b="$hi" 'BEGIN { exit !(a > b) }'; then
		ok "$1: lowest prose $lo > highest junk $hi ($n records)"
	else
		not_ok "$1" "lowest prose $lo, highest junk $hi" \
		    "$(ads-score "$2" 2>/dev/null | jq -c '[.quality, .id]' | sort | head -n 5)"
	fi
}

cat "$F/prose.jsonl" "$FIXTURES/records.jsonl" >"$T/prose.jsonl"
rank "own prose above junk" "$T/prose.jsonl" "$F/bad.jsonl"
# Each kind of junk, scored by ads-score, ranks below the lowest prose.
ads-score "$F/bad.jsonl" 2>/dev/null >"$T/badscored"
for k in boilerplate "keyword spam" "navigation menu" gibberish \
    "repeated text"; do
	hi=$(jq -r --arg k "$k" 'select(.kind == $k) | .quality' \
	    "$T/badscored" | sort -n | tail -n 1)
	if test -n "$hi" && awk -v a="$lo" -v b="$hi" 'BEGIN { exit !(a > b) }'; then
		ok "$k ranks below the prose ($hi < $lo)"
	else
		not_ok "$k ranks below the prose" "highest: ${hi:-none}, prose: $lo"
	fi
done

# The shared fixtures: Wikipedia extracts, arXiv abstracts, a GitHub
# README and Reddit posts, as the fetchers would emit them.
if need_shared "shared prose above junk" 5; then
	S=$SHARED/fixtures
	{
		for f in "$S"/wikipedia/*.json; do
			jq -c '.. | objects | select(has("extract")) |
			    select(.extract | type == "string" and length > 0) |
			    {id: ("wikipedia:" + (.title // "x")),
			    source: "wikipedia", text: .extract}' "$f" \
			    2>/dev/null
		done
		tr '\n' ' ' <"$S/arxiv/query-all-testing-start0-max10.atom.xml" |
		    grep -o '<summary>[^<]*</summary>' |
		    sed 's/<[^>]*>//g' |
		    jq -Rc '{id: "arxiv", source: "arxiv", text: .}'
		jq -r .content "$S/github/repos-PyGithub-PyGithub-readme-2025.json" |
		    base64 -d |
		    jq -Rsc '{id: "github:readme", source: "github", text: .}'
		jq -c '.data.children[].data |
		    select((.selftext | length) > 200) |
		    {id: ("reddit:" + .name), source: "reddit",
		    text: .selftext}' "$S/reddit/r-popular-hot-limit100.json"
	} >"$T/shared.jsonl"
	for src in wikipedia arxiv github reddit; do
		c=$(grep -c "\"source\":\"$src\"" "$T/shared.jsonl")
		test "$c" -gt 0 && ok "shared prose has $src ($c)" ||
		    not_ok "shared prose has $src"
	done
	rank "shared prose above junk" "$T/shared.jsonl" "$F/bad.jsonl"
fi

# Language identification: the labeled set, short and long texts in 15
# languages, without a lang field, through ads-score itself.
awk -F'\t' '{ gsub(/"/, "\\\""); printf "{\"id\":\"%s:%s:%d\",\"source\":\"x\",\"text\":\"%s\"}\n", $1, $2, NR, $3 }' \
    "$F/langid.tsv" >"$T/lid.jsonl"
ads-score "$T/lid.jsonl" 2>/dev/null |
    jq -r '[(.id | split(":")[0]), (.id | split(":")[1]), .lang] | @tsv' >"$T/lid"
short=$(awk -F'\t' '$2 == "short" && $1 == $3' "$T/lid" | wc -l)
shortn=$(awk -F'\t' '$2 == "short"' "$T/lid" | wc -l)
long=$(awk -F'\t' '$2 == "long" && $1 == $3' "$T/lid" | wc -l)
longn=$(awk -F'\t' '$2 == "long"' "$T/lid" | wc -l)
if test "$shortn" -ge 90 && test $((short * 10)) -ge $((shortn * 9)); then
	ok "language id, short texts: $short/$shortn"
else
	not_ok "language id, short texts: $short/$shortn" \
	    "$(awk -F'\t' '$1 != $3' "$T/lid")"
fi
if test "$longn" -ge 30 && test "$long" -eq "$longn"; then
	ok "language id, long texts: $long/$longn"
else
	not_ok "language id, long texts: $long/$longn"
fi
n=$(ads-score "$T/lid.jsonl" 2>/dev/null | jq -s '[.[] | select(.signals.lang_conf != null)] | length')
test "$n" -eq "$(wc -l <"$T/lid.jsonl")" && ok "identified records carry lang_conf ($n)" ||
    not_ok "identified records carry lang_conf" "$n of $(wc -l <"$T/lid.jsonl")"
# A record's lang is the language of its text: the fetcher's tag (the
# language it searched in) moves to meta.query_lang when it differs,
# and stays, with its detail, when it names the same language.
echo '{"id":"x","source":"t","lang":"de","text":"The cat sat on the mat and looked at the garden all day long.","meta":{"a":1}}' |
    ads-score 2>/dev/null | jq -e '.lang == "en" and .meta == {"a":1,"query_lang":"de"} and
    .signals.lang_conf > 0' >/dev/null && ok "lang: the text's language, the query's in meta.query_lang" ||
    not_ok "lang: the text's language, the query's in meta.query_lang"
echo '{"id":"x","source":"t","lang":"de-CH","text":"Der Hund schläft den ganzen Tag im Garten und wartet auf den Abend."}' |
    ads-score 2>/dev/null | jq -e '.lang == "de-CH" and .meta == null and .signals.lang_conf > 0' \
    >/dev/null && ok "lang: a given tag of the same language is kept" ||
    not_ok "lang: a given tag of the same language is kept"
echo '{"id":"x","source":"t","lang":"de","text":"The cat sat on the mat."}' |
    ads-score -g 2>/dev/null | jq -e '.lang == "de" and .signals.lang_conf == null' \
    >/dev/null && ok "-g: an existing lang is kept" || not_ok "-g: an existing lang is kept"
# -L compares primary subtags, in the list too.
n=$(echo '{"id":"x","source":"t","text":"Der Hund schläft den ganzen Tag im Garten und wartet auf den Abend."}' |
    ads-score -L en,de-AT 2>/dev/null | jq -r .lang)
test "$n" = de && ok "-L de-AT takes any German" || not_ok "-L de-AT takes any German" "got $n"
# Nothing to identify: und, dropped by -L unless und is listed.
printf '%s\n' '{"id":"n","source":"t","lang":"de","text":"1234 5678 !!!"}' >"$T/und.jsonl"
r=$(ads-score "$T/und.jsonl" 2>/dev/null | jq -r '"\(.lang) \(.meta.query_lang)"')
n1=$(ads-score -L de "$T/und.jsonl" 2>/dev/null | wc -l)
n2=$(ads-score -L de,und "$T/und.jsonl" 2>/dev/null | wc -l)
test "$r $n1 $n2" = "und de 0 1" && ok "lang: und when nothing is identified; -L drops it" ||
    not_ok "lang: und when nothing is identified" "got $r $n1 $n2"
# A long text is identified on its first 4 KiB: 12 KB of German and a
# Portuguese tail is German, and the reverse Portuguese.
de=$(awk -F'\t' '$1 == "de" && $2 == "long"' "$F/langid.tsv" | cut -f 3 | tr '\n' ' ')
pt=$(awk -F'\t' '$1 == "pt" && $2 == "long"' "$F/langid.tsv" | cut -f 3 | tr '\n' ' ')
r=$(awk -v a="$de" -v b="$pt" 'BEGIN { s = ""; for (i = 0; i < 20; i++) s = s a; print s b }' |
    jq -Rc '{id: "long", source: "x", text: .}' | ads-score 2>/dev/null | jq -r .lang)
r2=$(awk -v a="$pt" -v b="$de" 'BEGIN { s = ""; for (i = 0; i < 20; i++) s = s a; print s b }' |
    jq -Rc '{id: "long", source: "x", text: .}' | ads-score 2>/dev/null | jq -r .lang)
test "$r $r2" = "de pt" && ok "long texts: identified on their start ($r, $r2)" ||
    not_ok "long texts: identified on their start" "got $r $r2"
# -l names the language instead of identifying it.
echo '{"id":"x","source":"fixture","text":"Der Hund schläft."}' | ads-score -l fr 2>/dev/null |
    jq -e '.lang == "fr"' >/dev/null && ok "-l sets the language" ||
    not_ok "-l sets the language"

# The measurement behind the choice of CLD2 (ads-score(1), Language):
# both identifiers on the same set, when libexttextcat is installed; the
# man page must state the figures measured here.
if pkg-config --exists libexttextcat 2>/dev/null && command -v c++ >/dev/null &&
    test -f /usr/share/libexttextcat/fpdb.conf; then
	# shellcheck disable=SC2046
	c++ -std=c++17 -O2 -o "$T/langcmp" "$F/langcmp.cc" \
	    "$TOP/common/langid.cc" \
	    $(pkg-config --cflags --libs libexttextcat) -lcld2 2>"$T/err" &&
	    "$T/langcmp" -r 1 <"$F/langid.tsv" >"$T/cmp"
	fig() { awk -F'\t' -v i="$1" -v k="$2" '$1 == "result" && $2 == i && $3 == k { print $4 " of " $5 }' "$T/cmp"; }
	cs=$(fig cld2 short)
	cl=$(fig cld2 long)
	xs=$(fig exttextcat short)
	xl=$(fig exttextcat long)
	if test -n "$cs" && test "${cs%% *}" -ge "${xs%% *}" &&
	    test "${cl%% *}" -ge "${xl%% *}"; then
		ok "CLD2 ($cs short, $cl long) beats libexttextcat ($xs, $xl)"
	else
		not_ok "CLD2 beats libexttextcat" "CLD2 $cs $cl, libexttextcat $xs $xl" \
		    "$(cat "$T/err")"
	fi
	if grep -q "CLD2 named $cs short texts and $cl long ones" \
	    "$TOP/man/ads-score.1" &&
	    grep -q "libexttextcat $xs and $xl" "$TOP/man/ads-score.1"; then
		ok "the man page states the measured figures"
	else
		not_ok "the man page states the measured figures" \
		    "measured: CLD2 $cs, $cl; libexttextcat $xs, $xl"
	fi
else
	skip "CLD2 against libexttextcat" \
	    "libexttextcat-dev and libexttextcat-data are not installed" 2
fi

# --lang keeps only the languages asked for, as the man page example.
ads-score --lang es,de "$T/lid.jsonl" 2>"$T/err" >"$T/out"
langs=$(jq -r .lang "$T/out" | sort -u | tr '\n' ' ')
n=$(wc -l <"$T/out")
want=$(grep -c '^es	\|^de	' "$F/langid.tsv")
drop=$(($(wc -l <"$F/langid.tsv") - want))
if test "$langs" = "de es " && test "$n" -eq "$want" &&
    grep -q "dropped: $drop lang" "$T/err"; then
	ok "--lang es,de keeps only those"
else
	not_ok "--lang es,de keeps only those" "langs $langs, $n records" \
	    "$(cat "$T/err")"
fi
# -L judges the text, not the fetcher's tag: German text searched as
# English is kept by -L de, English text tagged de is dropped, and the
# final progress line says which languages were dropped.
awk -F'\t' '$1 == "de" && $2 == "long" { print $3 }' "$F/langid.tsv" |
    jq -Rc '{id: "de", source: "t", lang: "en", text: .}' >"$T/tagged.jsonl"
awk -F'\t' '$1 == "en" && $2 == "long" { print $3 }' "$F/langid.tsv" |
    jq -Rc '{id: "en", source: "t", lang: "de", text: .}' >>"$T/tagged.jsonl"
nde=$(grep -c '"id":"de"' "$T/tagged.jsonl")
nen=$(grep -c '"id":"en"' "$T/tagged.jsonl")
ADS_PROGRESS=$T/prog ads-score -L de "$T/tagged.jsonl" 2>/dev/null >"$T/out"
if test "$nde" -gt 0 && test "$nen" -gt 0 &&
    test "$(jq -r 'select(.id == "de" and .lang == "de" and .meta.query_lang == "en") | .id' "$T/out" |
    wc -l)" -eq "$nde" && test "$(wc -l <"$T/out")" -eq "$nde" &&
    tail -n 1 "$T/prog" | jq -e --argjson n "$nen" \
    '.dropped.lang == $n and .dropped_langs == {"en": $n}' >/dev/null; then
	ok "-L keeps by the text's language, counts drops per language"
else
	not_ok "-L keeps by the text's language" "$(tail -n 1 "$T/prog")"
fi

# --min drops below the bar; --keep-all drops nothing.
cat "$T/prose.jsonl" "$F/bad.jsonl" >"$T/mix.jsonl"
total=$(wc -l <"$T/mix.jsonl")
ads-score -m 0.4 "$T/mix.jsonl" >"$T/out" 2>"$T/err"
if jq -e 'select(.quality < 0.4)' "$T/out" >/dev/null; then
	not_ok "--min 0.4 drops lower scores"
elif test "$(wc -l <"$T/out")" -eq "$(wc -l <"$T/prose.jsonl")"; then
	ok "--min 0.4 drops lower scores, keeps the prose"
else
	not_ok "--min 0.4 keeps the prose" "$(cat "$T/err")"
fi
ads-score -k -m 0.4 "$T/mix.jsonl" >"$T/out" 2>"$T/err"
test "$(wc -l <"$T/out")" -eq "$total" && ok "--keep-all keeps every record" ||
    not_ok "--keep-all keeps every record"
# The summary line of the filters (common/filter.c), counted by the
# test from the scores the program wrote.
low=$(jq -s '[.[] | select(.quality < 0.4)] | length' "$T/out")
want="ads-score: $total records in, $total out; dropped: $low min_quality (kept with -k)"
if test "$low" -gt 0 && test "$(cat "$T/err")" = "$want"; then
	ok "--keep-all: the summary counts what it would drop"
else
	not_ok "--keep-all: the summary counts what it would drop" \
	    "want: $want" "got: $(cat "$T/err")"
fi

# Fields pass through unchanged and in order; quality and signals last.
head -n 1 "$FIXTURES/records.jsonl" >"$T/one"
ads-score "$T/one" 2>/dev/null | jq -c 'del(.quality, .signals)' >"$T/out"
jq -c . "$T/one" >"$T/want"
cmp_out "other fields pass through unchanged" "$T/want" "$T/out"
ads-score "$T/one" 2>/dev/null | jq -r 'keys_unsorted[-2:] | join(",")' |
    grep -qx 'quality,signals' && ok "quality and signals are appended" ||
    not_ok "quality and signals are appended"
# Every signal the man page documents is written.
ads-score "$T/one" 2>/dev/null | jq -r '.signals | keys[]' | sort >"$T/keys"
grep '^\.It Va \|^Va ' "$TOP/man/ads-score.1" | grep -o 'Va [a-z0-9_]*' |
    cut -d ' ' -f 2 | sort -u >"$T/doc"
comm -23 "$T/keys" "$T/doc" >"$T/undoc"
test -s "$T/keys" && ! test -s "$T/undoc" &&
    ok "every signal written is documented" ||
    not_ok "every signal written is documented" "$(cat "$T/undoc")"

# ... and every signal documented is written (the two that only some
# records carry aside).
comm -13 "$T/keys" "$T/doc" | grep -v '^lang_conf$\|^rule_failed$' >"$T/unwritten"
test -s "$T/doc" && ! test -s "$T/unwritten" &&
    ok "every signal documented is written" ||
    not_ok "every signal documented is written" "$(cat "$T/unwritten")"

# Stop words: each of the seven lists finds the most stop words in its
# own language's paragraphs, and a large share of them.
SL="en es de fr pt it nl"
for l in $SL; do
	awk -F'\t' -v l="$l" '$1 == l && $2 == "long" { print $3 }' "$F/langid.tsv" |
	    while IFS= read -r t; do
		for m in $SL; do
			printf '%s\n' "$t" | jq -Rc --arg l "$l" --arg m "$m" \
			    '{id: $l, source: "x", lang: $m, text: .}'
		done
	    done
done | ads-score -g 2>/dev/null |
    jq -r '[.id, .lang, .signals.stop_ratio] | @tsv' >"$T/stop"
bad=$(awk -F'\t' '{ k = NR - 1; t = int(k / 7)
	if ($1 == $2) { own[t] = $3; who[t] = $1 } else if ($3 > other[t]) other[t] = $3 }
	END { for (t in own) if (own[t] < 0.3 || own[t] <= other[t]) print who[t], own[t], other[t] }' "$T/stop")
n=$(cut -f 1 "$T/stop" | sort -u | wc -l)
if test "$n" -eq 7 && test -z "$bad"; then
	ok "stop words: each of $SL ranks its own paragraphs first"
else
	not_ok "stop words per language" "$n languages; $bad"
fi

# Character counts, through the eight-bytes-at-a-time word scan: runs
# of letters and digits of every length from 1 to 40, mixed case, beside
# punctuation and non-ASCII letters; upper_ratio and digit_ratio must be
# what awk counts.
awk 'BEGIN { srand(7); a = "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"; t = ""
	for (i = 1; i <= 400; i++) {
		n = i % 40 + 1; w = ""
		for (j = 0; j < n; j++) w = w substr(a, int(rand() * 36) + 1, 1)
		t = t w (i % 7 == 0 ? ", " : i % 11 == 0 ? "\\u00c9t\\u00e9 " : " ")
	}
	printf "{\"id\":\"c\",\"source\":\"x\",\"lang\":\"en\",\"text\":\"%s\"}\n", t }' >"$T/chars.jsonl"
jq -r .text "$T/chars.jsonl" | awk '{
	# The two Latin letters outside ASCII, two bytes each: É and é.
	ue = gsub(/\303\211/, ""); le = gsub(/\303\251/, "")
	u = ue; l = ue + le; ns = ue + le
	for (i = 1; i <= length($0); i++) {
		c = substr($0, i, 1)
		if (c ~ /[A-Z]/) { u++; l++ } else if (c ~ /[a-z]/) l++
		else if (c ~ /[0-9]/) d++
		if (c != " ") ns++ } }
	END { printf "%.4f %.4f\n", u / l, d / ns }' | sed 's/0* / /; s/0*$//' >"$T/want"
ads-score "$T/chars.jsonl" 2>/dev/null |
    jq -r '.signals | "\(.upper_ratio) \(.digit_ratio)"' >"$T/got"
if test -s "$T/got" && cmp -s "$T/want" "$T/got"; then
	ok "upper and digit ratios over runs of 1 to 40: $(cat "$T/got")"
else
	not_ok "upper and digit ratios" "want $(cat "$T/want"), got $(cat "$T/got")"
fi

# Rules: each set names the rule that fails.
awk 'BEGIN { s = ""; for (i = 0; i < 12; i++) s = s "The same sentence is written here again and again. "; printf "{\"id\":\"rep\",\"source\":\"x\",\"lang\":\"en\",\"text\":\"%s\"}\n", s }' >"$T/rep.jsonl"
r=$(ads-score -k -R gopher "$T/rep.jsonl" 2>/dev/null | jq -r .signals.rule_failed)
case $r in
gopher_dup_* | gopher_top_*) ok "gopher: repeated text fails $r" ;;
*) not_ok "gopher: repeated text fails a repetition rule" "got $r" ;;
esac
r=$(sed -n 1p "$F/prose.jsonl" | ads-score -k -R gopher 2>/dev/null | jq -r .signals.rule_failed)
test "$r" = null && ok "gopher: prose passes" || not_ok "gopher: prose passes" "got $r"
r=$(echo '{"id":"c","source":"x","text":"function f() { return 1; } is what we wrote. It works. It is fine."}' |
    ads-score -k -R c4 2>/dev/null | jq -r .signals.rule_failed)
test "$r" = c4_curly_bracket && ok "c4: curly bracket" || not_ok "c4: curly bracket" "got $r"
r=$(echo '{"id":"c","source":"x","text":"Lorem ipsum dolor sit amet, consectetur adipiscing elit. One. Two. Three."}' |
    ads-score -k -R c4 2>/dev/null | jq -r .signals.rule_failed)
test "$r" = c4_lorem_ipsum && ok "c4: lorem ipsum" || not_ok "c4: lorem ipsum" "got $r"
r=$(echo '{"id":"c","source":"x","lang":"en","text":"Only one sentence here, and it is long enough."}' |
    ads-score -k -R c4 2>/dev/null | jq -r .signals.rule_failed)
test "$r" = c4_sentences && ok "c4: too few sentences" || not_ok "c4: too few sentences" "got $r"
r=$(sed -n 3p "$F/prose.jsonl" | ads-score -k -R c4 2>/dev/null | jq -r .signals.rule_failed)
test "$r" = null && ok "c4: prose passes" || not_ok "c4: prose passes" "got $r"
awk 'BEGIN { s = ""; for (i = 0; i < 40; i++) s = s "Item number " i " of the list\\n"; printf "{\"id\":\"l\",\"source\":\"x\",\"lang\":\"en\",\"text\":\"%s and the end of it, which has words that are here.\"}\n", s }' >"$T/list.jsonl"
r=$(ads-score -k -R fineweb "$T/list.jsonl" 2>/dev/null | jq -r .signals.rule_failed)
case $r in
fineweb_* | gopher_*) ok "fineweb: a list fails $r" ;;
*) not_ok "fineweb: a list fails" "got $r" ;;
esac
ads-score -R fineweb "$T/mix.jsonl" >/dev/null 2>"$T/err"
grep -q 'dropped:.*fineweb_\|dropped:.*gopher_' "$T/err" &&
    ok "the summary counts drops per rule" ||
    not_ok "the summary counts drops per rule" "$(cat "$T/err")"

# The final progress line.
ADS_PROGRESS=$T/progress ads-score -m 0.4 "$T/mix.jsonl" >/dev/null 2>&1
tail -n 1 "$T/progress" >"$T/done"
if jq -e --argjson n "$total" '.phase == "done" and .in == $n and
    .out + .dropped.min_quality == $n and (.langs | type) == "object"' \
    "$T/done" >/dev/null; then
	ok "final progress line: in, out, dropped per reason"
else
	not_ok "final progress line" "$(cat "$T/done")"
fi

# Deterministic.
ads-score "$T/mix.jsonl" >"$T/a" 2>/dev/null
ads-score "$T/mix.jsonl" >"$T/b" 2>/dev/null
cmp_out "same input, same output" "$T/a" "$T/b"

# The man page examples.
ads-score -m 0.5 <"$T/mix.jsonl" >"$T/out" 2>/dev/null && test -s "$T/out" &&
    ! jq -e 'select(.quality < 0.5)' "$T/out" >/dev/null &&
    ok "example: -m 0.5" || not_ok "example: -m 0.5"
# ... names, per rule, the records that -R gopher alone drops.
ads-score -k -R gopher <"$T/mix.jsonl" 2>/dev/null |
    jq -r 'select(.signals.rule_failed) | .signals.rule_failed' |
    sort | uniq -c | sed 's/^ *//' >"$T/out"
ads-score -R gopher <"$T/mix.jsonl" 2>&1 >/dev/null | sed -n 's/.*dropped: //p' |
    tr ',' '\n' | sed 's/^ *//' | sort -k 2 >"$T/want"
test -s "$T/out" && cmp -s "$T/want" "$T/out" && ok "example: -k -R gopher | jq" ||
    not_ok "example: -k -R gopher | jq" "$(diff "$T/want" "$T/out")"
