#!/bin/sh
# t8000-driver -- the driver's own logic (options, dry run, faults,
# resume, cancel, fetching more, progress, stamps) on stand-in tools from
# tests/fixtures/driver/fake, so it holds whatever the real tools do.
# t8010-driver-replay.sh runs the real tools through the replay server.
. "$(dirname "$0")/lib.sh"
checks 54

if ! have_tool ads; then
	skip "driver" "ads is not built"
	exit 0
fi
D=$FIXTURES/driver
PLAN=$D/plan.json
# A PATH with the driver and the stand-ins only, so that real tools
# built beside it do not take part.
FB=$T/fb
mkdir -p "$FB"
cp "$BIN/ads" "$BIN/ads-args" "$BIN/ads-progress" "$BIN/ads-plan" "$BIN/ads-engine" "$FB/"
cp "$BIN/ads-plan" "$FB/ads-plan.real"
for s in wikipedia reddit youtube kaggle huggingface arxiv news github; do
	cp "$D/fake/ads-fetch" "$FB/ads-fetch-$s"
done
for g in scrub dedup label score fit split; do
	cp "$D/fake/ads-stage" "$FB/ads-$g"
done
cp "$D/fake/ads-export" "$FB/ads-export"
chmod 755 "$FB"/*
PATH=$FB:/usr/local/bin:/usr/bin:/bin
export PATH
unset FAKE_DRY FAKE_FAIL FAKE_NOKEY FAKE_CRASH FAKE_SLOW FAKE_DUPS
FAKE_LOG=$T/calls
export FAKE_LOG
cd "$T" || exit 1

# lines FILE -- its number of lines.
lines() {
	wc -l <"$1" | tr -d ' '
}

# Usage errors: exit 2, nothing on the standard output, nothing made.
for a in "-n 0" "-n x" "-f xml" "-c maybe" "-j 0" "-j 65" "-m 1.5" "-R 101" "-R x" "-F Post" \
    "-m x" "-P fancy" "-S -1" "-w wikipedia,nosuch" "--bogus" \
    "--dry-run=1"; do
	# shellcheck disable=SC2086
	ads $a -o bad "a prompt" >"$T/out" 2>"$T/err"
	rc=$?
	if test $rc -eq 2 && ! test -s "$T/out" && ! test -e bad &&
	    grep -q '^usage: ads ' "$T/err"; then
		ok "usage error: $a"
	else
		not_ok "usage error: $a" "exit $rc" "$(cat "$T/out" "$T/err")"
	fi
done
expect_code 2 "no prompt and no plan is a usage error" ads -o bad
expect_code 3 "an unreadable plan is a system error" ads -p "$T/none.json"

# --dry-run prints the plan and the exact commands and runs nothing.
: >"$FAKE_LOG"
ads --dry-run -p "$PLAN" -o dry -w arxiv,news -m 0.5 -S 7 >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && ! test -s "$FAKE_LOG" && ! test -e dry &&
    grep -q '^ads-fetch-arxiv -u -p dry/.ads/plan.json -n [0-9]' "$T/out" &&
    grep -q '^ads-fetch-news ' "$T/out" &&
    ! grep -q '^ads-fetch-wikipedia' "$T/out" &&
    grep -q '^ads-score --min 0.5 ' "$T/out" &&
    grep -q '^ads-split --seed 7 -n 40 ' "$T/out" &&
    grep -q '^ads-export -o dry -f parquet ' "$T/out" &&
    grep -qx 'cat dry/.ads/raw/arxiv.jsonl dry/.ads/raw/news.jsonl >dry/.ads/stage/all.jsonl' "$T/out" &&
    grep -qx "ADS_CACHE=$ADS_CACHE ADS_CACHE_DIR=dry/.ads/cache" "$T/out" &&
    grep -q "^ads-export .* --command 'ads -p [^ ]*plan.json -o dry -w arxiv,news -m 0.5 -S 7' " "$T/out" &&
    sed -n '/^# plan/,/^# environment/p' "$T/out" | sed '1d;$d' |
    jq -e '.sources.news.queries | length > 0' >/dev/null; then
	ok "--dry-run shows the plan and commands and runs nothing"
else
	not_ok "--dry-run" "exit $rc" "$(cat "$T/out" "$T/err" "$FAKE_LOG")"
fi

# A whole run: every planned source, the stages in order, the dataset.
: >"$FAKE_LOG"
ads -p "$PLAN" -o out1 -f jsonl >"$T/sum1" 2>"$T/err1"
rc=$?
if test $rc -eq 0 && test "$(lines out1/data/train.jsonl)" -eq 40 &&
    grep -q '^  wikipedia  *[0-9]* records' "$T/sum1" &&
    grep -q '^  40 rows of 40 asked (40 train)' "$T/sum1" &&
    grep -q '^  dataset: out1 (jsonl' "$T/sum1" &&
    test "$(grep -c '^ads-fetch\|^[a-z]* [0-9]' "$FAKE_LOG")" -eq 4 &&
    test "$(grep '^ads-' "$FAKE_LOG" | tr '\n' ' ')" = \
    "ads-scrub ads-dedup ads-label ads-score ads-fit ads-split ads-export "; then
	ok "a run fetches every planned source and runs every stage"
else
	not_ok "a run" "exit $rc" "$(cat "$T/sum1" "$T/err1" "$FAKE_LOG")"
fi
# Sources are concatenated in the fixed order, whatever finished first.
if jq -r .source out1/.ads/stage/all.jsonl | uniq | tr '\n' ' ' |
    grep -qx 'wikipedia youtube arxiv github '; then
	ok "sources are concatenated in the fixed order"
else
	not_ok "fixed order" "$(jq -r .source out1/.ads/stage/all.jsonl | uniq)"
fi
# Each source's share: OVER percent of the rows, by the plan's limits.
if grep -qx 'wikipedia 24' "$FAKE_LOG" && grep -qx 'arxiv 12' "$FAKE_LOG"
then
	ok "sources are asked for 150% of their share"
else
	not_ok "over-collection" "$(cat "$FAKE_LOG")"
fi
# The card gets the final progress lines of every tool.
if jq -e -s 'map(select(.phase == "done")) | length == 11 and any(.tool == "ads")' \
    out1/.ads/progress.jsonl >/dev/null; then
	ok "the final progress lines are merged for ads-export"
else
	not_ok "progress merged" "$(cat out1/.ads/progress.jsonl)"
fi

# The summary's rows per split and per source are those the export
# wrote, even when records carry a "split" field of their own (meta).
FAKE_MIXED=1 ads -p "$PLAN" -o outm -f jsonl >"$T/summ" 2>&1
rc=$?
want="$(lines outm/data/train.jsonl) train, $(lines outm/data/validation.jsonl) validation, $(lines outm/data/test.jsonl) test"
total=$(cat outm/data/*.jsonl | wc -l | tr -d ' ')
kept=yes
for s in wikipedia youtube arxiv github; do
	k=$(cat outm/data/*.jsonl | grep -c "\"source\":\"$s\"")
	grep -q "^  $s .*; $k in the dataset\$" "$T/summ" || kept="no: $s $k"
done
if test $rc -eq 0 && grep -q '"meta":{"split":"train"}' outm/data/test.jsonl &&
    grep -qx "  $total rows of 40 asked ($want)" "$T/summ" &&
    test "$kept" = yes; then
	ok "the summary counts the rows the export wrote, per split and source"
else
	not_ok "summary counts" "exit $rc, files: $total ($want), $kept" \
	    "$(cat "$T/summ")"
fi

# The same command again reuses every source and stage.
: >"$FAKE_LOG"
ads -p "$PLAN" -o out1 -f jsonl >"$T/sum2" 2>&1
rc=$?
if test $rc -eq 0 && ! test -s "$FAKE_LOG" &&
    grep -q 'reused from an earlier run' "$T/sum2"; then
	ok "a rerun reuses finished sources and stages"
else
	not_ok "rerun reuses" "exit $rc" "$(cat "$T/sum2" "$FAKE_LOG")"
fi
# A change downstream redoes only what it touches.
: >"$FAKE_LOG"
ads -p "$PLAN" -o out1 -f jsonl -S 2 >"$T/sum3" 2>&1
if test "$(tr '\n' ' ' <"$FAKE_LOG")" = "ads-split ads-export "; then
	ok "a new seed redoes the split and the export only"
else
	not_ok "stage stamps" "$(cat "$FAKE_LOG")"
fi

# Faults: a failing source, a crashing one, one without a key, one that
# runs dry: the others' data arrives, exit 4, a truthful summary.
: >"$FAKE_LOG"
FAKE_FAIL=arxiv FAKE_CRASH=github FAKE_NOKEY=youtube FAKE_DRY=news:5 \
    ads -p "$PLAN" -o out2 -f jsonl -w wikipedia,youtube,arxiv,news,github \
    >"$T/sum" 2>"$T/err"
rc=$?
if test $rc -eq 4 &&
    test "$(jq -r .source out2/.ads/stage/all.jsonl | sort -u | tr '\n' ' ')" = \
    "arxiv news wikipedia " &&
    grep -q '^  youtube  *skipped: KEY is not set' "$T/sum" &&
    grep -q '^  github  *failed (exit 3)' "$T/sum" &&
    grep -q '^  arxiv  *3 records.*some requests failed' "$T/sum" &&
    grep -q '^  news  *5 records.*ran dry at 5 of' "$T/sum"; then
	ok "failing, keyless and dry sources do not stop the others"
else
	not_ok "faults" "exit $rc" "$(cat "$T/sum" "$T/err")"
fi
# Too few rows: the sources that gave all they were asked for are asked
# for twice as many, the dry one is not; the result never exceeds -n.
if test "$(grep -c '^wikipedia ' "$FAKE_LOG")" -eq 2 &&
    test "$(grep -c '^news ' "$FAKE_LOG")" -eq 1 &&
    test "$(lines out2/data/train.jsonl)" -le 40; then
	ok "too few rows fetches more from sources that did not run dry"
else
	not_ok "fetch more" "$(cat "$FAKE_LOG")"
fi
# A shortfall is stated with its cause.
: >"$FAKE_LOG"
FAKE_DRY="wikipedia:4 arxiv:3" FAKE_NOKEY=youtube \
    ads -p "$PLAN" -o out3 -f jsonl -w wikipedia,youtube,arxiv \
    >"$T/sum" 2>&1
rc=$?
if test $rc -eq 0 &&
    grep -q '^  shortfall: 33 rows: ran dry: wikipedia arxiv; youtube skipped (KEY is not set)' \
    "$T/sum"; then
	ok "a shortfall names the sources that ran dry or were skipped"
else
	not_ok "shortfall" "exit $rc" "$(cat "$T/sum")"
fi
# Refinement drops too many even when every source gives all it is
# asked: two more rounds, no more, and the shortfall says so.
: >"$FAKE_LOG"
FAKE_DUPS='wikipedia:[0-9]*|arxiv:[0-9][0-9]+' \
    ads -p "$PLAN" -o outd -f jsonl -w wikipedia,arxiv >"$T/sum" 2>&1
rc=$?
if test $rc -eq 0 && test "$(grep -c '^arxiv ' "$FAKE_LOG")" -eq 3 &&
    test "$(lines outd/data/train.jsonl)" -eq 9 &&
    grep -q '^  shortfall: 31 rows: the stages dropped too many even after 2 more rounds' "$T/sum"; then
	ok "the bound on rounds of fetching more, and the shortfall's cause"
else
	not_ok "rounds bound" "exit $rc" "$(cat "$T/sum" "$FAKE_LOG")"
fi
# The rounds ask for more in proportion to the shortfall: 9 rows of 40
# make the scale 4 (at most), then 16 (arxiv's share of 20: 80, 320).
if grep -qx 'arxiv 20' "$FAKE_LOG" && grep -qx 'arxiv 80' "$FAKE_LOG" &&
    grep -qx 'arxiv 320' "$FAKE_LOG"; then
	ok "more rounds scaled by the shortfall, at most 4 times each"
else
	not_ok "rounds scaled by the shortfall" "$(cat "$FAKE_LOG")"
fi
# Why each source stopped goes to the card, through the driver's own
# final progress line: quota met, source exhausted, skipped.
if jq -e -s 'map(select(.tool == "ads")) | length == 1 and
    (.[0] | .target_rows == 40 and .rounds == 1 and
    .languages_kept == ["en"] and
    .sources.wikipedia.stopped == "source exhausted" and
    .sources.youtube.stopped == "skipped: KEY is not set" and
    .sources.arxiv.stopped == "source exhausted")' \
    out3/.ads/progress.jsonl >/dev/null &&
    jq -e -s 'map(select(.tool == "ads"))[0].sources.arxiv |
    .stopped == "quota met" and .asked == .fetched' \
    outd/.ads/progress.jsonl >/dev/null; then
	ok "the card is told why each source stopped"
else
	not_ok "stop reasons" "$(grep '"tool":"ads"' out3/.ads/progress.jsonl)"
fi
# The plan's languages reach ads-score -L, and ads-fit runs on the plan;
# -a keeps every language.
ads -d -p "$PLAN" -o dl >"$T/out" 2>&1
ads -d -a -p "$PLAN" -o dl >"$T/outa" 2>&1
if grep -q '^ads-score -L en <' "$T/out" &&
    grep -q '^ads-fit -p dl/.ads/plan.json <dl/.ads/stage/score.jsonl >dl/.ads/stage/fit.jsonl$' "$T/out" &&
    grep -q '^ads-split .*<dl/.ads/stage/fit.jsonl ' "$T/out" &&
    grep -q '^ads-score <' "$T/outa"; then
	ok "ads-score -L gets the plan's languages (not with -a); ads-fit before split"
else
	not_ok "-L and ads-fit in the commands" "$(grep '^ads-' "$T/out")"
fi

# A fetcher that is not installed is a skipped source, not a crash.
rm "$FB/ads-fetch-kaggle"
ads -p "$PLAN" -o out4 -f jsonl -w wikipedia,kaggle >"$T/sum" 2>&1
rc=$?
if test $rc -eq 0 &&
    grep -q '^  kaggle  *skipped: ads-fetch-kaggle is not installed' \
    "$T/sum" && grep -q '"source":"kaggle","phase":"skipped"' \
    out4/.ads/progress.jsonl; then
	ok "a missing fetcher is reported as a skipped source"
else
	not_ok "missing fetcher" "exit $rc" "$(cat "$T/sum")"
fi
# Every source failing gives no dataset, and says so.
FAKE_CRASH="wikipedia arxiv" ads -p "$PLAN" -o out5 -f jsonl \
    -w wikipedia,arxiv >"$T/sum" 2>&1
rc=$?
if test $rc -eq 4 && ! test -e out5/README.md &&
    grep -q 'no dataset' "$T/sum"; then
	ok "no rows at all: no dataset, exit 4"
else
	not_ok "no rows" "exit $rc" "$(cat "$T/sum")"
fi

# Cancel mid-fetch: SIGTERM stops the fetchers, keeps whole records, says
# how to continue; the rerun finishes the rest and gives the same bytes
# as a run never interrupted.
for sig in TERM INT; do
	rm -rf out6
	: >"$FAKE_LOG"
	# An asynchronous command starts with SIGINT ignored; a terminal's
	# ^C reaches a foreground ads with it at the default.
	FAKE_SLOW="github:0.1 arxiv:0.1" env --default-signal=INT \
	    ads -p "$PLAN" -o out6 -f jsonl >"$T/sum" 2>"$T/err" &
	pid=$!
	i=0
	while ! test -s out6/.ads/raw/arxiv.jsonl.part ||
	    ! test -f out6/.ads/raw/wikipedia.jsonl; do
		i=$((i + 1))
		test $i -gt 100 && break
		sleep 0.1
	done
	kill -"$sig" $pid
	wait $pid
	rc=$?
	want=143
	test $sig = INT && want=130
	sleep 0.3
	if test $rc -eq $want && test -f out6/.ads/raw/wikipedia.jsonl &&
	    test -f out6/.ads/raw/arxiv.jsonl.part &&
	    ! test -f out6/.ads/raw/arxiv.jsonl &&
	    jq -e . out6/.ads/raw/arxiv.jsonl.part >/dev/null &&
	    test "$(tail -c 1 out6/.ads/raw/arxiv.jsonl.part | od -An -c |
	    tr -d ' ')" = '\n' &&
	    grep -q 'run the same command again' "$T/err" &&
	    grep -q '^ads: finished, kept for the next run:.* wikipedia' \
	    "$T/err" &&
	    grep -q "^ads: unfinished, .* arxiv ($(lines \
	    out6/.ads/raw/arxiv.jsonl.part) records)" "$T/err" &&
	    ! pgrep -f "^/bin/sh $FB/ads-fetch-arxiv" >/dev/null; then
		ok "SIG$sig stops the fetchers and keeps whole records"
	else
		not_ok "SIG$sig" "exit $rc" "$(cat "$T/err")" \
		    "$(ls out6/.ads/raw)"
	fi
	: >"$FAKE_LOG"
	ads -p "$PLAN" -o out6 -f jsonl >"$T/sum" 2>&1
	rc=$?
	if test $rc -eq 0 && ! grep -q '^wikipedia' "$FAKE_LOG" &&
	    grep -q '^arxiv' "$FAKE_LOG" &&
	    cmp -s out1/.ads/stage/split.jsonl out6/.ads/stage/split.jsonl
	then
		ok "after SIG$sig the same command finishes what was left"
	else
		not_ok "resume after SIG$sig" "exit $rc" "$(cat "$T/sum")" \
		    "$(cat "$FAKE_LOG")"
	fi
done

# --progress=json: @@PROGRESS@@ lines of JSON with phase, detail and
# source, and the summary.
ads -P json -p "$PLAN" -o out7 -f jsonl -w wikipedia,arxiv >"$T/out" 2>&1
rc=$?
if test $rc -eq 0 &&
    grep '^@@PROGRESS@@ ' "$T/out" | sed 's/^@@PROGRESS@@ //' |
    jq -e -s 'all(has("phase") and has("detail") and has("source")) and
        any(.source == "arxiv" and .state == "done") and
        any(.phase == "done")' >/dev/null &&
    grep -q '^ads: summary' "$T/out"; then
	ok "--progress=json writes @@PROGRESS@@ lines"
else
	not_ok "--progress=json" "exit $rc" "$(head -c 3000 "$T/out")"
fi

# The same plan and seed give the same bytes in another directory.
mkdir -p again
(cd again && ads -p "$PLAN" -o out1 -f jsonl >/dev/null 2>&1)
if cmp -s out1/.ads/stage/split.jsonl again/out1/.ads/stage/split.jsonl &&
    cmp -s out1/data/train.jsonl again/out1/data/train.jsonl; then
	ok "the same plan and seed give the same bytes"
else
	not_ok "reproducible" "$(diff out1/data/train.jsonl \
	    again/out1/data/train.jsonl | head)"
fi

# ADS_CACHE_DIR defaults to OUT/.ads/cache; -c sets ADS_CACHE.
cat >"$FB/ads-fetch-news" <<'EOF'
#!/bin/sh
echo "{\"id\":\"news:1\",\"source\":\"news\",\"text\":\"$ADS_CACHE $ADS_CACHE_DIR\"}"
EOF
ads -c only -p "$PLAN" -o out8 -f jsonl -w news >/dev/null 2>&1
if grep -q '"only out8/.ads/cache"' out8/data/train.jsonl; then
	ok "-c sets ADS_CACHE and the cache is OUT/.ads/cache"
else
	not_ok "cache" "$(cat out8/data/train.jsonl)"
fi

# --progress=tty: a table redrawn in place, one row per source and
# stage and a total, with bars, each line narrower than the terminal.
COLUMNS=60 ads -P tty -p "$PLAN" -o out9 -f jsonl -w wikipedia,arxiv \
    >"$T/out" 2>"$T/err"
rc=$?
esc=$(printf '\033')
sed "s/${esc}\[[0-9]*[A-Za-z]//g; s/\r//g" "$T/err" >"$T/errp"
if test $rc -eq 0 &&
    grep -q "^wikipedia  *done  *\[#*\] *40/40 " "$T/errp" &&
    grep -q "^total  *done  *\[#*\] *[1-9][0-9]*/[1-9]" "$T/errp" &&
    grep -q "^export  *done" "$T/errp" && grep -q "${esc}\[10A" "$T/err" &&
    grep -q "40/40 .*${esc}\[K" "$T/err" &&
    awk 'length > 59 { bad = 1 } END { exit bad }' "$T/errp"
