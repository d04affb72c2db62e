#!/bin/sh
# t0060-field -- -T, the text's place, in every refine tool: the same
# records with their text in "text", in ".review_body" and in
# ".messages[].content" give the same results, the field's place aside;
# scrub rewrites every string the paths reach; a run in which no record
# has the field warns and exits 1; a bad path is a usage error.
. "$(dirname "$0")/lib.sh"
checks 36

TOOLS="ads-scrub ads-dedup ads-score ads-split ads-fit ads-label ads-export"
for t in $TOOLS; do
	if ! have_tool "$t"; then
		skip "-T" "$t is not built"
		exit 0
	fi
done
if ! command -v jq >/dev/null; then
	skip "-T" "jq is not installed"
	exit 0
fi
PLAN=$FIXTURES/fit/plan-sentiment.json

# The input: fixtures of every kind (prose, PII, forms), and copies of
# some with new ids, for ads-dedup to find.
cat "$FIXTURES/records.jsonl" "$FIXTURES/fit/mixed.jsonl" \
    "$FIXTURES/scrub/labeled.jsonl" "$FIXTURES/score/prose.jsonl" \
    >"$T/base.jsonl"
head -n 6 "$FIXTURES/records.jsonl" | jq -c '.id += ":copy"' \
    >>"$T/base.jsonl"
jq -c '. + {review_body: .text} | del(.text)' "$T/base.jsonl" \
    >"$T/rb.jsonl"
jq -c '. + {messages: [{role: "user", content: .text}]} | del(.text)' \
    "$T/base.jsonl" >"$T/msg.jsonl"
nrec=$(wc -l <"$T/base.jsonl")

# back FORM -- a record of form FORM with its text back in "text", keys
# sorted, then $CMP (jq) applied: what the three forms are compared on.
CMP=.
back() {
	case $1 in
	base)	jq -cS "$CMP" ;;
	rb)	jq -cS 'if has("review_body") then . + {text: .review_body} |
		    del(.review_body) else . end' | jq -cS "$CMP" ;;
	msg)	jq -cS 'if has("messages") then
		    . + {text: .messages[0].content} | del(.messages)
		    else . end' | jq -cS "$CMP" ;;
	esac
}

# same NAME TOOL ARGS... -- TOOL ARGS on the three forms (-T text,
# -T .review_body, -T '.messages[].content'): equal records, equal
# summaries, exit 0.  Each output is kept in $T/NAME.FORM.
same() {
	sm_name=$1
	shift
	sm_bad=
	for f in base rb msg; do
		case $f in
		base)	p=text ;;
		rb)	p=.review_body ;;
		msg)	p='.messages[].content' ;;
		esac
		"$@" -T "$p" "$T/$f.jsonl" >"$T/$sm_name.$f.raw" \
		    2>"$T/$sm_name.$f.err"
		rc=$?
		test $rc -eq 0 || sm_bad="$sm_bad $f:exit=$rc"
		back $f <"$T/$sm_name.$f.raw" >"$T/$sm_name.$f"
	done
	if test -n "$sm_bad"; then
		not_ok "$sm_name: three forms" "$sm_bad" \
		    "$(head -c 600 "$T/$sm_name.msg.err")"
	elif ! test -s "$T/$sm_name.base"; then
		not_ok "$sm_name: three forms: no output"
	elif ! cmp -s "$T/$sm_name.base" "$T/$sm_name.rb"; then
		not_ok "$sm_name: .review_body differs from text" \
		    "$(diff "$T/$sm_name.base" "$T/$sm_name.rb" | cut -c1-300 |
		    head -n 6)"
	elif ! cmp -s "$T/$sm_name.base" "$T/$sm_name.msg"; then
		not_ok "$sm_name: .messages[].content differs from text" \
		    "$(diff "$T/$sm_name.base" "$T/$sm_name.msg" |
		    cut -c1-300 | head -n 6)"
	elif test "$CMP" = . && {
	    ! cmp -s "$T/$sm_name.base.err" "$T/$sm_name.rb.err" ||
	    ! cmp -s "$T/$sm_name.base.err" "$T/$sm_name.msg.err"; }; then
		not_ok "$sm_name: summaries differ" \
		    "$(cat "$T/$sm_name.base.err" "$T/$sm_name.msg.err")"
	else
		ok "$sm_name: text, .review_body, .messages[].content agree ($(wc -l <"$T/$sm_name.base") records)"
	fi
}

