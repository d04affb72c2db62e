#!/bin/sh
# t2500-label -- ads-label against a fake OpenAI-compatible server
# (tests/fakellm.py: right answers, answers outside the set, malformed
# JSON, 429 with Retry-After, timeouts, slow answers to count requests in
# flight), each provider's answer shape through the replay server, the
# recorded answers of ../shared/fixtures/llm, cache replay, the
# estimate, votes, distillation, token classification, and the keyless
# classifier on a real labelled set (Debian package sections).
# shellcheck disable=SC2016 # jq programs, quoted on purpose
. "$(dirname "$0")/lib.sh"
checks 90
. "$TOP/tests/replay/lib.sh"

if ! have_tool ads-label; then
	skip "ads-label" "not built"
	exit 0
fi
if ! command -v python3 >/dev/null; then
	skip "ads-label" "python3 is needed for the fake LLM server"
	exit 0
fi
unset OPENAI_API_KEY ANTHROPIC_API_KEY GEMINI_API_KEY OPENROUTER_API_KEY \
    ADS_LLM_URL ADS_LLM_MODEL ADS_LLM_KEY ADS_LLM_PRICE ADS_LLM_PRICES \
    ADS_PLAN_PRICE ADS_PLAN_PRICES ADS_LABEL_TIMEOUT
ADS_HTTP_BACKOFF=0.01
export ADS_HTTP_BACKOFF
KEY=sk-test-label-0123456789abcdef
SET=negative,neutral,positive

# The fake server.
FAKE_PID=
fake_stop() {
	if test -n "$FAKE_PID"; then
		kill "$FAKE_PID" 2>/dev/null
		wait "$FAKE_PID" 2>/dev/null
		FAKE_PID=
	fi
}
python3 "$TOP/tests/fakellm.py" -p "$T/fake.port" 2>"$T/fake.err" &
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
# fake GET|POST PATH -- ask the fake server itself (python3: no curl).
fake() {
	python3 -c 'import sys, urllib.request as u
d = b"" if sys.argv[1] == "POST" else None
print(u.urlopen(sys.argv[2], data=d).read().decode())' "$1" "$F$2"
}
requests() {
	fake GET /stats | jq .requests
}
reset() {
	fake POST /reset >/dev/null
}

cat >"$T/in.jsonl" <<'EOF'
{"id":"a","source":"reddit","text":"I love this phone, the battery is great"}
{"id":"b","source":"reddit","text":"awful screen, I hate it"}
{"id":"c","source":"news","text":"The company released its report on Tuesday."}
{"id":"d","source":"huggingface","text":"meh","label":"NEGATIVE"}
{"id":"e","source":"kaggle","text":"fine","label":"positive","label_source":"source:kaggle=5"}
{"id":"f","source":"huggingface","text":"so bad","label":"excellent"}
{"id":"g","source":"huggingface","text":"whatever","label":"pos"}
EOF

# label MODE ARGS... -- ads-label against the fake server in MODE.
label() {
	_m=$1
	shift
	ADS_LLM_URL=$F/$_m ads-label "$@" >"$T/out" 2>"$T/err"
}

label right -L $SET "$T/in.jsonl"
check "right: exit 0" test $? -eq 0
check "right: labels from the answers" jq -se '
    map(.label) == ["positive", "negative", "neutral", "negative",
	"positive", "negative", "positive"]' "$T/out"
check "right: LLM labels say who gave them, score 1" jq -se '
    [.[0,1,2,5] | .label_source == "llm:llm/default" and
	.label_score == 1] | all' "$T/out"
check "right: a plain source label in the set becomes source:" jq -se '
    .[3] | .label == "negative" and
    .label_source == "source:huggingface=NEGATIVE" and .label_score == 1' \
    "$T/out"
sed -n 5p "$T/in.jsonl" >"$T/want"
sed -n 5p "$T/out" >"$T/got"
cmp_out "right: a source: record is written as it was" "$T/want" "$T/got"
check "right: a source label outside the set is relabelled" jq -se '
    .[5].label_source | startswith("llm:")' "$T/out"
