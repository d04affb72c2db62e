#!/bin/sh
# t5300-pairs -- the task rows the sources already hold (ads-record(5),
# TASK ROWS), fetched through the replay server when the plan asks for
# the task: every row has the task's columns, passes its check, and
# keeps context_id and source.
. "$(dirname "$0")/lib.sh"
checks 18
. "$TOP/tests/replay/lib.sh"

SOURCE_DATE_EPOCH=1700000000
ADS_HTTP_BACKOFF=0.01
ADS_HTTP_RETRIES=1
export SOURCE_DATE_EPOCH ADS_HTTP_BACKOFF ADS_HTTP_RETRIES
replay_start "$FIXTURES/http/tasks" "$FIXTURES/http/arxiv" \
    "$FIXTURES/http/wikipedia" "$FIXTURES/http/github" \
    "$FIXTURES/http/reddit" "$FIXTURES/http/youtube" ||
    { not_ok "replay server"; exit 1; }

# plan TASK SOURCE QUERY [LANGS] -- a version 2 plan for one source.
plan() {
	jq -n --arg t "$1" --arg s "$2" --arg q "$3" --arg l "${4:-en}" \
	    '{version: 2, task: $t, languages: ($l | split(",")),
	      keywords: [$q], sources: {($s): {queries: [$q], limit: 40}}}'
}

# rows NAME TASK FILE MIN -- at least MIN rows of TASK in FILE, each
# with its columns of the right kind, text, context_id and source.
rows() {
	n=$(jq -c --arg t "$2" 'select(
	    if $t == "summarization" then
		(.document | type) == "string" and (.summary | type) ==
		"string" and (.summary | length) < (.document | length) and
		.text == .document
	    elif $t == "question-answering" then
		([.question, .context, .answer] | map(type == "string" and
		length > 0) | all) and .text == .context
	    elif $t == "code" then
		(.prompt | type) == "string" and (.code | type) == "string"
		and (.code | length) > 0 and .text == .prompt
	    elif $t == "conversational" then
		(.messages | type) == "array" and (.messages | length) >= 2
		and (.messages | map((.role | type) == "string" and
		(.content | type) == "string" and (.content | length) > 0)
		| all) and (.text | type) == "string"
	    elif $t == "translation" then
		(.translation | type) == "object" and (.translation |
		length) >= 2 and .meta.alignment == "comparable" and
		.text == .translation[.lang]
	    else false end) |
	    select((.context_id | type) == "string" and
	    (.source | type) == "string" and (.id | type) == "string")' \
	    "$3" | wc -l)
	if test "$n" -ge "$4"; then
		ok "$1 ($n rows)"
	else
		not_ok "$1" "$n rows, want $4 or more" "$(head -c 600 "$3")"
	fi
}

# --- arXiv: abstract -> title -------------------------------------------
if have_tool ads-fetch-arxiv; then
	plan summarization arxiv testing >"$T/plan"
	ADS_ARXIV_URL=$REPLAY_URL/arxiv ADS_ARXIV_INTERVAL=0 \
	    ads-fetch-arxiv -p "$T/plan" >"$T/ax" 2>"$T/err"
	rows "arxiv: summarization rows, abstract to title" summarization \
	    "$T/ax" 20
	jq -e -s 'all(.[]; .context_id == .id and .summary == .title and
	    .meta.pair == "abstract/title")' "$T/ax" >/dev/null &&
	    ok "arxiv: the title summarizes its own abstract" ||
	    not_ok "arxiv: the title summarizes its own abstract"
	plan text-classification arxiv testing >"$T/plan"
	ADS_ARXIV_URL=$REPLAY_URL/arxiv ADS_ARXIV_INTERVAL=0 \
	    ads-fetch-arxiv -p "$T/plan" >"$T/ax" 2>"$T/err"
	jq -e -s 'length == 20 and all(.[]; has("document") | not)' \
	    "$T/ax" >/dev/null && ok "arxiv: no pairs for another task" ||
	    not_ok "arxiv: no pairs for another task"
else
	skip "arxiv pairs" "not built" some
fi