same scrub ads-scrub
grep -q '"pii":{"email"' "$T/scrub.msg.raw" &&
    grep -q '"content":"[^"]*<EMAIL>' "$T/scrub.msg.raw" &&
    ! grep -q '"review_body":"[^"]*@example\.org' "$T/scrub.rb.raw" &&
    ok "scrub: nested strings are scrubbed" ||
    not_ok "scrub: nested strings are scrubbed" \
    "$(head -c 600 "$T/scrub.msg.raw")"
same dedup ads-dedup
test "$(wc -l <"$T/dedup.base")" -lt "$nrec" &&
    ok "dedup: the copies are found ($nrec in)" ||
    not_ok "dedup: the copies are found" "$(cat "$T/dedup.base.err")"
same dedup-exact ads-dedup -e
same score ads-score -k
jq -se 'map(select(.quality > 0.5)) | length > 20' \
    "$T/score.msg.raw" >/dev/null &&
    jq -se 'map(select(.lang == "und")) | length < 10' \
    "$T/score.msg.raw" >/dev/null &&
    ok "score: nested text is scored" ||
    not_ok "score: nested text is scored"
same score-min ads-score -m 0.3
test -s "$T/score-min.msg" && ok "score -m 0.3: nested records kept" ||
    not_ok "score -m 0.3: nested records kept"
# A record with "messages" is a thread (its shape says so): the forms
# differ there, the relevance of the text does not.
CMP='del(.fit.form, .fit.dropped)'
same fit-relevance ads-fit -k -p "$PLAN"
CMP=.
same label ads-label -M none -p "$PLAN"
for s in train validation test; do
	for f in base rb msg; do
		case $f in
		base)	p=text ;;
		rb)	p=.review_body ;;
		msg)	p='.messages[].content' ;;
		esac
		ads-split -S 7 -o "$T/sp-$f" -T "$p" "$T/$f.jsonl" \
		    2>/dev/null
		back $f <"$T/sp-$f-$s.jsonl" >"$T/sp-$f-$s"
	done
	cmp -s "$T/sp-base-$s" "$T/sp-rb-$s" &&
	    cmp -s "$T/sp-base-$s" "$T/sp-msg-$s" &&
	    test -s "$T/sp-base-train" &&
	    ok "split: $s is the same for the three forms" ||
	    not_ok "split: $s is the same for the three forms"
done

for f in base rb msg; do
	case $f in
	base)	p=text ;;
	rb)	p=.review_body ;;
	msg)	p='.messages[].content' ;;
	esac
	ads-export -f jsonl -o "$T/ex-$f" -T "$p" "$T/$f.jsonl" 2>/dev/null
	back $f <"$T/ex-$f/data/train-00000-of-00001.jsonl" >"$T/ex-$f.out"
done
test -s "$T/ex-base.out" && cmp -s "$T/ex-base.out" "$T/ex-rb.out" &&
    cmp -s "$T/ex-base.out" "$T/ex-msg.out" &&
    ok "export: the rows are the same for the three forms" ||
    not_ok "export: the rows are the same for the three forms"

# Several strings: a chat's turns.  Scrub rewrites each, roles and all
# else untouched; the readers see the turns joined by a newline.
cat >"$T/chat.jsonl" <<'EOT'
{"id":"c1","source":"s","messages":[{"role":"user","content":"Mail bob@example.com please."},{"role":"assistant","content":"Done; alice@example.org has it."}],"meta":{"note":"x@example.net"}}
{"id":"c2","source":"s","messages":[],"meta":{"note":"call 415 555 0132"}}
EOT
ads-scrub -T '.messages[].content,.meta.note' "$T/chat.jsonl" \
    >"$T/chat.out" 2>"$T/chat.err"
rc=$?
jq -r '[.messages[].content, .messages[].role, .meta.note] | join("|")' \
    "$T/chat.out" >"$T/chat.txt"
printf '%s\n' 'Mail <EMAIL> please.|Done; <EMAIL> has it.|user|assistant|<EMAIL>' \
    'call <PHONE>' >"$T/chat.want"
