#!/bin/sh
# t8010-driver-replay -- the whole pipeline with the real tools against
# the replay server (through scripts/demo, which serves every
# tests/fixtures/http/*/ folder and points the sources at it): faults,
# reproducibility, resume after a kill, a dry run without requests, and
# the offline demo read back with DuckDB.
. "$(dirname "$0")/lib.sh"

# need NAME TOOL... -- true when every TOOL is built, else skip NAME.
need() {
	_n=$1
	shift
	for _t in "$@"; do
		if ! have_tool "$_t"; then
			skip "$_n" "$_t is not built"
			return 1
		fi
	done
	return 0
}

STAGES="ads ads-plan ads-scrub ads-dedup ads-score ads-split ads-export"
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
	    -s wikipedia,youtube,kaggle,arxiv,news -n 60 -o "$0" "$1"' \
	    "$T/f" "$PROMPT" >"$T/sum" 2>"$T/err"
	rc=$?
	got=$(jq -r .source "$T/f/.ads/stage/all.jsonl" 2>/dev/null |
	    sort -u | tr '\n' ' ')
	if test $rc -eq 4 && test "$got" = "arxiv kaggle wikipedia " &&
	    grep -q '^  youtube  *skipped: \(YOUTUBE_API_KEY is not set\|ads-fetch-youtube is not installed\)' \
	    "$T/sum" &&
	    grep -q '^  news  *0 records.*some requests failed' "$T/sum" &&
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
	# The dummy credentials never reach the dataset, logs or progress.
	if grep -r -l 'replay-dummy' "$T/f/data" "$T/f/README.md" \
	    "$T/f/dataset_card.json" "$T/f/.ads/log" "$T/f/.ads/progress" \
	    "$T/f/.ads/raw" >"$T/leak" 2>/dev/null; then
		not_ok "no credential in the output" "$(cat "$T/leak")"
	else
		ok "no credential in the output"
	fi
fi

# Reproducible: online once into a cache, then twice offline from it
# (ADS_CACHE=only) with no server at all: the same bytes.
# shellcheck disable=SC2086
if need "reproducible" $STAGES ads-fetch-wikipedia ads-fetch-arxiv \
    ads-fetch-kaggle; then
	set -- -P none -f jsonl -s wikipedia,arxiv,kaggle -n 40 -o "$T/r"
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
	same=yes
	for f in README.md dataset_card.json data/train-00000-of-00001.jsonl \
	    data/test-00000-of-00001.jsonl .ads/stage/split.jsonl \
	    .ads/raw/wikipedia.jsonl .ads/raw/arxiv.jsonl \
	    .ads/raw/kaggle.jsonl; do
		cmp -s "$T/r1/$f" "$T/r/$f" || same="no: $f"
		case $f in
		.ads/*) cmp -s "$T/r0/$f" "$T/r/$f" || same="no: online $f" ;;
		esac
	done
	if test $rc0 -eq 0 && test $rc1 -eq 0 && test $rc2 -eq 0 &&
	    test "$same" = yes &&
	    test -s "$T/r/data/train-00000-of-00001.jsonl"; then
		ok "two offline runs from the cache give the same bytes"
	else
		not_ok "reproducible" "exits $rc0 $rc1 $rc2, same $same" \
		    "$(cat "$T/sum1")"
	fi
fi

# Resume: kill the driver while Kaggle is slow; whole records stay, no
# fetcher is left, and the same command finishes without asking
# Wikipedia again.
# shellcheck disable=SC2086
if need "resume after a kill" $STAGES ads-fetch-wikipedia \
    ads-fetch-kaggle; then
	# shellcheck disable=SC2016
	ADS_DEMO_REPLAY=$FIXTURES/driver/faults ADS_DEMO_LOG=$T/klog demo \
	    sh -c 'echo $$ >"$0.pid"; exec ads -P none -f jsonl \
	    -s wikipedia,kaggle -n 20 -o "$0" "$1"' "$T/k" "$PROMPT" \
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
	ADS_DEMO_LOG=$T/klog2 demo ads -P none -f jsonl -s wikipedia,kaggle \
	    -n 20 -o "$T/k" "$PROMPT" >"$T/sum" 2>&1
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
fi

# A dry run makes no request and writes nothing.
# shellcheck disable=SC2086
if need "dry run" ads ads-plan; then
	ADS_DEMO_LOG=$T/dlog demo ads -d -o "$T/d" "$PROMPT" >"$T/out" 2>&1
	rc=$?
	if test $rc -eq 0 && ! test -s "$T/dlog" && ! test -e "$T/d" &&
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
	    ads -n 200 -s wikipedia,arxiv -f jsonl -o heat "heat pump field trials" &&
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
	# shellcheck disable=SC1091
	(. "$T/exenv" && cd "$T/ex" &&
	    ADS_CACHE_DIR=heat/.ads/cache ads -c only -p heat/.ads/plan.json \
	    -s wikipedia,arxiv -f jsonl -o heat2) >"$T/out" 2>&1
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
	ADS_DEMO_OUT=$T/demo ADS_DEMO_PROGRESS=none demo >"$T/out" 2>&1
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
	if test -d "$TOP/node_modules/@duckdb/node-api"; then
		n=0
		for f in "$T"/demo/data/*.parquet; do
			node "$TOP/tests/readers/duckdb-rows.mjs" "$f" \
			    >"$T/rows" 2>"$T/derr" || n=-999999
			n=$((n + $(wc -l <"$T/rows")))
		done
		if test "$n" -eq "${rows:-0}" &&
		    jq -e -s 'all(.id and .text and .split)' "$T/rows" >/dev/null
		then
			ok "DuckDB reads the demo's Parquet: $n rows as the card says"
		else
			not_ok "DuckDB reads the demo" "$n rows, card $rows" \
			    "$(cat "$T/derr")"
		fi
	else
		skip "DuckDB reads the demo" "node_modules/@duckdb/node-api is missing (npm ci)"
	fi
fi
