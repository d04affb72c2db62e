#!/bin/sh
# t8010-driver-replay -- the whole pipeline with the real tools against
# the replay server (through scripts/demo, which serves every
# tests/fixtures/http/*/ folder and points the sources at it): faults,
# reproducibility, resume after a kill, a dry run without requests, and
# the offline demo read back with DuckDB.
. "$(dirname "$0")/lib.sh"
checks 23

# need NAME TOOL... -- true when every TOOL is built, else skip NAME.
need() {
	_n=$1
	shift
	for _t in "$@"; do
		if ! have_tool "$_t"; then
			skip "$_n" "$_t is not built" some
			return 1
		fi
	done
	return 0
}

STAGES="ads ads-plan ads-scrub ads-dedup ads-score ads-fit ads-split ads-export"

# inlangs NAME DIR -- ok when at least 95% of the rows of the run in DIR
# (.ads/stage/split.jsonl, what was exported) are in the plan's
# languages by the language identifier (ads-score on the bare text).
inlangs() {
	il_f=$2/.ads/stage/split.jsonl
	il_l=$(jq -r '.languages // [] | join(",")' "$2/.ads/plan.json" 2>/dev/null)
	il_n=$(wc -l <"$il_f" 2>/dev/null || echo 0)
	il_in=$(jq -c '{id: .id, source: .source, text: .text}' "$il_f" 2>/dev/null |
	    ads-score -k 2>/dev/null | jq -r --arg l "$il_l" '.lang |
	    split("-")[0] as $p | select($l | split(",") | index($p))' |
	    wc -l)
	if test "$il_n" -gt 0 && test $((il_in * 100)) -ge $((il_n * 95)); then
		ok "$1: $il_in of $il_n rows in the plan's languages ($il_l)"
	else
		not_ok "$1: rows in the plan's languages" \
		    "$il_in of $il_n in $il_l"
	fi
}
if ! command -v python3 >/dev/null; then
	skip "driver with the replay server" "python3 is not installed"
	exit 0
fi
# demo CMD... -- run CMD with the replay server up and every source
# pointed at it.
demo() {
	ADS_BUILD=$BUILD sh "$TOP/scripts/demo" "$@"
}
# The HTTP layer retries quickly here.
ADS_HTTP_RETRIES=2
ADS_HTTP_BACKOFF=0.05
SOURCE_DATE_EPOCH=1764028800
export ADS_HTTP_RETRIES ADS_HTTP_BACKOFF SOURCE_DATE_EPOCH
PROMPT="customer reviews of coffee gadgets"

# Faults: arXiv rate limited (429 once), Kaggle slow (2 s), news down
# (503 always), YouTube without a key: the others' data arrives, the
# status is 4, and the summary says what happened to each.
# shellcheck disable=SC2086
if need "faults" $STAGES ads-fetch-wikipedia ads-fetch-kaggle \
    ads-fetch-arxiv ads-fetch-news; then
	# shellcheck disable=SC2016
	ADS_DEMO_REPLAY=$FIXTURES/driver/faults ADS_DEMO_LOG=$T/flog demo \
	    sh -c 'unset YOUTUBE_API_KEY; exec ads -P none -f jsonl \
	    -w wikipedia,youtube,kaggle,arxiv,news -n 60 -o "$0" "$1"' \
	    "$T/f" "$PROMPT" >"$T/sum" 2>"$T/err"
	rc=$?
	got=$(jq -r .source "$T/f/.ads/stage/all.jsonl" 2>/dev/null |
	    sort -u | tr '\n' ' ')
	if test $rc -eq 4 && test "$got" = "arxiv kaggle wikipedia " &&
	    grep -q '^  youtube  *skipped: \(YOUTUBE_API_KEY is not set\|ads-fetch-youtube is not installed\)' \
	    "$T/sum" &&
	    grep -q '^  news  *0 records.*) failed: its requests failed' "$T/sum" &&
	    grep -q '^  arxiv  *[1-9][0-9]* records .* [1-9][0-9]* retried, 0 failed) done' \
	    "$T/sum" &&
	    test "$(grep -c '"path": *"/arxiv/.*start=0' "$T/flog")" -ge 2 &&
	    grep -q '^  kaggle  *[1-9][0-9]* records .* done' "$T/sum" &&
	    test "$(grep -c '"path": *"/news/ddg/' "$T/flog")" -ge 3 &&
	    test -s "$T/f/README.md"; then
		ok "faults: down, rate limited, slow and keyless sources"
	else
		not_ok "faults" "exit $rc, sources: $got" "$(cat "$T/sum")" \
		    "$(cat "$T/err")"
	fi
	inlangs "faults" "$T/f"
	# While it waits on its slow first page, Kaggle's progress lines
	# count its requests, for the live table.
	if grep -v '"phase":"done"' "$T/f/.ads/progress/kaggle.jsonl" |
	    grep -q '"requests":[1-9]'; then
		ok "progress lines count requests before the fetcher ends"
	else
		not_ok "live request counts" \
		    "$(cat "$T/f/.ads/progress/kaggle.jsonl")"
	fi
	# The dummy credentials never reach the summary, the messages, the
	# dataset, or anything in .ads (plan, logs, progress, raw, cache).
	if grep -r -l 'replay-dummy' "$T/f" "$T/sum" "$T/err" >"$T/leak" \
	    2>/dev/null; then
		not_ok "no credential in the output" "$(cat "$T/leak")"
	else
		ok "no credential in the output"
	fi
