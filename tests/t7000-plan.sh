#!/bin/sh
# t7000-plan -- ads-plan's keyword planner: the table of prompts in
# tests/fixtures/plan/prompts.tsv (task, languages, rows), the plan's
# shape, determinism, options and errors.
# shellcheck disable=SC2016 # jq programs and sh -c scripts, quoted on purpose
. "$(dirname "$0")/lib.sh"

if ! have_tool ads-plan; then
	skip "ads-plan" "not built"
	exit 0
fi
# No LLM from the environment of whoever runs the suite.
unset OPENAI_API_KEY ANTHROPIC_API_KEY GEMINI_API_KEY OPENROUTER_API_KEY \
    ADS_LLM_URL ADS_LLM_MODEL ADS_LLM_KEY

# The prompt table: one check per prompt.  got PLAN prints task,
# languages (in order, or sorted with -s), rows and the label names
# (lower case, sorted).
tab=$(printf '\t')
got() {
	jq -r --arg sort "$2" '[.task, (.languages | if $sort == "s" then sort
	    else . end | join(",")), .target_rows, ([.labels[].name |
	    ascii_downcase] | sort | join(","))] | join("\t")' "$1"
}
# want LABELS: the expected labels as got prints them ("-" none).
want_labels() {
	case $1 in
	-) printf '' ;;
	*) printf '%s' "$1" | jq -Rr 'split(",") | map(ascii_downcase) |
	    sort | join(",")' ;;
	esac
}
grep -v '^#' "$FIXTURES/plan/prompts.tsv" >"$T/table"
# One check per prompt of the table, and the table must have some.
rows=$(awk -F'\t' '$5 != ""' "$T/table" | wc -l)
checks $((rows + 107))
check "the table has prompts ($rows)" test "$rows" -ge 100
n=0
while IFS="$tab" read -r task langs rows labels prompt; do
	test -n "$prompt" || continue
	n=$((n + 1))
	if ! ads-plan -m keyword "$prompt" >"$T/p.json" 2>"$T/p.err"; then
		not_ok "table: $prompt" "exit $?" "$(cat "$T/p.err")"
		continue
	fi
	g=$(got "$T/p.json" o)
	if test "$labels" = "*"; then
		g=${g%"$tab"*}
		w="$task$tab$langs$tab$rows"
	else
		w="$task$tab$langs$tab$rows$tab$(want_labels "$labels")"
	fi
	if test "$g" = "$w"; then
		ok "table: $prompt"
	else
		not_ok "table: $prompt" "want: $w" "got:  $g"
	fi
done <"$T/table"
check "the table checked some prompts" test "$n" -ge 100

# The held-out table: accuracy per field, against the targets of
# ads-plan(1): task, rows and languages right for 95% of the prompts,
# the label set for 90% of those that name one.
grep -v '^#' "$FIXTURES/plan/heldout.tsv" >"$T/held"
nt=0 okt=0 okl=0 okr=0 nb=0 okb=0
while IFS="$tab" read -r task langs rows labels prompt; do
	test -n "$prompt" || continue
	nt=$((nt + 1))
	ads-plan -m keyword "$prompt" >"$T/h.json" 2>/dev/null
	g=$(got "$T/h.json" s)
	gt=$(printf '%s' "$g" | cut -f1)
	gl=$(printf '%s' "$g" | cut -f2)
	gr=$(printf '%s' "$g" | cut -f3)
	gb=$(printf '%s' "$g" | cut -f4)
	wl=$(printf '%s\n' "$langs" | tr ',' '\n' | sort | paste -sd, -)
	test "$gt" = "$task" && okt=$((okt + 1))
	test "$gl" = "$wl" && okl=$((okl + 1))
	test "$gr" = "$rows" && okr=$((okr + 1))
	if test "$labels" != "*"; then
		nb=$((nb + 1))
		test "$gb" = "$(want_labels "$labels")" && okb=$((okb + 1))
	fi
done <"$T/held"
echo "# held-out: $nt prompts: task $okt, languages $okl, rows $okr;" \
    "labels $okb of $nb"
check "held-out: 30 prompts, 15 of them name labels" \
    test "$nt" -eq 30 -a "$nb" -eq 15
