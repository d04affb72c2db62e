#!/bin/sh
# t6000-fit -- ads-fit keeps the records that fit the plan: the forms
# each task takes (a review dataset takes no README, dataset description,
# abstract or encyclopedia article; a dialogue dataset takes threads),
# BM25 relevance to the plan's words in every language, the thresholds
# a user can see (-k) and change (-m, -F), the absolute floor of
# content words (-a), the reject file, the final
# progress line, version 1 and 2 plans, and bad input.
. "$(dirname "$0")/lib.sh"
checks 46

if ! have_tool ads-fit; then
	skip "ads-fit" "ads-fit is not built"
	exit 0
fi
F=$FIXTURES/fit
PS=$F/plan-sentiment.json

# Usage.
check "-h prints usage" ads-fit -h
grep -q '^usage: ads-fit ' "$T/.out" && ok "-h usage on stdout" ||
    not_ok "-h usage on stdout"
expect_code 2 "no -p is a usage error" ads-fit "$F/mixed.jsonl"
expect_code 2 "-m out of range" ads-fit -m -1 -p "$PS" "$F/mixed.jsonl"
expect_code 2 "-F with an unknown form" ads-fit -F post,essay -p "$PS" \
    "$F/mixed.jsonl"
echo '[1,2]' >"$T/arr.json"
expect_code 2 "a plan that is not an object" ads-fit -p "$T/arr.json" \
    "$F/mixed.jsonl"
echo '{"task":' >"$T/bad.json"
expect_code 2 "a plan that is not JSON" ads-fit -p "$T/bad.json" \
    "$F/mixed.jsonl"
expect_code 3 "a missing plan" ads-fit -p "$T/none.json" "$F/mixed.jsonl"

# The replay records of every source under a sentiment plan (version 1):
# no README, dataset description, abstract or encyclopedia article is
# kept; the product reviews of a dataset are.
ADS_PROGRESS=$T/prog ads-fit -p "$PS" -r "$T/rej" "$F/mixed.jsonl" \
    >"$T/out" 2>"$T/err"
rc=$?
kept=$(jq -r .source "$T/out" | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')
if test $rc -eq 0 && ! jq -e 'select(.source == "github" or
    .source == "kaggle" or .source == "arxiv" or .source == "wikipedia")' \
    "$T/out" >/dev/null &&
    test "$(jq -r 'select(.title == "acme/product-reviews") | .id' "$T/out" |
    wc -l)" -eq "$(grep -c '"title":"acme/product-reviews"' "$F/mixed.jsonl")"
then
	ok "sentiment plan: no README, dataset card, abstract or encyclopedia; reviews kept ($kept)"
else
	not_ok "sentiment plan forms" "exit $rc, kept $kept" "$(cat "$T/err")"
fi
# Kept records pass byte for byte.
grep -F -x -f "$T/out" "$F/mixed.jsonl" >"$T/same"
cmp_out "kept records are written unchanged" "$T/out" "$T/same"
# Every record is either kept or rejected with a reason, and the counts
# agree: summary, progress line and reject file.
total=$(wc -l <"$F/mixed.jsonl")
o=$(wc -l <"$T/out")
d=$(wc -l <"$T/rej")
if test $((o + d)) -eq "$total" && test "$d" -gt 0 &&
    jq -e -s 'all(.fit.dropped and .fit.form and (.fit.relevance | type) == "number")' \
    "$T/rej" >/dev/null &&
    tail -n 1 "$T/prog" | jq -e --argjson n "$total" --argjson o "$o" \
    --slurpfile r "$T/rej" '.phase == "done" and .in == $n and .out == $o and
    .task == "text-classification" and .task_id == "sentiment-classification" and
    .dropped == ($r | group_by(.fit.dropped) |
        map({(.[0].fit.dropped): length}) | add) and
    .dropped["form:readme"] == 3 and .dropped["form:dataset-card"] == 3 and
    .dropped["form:abstract"] == 3 and .dropped["form:encyclopedia"] == 3' \
    >/dev/null && grep -q "^ads-fit: $total records in, $o out; dropped: " "$T/err"
then
	ok "drops counted per reason: summary, progress line, reject file"
else
	not_ok "drop counts" "$o out, $d rejected of $total" "$(tail -n 1 "$T/prog")" \
	    "$(cat "$T/err")"
fi
# Relevance: the social/tweet-emotions row (nothing of the plan in it)
# is dropped for relevance, reviews of coffee gadgets are not.
if jq -e -s 'map(select(.title == "social/tweet-emotions")) |
    length > 0 and all(.fit.dropped == "relevance")' "$T/rej" >/dev/null