# --- GitHub: issue body -> title; README paragraph -> code ---------------
if have_tool ads-fetch-github; then
	ADS_GITHUB_URL=$REPLAY_URL/github
	export ADS_GITHUB_URL
	plan summarization github kubernetes >"$T/plan"
	ads-fetch-github -p "$T/plan" >"$T/gh" 2>"$T/err"
	rows "github: issues as summarization rows" summarization "$T/gh" 3
	if jq -e -s 'length == 3 and all(.[]; .summary == .title and
	    .context_id == .id and (.id | startswith("github:issue:")))' \
	    "$T/gh" >/dev/null && grep -q 'is%3Aissue' "$REPLAY_LOG" &&
	    grep -q '2 issues were pull requests, or too short' "$T/err"; then
		ok "github: is:issue asked; pull requests and short ones left out"
	else
		not_ok "github: is:issue asked; pull requests and short ones left out" \
		    "$(cat "$T/err")"
	fi
	plan code github kubectl >"$T/plan"
	ads-fetch-github -p "$T/plan" >"$T/gh" 2>"$T/err"
	jq -c 'select(has("code"))' "$T/gh" >"$T/code"
	rows "github: README code blocks as code rows" code "$T/code" 3
	if jq -e -s 'length == 3 and .[0].code == "kubectl krew install tricks"
	    and (.[0].prompt | startswith("Install the plugin with krew"))
	    and .[2].meta.code_lang == "python" and
	    all(.[]; .context_id == "github:77000001" and .license == "MIT")' \
	    "$T/code" >/dev/null; then
		ok "github: each block with the paragraph before it, none without"
	else
		not_ok "github: each block with the paragraph before it, none without" \
		    "$(cat "$T/code")"
	fi
else
	skip "github pairs" "not built" some
fi

# --- Reddit: question post -> top answer; thread -> messages ---------------
if have_tool ads-fetch-reddit; then
	ADS_REDDIT_URL=$REPLAY_URL/reddit/www ADS_REDDIT_INTERVAL=0
	export ADS_REDDIT_URL ADS_REDDIT_INTERVAL
	unset REDDIT_CLIENT_ID REDDIT_CLIENT_SECRET REDDIT_USERNAME
	plan question-answering reddit 'sourdough starter' >"$T/plan"
	ads-fetch-reddit -p "$T/plan" >"$T/rd" 2>"$T/err"
	jq -c 'select(has("question"))' "$T/rd" >"$T/qa"
	rows "reddit: question posts with their top answer" \
	    question-answering "$T/qa" 3
	# The answer is the best-scored top-level comment of its post.
	if jq -e -s --slurpfile all "$T/rd" 'length > 0 and all(.[];
	    . as $r | ($all | map(select(.meta.kind == "comment" and
	    .meta.parent == ($r.context_id | sub("^reddit:"; "")))) |
	    sort_by(-.meta.score) | .[0].text) == $r.answer and
	    ($r.question | test("\\?|^(How|What|Why|Is|Can|Does|Should) ")))' \
	    "$T/qa" >/dev/null; then
		ok "reddit: the answer is the top-scored reply to a question"
	else
		not_ok "reddit: the answer is the top-scored reply to a question" \
		    "$(head -c 400 "$T/qa")"
	fi
	plan conversational reddit 'sourdough starter' >"$T/plan"
	ads-fetch-reddit -p "$T/plan" >"$T/rd" 2>"$T/err"
	jq -c 'select(has("messages"))' "$T/rd" >"$T/chat"
	rows "reddit: threads as messages" conversational "$T/chat" 3
	jq -e -s 'all(.[]; .messages[0].role == "user" and
	    .messages[1].role == "assistant" and (.id | endswith("#chat")))' \
	    "$T/chat" >/dev/null && ok "reddit: roles take turns" ||
	    not_ok "reddit: roles take turns" "$(head -c 400 "$T/chat")"
else
	skip "reddit pairs" "not built" some
fi