check "held-out: task right for 95%" test $((okt * 100)) -ge $((nt * 95))
check "held-out: languages right for 95%" test $((okl * 100)) -ge $((nt * 95))
check "held-out: rows right for 95%" test $((okr * 100)) -ge $((nt * 95))
check "held-out: label sets right for 90%" test $((okb * 100)) -ge $((nb * 90))

# The plan's shape: every field of ads-plan(5), every source.
ads-plan -m keyword "sentiment analysis of Spanish product reviews, 10k" \
    >"$T/plan.json" 2>"$T/err"
check "plan has the fields of ads-plan(5)" jq -e '
    .version == 2 and (.prompt | type) == "string" and
    .task == "text-classification" and
    .task_id == "sentiment-classification" and
    ([.labels[].name] == ["negative", "neutral", "positive"]) and
    ([.labels[] | (.description | length) > 0] | all) and
    .columns == ["text", "label"] and (.languages | length) > 0 and
    (.keywords | length) > 0 and .target_rows == 10000 and
    .planner.kind == "keyword" and
    (.sources | keys) == ["arxiv", "github", "huggingface", "kaggle",
	"news", "reddit", "wikipedia", "youtube"] and
    ([.sources[] | (.queries | length) > 0 and .limit >= 10 and
	(.lang | length) > 0 and .share > 0 and .quota >= 1] | all) and
    (has("quota_reason") | not)' "$T/plan.json"
check "shares add up to 100, quotas to the target" jq -e '
    ([.sources[].share] | add | . > 99.9 and . < 100.1) and
    ([.sources[].quota] | add) >= .target_rows and
    ([.sources[].quota] | add) < .target_rows + 8' "$T/plan.json"
check "version 1 fields keep their place" jq -e '
    keys_unsorted[0:2] == ["version", "prompt"] and
    (keys_unsorted | index("sources")) == (keys_unsorted | length) - 1' \
    "$T/plan.json"
check "domain phrase kept whole" jq -e '.domain == "product reviews" and
    (.keywords | index("product reviews")) != null' "$T/plan.json"
check "arXiv queries use field prefixes and categories" jq -e '
    [.sources.arxiv.queries[] | test("^(all|abs|ti):") and
	test("cat:cs\\.CL")] | all' "$T/plan.json"
check "GitHub queries carry qualifiers" jq -e '
    [.sources.github.queries[] | test(" in:name,description,readme stars:>10$")]
    | all' "$T/plan.json"
check "Reddit gets the domain's subreddits" jq -e '
    .sources.reddit.subreddits | index("BuyItForLife") != null' \
    "$T/plan.json"
check "Hugging Face gets the task's category" jq -e '
    .sources.huggingface.task_category == "text-classification" and
    (.sources.huggingface.queries | index("sentiment")) != null and
    (.sources.huggingface | has("datasets") | not)' \
    "$T/plan.json"
# Limits over-collect: each source's share divided by its yield.
check "limits over-collect (sum above the target)" jq -e '
    ([.sources[].limit] | add) > .target_rows' "$T/plan.json"
ads-plan -m keyword -n 100000 "sentiment analysis of product reviews" \
    >"$T/big.json" 2>/dev/null
check "limits grow with -n" jq -e --slurpfile small "$T/plan.json" '
    .sources.reddit.limit > $small[0].sources.reddit.limit' "$T/big.json"
check "code prompts ask GitHub for the language" jq -e '
    .sources.github.qualifiers | index("language:python") != null' \
    "$(ads-plan -m keyword 'Python code snippets' >"$T/py.json" 2>/dev/null;
    echo "$T/py.json")"
check "Wikipedia in each language edition" jq -e '
    .sources.wikipedia.lang == ["en", "es"]' \
    "$(ads-plan -m keyword 'English to Spanish translation pairs' \
    >"$T/tr.json" 2>/dev/null; echo "$T/tr.json")"

# Queries in each source's own syntax and language.
pq() {
	ads-plan -m keyword "$1" >"$T/q.json" 2>/dev/null
}
pq "question answering about climate policy in French and Portuguese, 2.5k"
check "per-language queries: each edition in its language" jq -e '
    .sources.wikipedia.queries_by_lang.fr[0] == "politique climatique" and
    .sources.wikipedia.queries_by_lang.pt[0] == "política climática" and
    (.sources.wikipedia.queries_by_lang | keys) == ["fr", "pt"] and
    (.sources.youtube.queries_by_lang | keys) == ["fr", "pt"]' "$T/q.json"