then
	ok "relevance: a row about something else is dropped"
else
	not_ok "relevance drop"
fi

# -k drops nothing and shows the form and relevance of each record.
ads-fit -k -p "$PS" "$F/mixed.jsonl" >"$T/k" 2>/dev/null
if test "$(wc -l <"$T/k")" -eq "$total" &&
    jq -e -s 'all(.fit.form and (.fit.relevance >= 0)) and
        (map(select(.fit.dropped)) | length) == '"$d"' and
        (map(select(.source == "github")) | all(.fit.form == "readme"))' \
    "$T/k" >/dev/null; then
	ok "-k keeps all and annotates form and relevance"
else
	not_ok "-k"
fi
# -m: a higher bar drops more, 0 turns the relevance test off.
n0=$(ads-fit -m 0 -p "$PS" "$F/mixed.jsonl" 2>/dev/null | wc -l)
n3=$(ads-fit -m 3.15 -p "$PS" "$F/mixed.jsonl" 2>/dev/null | wc -l)
forms=$(jq -r 'select(.source != "github" and .source != "kaggle" and
    .source != "arxiv" and .source != "wikipedia") | .id' "$F/mixed.jsonl" |
    wc -l)
if test "$n0" -eq "$forms" && test "$n3" -lt "$o" && test "$o" -lt "$n0"; then
	ok "-m: 0 keeps every form taken ($n0), 0.5 keeps $o, 3.15 keeps $n3"
else
	not_ok "-m" "-m 0: $n0 of $forms, default $o, -m 3.15: $n3"
fi
# -F replaces the task's forms.
r=$(ads-fit -F readme,abstract -m 0 -p "$PS" "$F/mixed.jsonl" 2>/dev/null |
    jq -r .source | sort -u | tr '\n' ' ')
test "$r" = "arxiv github " && ok "-F readme,abstract takes those only" ||
    not_ok "-F readme,abstract" "got $r"
r=$(ads-fit -F all -m 0 -p "$PS" "$F/mixed.jsonl" 2>/dev/null | wc -l)
test "$r" -eq "$total" && ok "-F all -m 0 keeps everything" ||
    not_ok "-F all -m 0" "got $r of $total"