then
	ok "--progress=tty draws a table of sources and stages"
else
	not_ok "--progress=tty" "exit $rc" "$(cat -v "$T/err" | tail -n 24)"
fi

# examples/Makefile: each stage a target; make redoes only what changed.
cp "$D/fake/ads-plan" "$FB/ads-plan"
chmod 755 "$FB/ads-plan"
FAKE_PLAN=$PLAN
export FAKE_PLAN
mkdir mk
mk() {
	: >"$FAKE_LOG"
	(cd mk && make -s -f "$TOP/examples/Makefile" ROWS=20 FORMAT=jsonl \
	    "$@" >/dev/null 2>"$T/mkerr")
}
mk
rc=$?
if test $rc -eq 0 && test "$(lines mk/dataset/data/train.jsonl)" -eq 20 &&
    test "$(tr '\n' ' ' <"$FAKE_LOG")" = "ads-plan wikipedia 100 arxiv 100 ads-scrub ads-dedup ads-label ads-score ads-fit ads-split ads-export "
then
	ok "examples/Makefile builds every stage"
else
	not_ok "examples/Makefile" "exit $rc" "$(cat "$FAKE_LOG" "$T/mkerr")"
fi
mk
if test $? -eq 0 && ! test -s "$FAKE_LOG"; then
	ok "examples/Makefile: nothing changed, nothing redone"