check "queries hold every language's queries (for fetchers that run all)" \
    jq -e '[.sources[] | select(has("queries_by_lang")) | . as $s |
	([$s.queries_by_lang[][]]) as $all |
	($s.queries | length) > 0 and ([$s.queries[] | IN($all[])] | all) and
	(([$s.queries_by_lang[] | .[0]] - $s.queries) == [])] |
	length == 4 and all' \
    "$T/q.json"
check "arXiv: a science domain searches its own category, not the task's" \
    jq -e '.sources.arxiv.queries == ["ti:\"climate policy\" AND cat:physics.ao-ph",
	"all:\"climate policy\" AND cat:physics.ao-ph",
	"all:climate AND cat:physics.ao-ph"]' "$T/q.json"
pq "question answering about product reviews in French and Portuguese"
check "arXiv: title, abstract and language searches in categories" jq -e '
    .sources.arxiv.queries | index("ti:\"product reviews\" AND (cat:cs.CL OR cat:cs.IR)") != null and
    index("abs:\"question answering\" AND abs:French AND (cat:cs.CL OR cat:cs.IR)") != null and
    index("abs:\"question answering\" AND abs:Portuguese AND (cat:cs.CL OR cat:cs.IR)") != null' \
    "$T/q.json"
pq "question answering about climate policy in French and Portuguese, 2.5k"
check "English sources search in English" jq -e '
    .sources.kaggle.queries[0] == "climate policy question answering" and
    (.sources.kaggle.queries | index("French question answering")) != null and
    (.sources.huggingface.queries == ["qa", "climate"])' "$T/q.json"
check "news queries quote phrases" jq -e '
    .sources.news.queries_by_lang.fr[0] == "\"politique climatique\""' \
    "$T/q.json"
check "Reddit: domain and language subreddits" jq -e '
    .sources.reddit.subreddits == ["france", "Quebec", "brasil", "portugal",
	"climate", "climatechange", "environment"]' "$T/q.json"
pq "análisis de sentimiento de tuits en español, 5.000 ejemplos"
check "a Spanish prompt: Spanish editions, English for arXiv and GitHub" \
    jq -e '.domain == "social media" and
    .sources.wikipedia.queries == ["tuits", "redes sociales"] and
    .sources.arxiv.queries[0] == "ti:tweets AND (cat:cs.CL OR cat:cs.SI)" and
    (.sources.github.queries | all(test("tuits") | not)) and
    .sources.reddit.subreddits[0:2] == ["es", "mexico"]' "$T/q.json"
pq "a sentiment dataset of product reviews in several languages, 10K examples"
check "several languages: one query per edition" jq -e '
    .sources.wikipedia.queries_by_lang == {"en": ["product reviews"],
	"es": ["reseñas de productos"], "fr": ["avis sur les produits"],
	"de": ["Produktbewertungen"], "pt": ["avaliações de produtos"],
	"zh": ["产品评论"], "ja": ["商品レビュー"], "ar": ["product reviews"]}' \
    "$T/q.json"
check "GitHub: the task's topic first, qualifiers on every query" jq -e '
    .sources.github.queries[0] == "\"product reviews\" topic:sentiment-analysis in:name,description,readme stars:>10"' \
    "$T/q.json"
pq "named entity recognition for biomedical abstracts"
check "no task word left in the keywords; one-word domain takes its noun" \
    jq -e '.keywords == ["biomedical abstracts"] and
    .domain == "biomedicine" and
    .sources.reddit.subreddits == ["bioinformatics", "biology", "labrats"]' \
    "$T/q.json"
pq "hate speech detection, 100k rows"
check "topical task words stay keywords" jq -e '
    .keywords == ["hate speech"] and
    (.sources.huggingface.queries | index("hate")) != null' "$T/q.json"
pq "code: python functions with docstrings, 100k"
check "code: docstrings kept, language qualifier" jq -e '
    (.keywords | index("docstrings")) != null and
    (.sources.github.queries | all(endswith("language:python")))' \
    "$T/q.json"
pq "machine learning terms"
check "Hugging Face: no weak words" jq -e '
    .sources.huggingface.queries == ["machine", "learning"]' "$T/q.json"