fi

# Reproducible: online once into a cache, then twice offline from it
# (ADS_CACHE=only) with no server at all: every file the same bytes, the
# Parquet data and the card included (only the clock times in .ads/run
# and the live progress lines in .ads/progress, written as time passes,
# differ: their final lines, merged in .ads/progress.jsonl, do not); the
# online run has the same records and data.  All eight sources: Reddit
# asks for its OAuth token only when the cache cannot answer, and Hugging
# Face's refused datasets replay from the cache.
RS=wikipedia,reddit,youtube,kaggle,huggingface,arxiv,news,github
# shellcheck disable=SC2086
if need "reproducible" $STAGES ads-fetch-wikipedia ads-fetch-reddit \
    ads-fetch-youtube ads-fetch-kaggle ads-fetch-huggingface \
    ads-fetch-arxiv ads-fetch-news ads-fetch-github; then
	set -- -P none -f parquet -w $RS -n 60 -o "$T/r"
	ADS_CACHE_DIR=$T/cache ADS_DEMO_ENV=$T/env demo ads "$@" "$PROMPT" \
	    >"$T/sum" 2>&1
	rc0=$?
	mv "$T/r" "$T/r0"
	# shellcheck disable=SC1091
	(. "$T/env" && ADS_CACHE_DIR=$T/cache ads -c only "$@" "$PROMPT") \
	    >"$T/sum1" 2>&1
	rc1=$?
	mv "$T/r" "$T/r1"
	# shellcheck disable=SC1091
	(. "$T/env" && ADS_CACHE_DIR=$T/cache ads -c only "$@" "$PROMPT") \
	    >"$T/sum" 2>&1
	rc2=$?
	(cd "$T/r" && find . -type f ! -path './.ads/run/*' \
	    ! -path './.ads/progress/*' | sort) \
	    >"$T/files"
	(cd "$T/r1" && find . -type f ! -path './.ads/run/*' \
	    ! -path './.ads/progress/*' | sort) \
	    >"$T/files1"
	same=yes
	cmp -s "$T/files" "$T/files1" || same="no: the files differ"
	while read -r f; do
		cmp -s "$T/r1/$f" "$T/r/$f" || same="no: $f"
		case $f in
		./data/* | ./.ads/raw/*.jsonl | ./.ads/stage/*.jsonl | \
		    ./.ads/plan.json)
			cmp -s "$T/r0/$f" "$T/r/$f" || same="no: online $f"
			;;
		esac
	done <"$T/files"
	if test $rc0 -eq 0 && test $rc1 -eq 0 && test $rc2 -eq 0 &&
	    test "$same" = yes &&
	    test "$(grep -c '^./data/.*\.parquet$' "$T/files")" -eq 3 &&
	    grep -q '^./README.md$' "$T/files" &&
	    grep -q '^./dataset_card.json$' "$T/files"; then
		ok "two offline runs from the cache give the same bytes"
	else
		not_ok "reproducible" "exits $rc0 $rc1 $rc2, same $same" \
		    "$(cat "$T/sum1")"
	fi
	inlangs "reproducible" "$T/r"
fi

# Resume: kill the driver while Kaggle is slow; whole records stay, no
# fetcher is left, and the same command finishes without asking
# Wikipedia again.  (-F all -R 0: ads-fit keeps Kaggle's dataset
# descriptions, so that the rows are there without more rounds.)
# shellcheck disable=SC2086
if need "resume after a kill" $STAGES ads-fetch-wikipedia \
    ads-fetch-kaggle; then
	# shellcheck disable=SC2016
	ADS_DEMO_REPLAY=$FIXTURES/driver/faults ADS_DEMO_LOG=$T/klog demo \
	    sh -c 'echo $$ >"$0.pid"; exec ads -P none -f jsonl -F all -R 0 \
	    -w wikipedia,kaggle -n 20 -o "$0" "$1"' "$T/k" "$PROMPT" \
	    >"$T/sum" 2>"$T/err" &
	pid=$!
	i=0
	while ! test -f "$T/k/.ads/raw/wikipedia.jsonl" ||
	    ! test -f "$T/k/.ads/raw/kaggle.jsonl.part"; do
		i=$((i + 1))
		test $i -gt 300 && break
		sleep 0.05
	done
	kill -TERM "$(cat "$T/k.pid")"
	wait $pid
	rc=$?
	sleep 0.5
	if test $rc -eq 143 && test -s "$T/k/.ads/raw/wikipedia.jsonl" &&
	    ! test -f "$T/k/.ads/raw/kaggle.jsonl" &&
	    ! pgrep -f "$T/k/.ads/plan.json" >/dev/null &&
	    grep -q 'run the same command again' "$T/err"; then
		ok "SIGTERM mid-fetch keeps finished sources, stops fetchers"
	else
		not_ok "kill mid-fetch" "exit $rc" "$(cat "$T/err")" \
		    "$(ls "$T/k/.ads/raw")"
	fi
	ADS_DEMO_LOG=$T/klog2 demo ads -P none -f jsonl -F all -R 0 \
	    -w wikipedia,kaggle -n 20 -o "$T/k" "$PROMPT" >"$T/sum" 2>&1
	rc=$?
	if test $rc -eq 0 && ! grep -q '/wikipedia/' "$T/klog2" &&
	    grep -q '/kaggle/' "$T/klog2" &&
	    grep -q '^  wikipedia .*reused from an earlier run' "$T/sum" &&
	    test -s "$T/k/.ads/raw/kaggle.jsonl" && test -s "$T/k/README.md"
	then
		ok "the same command resumes: finished sources are reused"
	else
		not_ok "resume" "exit $rc" "$(cat "$T/sum")"
	fi
	inlangs "resume" "$T/k"
fi

# A rerun that needs more (a larger -n) fetches again, but what the
# first run fetched comes from the HTTP cache: none of its requests is
# made again.  (One replay server for both runs: the cache is keyed by
# URL, port included.  -R 0: without ads-fit's relevance test the first
# run has its rows, so it does not ask for more itself.)
# shellcheck disable=SC2086
if need "rerun from the HTTP cache" $STAGES ads-fetch-wikipedia \
    ads-fetch-arxiv ads-fetch-github; then
	# shellcheck disable=SC2016
	ADS_DEMO_LOG=$T/clog demo sh -c 'set -- -P none -f jsonl -R 0 \
	    -w wikipedia,arxiv,github -o "$0" "$1"
	ads -n 20 "$@" >/dev/null || exit
	wc -l <"$ADS_DEMO_LOG" >"$ADS_DEMO_LOG.n"
	ads -n 40 "$@"' "$T/c" "$PROMPT" >"$T/sum" 2>&1
	rc=$?
	n=$(cat "$T/clog.n" 2>/dev/null || echo 0)
	head -n "$n" "$T/clog" | jq -r '.method + " " + .path + "?" + .query' |
	    sort -u >"$T/c1"
	tail -n +"$((n + 1))" "$T/clog" |
	    jq -r '.method + " " + .path + "?" + .query' | sort -u >"$T/c2"
	if test $rc -eq 0 && test "$n" -gt 0 && test -s "$T/c2" &&
	    test -z "$(comm -12 "$T/c1" "$T/c2")" &&
	    grep -q '^  wikipedia .* [1-9][0-9]* cached' "$T/sum" &&
	    test "$(jq -s 'length' "$T/c/.ads/stage/split.jsonl")" -gt 20; then
		ok "a rerun for more rows takes what it had from the HTTP cache"
	else
		not_ok "rerun from the HTTP cache" "exit $rc, first $n requests" \
		    "$(comm -12 "$T/c1" "$T/c2" | head -n 5)" "$(cat "$T/sum")"
	fi
	inlangs "rerun" "$T/c"
fi

# A dry run makes no request and writes nothing.
# shellcheck disable=SC2086
if need "dry run" ads ads-plan; then
	ADS_DEMO_LOG=$T/dlog demo ads -d -o "$T/d" "$PROMPT" >"$T/out" 2>&1
	rc=$?
	if test $rc -eq 0 && ! test -s "$T/dlog" && ! test -e "$T/d" &&
	    ! grep -q 'replay-dummy' "$T/out" &&
	    grep -q '^ads-fetch-wikipedia -u -p ' "$T/out" &&
	    grep -q '^ads-export -o ' "$T/out"; then
		ok "--dry-run makes no request"
	else
		not_ok "--dry-run" "exit $rc" "$(cat "$T/out")" \
		    "$(head -c 500 "$T/dlog")"
	fi
fi

# The EXAMPLES of ads(1), word for word, in a folder of their own.
# shellcheck disable=SC2086
if need "ads(1) examples" $STAGES ads-fetch-wikipedia ads-fetch-arxiv; then
	mkdir -p "$T/ex"
	# shellcheck disable=SC2016
	ADS_DEMO_ENV=$T/exenv ADS_DEMO_LOG=$T/exlog demo sh -c 'cd "$0" &&
	    ads -n 200 -w wikipedia,arxiv -f jsonl -o heat "heat pump field trials" &&
	    : >"$1" &&
	    ads -d -n 200 "heat pump field trials"' "$T/ex" "$T/exlog" \
	    >"$T/out" 2>&1
	rc=$?
	if test $rc -eq 0 && test -s "$T/ex/heat/README.md" &&
	    ! test -s "$T/exlog" && grep -q '^ads-fetch-arxiv ' "$T/out"; then
		ok "ads(1) examples: a build, and a dry run without requests"
	else
		not_ok "ads(1) examples" "exit $rc" "$(tail -n 20 "$T/out")"
	fi
	inlangs "ads(1) examples" "$T/ex/heat"
	# shellcheck disable=SC1091
	(. "$T/exenv" && cd "$T/ex" &&
	    ADS_CACHE_DIR=heat/.ads/cache ads -c only -p heat/.ads/plan.json \
	    -w wikipedia,arxiv -f jsonl -o heat2) >"$T/out" 2>&1
	rc=$?
	same=yes
	for f in "$T"/ex/heat/data/*; do
		cmp -s "$f" "$T/ex/heat2/data/${f##*/}" || same="no: ${f##*/}"
	done
	if test $rc -eq 0 && test "$same" = yes; then
		ok "ads(1) examples: the offline rebuild has the same data bytes"
	else
		not_ok "ads(1) offline rebuild" "exit $rc, same $same" \
		    "$(cat "$T/out")"
	fi
fi

# The offline demo, as `make demo' runs it: a Parquet dataset whose
# files DuckDB reads back with the rows the card counts.  (Its time is
# reported, not tested: speed belongs to benchmarks.)
# shellcheck disable=SC2086
if need "demo" $STAGES; then
	t0=$(date +%s)
	ADS_DEMO_OUT=$T/demo ADS_DEMO_PROGRESS=json demo >"$T/out" 2>&1
	rc=$?
	t=$(($(date +%s) - t0))
	rows=$(jq '.counts.records // -1' "$T/demo/dataset_card.json" 2>/dev/null)
	if test $rc -eq 0 && test "${rows:-0}" -gt 0 &&
	    grep -q "^prompt\|^pretty_name: \"a sentiment dataset" \
	    "$T/demo/README.md" && grep -q '^configs:' "$T/demo/README.md" &&
	    jq -e '.prompt | startswith("a sentiment dataset")' \
	    "$T/demo/dataset_card.json" >/dev/null &&
	    grep -q 'the dataset is in ' "$T/out"; then
		ok "the demo builds a dataset offline in ${t}s"
	else
		not_ok "demo" "exit $rc in ${t}s, rows $rows" "$(cat "$T/out")"
	fi
	# Recorded answers for all eight sources: each gives records.
	all=yes
	for s in wikipedia reddit youtube kaggle huggingface arxiv news github; do
		have_tool "ads-fetch-$s" || continue
		grep -q "^  $s  *[1-9][0-9]* records .*) done" "$T/out" &&
		    grep -q "^@@PROGRESS@@ .*\"source\":\"$s\",\"state\":\"done\"" \
		    "$T/out" || all="no: $s"
	done
	if test "$all" = yes &&
	    grep '^@@PROGRESS@@ ' "$T/out" | sed 's/^@@PROGRESS@@ //' |
	    jq -e -s 'all(has("phase") and has("detail") and has("source"))
	        and any(.stage == "dedup" and .phase == "Refining") and last.phase == "done"' \
	    >/dev/null; then
		ok "the demo: every source gives records, progress as JSON lines"
	else
		not_ok "demo sources and progress" "$all" "$(cat "$T/out")"
	fi
	inlangs "demo" "$T/demo"
	# The demo asks for a sentiment dataset of reviews: no README,
	# abstract or dataset description is a row (a Kaggle file's rows
	# are), and the card says how
	# many rows were asked and why each source stopped.
	if test "$(wc -l <"$T/demo/.ads/stage/split.jsonl")" -gt 0 &&
	    ! jq -e 'select(.source == "github" or .source == "arxiv" or
	    .source == "wikipedia" or ((.source == "huggingface" or
	    .source == "kaggle") and .meta.row == null))' \
	    "$T/demo/.ads/stage/split.jsonl" >/dev/null &&
	    jq -e '.delivery.target_rows == 200 and
	    .delivery.rows == .counts.records and
	    (.delivery.sources | length == 8 and
	        all(.[]; .stopped | test("^(quota met|source exhausted|failed|skipped: .*)$"))) and
	    (.delivery.dropped_fit["form:readme"] > 0) and
	    .delivery.languages_kept == ["en"]' \
	    "$T/demo/dataset_card.json" >/dev/null &&
	    grep -q '^200 rows were asked for and [0-9]* delivered' \
	    "$T/demo/README.md" &&
	    grep -q '^| github | [0-9]* | [0-9]* | 0 | ' "$T/demo/README.md"
	then
		ok "demo: a review dataset without READMEs, abstracts or dataset descriptions; the card says what was asked and why sources stopped"
	else
		not_ok "demo: forms and delivery" \
		    "$(jq -c .delivery "$T/demo/dataset_card.json")"
	fi
	# The dummy credentials reach none of what the run shows or keeps.
	if grep -r -l 'replay-dummy' "$T/out" "$T/demo" >"$T/leak" 2>/dev/null
	then
		not_ok "demo: no credential in the output" "$(cat "$T/leak")"
	else
		ok "demo: no credential in the summary, progress, plan, logs, cache or card"
	fi
	if test -d "$TOP/node_modules/@duckdb/node-api"; then
		# Each split's file read back, against the card and the
		# summary's "N rows of M asked (A train, B validation, C test)".
		n=0
		want=
		bad=
		: >"$T/rows"
		for sp in train validation test; do
			f=$T/demo/data/$sp-00000-of-00001.parquet
			test -f "$f" || continue
			node "$TOP/tests/readers/duckdb-rows.mjs" "$f" \
			    >"$T/rows.$sp" 2>"$T/derr" || bad="$bad $sp: unread"
			c=$(wc -l <"$T/rows.$sp" | tr -d ' ')
			cat "$T/rows.$sp" >>"$T/rows"
			n=$((n + c))
			want="$want${want:+, }$c $sp"
			cc=$(jq --arg s "$sp" '.counts.splits[$s] // -1' \
			    "$T/demo/dataset_card.json")
			test "$cc" = "$c" || bad="$bad $sp: card $cc, file $c"
			jq -e -s --arg s "$sp" 'all(.split == $s)' \
			    "$T/rows.$sp" >/dev/null || bad="$bad $sp: split field"
		done
		asked=$(sed -n 's/^  [0-9]* rows of \([0-9]*\) asked.*/\1/p' \
		    "$T/out")
		if test "$n" -eq "${rows:-0}" && test -z "$bad" &&
		    test "$n" -le "${asked:-0}" &&
		    jq -e -s 'all(.id and .text and .split)' "$T/rows" \
		    >/dev/null &&
		    grep -q "^  $n rows of [0-9]* asked ($want)\$" "$T/out"
		then
			ok "DuckDB reads the demo's Parquet: $n rows ($want) as the card and summary say"
		else
			not_ok "DuckDB reads the demo" "$n rows ($want), card $rows$bad" \
			    "$(grep 'rows of' "$T/out")" "$(cat "$T/derr")"
		fi
	else
		skip "DuckDB reads the demo" "node_modules/@duckdb/node-api is missing (npm ci)"
	fi