# The tasks: each takes the forms of its table (version 2 names and
# version 1 names alike); shapes.jsonl has one record of each form.
# taskplan VERSION TASK [TASK_ID] -- a plan about coffee gadgets.
taskplan() {
	jq -cn --argjson v "$1" --arg t "$2" --arg s "${3:-}" '{version: $v,
	    task: $t, domain: "coffee", keywords: ["kitchen gadgets"]} +
	    (if $s != "" then {task_id: $s} else {} end)'
}
for c in "2 conversational dialogue-modeling:t:1" \
    "1 dialogue:t:1" \
    "2 question-answering extractive-qa:q:1" \
    "1 question-answering:q:1" \
    "2 summarization:s:1" \
    "2 translation:tr:1" \
    "2 code:c:1" \
    "2 token-classification named-entity-recognition:g:1 r:1 w:1" \
    "1 named-entity-recognition:g:1 r:1 w:1" \
    "2 text-classification sentiment-classification:r:1" \
    "1 sentiment-analysis:r:1" \
    "2 text-classification topic-classification:r:1 w:1" \
    "2 text-generation language-modeling:t:1 q:1 s:1 tr:1 c:1 g:1 r:1 w:1" \
    "1 language-modeling:t:1 q:1 s:1 tr:1 c:1 g:1 r:1 w:1"; do
	spec=${c%%:*}
	want=${c#*:}
	# shellcheck disable=SC2086
	taskplan $spec >"$T/tp.json"
	got=$(ads-fit -m 0 -p "$T/tp.json" "$F/shapes.jsonl" 2>/dev/null |
	    jq -r .id | tr '\n' ' ')
	if test "$got" = "$want "; then
		ok "task $spec takes: $want"
	else
		not_ok "task $spec" "want $want, got $got"
	fi
done
# A plan without a task rules out no form.
echo '{"domain":"coffee"}' >"$T/nt.json"
r=$(ads-fit -m 0 -p "$T/nt.json" "$F/shapes.jsonl" 2>/dev/null | wc -l)
test "$r" -eq "$(wc -l <"$F/shapes.jsonl")" && ok "no task: every form" ||
    not_ok "no task: every form" "got $r"

# Relevance in the plan's other languages: a German review is relevant
# through the German queries of queries_by_lang, an English one about
# something else is not (nor a Japanese one that shares a character but
# no pair of characters with them); plural and case do not matter.
cat >"$T/de.json" <<'PLAN'
{"version":2,"task":"text-classification","task_id":"sentiment-classification","domain":"product reviews","languages":["en","de","ja"],"keywords":["product reviews"],"sources":{"reddit":{"queries_by_lang":{"de":["Kaffeemühle","Produktbewertungen"],"ja":["商品レビュー"]}}}}
PLAN
cat >"$T/de.jsonl" <<'RECS'
{"id":"de","source":"reddit","text":"Die Kaffeemühle ist laut, aber sie mahlt gleichmäßig. Für den Preis bin ich zufrieden.","meta":{"kind":"comment"}}
{"id":"ja","source":"reddit","text":"この商品レビューはとても役に立ちました。","meta":{"kind":"comment"}}
{"id":"en","source":"reddit","text":"The referee made three bad calls in the second half of the match and the crowd went quiet.","meta":{"kind":"comment"}}
{"id":"pl","source":"reddit","text":"PRODUCT REVIEW: fine.","meta":{"kind":"comment"}}
{"id":"ja2","source":"reddit","text":"今朝はコーヒーを飲みました。","meta":{"kind":"comment"}}
RECS
got=$(ads-fit -p "$T/de.json" "$T/de.jsonl" 2>/dev/null | jq -r .id | tr '\n' ' ')
test "$got" = "de ja pl " && ok "relevance in every language of the plan ($got)" ||
    not_ok "relevance in every language" "got $got"
# A plan without words makes no relevance test.
echo '{"version":2,"task":"text-generation"}' >"$T/nw.json"
r=$(ads-fit -p "$T/nw.json" "$T/de.jsonl" 2>/dev/null | wc -l)
test "$r" -eq 5 && ok "a plan without words: no relevance test" ||
    not_ok "a plan without words" "got $r"

# The absolute floor: a plan for English news sentences.  "news" is not
# "new" (its final s stays), so a sourdough comment that says "new" is
# not relevant; a text that shares only "sentence" (a word of a
# dataset's shape) with the plan is off-topic unless it reaches -a;
# -a 0 and -m 0 turn the test off; news is kept, and so is an article
# of the news source, whose form (news) is one more mention of "news".
cat >"$T/ner.json" <<'EOP'
{"version":2,"task":"token-classification","task_id":"named-entity-recognition",
 "domain":"news","keywords":["news sentences"]}
EOP
cat >"$T/ner.jsonl" <<'EOR'
{"id":"n:1","source":"reddit","text":"Great article, the part about lactobacilli was new to me."}
{"id":"n:2","source":"reddit","text":"That sentence is short."}
{"id":"n:3","source":"reddit","text":"The evening news led with the city council vote."}
{"id":"n:4","source":"news","title":"Heat pumps in a cold winter","text":"Heat pumps kept the house warm through the snow."}
EOR
# Cases: name | options | ids kept | summary
while IFS='|' read -r name opts want sum; do
	rm -f "$T/ner.prog"
	# shellcheck disable=SC2086
	ADS_PROGRESS=$T/ner.prog ads-fit $opts -p "$T/ner.json" "$T/ner.jsonl" \
	    >"$T/o" 2>"$T/err"
	got=$(jq -r .id "$T/o" | tr '\n' ' ')
	if test "$got" = "$want" && grep -q "$sum" "$T/err"; then
		ok "floor: $name"
	else
		not_ok "floor: $name" "want $want, got $got" "$(cat "$T/err")"
	fi
done <<'EOC'
new is not news; sentence alone is off-topic; a news article is news||n:3 n:4 |dropped: 1 relevance, 1 off-topic
-a 1 keeps a strong enough match|-a 1|n:2 n:3 n:4 |dropped: 1 relevance$
-a 0 turns the floor off|-a 0|n:2 n:3 n:4 |dropped: 1 relevance$
-m 0 turns both off|-m 0|n:1 n:2 n:3 n:4 |4 records in, 4 out$
EOC
ADS_PROGRESS=$T/ner.prog ads-fit -p "$T/ner.json" "$T/ner.jsonl" >/dev/null 2>&1
tail -n 1 "$T/ner.prog" | jq -e '.dropped["off-topic"] == 1 and .floor == 2 and
    .content_terms == 1 and .terms == 2' >/dev/null &&
    ok "floor: progress line" || not_ok "floor: progress line" \
    "$(tail -n 1 "$T/ner.prog")"
ads-fit -k -p "$T/ner.json" "$T/ner.jsonl" 2>/dev/null |
    jq -e -s '[.[].fit.dropped] == ["relevance", "off-topic", null, null]' \
    >/dev/null && ok "floor: -k names the reason" ||
    not_ok "floor: -k names the reason"
expect_code 2 "-a out of range" ads-fit -a 101 -p "$T/ner.json" "$T/ner.jsonl"

# Malformed lines: reported with their place, kept in the reject file,
# exit 1; -s stops at the first.
{ sed -n 1p "$T/de.jsonl"; echo '{"id":'; echo '[1]'; sed -n 2p "$T/de.jsonl"; } >"$T/badin"
rm -f "$T/rej"
ads-fit -p "$T/de.json" -r "$T/rej" "$T/badin" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 1 && test "$(wc -l <"$T/out")" -eq 2 &&
    grep -q "^ads-fit: $T/badin:2: " "$T/err" &&
    grep -q -x '{"id":' "$T/rej" && grep -q -x '\[1\]' "$T/rej"; then
	ok "malformed lines: reported, rejected, exit 1"
else
	not_ok "malformed lines" "exit $rc" "$(cat "$T/err")"
fi
expect_code 1 "-s stops at the first malformed line" ads-fit -s \
    -p "$T/de.json" "$T/badin"
test "$(wc -l <"$T/.out")" -eq 1 && ok "-s: only the records before it" ||
    not_ok "-s: only the records before it" "$(cat "$T/.out")"

# Standard input, and the man page examples.
ads-fit -p "$PS" <"$F/mixed.jsonl" >"$T/in" 2>/dev/null
ads-fit -p "$PS" "$F/mixed.jsonl" >"$T/file" 2>/dev/null
cmp_out "standard input as a file" "$T/file" "$T/in"
ads-fit -k -p "$PS" <"$F/mixed.jsonl" 2>/dev/null |
    jq -r '[.fit.relevance, .fit.form, .title] | @tsv' | sort -n >"$T/ex"
test "$(wc -l <"$T/ex")" -eq "$total" && ok "example: -k | jq" ||
    not_ok "example: -k | jq"

# The table of prompts (tests/fixtures/plan/prompts.tsv) through the
# keyword planner: every plan's task is one ads-fit knows (mapped to a
# version 2 task), and each keeps to its forms on the replay records
# and the shapes: a sentiment plan keeps no README, dataset description,
# abstract or encyclopedia article; a dialogue plan only threads; a QA
# plan only question-answer records.
if have_tool ads-plan; then
	tab=$(printf '\t')
	bad=
	np=0
	grep -v '^#' "$FIXTURES/plan/prompts.tsv" >"$T/prompts"
	while IFS="$tab" read -r _task _l _r prompt; do
		test -n "$prompt" || continue
		np=$((np + 1))
		ads-plan -m keyword -- "$prompt" >"$T/pp.json" 2>/dev/null ||
		    { bad="$bad [plan: $prompt]"; continue; }
		rm -f "$T/pp.prog"
		ADS_PROGRESS=$T/pp.prog ads-fit -m 0 -p "$T/pp.json" \
		    "$F/mixed.jsonl" "$F/shapes.jsonl" >"$T/pp.out" 2>/dev/null ||
		    { bad="$bad [exit: $prompt]"; continue; }
		task=$(tail -n 1 "$T/pp.prog" | jq -r '.task')
		ids=$(jq -r '.id' "$T/pp.out" | tr '\n' ' ')
		case $task in
		text-classification | token-classification | \
		    question-answering | summarization | translation | \
		    conversational | text-generation | code) ;;
		*) bad="$bad [task $task: $prompt]" ;;
		esac
		sub=$(tail -n 1 "$T/pp.prog" | jq -r '.task_id')
		case $task/$sub in
		text-classification/sentiment-classification)
			jq -e 'select(.source == "github" or
			    .source == "kaggle" or .source == "arxiv" or
			    .source == "wikipedia")' "$T/pp.out" >/dev/null &&
			    bad="$bad [sentiment kept a README: $prompt]"
			;;
		conversational/*)
			test "$ids" = "t:1 " || bad="$bad [dialogue $ids: $prompt]"
			;;
		question-answering/*)
			test "$ids" = "q:1 " || bad="$bad [qa $ids: $prompt]"
			;;
		esac
	done <"$T/prompts"
	if test "$np" -gt 20 && test -z "$bad"; then
		ok "the table's $np prompts: known tasks, each keeping to its forms"
	else
		not_ok "the table's prompts" "$np prompts;$bad"
	fi
else
	skip "the table's prompts" "ads-plan is not built"
fi