else
	not_ok "examples/Makefile again" "$(cat "$FAKE_LOG")"
fi
mk SEED=2
if test "$(tr '\n' ' ' <"$FAKE_LOG")" = "ads-split ads-export "; then
	ok "examples/Makefile: a new seed redoes the split and export"
else
	not_ok "examples/Makefile SEED=2" "$(cat "$FAKE_LOG")"
fi
touch mk/work/raw-arxiv.jsonl
mk SEED=2
if test "$(tr '\n' ' ' <"$FAKE_LOG")" = "ads-scrub ads-dedup ads-label ads-score ads-fit ads-split ads-export "; then
	ok "examples/Makefile: a newer source redoes the stages after it"
else
	not_ok "examples/Makefile touch" "$(cat "$FAKE_LOG")"
fi

# The brief's collector options; -o - writes the rows to the standard
# output and the summary to the standard error, and leaves no folder.
mkdir -p "$T/tmp"
TMPDIR=$T/tmp ads --prompt 'heat pumps' --target-rows 30 -f csv \
    -w wikipedia -P none --output - >"$T/rows" 2>"$T/err"
rc=$?
if test $rc -eq 0 && jq -e -s 'length == 30 and all(has("text"))' \
    "$T/rows" >/dev/null && grep -q '^  30 rows of 30 asked' "$T/err" &&
    test -z "$(ls -A "$T/tmp")"; then
	ok "--prompt, --target-rows and -o -: JSON Lines on stdout"
