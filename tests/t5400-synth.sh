#!/bin/sh
# t5400-synth -- ads-synth: rows of every paired task generated from
# passages fetched through the replay server, by a fake LLM
# (tests/fakesynth.py), each checked; refusals counted per reason; the
# pairs the sources hold passed through; keyless runs; the estimate, the
# cache and the number of requests in flight.
. "$(dirname "$0")/lib.sh"
checks 27
. "$TOP/tests/replay/lib.sh"

if ! have_tool ads-synth || ! have_tool ads-fetch-arxiv; then
	skip "ads-synth" "not built"
	exit 0
fi
unset OPENAI_API_KEY ANTHROPIC_API_KEY GEMINI_API_KEY OPENROUTER_API_KEY \
    ADS_LLM_URL ADS_LLM_KEY ADS_LLM_MODEL ADS_LLM_PRICE ADS_PROGRESS
SOURCE_DATE_EPOCH=1700000000
ADS_HTTP_BACKOFF=0.01
export SOURCE_DATE_EPOCH ADS_HTTP_BACKOFF

FAKE_PID=
fake_stop() {
	if test -n "$FAKE_PID"; then
		kill "$FAKE_PID" 2>/dev/null
		wait "$FAKE_PID" 2>/dev/null
		FAKE_PID=
	fi
}
python3 "$TOP/tests/fakesynth.py" -p "$T/fake.port" 2>"$T/fake.err" &
FAKE_PID=$!
trap 'fake_stop; replay_stop; rm -rf "$T"' EXIT
i=0
while ! test -s "$T/fake.port"; do
	i=$((i + 1))
	if test "$i" -gt 200; then
		not_ok "fake server starts" "$(cat "$T/fake.err")"
		exit 0
	fi
	sleep 0.05
done
F=http://127.0.0.1:$(cat "$T/fake.port")
stat() {
	python3 -c 'import sys, urllib.request as u
print(u.urlopen(sys.argv[1]).read().decode())' "$F/stats" | jq ".$1"
}

# Passages: arXiv abstracts and a Wikipedia article, through the replay.
replay_start "$FIXTURES/http/tasks" "$FIXTURES/http/arxiv" \
    "$FIXTURES/http/wikipedia" || { not_ok "replay server"; exit 1; }
ADS_ARXIV_URL=$REPLAY_URL/arxiv ADS_ARXIV_INTERVAL=0 \
    ads-fetch-arxiv -n 8 -q testing >"$T/passages" 2>/dev/null
ADS_WIKIPEDIA_URL="$REPLAY_URL/wikipedia/{lang}" \
    ads-fetch-wikipedia -q espresso >>"$T/passages" 2>/dev/null
np=$(wc -l <"$T/passages")
test "$np" -eq 9 && ok "9 passages fetched offline" ||
    not_ok "9 passages fetched offline" "$np"

# plan TASK -- a version 2 plan in English and German.
plan() {
	jq -n --arg t "$1" '{version: 2, task: $t, languages: ["en", "de"],
	    sources: {}}' >"$T/plan"
}

# good TASK FILE -- every row has the task's columns and passes the
# checks, recomputed here; prints how many do.
good() {
	jq -c --arg t "$1" 'def fold: ascii_downcase | gsub("\\s+"; " ");
	    select((.context_id | type) == "string" and
	    (.source | type) == "string" and
	    (.meta.synth | startswith("llm:llm/")) and
	    (.context_id as $c | .id | startswith($c + "#synth-")) and
	    if $t == "question-answering" then
		((.answer | fold) as $a | .context | fold | contains($a)) and
		.text == .context and (.question | length) > 0
	    elif $t == "summarization" then
		(.summary | length) < (.document | length) and
		.text == .document
	    elif $t == "translation" then
		(.translation | keys) == ["de", "en"] and
		.text == .translation.en and
		(.translation.de | test("Kaffee")) and
		.meta.alignment == "synthetic"
	    elif $t == "conversational" then
		(.messages | length) >= 2 and ([.messages[].role] |
		to_entries | all(.value == (if .key % 2 == 0 then "user"
		else "assistant" end)))
	    elif $t == "code" then
		(.prompt | length) > 0 and (.code | length) > 0 and
		.text == .prompt
	    else false end)' "$2" | wc -l
}

for task in question-answering summarization translation conversational \
    code; do
	plan "$task"
	case $task in
	question-answering) want=27 ;;
	code) want=18 ;;
	*) want=9 ;;
	esac
	ADS_PROGRESS=$T/prog ADS_LLM_URL=$F/right ads-synth -p "$T/plan" \
	    "$T/passages" >"$T/rows" 2>"$T/err"
	rc=$?
	n=$(wc -l <"$T/rows")
	g=$(good "$task" "$T/rows")
	if test $rc -eq 0 && test "$n" -eq "$want" && test "$g" -eq "$n"; then
		ok "$task: $n rows, all in the task's columns and passing"
	else
		not_ok "$task: $n rows, all in the task's columns and passing" \
		    "exit $rc, $n rows, $g good, want $want" "$(cat "$T/err")" \
		    "$(head -c 800 "$T/rows")"
	fi
	tail -n 1 "$T/prog" | jq -e --argjson n "$want" '.phase == "done" and
	    .made == $n and .passages == 9 and .model == "llm/'"$(
	    tail -n 1 "$T/prog" | jq -r '.model | sub("^llm/"; "")')"'" and
	    .needs_llm == false' >/dev/null &&
	    ok "$task: progress counts" ||
	    not_ok "$task: progress counts" "$(tail -n 1 "$T/prog")"
done