check "right: a source label that begins one label names it" jq -se '
    .[6] | .label == "positive" and
    .label_source == "source:huggingface=pos"' "$T/out"
check "right: one request for six records" test "$(requests)" -eq 1

# A version 1 sentiment plan gets the default set; a plan without a set
# for a classification task is a usage error.
printf '{"version":1,"task":"sentiment-analysis","prompt":"x"}\n' \
    >"$T/plan1.json"
label right -p "$T/plan1.json" "$T/in.jsonl"
check "v1 sentiment plan: default set" jq -se '
    map(.label) | .[0:3] == ["positive", "negative", "neutral"]' "$T/out"
printf '{"version":2,"task":"text-classification","labels":[]}\n' \
    >"$T/plan0.json"
label right -p "$T/plan0.json" "$T/in.jsonl"
rc=$?
check "plan without labels: records unchanged, exit 0" sh -c '
    test "$3" -eq 0 && cmp -s "$1" "$2"' sh "$T/in.jsonl" "$T/out" "$rc"
check "plan without labels: said" grep -q \
    'no label set (labels) of two or more: records written unchanged' \
    "$T/err"
expect_code 2 "neither -p nor -L: usage error" ads-label "$T/in.jsonl"
printf '{"version":2,"task":"summarization","labels":[]}\n' \
    >"$T/plansum.json"
label right -p "$T/plansum.json" "$T/in.jsonl"
check "another task: records unchanged" cmp "$T/in.jsonl" "$T/out"

# Answers outside the set: asked again, then unlabelled, never guessed.
reset
label outside -L $SET "$T/in.jsonl"
check "outside once: the retry labels" jq -se '
    [.[0,1,2] | .label_source == "llm:llm/default"] | all' "$T/out"
check "outside once: two requests" test "$(requests)" -eq 2
reset
label outside-always -L $SET "$T/in.jsonl"
check "outside always: none:outside-the-set, label null" jq -se '
    [.[0,1,2,5] | .label == null and
	.label_source == "none:outside-the-set" and .label_score == 0] |
    all' "$T/out"
check "outside always: asked three times" test "$(requests)" -eq 3
label malformed -L $SET "$T/in.jsonl"
check "malformed JSON: none:invalid-answer" jq -se '
    [.[0,1,2] | .label_source == "none:invalid-answer"] | all' "$T/out"

# 429 with Retry-After: waited for, then answered.
reset
s0=$(date +%s)
label ratelimit -L $SET "$T/in.jsonl"
rc=$?
s1=$(date +%s)
check "429: labelled after the wait" jq -se '
    [.[0,1,2] | .label_source == "llm:llm/default"] | all' "$T/out"
check "429: two requests, exit 0" test "$(requests)" -eq 2 -a "$rc" -eq 0
check "429: Retry-After honoured" test $((s1 - s0)) -ge 1

# A server that never answers in time: unlabelled, exit 4.
ADS_LABEL_TIMEOUT=0.3 label timeout -L $SET "$T/in.jsonl"
rc=$?
check "timeout: exit 4" test "$rc" -eq 4
check "timeout: none:transport-error" jq -se '
    [.[0,1,2] | .label_source == "none:transport-error"] | all' "$T/out"

# Throughput: bounded by the server, not by ads-label.
awk 'BEGIN { for (i = 0; i < 1000; i++)
    printf "{\"id\":\"%d\",\"source\":\"t\",\"text\":\"text %d is %s\"}\n", i, i,
	(i % 3 == 0 ? "good" : i % 3 == 1 ? "bad" : "plain") }' \
    >"$T/many.jsonl"
reset
label slow -j 64 -b 10 -L $SET "$T/many.jsonl"
inflight=$(fake GET /stats | jq .max_inflight)
check "concurrency: at least 50 requests in flight (got $inflight)" \
    test "$inflight" -ge 50