test $rc -eq 0 && cmp -s "$T/chat.want" "$T/chat.txt" &&
    ok "scrub: every string of -T '.messages[].content,.meta.note'" ||
    not_ok "scrub: every string of several paths" "exit $rc" \
    "$(cat "$T/chat.txt" "$T/chat.err")"
ads-scrub -T '.messages[1].content' "$T/chat.jsonl" |
    jq -r '.messages[0].content' | grep -q 'bob@example.com' &&
    ads-scrub -T '.messages[1].content' "$T/chat.jsonl" |
    jq -r '.messages[1].content' | grep -q '<EMAIL>' &&
    ok "scrub: [N] reaches one element" ||
    not_ok "scrub: [N] reaches one element"
# Quoted names: members whose names hold '.', ',' or '['.
echo '{"id":"q","source":"s","a.b":"mail x@example.com","c,d":{"e":"y@example.com"},"f":{"g[0]":"z@example.com"}}' |
    ads-scrub -T '."a.b",["c,d"].e,.f."g[0]"' 2>/dev/null |
    jq -r '[."a.b", ."c,d".e, .f."g[0]"] | join("|")' >"$T/q.txt"
echo 'mail <EMAIL>|<EMAIL>|<EMAIL>' >"$T/q.want"
cmp_out 'scrub: quoted names ."a.b", ["c,d"]' "$T/q.want" "$T/q.txt"
# score: two turns read as one text, joined by a newline.
jq -c '{id, source, text: ([.messages[].content] | join("\n"))}' \
    "$T/chat.jsonl" | ads-score -k -l en 2>/dev/null |
    jq -cS '{quality, signals}' >"$T/j1"
ads-score -k -l en -T '.messages[].content' "$T/chat.jsonl" 2>/dev/null |
    jq -cS '{quality, signals}' >"$T/j2"
test -s "$T/j1" && cmp_out "score: turns are joined by a newline" \
    "$T/j1" "$T/j2" || not_ok "score: turns are joined: no output"

# No record has the field: a warning, exit 1, records written as before.
for t in $TOOLS; do
	case $t in
	ads-fit)	a="-p $PLAN" ;;
	ads-label)	a="-M none -p $PLAN" ;;
	ads-export)	rm -rf "$T/exo"; a="-o $T/exo" ;;
	*)		a= ;;
	esac
	# shellcheck disable=SC2086
	$t $a -T .review_body "$T/base.jsonl" >"$T/nf.out" 2>"$T/nf.err"
	rc=$?
	if test $rc -eq 1 &&
	    grep -q "no record has a string at .review_body" "$T/nf.err"; then
		ok "$t: no record has -T's field: warning, exit 1"
	else
		not_ok "$t: no record has -T's field" "exit $rc" \
		    "$(cat "$T/nf.err")"
	fi
	# shellcheck disable=SC2086
	expect_code 2 "$t: a bad path is a usage error" \
	    $t $a -T '.messages[x]' "$T/base.jsonl"
done
ads-dedup -T .nosuch "$T/base.jsonl" >"$T/nk.out" 2>"$T/nk.err"
grep -q "^ads-dedup: $nrec in, $nrec kept," "$T/nk.err" &&
    test "$(wc -l <"$T/nk.out")" -eq "$nrec" &&
    ok "dedup: records without the key count as kept" ||
    not_ok "dedup: records without the key count as kept" \
    "$(cat "$T/nk.err")"
# The default text path keeps its fast path.
ADS_PROGRESS=$T/prog ads-score "$T/base.jsonl" >/dev/null 2>&1
grep -q '"fastpath":[1-9]' "$T/prog" && ok "score: text keeps the fast path" ||
    not_ok "score: text keeps the fast path" "$(tail -n 1 "$T/prog")"
# A member whose name holds NUL is rewritten in place, not beside a
# member of the name cut at the NUL.
printf '%s\n' '{"id":"1","source":"s","text":"t","a\u0000b":[{"content":"mail jo@example.com"}]}' |
    ads-scrub -T '[][].content' 2>/dev/null >"$T/nul.out"
jq -e 'keys == ["a\u0000b", "id", "pii", "source", "text"] and
    .["a\u0000b"][0].content == "mail <EMAIL>"' "$T/nul.out" >/dev/null &&
    ok "scrub: a member named with NUL keeps its name" ||
    not_ok "scrub: a member named with NUL keeps its name" "$(cat "$T/nul.out")"