# Refusals, counted per reason.
for task in question-answering summarization translation conversational \
    code; do
	plan "$task"
	ADS_PROGRESS=$T/prog ADS_LLM_URL=$F/bad ads-synth -p "$T/plan" \
	    "$T/passages" >"$T/rows" 2>"$T/err"
	case $task in
	question-answering) why=answer_not_in_context ;;
	summarization) why=summary_not_shorter ;;
	translation) why=wrong_language ;;
	conversational) why=bad_roles ;;
	code) why=not_code ;;
	esac
	if ! test -s "$T/rows" && tail -n 1 "$T/prog" | jq -e --arg w "$why" \
	    '.dropped[$w] == 9 and .made == 0' >/dev/null &&
	    grep -q "refused: 9 $why" "$T/err"; then
		ok "$task: every bad row refused as $why"
	else
		not_ok "$task: every bad row refused as $why" \
		    "$(tail -n 1 "$T/prog")" "$(head -c 400 "$T/rows")"
	fi
done
plan question-answering
ADS_LLM_URL=$F/mixed ads-synth -p "$T/plan" "$T/passages" >"$T/rows" \
    2>"$T/err"
n=$(wc -l <"$T/rows")
test "$n" -eq 27 && test "$(good question-answering "$T/rows")" -eq 27 &&
    ok "mixed answers: the good rows kept, the bad ones refused" ||
    not_ok "mixed answers: the good rows kept, the bad ones refused" "$n"
ADS_LLM_URL=$F/malformed ads-synth -p "$T/plan" "$T/passages" \
    >"$T/rows" 2>"$T/err"
test "$(wc -l <"$T/rows")" -eq 27 &&
    ok "an answer that is not JSON is asked again" ||
    not_ok "an answer that is not JSON is asked again" "$(cat "$T/err")"

# Pairs the sources hold go through; keyless runs keep them alone.
plan summarization
jq -c '. + {document: .text, summary: "A title of the record",
    context_id: .id}' "$T/passages" | head -n 2 >"$T/pairs"
cat "$T/pairs" "$T/passages" >"$T/in"
ADS_LLM_URL=$F/right ads-synth -p "$T/plan" "$T/in" >"$T/rows" 2>"$T/err"
head -n 2 "$T/rows" | cmp -s - "$T/pairs" &&
    test "$(wc -l <"$T/rows")" -eq 11 &&
    ok "rows already in the task's columns are written as they are" ||
    not_ok "rows already in the task's columns are written as they are"
ADS_PROGRESS=$T/prog ads-synth -p "$T/plan" "$T/in" >"$T/rows" 2>"$T/err"
rc=$?
if test $rc -eq 0 && cmp -s "$T/rows" "$T/pairs" &&
    tail -n 1 "$T/prog" | jq -e '.needs_llm == true and
    .dropped.no_llm == 9 and .model == null' >/dev/null &&
    grep -q 'no LLM configured: 9 passages' "$T/err"; then
	ok "keyless: the structural pairs alone, and it says an LLM was needed"
else
	not_ok "keyless: the structural pairs alone, and it says an LLM was needed" \
	    "exit $rc" "$(cat "$T/err")"
fi

# The estimate asks nothing.
before=$(stat requests)
ADS_LLM_URL=$F/right ads-synth -e -p "$T/plan" "$T/passages" >"$T/est" \
    2>"$T/err"
after=$(stat requests)
if test "$before" -eq "$after" && jq -e '.provider == "llm" and
    .passages == 9 and .requests == 9 and .input_tokens > 0 and
    .cost_usd == 0' "$T/est" >/dev/null; then
	ok "-e: the estimate, without a request"
else
	not_ok "-e: the estimate, without a request" "$(cat "$T/est" "$T/err")"
fi

# The cache answers a rerun: same bytes, no request.
ADS_CACHE=use ADS_CACHE_DIR=$T/cache ADS_LLM_URL=$F/right ads-synth \
    -p "$T/plan" "$T/passages" >"$T/c1" 2>/dev/null
before=$(stat requests)
ADS_CACHE=use ADS_CACHE_DIR=$T/cache ADS_LLM_URL=$F/right ads-synth \
    -p "$T/plan" "$T/passages" >"$T/c2" 2>/dev/null
after=$(stat requests)
test "$before" -eq "$after" && cmp -s "$T/c1" "$T/c2" && test -s "$T/c1" &&
    ok "a rerun is answered by the cache, byte for byte" ||
    not_ok "a rerun is answered by the cache, byte for byte" \
    "$before -> $after"
if grep -rq 'Bearer\|fixture-key' "$T/cache" 2>/dev/null; then
	not_ok "no credential in the cache"
else
	ok "no credential in the cache"
fi

# -j bounds the requests in flight.
plan conversational
python3 -c 'import urllib.request as u, sys
u.urlopen(sys.argv[1] + "/reset", data=b"")' "$F" 2>/dev/null
ADS_LLM_URL=$F/right ads-synth -j 2 -p "$T/plan" "$T/passages" \
    >/dev/null 2>&1
m=$(stat max_inflight)
test "$m" -le 2 && ok "-j 2: at most 2 requests in flight ($m)" ||
    not_ok "-j 2: at most 2 requests in flight" "$m"

expect_code 2 "no plan and no task: usage" ads-synth "$T/passages"
expect_code 2 "-t of an unknown task: usage" ads-synth -t nonsense \
    "$T/passages"
printf '{"id":"x","text":"%s"}\nnot json\n' \
    "$(head -c 300 /dev/zero | tr '\0' 'a' | sed 's/a\{5\}/word /g')" \
    >"$T/badin"
expect_code 1 "a malformed line: reported, exit 1" ads-synth -M none \
    -t summarization "$T/badin"