check "concurrency: 100 requests, all labelled" sh -c '
    test "$(jq -r .label_source "$1" | sort -u)" = "llm:llm/default" &&
    test "$(wc -l <"$1")" -eq 1000' sh "$T/out"

# The cache: a rerun makes no request and writes the same bytes.
reset
ADS_CACHE=use ADS_CACHE_DIR=$T/cache ADS_LLM_URL=$F/right \
    ads-label -L $SET "$T/many.jsonl" >"$T/c1" 2>/dev/null
n1=$(requests)
ADS_CACHE=use ADS_CACHE_DIR=$T/cache ADS_LLM_URL=$F/right \
    ads-label -L $SET "$T/many.jsonl" >"$T/c2" 2>"$T/err"
n2=$(requests)
check "cache: first run asks ($n1 requests)" test "$n1" -eq 50
check "cache: the rerun makes no request" test "$n2" -eq "$n1"
cmp_out "cache: the rerun writes the same bytes" "$T/c1" "$T/c2"
check "cache: the summary says so" grep -q '50 cached' "$T/err"
# Requests are made 16 windows of 4 * -j at a time: with -j 1 -b 3, the
# 1000 records go in 16 parts of 192; the same requests, the same bytes.
reset
ADS_CACHE=off ADS_LLM_URL=$F/right ads-label -j 1 -b 3 -L $SET \
    "$T/many.jsonl" >"$T/c3" 2>"$T/err"
check "in parts: 334 requests, each record asked once" \
    test "$(requests)" -eq 334
ADS_CACHE=off ADS_LLM_URL=$F/right ads-label -b 3 -L $SET \
    "$T/many.jsonl" >"$T/c4" 2>/dev/null
cmp_out "in parts: the same bytes as at once" "$T/c4" "$T/c3"

# The estimate: tokens, requests and cost, and nothing else.
reset
env OPENAI_API_KEY=$KEY ADS_OPENAI_URL="$F/right" ads-label -e -L $SET \
    "$T/many.jsonl" >"$T/out" 2>"$T/err"
check "estimate: one JSON line with requests, tokens and cost" jq -se '
    length == 1 and .[0].provider == "openai" and
    .[0].model == "gpt-4o-mini" and .[0].requests == 50 and
    .[0].records == 1000 and .[0].input > 1000 and
    .[0].output == 12500 and .[0].cost_usd > 0 and
    .[0].prices == "2025-06"' "$T/out"
check "estimate: no request made" test "$(requests)" -eq 0
check "estimate: a line for people" grep -q \
    'estimate: openai/gpt-4o-mini: 1000 records, 50 requests' "$T/err"
env OPENAI_API_KEY=$KEY ADS_LLM_PRICE=10,20 ads-label -e -b 100 -k 2 \
    -L $SET "$T/many.jsonl" >"$T/out" 2>/dev/null
check "estimate: ADS_LLM_PRICE, -b and -k" jq -e '
    .requests == 20 and .output == 24200 and
    .cost_usd == ((.input * 10 + .output * 20) / 1e6 |
	. * 1e6 | round / 1e6)' "$T/out"
ads-label -e -M none -L $SET "$T/many.jsonl" >"$T/out" 2>/dev/null
check "estimate: keyless costs nothing" jq -e '.requests == 0 and
    .cost_usd == 0' "$T/out"

# Votes: the third sample says neutral; the score is the share agreeing.
label split -k 3 -L $SET "$T/in.jsonl"
check "votes: majority label, score 2/3" jq -se '
    .[0].label == "positive" and .[0].label_score == 0.667 and
    .[2].label == "neutral" and .[2].label_score == 1' "$T/out"
label split -k 3 -m 0.8 -L $SET "$T/in.jsonl"
check "votes: below -m unlabelled" jq -se '
    .[0].label == null and .[0].label_source == "none:low-agreement" and
    .[2].label == "neutral"' "$T/out"