else
	not_ok "-o -" "exit $rc" "$(head -c 500 "$T/rows")" "$(cat "$T/err")" \
	    "$(ls -A "$T/tmp")"
fi
expect_code 2 "-o - with JSON progress on stdout" ads -P json -o - x
expect_code 2 "a prompt of white space only" ads -o ws "  $(printf '\t')"
expect_code 2 "--prompt of white space only" ads --prompt ' ' -o ws

# The config file: its settings apply where the environment and the
# options say nothing; it is never run.
# shellcheck disable=SC2016
printf '%s\n' '# defaults' 'ADS_FORMAT=csv' 'ADS_SOURCES="wikipedia"' \
    'PATH=/nowhere' 'x=$(touch pwnc)' 'ADS_CACHE_DIR=~/cachedir' >"$T/conf"
: >"$FAKE_LOG"
HOME=$T ADS_CONFIG=$T/conf ADS_FORMAT=jsonl ads -p "$PLAN" -o cfg1 \
    >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 && test -f cfg1/data/train.jsonl &&
    grep -q 'conf:4: not a setting of ads: PATH' "$T/err" &&
    grep -q 'conf:5: not a setting of ads: x' "$T/err" &&
    HOME=$T ADS_CONFIG=$T/conf ads -d -p "$PLAN" -o cfg3 2>/dev/null |
    grep -q "ADS_CACHE_DIR=$T/cachedir" &&
    ! test -e pwnc && ! grep -q arxiv "$FAKE_LOG" &&
    grep -q wikipedia "$FAKE_LOG"; then
	ok "ADS_CONFIG: defaults from the file, the environment wins"
else
	not_ok "ADS_CONFIG" "exit $rc" "$(cat "$T/err")" "$(cat "$FAKE_LOG")"
fi
HOME=$T ADS_CONFIG=$T/conf ads -p "$PLAN" -f jsonl -w arxiv -o cfg2 >"$T/out" 2>&1
if test -f cfg2/data/train.jsonl && test "$(grep -c '"source":"arxiv"' cfg2/data/train.jsonl)" -gt 0 &&
    ! grep -q '"source":"wikipedia"' cfg2/data/train.jsonl; then
	ok "ADS_CONFIG: the options win"
else
	not_ok "ADS_CONFIG options" "$(cat "$T/out")"
fi
expect_code 3 "ADS_CONFIG that cannot be read" env ADS_CONFIG="$T/none" ads x