pq "fake news detection in Portuguese"
check "a topic rendered in the language wanted" jq -e '
    .sources.wikipedia.queries[0] == "notícias falsas" and
    .sources.arxiv.queries[0] == "ti:\"fake news\" AND (cat:cs.CL OR cat:cs.IR)"' \
    "$T/q.json"

ads-plan -m keyword "sarcasm detection in reddit comments" >"$T/r1.json" \
    2>/dev/null
ads-plan -m keyword "sarcasm detection in comments" >"$T/r2.json" \
    2>/dev/null
check "a source the prompt names gets a larger share" jq -e \
    --slurpfile b "$T/r2.json" '.sources.reddit.limit >
    $b[0].sources.reddit.limit and .sources.wikipedia.limit <
    $b[0].sources.wikipedia.limit and (.keywords | index("reddit")) == null' \
    "$T/r1.json"

# A source the prompt names gets 80% of the rows, or all with "only",
# and the plan says why.
named() {
	ads-plan -m keyword "$1" >"$T/n.json" 2>/dev/null
	check "named source: $1" jq -e --arg s "$2" --argjson pct "$3" '
	    .sources[$s].share == $pct and
	    (.quota_reason | test("names " + $s)) and
	    .sources[$s].quota == (.target_rows * $pct / 100 | ceil)' \
	    "$T/n.json"
}
named "dialogue data from reddit discussions" reddit 80
named "YouTube lecture transcripts about physics" youtube 80
named "Italian Wikipedia articles about history" wikipedia 80
named "code documentation from GitHub READMEs" github 80
named "only reddit comments about cars, 3k" reddit 100
check "only: the other sources are not planned" jq -e '
    (.sources | keys) == ["reddit"] and (.quota_reason | test("only"))' \
    "$T/n.json"
check "Italian Wikipedia: the edition's language" jq -e '
    .languages == ["it"]' "$(ads-plan -m keyword 'Italian Wikipedia articles' \
    2>/dev/null >"$T/w.json"; echo "$T/w.json")"

# arXiv categories follow the domain: its own archive, without cs.CL
# when its papers are not about text.
for d in "astrophysics:astro-ph.GA" "quantum computing:quant-ph" \
    "biology:q-bio.GN" "economics:econ.GN" "mathematics:math.CO" \
    "physics:physics.gen-ph" "statistics:stat.ME" "finance:q-fin.GN" \
    "computer vision:cs.CV" "robotics:cs.RO"; do
	ads-plan -m keyword "question answering about ${d%%:*} papers" \
	    >"$T/a.json" 2>/dev/null
	check "arXiv: ${d%%:*} in ${d#*:}" jq -e --arg c "${d#*:}" '
	    .sources.arxiv.categories[0] == $c and
	    (.sources.arxiv.categories | index("cs.CL")) == null and
	    ([.sources.arxiv.queries[] | test("cat:" + $c)] | all)' "$T/a.json"
done

# Filler words never become queries; counts joined by a hyphen are not
# row counts.
ads-plan -m keyword "maybe a small set of pairs to teach continued text" \
    >"$T/f.json" 2>/dev/null
check "filler words are no keywords" jq -e '.keywords == [] and
    ([.sources.wikipedia.queries[] | test("maybe|small|teach|pairs|continued")]
    | any | not)' "$T/f.json"
ads-plan -m keyword "one-line titles for news, 5-star scale, 1-5" \
    >"$T/f.json" 2>/dev/null
check "one-line, 5-star and 1-5 are not counts" jq -e '.target_rows == 1000' \
    "$T/f.json"