label split -k 3 -m 0.8 -d -L $SET "$T/in.jsonl"
check "votes: below -m dropped with -d" jq -se '
    map(.id) == ["c", "d", "e", "g"]' "$T/out"

# Votes from several models: one request each, at temperature 0.
reset
ADS_PROGRESS=$T/progm label split -M llm:m1,llm:m2,llm:dissent -L $SET \
    "$T/in.jsonl"
check "models: each votes once" test "$(requests)" -eq 3
check "models: the score is the share of models that agree" jq -se '
    .[0].label == "positive" and .[0].label_score == 0.667 and
    .[0].label_source == "llm:llm/m1+llm/m2+llm/dissent" and
    .[2].label_score == 1' "$T/out"
check "models: the stats name them all" sh -c '
    tail -n 1 "$1" | jq -e ".model == \"llm/m1+llm/m2+llm/dissent\" and
	.estimate.requests == 3 and .votes == 3"' sh "$T/progm"
expect_code 2 "models: an unknown one is a usage error" \
    ads-label -M llm:a,nosuch -L $SET "$T/in.jsonl"

# Distil: the LLM labels a sample, the classifier the rest.
reset
ADS_PROGRESS=$T/prog ADS_LLM_URL=$F/right ads-label -n 200 -L $SET \
    "$T/many.jsonl" >"$T/out" 2>"$T/err"
check "distil: 10 requests for 200 of 1000 records" test "$(requests)" -eq 10
check "distil: agreement reported and used" sh -c '
    tail -n 1 "$1" | jq -e ".distil.sample == 200 and
	.distil.held_out == 40 and .distil.agreement >= 0.9 and
	.distil.used == true"' sh "$T/prog"
check "distil: the rest labelled by the classifier, right" jq -se '
    (map(select(.label_source | startswith("classifier:distil="))) |
	length == 800) and
    (map(select(.label_source | startswith("classifier:")) |
	.text as $t | ($t | test("good")) and .label == "positive" or
	($t | test("bad")) and .label == "negative" or
	($t | test("plain")) and .label == "neutral") | all)' "$T/out"
expect_code 2 "distil: a bar above 1 is a usage error" \
    env ADS_LLM_URL="$F/right" ads-label -n 200 -a 1.5 -L $SET \
    "$T/many.jsonl"

# At scale: 100000 records distilled from a sample of 5000 cost the
# requests of the sample only (a million would cost the same).
awk 'BEGIN { for (i = 0; i < 100000; i++)
    printf "{\"id\":\"%d\",\"source\":\"t\",\"text\":\"record %d\"}\n", i, i }' \
    >"$T/big.jsonl"
env OPENAI_API_KEY=$KEY ads-label -e -n 5000 -L $SET "$T/big.jsonl" \
    >"$T/out" 2>/dev/null
check "distil at scale: 250 requests for 100000 records" jq -e '
    .records == 5000 and .requests == 250 and .cost_usd < 0.1' "$T/out"
rm -f "$T/big.jsonl"