# --- YouTube: transcript chunks by chapter ------------------------------------
if have_tool ads-fetch-youtube; then
	ADS_YOUTUBE_URL=$REPLAY_URL/youtube/site ADS_YOUTUBE_INTERVAL=0
	export ADS_YOUTUBE_URL ADS_YOUTUBE_INTERVAL
	unset YOUTUBE_API_KEY
	plan summarization youtube espresso |
	    jq '.sources.youtube.videos = ["ytchap00001"]' >"$T/plan"
	ads-fetch-youtube -p "$T/plan" >"$T/yt" 2>"$T/err"
	jq -c 'select(has("document"))' "$T/yt" >"$T/ch"
	rows "youtube: chapters as summarization rows" summarization "$T/ch" 3
	if jq -e -s 'map(.summary) == ["Dialing in the grind",
	    "Steaming milk", "Cleaning the machine"] and
	    (.[0].document | startswith("Start with eighteen grams")) and
	    (.[0].document | test("Purge") | not) and
	    all(.[]; .context_id == "youtube:ytchap00001")' "$T/ch" \
	    >/dev/null; then
		ok "youtube: each chapter's transcript, titled by its chapter"
	else
		not_ok "youtube: each chapter's transcript, titled by its chapter" \
		    "$(cat "$T/ch" "$T/err")"
	fi
	plan question-answering youtube espresso |
	    jq '.sources.youtube.videos = ["ytchap00001"]' >"$T/plan"
	ads-fetch-youtube -p "$T/plan" >"$T/yt" 2>"$T/err"
	jq -e -s 'length == 4 and ([.[] | select(.meta.chapter)] | length) == 3
	    and all(.[]; has("document") | not)' "$T/yt" >/dev/null &&
	    ok "youtube: chapter passages for the other tasks" ||
	    not_ok "youtube: chapter passages for the other tasks" \
	    "$(cat "$T/yt")"
else
	skip "youtube pairs" "not built" some
fi

# --- Wikipedia: lead -> article; sections beside another edition's --------
if have_tool ads-fetch-wikipedia; then
	ADS_WIKIPEDIA_URL="$REPLAY_URL/wikipedia/{lang}"
	export ADS_WIKIPEDIA_URL
	plan summarization wikipedia espresso >"$T/plan"
	ads-fetch-wikipedia -p "$T/plan" >"$T/wp" 2>"$T/err"
	rows "wikipedia: the lead summarizes its article" summarization \
	    "$T/wp" 1
	if jq -e -s 'length == 1 and (.[0].summary |
	    startswith("An espresso machine brews")) and (.[0].document |
	    startswith("History\nThe first machine")) and (.[0].document |
	    test("See also|Moka pot") | not) and
	    .[0].meta.pair == "article/lead"' "$T/wp" >/dev/null; then
		ok "wikipedia: lead and sections cut at the headings, links left out"
	else
		not_ok "wikipedia: lead and sections cut at the headings, links left out" \
		    "$(cat "$T/wp" "$T/err")"
	fi
	plan translation wikipedia espresso en,it >"$T/plan"
	ads-fetch-wikipedia -p "$T/plan" >"$T/wp" 2>"$T/err"
	jq -c 'select(has("translation"))' "$T/wp" >"$T/tr"
	rows "wikipedia: sections beside the Italian edition's" translation \
	    "$T/tr" 3
	if jq -e -s 'length == 3 and (.[1].translation.en |
	    startswith("History\n") | not) and (.[1].translation.it |
	    startswith("La prima macchina")) and .[1].meta.section ==
	    "History" and .[1].meta.target_section == "Storia" and
	    all(.[]; .context_id == "wikipedia:en:1035200" and
	    .meta.target_id == "wikipedia:it:220300")' "$T/tr" >/dev/null &&
	    grep -q 'prop=langlinks&lllang=it&redirects=1&titles=Espresso%20machine' \
	    "$REPLAY_LOG" && ! grep -q '/wikipedia/it/w/api.php?[^"]*list=search' \
	    "$REPLAY_LOG"; then
		ok "wikipedia: reached by langlinks, aligned by section, comparable"
	else
		not_ok "wikipedia: reached by langlinks, aligned by section, comparable" \
		    "$(cat "$T/tr" "$T/err")"
	fi
else
	skip "wikipedia pairs" "not built" some
fi