fi

# A request for German and Japanese reviews over the replay pool, which
# is all English: no English row reaches the dataset (ads-score drops
# them for language and says so), and -a keeps them (with -R 0, as the
# plan's German and Japanese words are in none of them).
# shellcheck disable=SC2086
if need "languages kept" $STAGES; then
	ADS_DEMO_OUT=$T/lang ADS_DEMO_PROMPT='a sentiment dataset of product reviews in German and Japanese, 100 examples' \
	    demo >"$T/out" 2>&1
	rows=$(wc -l <"$T/lang/.ads/stage/split.jsonl" 2>/dev/null || echo -1)
	if test "$rows" -eq 0 &&
	    jq -e -s 'map(select(.tool == "ads-score" and .phase == "done"))
	    | last | .in > 0 and .dropped.lang == .in and
	    .dropped_langs.en > 0' "$T/lang/.ads/progress/score.jsonl" \
	    >/dev/null && grep -q '^  score .* dropped: [0-9]* lang' "$T/out"
	then
		ok "German and Japanese asked: no English row kept, the drops counted"
	else
		not_ok "languages kept" "$rows rows" "$(grep '^  ' "$T/out")"
	fi
	ADS_DEMO_OUT=$T/lang ADS_DEMO_PROMPT='a sentiment dataset of product reviews in German and Japanese, 100 examples' \
	    demo ads -a -R 0 -P none -f jsonl -o "$T/lang" \
	    'a sentiment dataset of product reviews in German and Japanese, 100 examples' \
	    >"$T/out" 2>&1
	if test "$(wc -l <"$T/lang/.ads/stage/split.jsonl")" -gt 0 &&
	    jq -e '.delivery.languages_kept == [] and
	    (.delivery.rows_per_language | .de.rows == 0 and .ja.rows == 0 and
	        .de.fair_share == (.ja.fair_share))' \
	    "$T/lang/dataset_card.json" >/dev/null &&
	    grep -q '^| de | 0 | [0-9]* |$' "$T/lang/README.md"; then
		ok "-a keeps other languages; the card gives rows per language against a fair share"
	else
		not_ok "-a and rows per language" "$(grep '^  ' "$T/out")" \
		    "$(jq -c .delivery "$T/lang/dataset_card.json" 2>&1)"
	fi
fi