# Stats for the card.
check "stats: counts per label source, model, prompt, estimate, cost" sh -c '
    tail -n 1 "$1" | jq -e ".phase == \"done\" and
	.label_sources[\"llm:llm/default\"].positive > 0 and
	.model == \"llm/default\" and
	(.prompt_template | test(\"exactly one label\")) and
	.estimate.requests == 10 and .cost.input == 1000 and
	.cost.usd == 0"' sh "$T/prog"

# Token classification: tokens and IOB2 tags; spans must match.
printf '{"version":2,"task":"token-classification","labels":[{"name":"PER","description":"a person"}]}\n' \
    >"$T/ner.json"
printf '{"id":"n1","source":"t","text":"Yesterday Ada met Grace Hopper in town."}\n' \
    >"$T/ner.jsonl"
label right -p "$T/ner.json" "$T/ner.jsonl"
check "tokens: IOB2 tags from matching spans" jq -e '
    .tokens == ["Yesterday", "Ada", "met", "Grace", "Hopper", "in",
	"town", "."] and
    .tags == ["O", "B-PER", "O", "B-PER", "B-PER", "O", "O", "O"] and
    .label_source == "llm:llm/default"' "$T/out"
label badspan -p "$T/ner.json" "$T/ner.jsonl"
check "tokens: a span not in the text is rejected" jq -e '
    .label_source == "none:span-mismatch" and (has("tags") | not)' \
    "$T/out"
fake_stop

# Each provider's answer shape, through the replay server.
replay_start "$FIXTURES/http/label" || exit 1
head -n 3 "$T/in.jsonl" >"$T/three.jsonl"
for p in openai anthropic gemini openrouter llm; do
	case $p in llm) d=compat ;; *) d=$p ;; esac
	env OPENAI_API_KEY=$KEY ANTHROPIC_API_KEY=$KEY GEMINI_API_KEY=$KEY \
	    OPENROUTER_API_KEY=$KEY ADS_LLM_URL="$REPLAY_URL/label/$d" \
	    ADS_OPENAI_URL="$REPLAY_URL/label/$d" \
	    ADS_ANTHROPIC_URL="$REPLAY_URL/label/$d" \
	    ADS_GEMINI_URL="$REPLAY_URL/label/$d" \
	    ADS_OPENROUTER_URL="$REPLAY_URL/label/$d" \
	    ADS_PROGRESS="$T/prog-$p" \
	    ads-label -M "$p" -L $SET "$T/three.jsonl" >"$T/out" 2>"$T/err"
	check "$p: labels read from its answer shape" jq -se --arg p "$p" '
	    map(.label) == ["positive", "negative", "neutral"] and
	    (.[0].label_source | startswith("llm:" + $p + "/"))' "$T/out"
	check "$p: structured output asked" sh -c '
	    tail -n 1 "$1" | jq -e --arg p "$2" ".body | fromjson |
		if \$p == \"anthropic\" then .tool_choice.name == \"labels\"
		elif \$p == \"gemini\" then
		    .generationConfig.responseSchema.type == \"OBJECT\"
		else .response_format.json_schema.schema.properties.labels
		    .items.properties.label.enum ==
		    [\"negative\", \"neutral\", \"positive\"] end"' \
	    sh "$REPLAY_LOG" "$p"
done
check "the key is never written" sh -c '! grep -rq "$1" "$2"/out "$2"/prog-*' \
    sh "$KEY" "$T"
check "cost from the reported usage" sh -c '
    tail -n 1 "$1" | jq -e ".cost.input == 412 and
	.cost.output == 31 and .cost.usd > 0"' sh "$T/prog-openai"
if have_tool ads-export && have_tool ads-split; then
	ads-split <"$T/out" 2>/dev/null >"$T/split3.jsonl"
	ads-export -o "$T/ds3" -f jsonl -S "$T/prog-openai" \
	    <"$T/split3.jsonl" 2>/dev/null
	check "card: model, prompt, estimate and cost" sh -c '
	    grep -q "^| llm:openai/gpt-4o-mini | positive | 1 |\$" "$1" &&
	    grep -q "^Model: .openai/gpt-4o-mini.\.\$" "$1" &&
	    grep -q "^Estimate: 1 requests, about [0-9]* input and 46 output tokens, \\\$0\.0" "$1" &&
	    grep -q "^Cost: 412 input and 31 output tokens" "$1" &&
	    grep -q "^- positive\$" "$1"' sh "$T/ds3/README.md"
fi
replay_stop

# The recorded answers of real providers hold no labels: read, and no
# record labelled from them.
if need_shared "recorded LLM answers" 10; then
	L=$SHARED/fixtures/llm
	mkdir -p "$T/shared"
	: >"$T/shared/routes"
	for f in openai-native-output-0 openai-prompted-output-1 \
	    openai-invalid-response-0 anthropic-native-output-0 \
	    anthropic-prompted-output-1 anthropic-error-unsupported-0 \
	    gemini-native-output-0 gemini-prompted-output-0 \
	    openrouter-errors-0 ollama-local-json-schema-0; do
		printf 'POST /llm/%s/* %s\n' "$f" "$L/$f.json" \
		    >>"$T/shared/routes"
	done
	replay_start "$T/shared" || exit 1
	recorded() {
		env OPENAI_API_KEY=$KEY ANTHROPIC_API_KEY=$KEY \
		    GEMINI_API_KEY=$KEY OPENROUTER_API_KEY=$KEY \
		    ADS_LLM_URL="$REPLAY_URL/llm/$1" \
		    ADS_OPENAI_URL="$REPLAY_URL/llm/$1" \
		    ADS_ANTHROPIC_URL="$REPLAY_URL/llm/$1" \
		    ADS_GEMINI_URL="$REPLAY_URL/llm/$1" \
		    ADS_OPENROUTER_URL="$REPLAY_URL/llm/$1" \
		    ads-label -M "$2" -L $SET "$T/three.jsonl" >"$T/out" \
		    2>"$T/err"
		cp "$T/out" "$T/rec-$1"
		check "recorded: $1: $3" jq -se --arg w "$3" '
		    length == 3 and
		    ([.[] | .label == null and .label_source == $w] | all)' \
		    "$T/out"
	}
	recorded openai-native-output-0 openai none:no-answer
	recorded openai-prompted-output-1 openai none:no-answer
	recorded openai-invalid-response-0 openai none:invalid-answer
	recorded anthropic-native-output-0 anthropic none:no-answer
	recorded anthropic-prompted-output-1 anthropic none:no-answer
	recorded anthropic-error-unsupported-0 anthropic none:http-error
	recorded gemini-native-output-0 gemini none:no-answer
	recorded gemini-prompted-output-0 gemini none:no-answer
	recorded openrouter-errors-0 openrouter none:rate-limited
	recorded ollama-local-json-schema-0 llm none:no-answer
	replay_stop
fi

# Keyless: a real labelled set, Debian package descriptions and their
# sections (games, science, sound, graphics, net): 300 records labelled
# by their source, 1800 whose section is kept aside in meta.section.
D=$FIXTURES/label/debian.jsonl.zst
DS=games,science,sound,graphics,net
ADS_PROGRESS=$T/prog ads-label -M none -L $DS "$D" >"$T/out" 2>"$T/err"
check "keyless: exit 0" test $? -eq 0
acc=$(jq -rs 'map(select(.meta.section)) |
    (map(select(.label == .meta.section)) | length) / length' "$T/out")
check "keyless: held-out accuracy $acc, far above the majority class" \
    awk -v a="$acc" 'BEGIN { exit !(a >= 0.6) }'
printf '# keyless classifier on Debian sections: held-out accuracy %s (majority class 0.2)\n' \
    "$acc"
check "keyless: label_source carries the cross-validated accuracy" jq -se '
    map(select(.meta.section)) |
    all(.label_source | test("^classifier:cv=0\\.[0-9][0-9]$"))' "$T/out"
check "keyless: the card stats say the accuracy" sh -c '
    tail -n 1 "$1" | jq -e ".classifier.used == true and
	.classifier.records == 300 and .classifier.cv_accuracy > 0.6 and
	.classifier.majority == 0.2"' sh "$T/prog"
if have_tool ads-export && have_tool ads-split; then
	ads-split <"$T/out" 2>/dev/null >"$T/split.jsonl"
	ads-export -o "$T/ds" -f jsonl -S "$T/prog" <"$T/split.jsonl" \
	    2>/dev/null
	check "card: a labels section with the sources and the accuracy" sh -c '
	    sed -n "/^### How the records were labelled/,/^## /p" "$1" >"$1.l"
	    grep -q "^| classifier | games | [0-9]* |\$" "$1.l" &&
	    grep -q "^| source:debian | games | 60 |\$" "$1.l" &&
	    grep -q "cross-validated accuracy is 0\.6[0-9]*, against 0\.200" "$1.l" &&
	    grep -q "It labelled the other records (bar 0\.60)" "$1.l"' \
	    sh "$T/ds/README.md"
	check "card: label sources per split" sh -c '
	    grep -q "^| classifier | [0-9]* | [0-9]* | [0-9]* | 1800 |\$" "$1" &&
	    grep -q "^| source:debian | [0-9]* | [0-9]* | [0-9]* | 300 |\$" "$1"' \
	    sh "$T/ds/README.md"
	check "card: label sources per split in dataset_card.json" jq -e '
	    .counts.label_sources.classifier | add == 1800' \
	    "$T/ds/dataset_card.json"
	check "card: dataset_card.json keeps the stage line" jq -e '
	    .stages["ads-label"].classifier.cv_accuracy > 0.6' \
	    "$T/ds/dataset_card.json"
fi
ads-label -M none -a 0.95 -L $DS "$D" >"$T/out" 2>"$T/err"
check "keyless: below the bar nothing is labelled" jq -se '
    map(select(.meta.section)) |
    all(.label == null and .label_source == "none:classifier-below-bar")' \
    "$T/out"
check "keyless: and says so" grep -q 'below the bar' "$T/err"
ads-label -M none -L $SET "$T/in.jsonl" >"$T/out" 2>"$T/err"
check "keyless without training data: none, and said" sh -c '
    jq -se "[.[0,1,2] | .label_source ==
	\"none:no-key-no-training-data\"] | all" "$1" >/dev/null &&
    grep -q "records left unlabelled" "$2"' sh "$T/out" "$T/err"

# Bounded memory: the records wait in an unlinked temporary file under
# TMPDIR, the classifier's documents in another; ten times the input
# (the Debian set ten times, 3.8 MB) keeps about the same peak.
mkdir "$T/tmp"
zstd -dc "$D" >"$T/d1.jsonl"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$T/d1.jsonl"; done >"$T/d10.jsonl"
if test -x /usr/bin/time; then
	for n in 1 10; do
		TMPDIR=$T/tmp /usr/bin/time -f %M -o "$T/rss$n" ads-label \
		    -M none -L $DS "$T/d$n.jsonl" >"$T/out$n" 2>/dev/null
	done
	k1=$(tail -n 1 "$T/rss1")
	k10=$(tail -n 1 "$T/rss10")
	if test "${ADS_SAN:-}" = 1 || case $BUILD in *san*) true ;; *) false ;; esac; then
		skip "peak memory flat as the input grows 10x" "sanitizers inflate memory"
	elif test "$k10" -le $((k1 + 4096)); then
		ok "peak memory flat as the input grows 10x: $k1 KB, then $k10 KB"
	else
		not_ok "peak memory flat as the input grows 10x" "$k1 KB, then $k10 KB"
	fi
else
	skip "peak memory flat as the input grows 10x" "/usr/bin/time missing"
fi
check "ten times the input: every record written, in input order" sh -c '
    jq -r .id "$1" >"$1.ids" && jq -r .id "$2" | cmp -s - "$1.ids"' \
    sh "$T/d10.jsonl" "$T/out10"
check "the temporary files are unlinked: TMPDIR empty after" sh -c '
    test -z "$(ls -A "$1")"' sh "$T/tmp"
TMPDIR=$T/nosuch ads-label -M none -L $DS "$T/d1.jsonl" >"$T/out" 2>"$T/err"
check "an unusable TMPDIR: exit 3" test $? -eq 3
check "an unusable TMPDIR: said clearly" grep -q \
    "^ads-label: $T/nosuch/ads-label\.[A-Za-z0-9]*: cannot make a temporary file (TMPDIR): No such file or directory\$" \
    "$T/err"
