#!/bin/sh
# t8020-driver-label -- the driver's label stage on stand-in tools: the
# command it runs (keyless or the LLM's), the estimate it shows, and the
# confirmation asked above ADS_LABEL_CONFIRM unless -y.
# shellcheck disable=SC2016 # sh -c scripts, quoted on purpose
. "$(dirname "$0")/lib.sh"
checks 12

if ! have_tool ads; then
	skip "driver label" "ads is not built"
	exit 0
fi
D=$FIXTURES/driver
PLAN=$D/plan.json
FB=$T/fb
mkdir -p "$FB"
cp "$BIN/ads" "$BIN/ads-args" "$BIN/ads-progress" "$BIN/ads-plan" "$BIN/ads-engine" "$FB/"
cp "$BIN/ads-plan" "$FB/ads-plan.real"
for s in wikipedia reddit youtube kaggle huggingface arxiv news github; do
	cp "$D/fake/ads-fetch" "$FB/ads-fetch-$s"
done
for g in scrub dedup score fit split; do
	cp "$D/fake/ads-stage" "$FB/ads-$g"
done
cp "$D/fake/ads-export" "$FB/ads-export"
# A stand-in ads-label: its arguments logged, an estimate of FAKE_COST
# dollars for -e, the records passed through otherwise.
cat >"$FB/ads-label" <<'EOS'
#!/bin/sh
echo "ads-label $*" >>"$FAKE_LOG"
for a in "$@"; do
	if test "$a" = -e; then
		printf '{"provider":"llm","model":"m","records":60,"requests":3,"input":900,"output":750,"cost_usd":%s,"prices":"2025-06"}\n' \
		    "$FAKE_COST"
		exit 0
	fi
done
cat
exit "${FAKE_LABEL_RC:-0}"
EOS
chmod 755 "$FB"/*
PATH=$FB:/usr/local/bin:/usr/bin:/bin
export PATH
unset OPENAI_API_KEY ANTHROPIC_API_KEY GEMINI_API_KEY OPENROUTER_API_KEY \
    ADS_LLM_URL ADS_LLM_MODEL ADS_LABEL_CONFIRM ADS_LABEL_SAMPLE
FAKE_LOG=$T/calls
FAKE_COST=0.5
export FAKE_LOG FAKE_COST
cd "$T" || exit 1

# Without a key: the classifier, no estimate.
: >"$FAKE_LOG"
ads -p "$PLAN" -o k -f jsonl >/dev/null 2>"$T/err" </dev/null
check "no key: ads-label -M none after dedup" sh -c '
    grep -q "^ads-label -p k/.ads/plan.json -M none\$" "$1" &&
    test "$(grep -c "^ads-label" "$1")" -eq 1' sh "$FAKE_LOG"
check "no key: no estimate" sh -c '! grep -q "estimate" "$1"' sh "$T/err"

# With an LLM: the estimate shown; below the threshold no question.
: >"$FAKE_LOG"
ADS_LLM_URL=http://127.0.0.1:9/v1 ADS_LLM_MODEL=llama3.2 \
    ads -p "$PLAN" -o l -f jsonl >/dev/null 2>"$T/err" </dev/null
check "LLM: the estimate, then the labelling" sh -c '
    grep -q "^ads-label -p l/.ads/plan.json -M llm:llama3.2 -j 8 -n 5000 -e\$" "$1" &&
    grep -q "^ads-label -p l/.ads/plan.json -M llm:llama3.2 -j 8 -n 5000\$" "$1"' \
    sh "$FAKE_LOG"
check "LLM: the estimate is shown" grep -q \
    'ads: label: estimate: llm/m: 60 records, 3 requests, about 900 input and 750 output tokens, \$0.5' \
    "$T/err"
check "LLM: the dataset is made" test -f l/README.md

# Above the threshold, no terminal and no -y: stop before labelling.
: >"$FAKE_LOG"
FAKE_COST=2.5 ADS_LLM_URL=http://127.0.0.1:9/v1 \
    ads -p "$PLAN" -o h -f jsonl >/dev/null 2>"$T/err" </dev/null
rc=$?
check "above the threshold: exit 2" test "$rc" -eq 2
check "above the threshold: says why and what to do" grep -q \
    'labelling would cost \$2.5, above \$1; run again with -y' "$T/err"
check "above the threshold: nothing labelled" sh -c '
    test "$(grep -c "^ads-label" "$1")" -eq 1' sh "$FAKE_LOG"
# -y goes on; so does a higher threshold.
: >"$FAKE_LOG"
FAKE_COST=2.5 ADS_LLM_URL=http://127.0.0.1:9/v1 \
    ads -y -p "$PLAN" -o h -f jsonl >/dev/null 2>"$T/err" </dev/null
rc=$?
check "-y: labelled whatever the cost" sh -c '
    test "$2" -eq 0 && grep -q "^ads-label .* -n 5000\$" "$1"' sh \
    "$FAKE_LOG" "$rc"
FAKE_COST=2.5 ADS_LABEL_CONFIRM=3 ADS_LLM_URL=http://127.0.0.1:9/v1 \
    ads -p "$PLAN" -o h2 -f jsonl >/dev/null 2>"$T/err" </dev/null
check "ADS_LABEL_CONFIRM raises the threshold" test -f h2/README.md
# Requests that failed for good: the dataset is made, the run ends 4.
FAKE_LABEL_RC=4 ADS_LLM_URL=http://127.0.0.1:9/v1 \
    ads -p "$PLAN" -o f4 -f jsonl >/dev/null 2>"$T/err" </dev/null
rc=$?
check "failed label requests: exit 4, dataset made" sh -c '
    test "$1" -eq 4 && test -f f4/README.md &&
    grep -q "label: some requests failed; their records are unlabelled" "$2"' \
    sh "$rc" "$T/err"
# An unknown price asks too.
FAKE_COST=null ADS_LLM_URL=http://127.0.0.1:9/v1 \
    ads -p "$PLAN" -o u -f jsonl >/dev/null 2>"$T/err" </dev/null
check "unknown price: asks" grep -q 'labelling would cost \$unknown' "$T/err"