# Subtasks and label descriptions.
sub() {
	ads-plan -m keyword "$1" >"$T/s.json" 2>/dev/null
	check "subtask: $1" jq -e --arg t "$2" --arg id "$3" '
	    .task == $t and (.task_id // "") == $id' "$T/s.json"
}
sub "star rating prediction (1-5)" text-classification sentiment-scoring
sub "emotion detection in tweets" text-classification \
    multi-class-classification
sub "hate speech detection" text-classification hate-speech-detection
sub "fake news detection" text-classification fact-checking
sub "news topic classification" text-classification topic-classification
sub "natural language inference" text-classification \
    natural-language-inference
sub "part of speech tagging" token-classification part-of-speech
sub "NER for legal texts" token-classification named-entity-recognition
sub "question answering about law" question-answering extractive-qa
sub "news summarization" summarization news-articles-summarization
sub "customer support chats" conversational dialogue-modeling
sub "a corpus of German text" text-generation language-modeling
sub "Text-to-SQL for PostgreSQL" code ""
sub "classify stock tweets as bullish or bearish" text-classification \
    sentiment-classification
sub "support tickets labelled billing, refund or other" \
    text-classification multi-class-classification
sub "news labelled sport, politics or culture" text-classification \
    topic-classification
ads-plan -m keyword "restaurant reviews rated 1 to 5 stars" >"$T/s.json" \
    2>/dev/null
check "scale labels: a rating of N out of M" jq -e '
    .labels[2] == {"name": "3", "description": "a rating of 3 out of 5"}' \
    "$T/s.json"
ads-plan -m keyword "tweets labelled positivo, negativo o neutro" \
    >"$T/s.json" 2>/dev/null
check "known labels in other languages get the English name" jq -e '
    [.labels[].name] == ["positive", "negative", "neutral"] and
    .labels[0].description == "expresses a favourable opinion or feeling"' \
    "$T/s.json"
ads-plan -m keyword "classify support tickets as billing, refund or other" \
    >"$T/s.json" 2>/dev/null
check "other labels keep the request's words" jq -e '
    [.labels[].name] == ["billing", "refund", "other"] and
    ([.labels[].description | length > 0] | all)' "$T/s.json"

ads-plan -m keyword "financial tweets labelled bullish, bearish or neutral" \
    >"$T/s.json" 2>/dev/null
check "label words that say nothing of the topic are no keywords" jq -e '
    .keywords == ["financial", "tweets"]' "$T/s.json"
ads-plan -m keyword "astrophysics abstracts classified into galaxies or cosmology" \
    >"$T/s.json" 2>/dev/null
check "labels that name topics stay keywords" jq -e '
    (.keywords | index("galaxies")) != null' "$T/s.json"

# -p: a plan's quotas and limits for another row count.
ads-plan -m keyword "sentiment of reddit comments, 10k" >"$T/p1.json" \
    2>/dev/null
ads-plan -p "$T/p1.json" >"$T/p2.json" 2>/dev/null
cmp_out "-p without -n: the same plan" "$T/p1.json" "$T/p2.json"
ads-plan -n 500 -p "$T/p1.json" >"$T/p3.json" 2>/dev/null
ads-plan -m keyword -n 500 "sentiment of reddit comments, 10k" \
    >"$T/p4.json" 2>/dev/null
cmp_out "-p -n: as if planned for those rows" "$T/p4.json" "$T/p3.json"
jq -c '.version = 1 | del(.sources[].share, .sources[].quota) |
    .sources.other = {"queries": ["x"], "limit": 100}' "$T/p1.json" |
    ads-plan -n 20000 -p - >"$T/p5.json" 2>/dev/null
check "-p: a version 1 plan gets shares from its limits" jq -e '
    .target_rows == 20000 and .sources.reddit.share > 70 and
    .sources.reddit.limit >= 2 * 8000 * 100 / 50 * 0.99 and
    .sources.other.limit == 200 and (.sources.other | has("quota") | not)' \
    "$T/p5.json"
echo '[1]' | ads-plan -p - >"$T/e.out" 2>"$T/e.err"
check "-p: not a plan, exit 2" test $? -eq 2 -a ! -s "$T/e.out"
ads-plan -p "$T/p1.json" some prompt >"$T/e.out" 2>"$T/e.err"
check "-p with a prompt: usage, exit 2" test $? -eq 2 -a ! -s "$T/e.out"

# Determinism: the same prompt and options give the same bytes.
ads-plan -m keyword "sentiment analysis of Spanish product reviews, 10k" \
    >"$T/plan2.json" 2>/dev/null
cmp_out "same prompt, same bytes" "$T/plan.json" "$T/plan2.json"
check "one line of compact JSON" test "$(wc -l <"$T/plan.json")" -eq 1

# Options.
ads-plan -n 777 -t dialogue -l fr,German "product reviews, 10k" \
    >"$T/o.json" 2>/dev/null
check "-n, -t and -l override the prompt" jq -e '.target_rows == 777 and
    .task == "conversational" and .task_id == "dialogue-modeling" and
    .labels == [] and .columns == ["messages"] and
    .languages == ["fr", "de"]' "$T/o.json"
ads-plan -t ner "product reviews" >"$T/o.json" 2>/dev/null
check "-t takes a task of either version; labels follow it" jq -e '
    .task == "token-classification" and
    [.labels[].name] == ["PER", "ORG", "LOC", "MISC"] and
    .columns == ["tokens", "tags"]' "$T/o.json"
ads-plan -t ner "sentiment of product reviews" >"$T/o.json" 2>/dev/null
check "-t another task: its default labels, not the prompt's task's" jq -e '
    .task_id == "named-entity-recognition" and
    [.labels[].name] == ["PER", "ORG", "LOC", "MISC"]' "$T/o.json"
ads-plan -t conversational "product reviews" >"$T/o.json" 2>/dev/null
check "-t conversational" jq -e '.task == "conversational"' "$T/o.json"
printf 'question answering about law, 3k\n' | ads-plan - >"$T/s.json" \
    2>/dev/null
check "prompt - reads the standard input" jq -e '
    .task == "question-answering" and .target_rows == 3000' "$T/s.json"
ads-plan summarize German news 5k >"$T/w.json" 2>/dev/null
check "several operands make one prompt" jq -e '
    .prompt == "summarize German news 5k" and .languages == ["de"]' \
    "$T/w.json"
check "without a configured LLM the keyword planner runs" jq -e '
    .planner == {"kind": "keyword", "provider": null, "model": null}' \
    "$T/w.json"

# Errors: exit 2 and nothing on stdout.
for a in "" "-n 0" "-n x" "-t nosuchtask" "-l klingon" "-m nosuch" \
    "-m openai:bad/../model" "-x"; do
	# shellcheck disable=SC2086
	ads-plan $a "some prompt" >"$T/e.out" 2>"$T/e.err"
	rc=$?
	if test -z "$a"; then
		ads-plan >"$T/e.out" 2>"$T/e.err"
		rc=$?
		a="(no prompt)"
	fi
	if test $rc -eq 2 && ! test -s "$T/e.out" && test -s "$T/e.err"; then
		ok "usage error: $a"
	else
		not_ok "usage error: $a" "exit $rc" "$(cat "$T/e.err")"
	fi
done
expect_code 2 "empty prompt" ads-plan "   "
head -c 20000 /dev/zero | tr '\0' a >"$T/long"
expect_code 2 "prompt over 16 KiB" sh -c 'ads-plan - <"$1"' sh "$T/long"
expect_code 3 "write error" sh -c 'ads-plan climate >/dev/full'
grep -q "write error" "$T/.err" && ok "write error message" ||
    not_ok "write error message" "$(cat "$T/.err")"

# Invalid UTF-8 and control characters come out as valid JSON.
ads-plan "$(printf 'caf\351 reviews \001\002 10k')" >"$T/u.json" 2>/dev/null
check "bad bytes in the prompt still give valid JSON" jq -e \
    '.target_rows == 10000' "$T/u.json"

# Progress: the final line with phase done.
ADS_PROGRESS=$T/prog ads-plan climate >/dev/null 2>&1
check "ADS_PROGRESS gets a done line" jq -e 'select(.phase == "done") |
    .tool == "ads-plan" and .in == 1 and .out == 1 and
    .planner == "keyword"' "$T/prog"

# --estimate: tokens and cost on stderr, before the call.
ads-plan -e -m keyword climate >/dev/null 2>"$T/est"
grep -q "estimate: keyword planner: no tokens" "$T/est" &&
    ok "estimate for the keyword planner" ||
    not_ok "estimate for the keyword planner" "$(cat "$T/est")"

# The man page's examples.
ads-plan 'sentiment analysis of Spanish product reviews, 10k rows' \
    >"$T/ex1" 2>/dev/null
check "EXAMPLES: first" jq -e '.task == "text-classification" and
    .task_id == "sentiment-classification"' "$T/ex1"
ads-plan -m keyword -n 500 -l en,de 'climate policy debates' \
    2>/dev/null | jq -r '.sources.wikipedia.queries[]' >"$T/ex2"
check "EXAMPLES: second" grep -qx 'climate policy' "$T/ex2"
ads-plan 'sentiment analysis of Spanish product reviews, 10k rows' \
    >"$T/plan.json" 2>/dev/null
check "ads-plan(5) EXAMPLES" sh -c \
    'jq -r ".sources.reddit.queries[]" "$1" | grep -qx "reseñas de productos"' \
    sh "$T/plan.json"
