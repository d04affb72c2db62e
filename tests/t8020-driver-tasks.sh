#!/bin/sh
# t8020-driver-tasks -- ads on plans of pair tasks, against the replay
# server (scripts/demo): keyless runs keep the pairs the sources hold
# and the card says the task needed an LLM; with the fake LLM
# (tests/fakesynth.py) ads-synth makes the rest; rows of one record
# never straddle splits.
. "$(dirname "$0")/lib.sh"
checks 9

for t in ads ads-plan ads-scrub ads-synth ads-dedup ads-score ads-split \
    ads-export ads-fetch-arxiv ads-fetch-wikipedia ads-fetch-github; do
	if ! have_tool "$t"; then
		skip "driver with task plans" "$t is not built"
		exit 0
	fi
done
unset OPENAI_API_KEY ANTHROPIC_API_KEY GEMINI_API_KEY OPENROUTER_API_KEY \
    ADS_LLM_URL ADS_LLM_KEY ADS_LLM_MODEL
ADS_HTTP_RETRIES=1
ADS_HTTP_BACKOFF=0.05
SOURCE_DATE_EPOCH=1764028800
export ADS_HTTP_RETRIES ADS_HTTP_BACKOFF SOURCE_DATE_EPOCH
demo() {
	ADS_BUILD=$BUILD sh "$TOP/scripts/demo" "$@"
}
# leaks DIR -- context_id values found in more than one split.
leaks() {
	cat "$1"/data/*.jsonl | jq -r 'select(.context_id) |
	    "\(.context_id) \(.split)"' | sort -u |
	    awk '{ n[$1]++ } END { for (k in n) if (n[k] > 1) c++; print c + 0 }'
}

# Summarization, keyless: arXiv abstracts and titles, GitHub issues; the
# Reddit posts are passages that only an LLM would summarize.
jq -n '{version: 2, task: "summarization", task_id: null,
    prompt: "summaries of software testing papers and issues",
    languages: ["en"], keywords: ["testing"], target_rows: 30,
    sources: {arxiv: {queries: ["testing"], limit: 20},
              github: {queries: ["kubernetes"], limit: 10},
              reddit: {queries: ["sourdough starter"], limit: 10}}}' \
    >"$T/plan"
# shellcheck disable=SC2016
demo sh -c 'exec ads -P none -f jsonl -w arxiv,github,reddit -p "$0" \
    -n 30 -o "$1"' "$T/plan" "$T/s" >"$T/sum" 2>"$T/err"
rc=$?
n=$(cat "$T"/s/data/*.jsonl 2>/dev/null | jq -c 'select((.document |
    type) == "string" and (.summary | type) == "string" and
    (.summary | length) < (.document | length) and
    (.context_id | type) == "string" and (.source | type) == "string")' |
    wc -l)
all=$(cat "$T"/s/data/*.jsonl 2>/dev/null | wc -l)
if test $rc -eq 0 && test "$n" -ge 20 && test "$n" -eq "$all"; then
	ok "keyless summarization: $n rows, all in the task's columns"
else
	not_ok "keyless summarization: rows in the task's columns" \
	    "exit $rc, $n of $all" "$(tail -n 5 "$T/err")" "$(cat "$T/sum")"
fi
grep -q 'ads-synth -M none -p' "$T/s/.ads/stage/synth.jsonl.stamp" &&
    grep -q 'ads-dedup -k document' "$T/s/.ads/stage/dedup.jsonl.stamp" &&
    grep -q 'ads-split .* -g context_id' "$T/s/.ads/stage/split.jsonl.stamp" &&
    ok "the driver runs ads-synth, dedups on the document, groups by context" ||
    not_ok "the driver runs ads-synth, dedups on the document, groups by context"
l=$(leaks "$T/s")
test "$l" -eq 0 && ok "keyless: no context_id in two splits" ||
    not_ok "keyless: no context_id in two splits" "$l"
if grep -q '^## Task$' "$T/s/README.md" &&
    grep -q 'This task needed an LLM for more rows: none was configured' \
    "$T/s/README.md" &&
    sed -n '/^task_categories:/{n;p;}' "$T/s/README.md" |
    grep -qx -- '- summarization'; then
	ok "the card says the task needed an LLM"
else
	not_ok "the card says the task needed an LLM" \
	    "$(sed -n '/## Task/,/## /p' "$T/s/README.md")"
fi

# Question answering with the fake LLM: rows made from the passages.
python3 "$TOP/tests/fakesynth.py" -p "$T/fake.port" 2>"$T/fake.err" &
FAKE=$!
trap 'kill $FAKE 2>/dev/null; wait $FAKE 2>/dev/null; rm -rf "$T"' EXIT
i=0
while ! test -s "$T/fake.port" && test $i -lt 200; do
	i=$((i + 1))
	sleep 0.05
done
L=http://127.0.0.1:$(cat "$T/fake.port")/right
jq '.task = "question-answering" | .task_id = "extractive-qa" |
    .sources = {arxiv: {queries: ["testing"], limit: 20}}' "$T/plan" \
    >"$T/plan2"
# The demo clears the LLM settings (for the planner): set them inside.
# shellcheck disable=SC2016
demo sh -c 'ADS_LLM_URL=$2 exec ads -P none -f parquet -w arxiv -p "$0" \
    -n 40 -o "$1"' "$T/plan2" "$T/q" "$L" >"$T/sum" 2>"$T/err"
rc=$?
jq -c 'select(.meta.synth)' "$T/q/.ads/stage/split.jsonl" >"$T/qa" 2>/dev/null
n=$(jq -c 'def fold: ascii_downcase | gsub("\\s+"; " ");
    select((.answer | fold) as $a | (.context | fold | contains($a)) and
    (.question | length) > 0 and (.context_id | type) == "string")' \
    "$T/qa" | wc -l)
if test $rc -eq 0 && test "$n" -ge 40 && test "$n" -eq "$(wc -l <"$T/qa")"; then
	ok "with an LLM: $n question-answer rows, every answer in its context"
else
	not_ok "with an LLM: question-answer rows, every answer in its context" \
	    "exit $rc, $n" "$(tail -n 5 "$T/err")" "$(cat "$T/sum")"
fi
l=$(jq -r '"\(.context_id) \(.split)"' "$T/q/.ads/stage/split.jsonl" |
    sort -u | awk '{ n[$1]++ } END { for (k in n) if (n[k] > 1) c++;
    print c + 0 }')
test "$l" -eq 0 && ok "with an LLM: no context_id in two splits" ||
    not_ok "with an LLM: no context_id in two splits" "$l"
if grep -q 'were made by the LLM `llm/' "$T/q/README.md" &&
    sed -n '/^task_ids:/{n;p;}' "$T/q/README.md" | grep -qx -- '- extractive-qa' &&
    test -f "$T/q/data/train-00000-of-00001.parquet"; then
	ok "the card names the LLM that made the rows, and the task id"
else
	not_ok "the card names the LLM that made the rows, and the task id" \
	    "$(sed -n '/## Task/,/## /p' "$T/q/README.md")"
fi

# The example plans run offline.
for ex in summarization qa; do
	# shellcheck disable=SC2016
	demo sh -c 'exec ads -P none -f jsonl -p "$0" -o "$1"' \
	    "$TOP/examples/$ex.json" "$T/ex-$ex" >"$T/sum" 2>"$T/err"
	rc=$?
	case $ex in
	summarization) col=summary ;;
	qa) col=answer ;;
	esac
	n=$(cat "$T"/ex-"$ex"/data/*.jsonl 2>/dev/null |
	    jq -c --arg c "$col" 'select(has($c) and has("context_id"))' |
	    wc -l)
	if test $rc -eq 0 && test "$n" -ge 1; then
		ok "examples/$ex.json: $n rows offline, without a key"
	else
		not_ok "examples/$ex.json: rows offline, without a key" \
		    "exit $rc, $n rows" "$(cat "$T/sum")"
	fi
done
