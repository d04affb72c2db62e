#!/bin/sh
# t8240-progress-rounds -- ads-progress -m fetch, -m more and -m cancel
# on the files of a run made here: which sources a round fetches, reuses
# or finds without a fetcher, which a further round asks again, and what
# a cancelled run keeps (whole records only).
. "$(dirname "$0")/lib.sh"
checks 17

if ! have_tool ads-progress; then
	skip "rounds" "ads-progress is not built" 17
	exit 0
fi
A=$T/o/.ads
mkdir -p "$A/raw" "$A/run" "$A/progress" "$T/bin"

# -m cancel: a .part with an incomplete last line loses it.
printf 'a\nb\npart' >"$A/raw/wikipedia.jsonl.part"
printf 'x\n' >"$A/raw/news.jsonl.part"
printf 'nonewline' >"$A/raw/reddit.jsonl.part"
printf 'r\n' >"$A/raw/arxiv.jsonl"
echo key >"$A/raw/arxiv.key"
printf 'r\n' >"$A/raw/github.jsonl"
ads-progress -m cancel -a "$A" -w wikipedia,reddit,arxiv,news,github >"$T/out" 2>"$T/err"
rc=$?
cat >"$T/want" <<EOF
ads: interrupted
ads: finished, kept for the next run: arxiv
ads: unfinished, whole records kept in $A/raw/SOURCE.jsonl.part: wikipedia (2 records) reddit (0 records) news (1 records)
ads: these are fetched again, the pages already fetched from the HTTP cache
EOF
check "cancel: exit 0, nothing on stderr" test $rc -eq 0 -a ! -s "$T/err"
cmp_out "cancel: what is kept, what is fetched again" "$T/want" "$T/out"
check "cancel: an incomplete last line goes" \
    test "$(cat "$A/raw/wikipedia.jsonl.part"; echo x)" = "$(printf 'a\nb\nx')"
check "cancel: a whole last line stays" \
    test "$(cat "$A/raw/news.jsonl.part"; echo x)" = "$(printf 'x\nx')"
check "cancel: no whole line, nothing" test -f "$A/raw/reddit.jsonl.part" -a \
    ! -s "$A/raw/reddit.jsonl.part"
rm -f "$A"/raw/*

# -m more: asked again are those that ended with 0 or 4, did not skip,
# and gave all they were asked for.
printf 'a\nb\n' >"$A/raw/arxiv.jsonl"
echo 0 >"$A/run/arxiv.rc"
echo 2 >"$A/run/arxiv.asked"
printf 'a\nb\nc\n' >"$A/raw/news.jsonl"
echo 4 >"$A/run/news.rc"
echo 5 >"$A/run/news.asked"
printf 'a\n' >"$A/raw/wikipedia.jsonl"
echo 0 >"$A/run/wikipedia.rc"
echo 1 >"$A/run/wikipedia.asked"
printf '{"phase":"fetch"}\n{"phase":"skipped","x":1}\n' >"$A/progress/wikipedia.jsonl"
printf 'a\n' >"$A/raw/reddit.jsonl"
echo 3 >"$A/run/reddit.rc"
echo 1 >"$A/run/reddit.asked"
printf 'a\n' >"$A/raw/github.jsonl"
echo 4 >"$A/run/github.rc"
: >"$A/run/github.more"
ads-progress -m more -a "$A" -w arxiv,news,wikipedia,reddit,github,kaggle >"$T/out" 2>"$T/err"
rc=$?
check "more: the sources that gave all they were asked, 4 too" \
    test $rc -eq 0 -a "$(cat "$T/out")" = " arxiv github" -a ! -s "$T/err"
check "more: each gets SOURCE.more, the others lose theirs" \
    test "$(cd "$A/run" && echo *.more)" = "arxiv.more github.more"
rm -f "$A"/raw/* "$A"/run/* "$A"/progress/*

# -m fetch: the asks of a round (ads-plan -Q lines) on the standard input.
for f in arxiv news wikipedia; do
	printf '#!/bin/sh\n' >"$T/bin/ads-fetch-$f"
	chmod 755 "$T/bin/ads-fetch-$f"
done
# arxiv: an earlier run of the same plan asked 10 and got them.
printf '%s\n' 1 2 3 4 5 6 7 8 9 10 >"$A/raw/arxiv.jsonl"
echo 'SUM use' >"$A/raw/arxiv.key"
echo 0 >"$A/raw/arxiv.rc"
echo 10 >"$A/raw/arxiv.n"
# news: made by another plan.
printf 'a\n' >"$A/raw/news.jsonl"
echo 'OTHER use' >"$A/raw/news.key"
echo 0 >"$A/raw/news.rc"
echo 1 >"$A/raw/news.n"
# wikipedia: asked 40, ran dry at 3: asking 20 now gets no more.
printf '1\n2\n3\n' >"$A/raw/wikipedia.jsonl"
echo 'SUM use' >"$A/raw/wikipedia.key"
echo 0 >"$A/raw/wikipedia.rc"
echo 40 >"$A/raw/wikipedia.n"
# reddit: no fetcher.
printf 'a\n' >"$A/raw/reddit.jsonl"
printf 'arxiv 10\nnews 5\nwikipedia 20\nreddit 3\n' >"$T/shares"
PATH=$T/bin "$BIN/ads-progress" -m fetch -a "$A" -R 0 -K 'SUM use' \
    <"$T/shares" >"$T/out" 2>"$T/err"
rc=$?
check "fetch: what is left to fetch" test $rc -eq 0 -a "$(cat "$T/out")" = " news" -a ! -s "$T/err"
check "fetch: a reused source says so, with its exit status" \
    test "$(cat "$A/run/arxiv.note")/$(cat "$A/run/arxiv.rc")" = "reused from an earlier run/0"
check "fetch: a source that ran dry counts as asked what it was asked then" \
    test "$(cat "$A/run/wikipedia.asked")" = 40
check "fetch: a source to fetch is asked its share, its old stamp goes" \
    test "$(cat "$A/run/news.asked")" = 5 -a ! -e "$A/raw/news.key" -a ! -e "$A/raw/news.rc"
check "fetch: without its fetcher, a note and no records" \
    test "$(cat "$A/run/reddit.note")" = "ads-fetch-reddit is not installed" -a \
    ! -e "$A/raw/reddit.jsonl" -a -f "$A/progress/reddit.jsonl" -a ! -s "$A/progress/reddit.jsonl"
PATH=$T/bin "$BIN/ads-progress" -m fetch -a "$A" -R 0 -K 'SUM refresh' \
    <"$T/shares" >"$T/out" 2>"$T/err"
check "fetch: refresh reuses nothing" test "$(cat "$T/out")" = " arxiv news wikipedia"
# A further round asks only the sources marked SOURCE.more.
: >"$A/run/news.more"
rm -f "$A/run/arxiv.asked"
PATH=$T/bin "$BIN/ads-progress" -m fetch -a "$A" -R 1 -K 'SUM use' \
    <"$T/shares" >"$T/out" 2>"$T/err"
check "fetch: round 1 takes the marked sources only" \
    test "$(cat "$T/out")" = " news" -a ! -e "$A/run/arxiv.asked"
# A fetcher that said it skipped is asked again.
printf 'a\n' >"$A/raw/arxiv.jsonl"
echo 'SUM use' >"$A/raw/arxiv.key"
echo 0 >"$A/raw/arxiv.rc"
echo 1 >"$A/raw/arxiv.n"
printf '{"phase":"skipped"}\n' >"$A/progress/arxiv.jsonl"
printf 'arxiv 1\n' | PATH=$T/bin "$BIN/ads-progress" -m fetch -a "$A" -R 0 \
    -K 'SUM use' >"$T/out"
check "fetch: a skipped source is fetched again" test "$(cat "$T/out")" = " arxiv"
expect_code 2 "fetch needs -K" ads-progress -m fetch -a "$A"
expect_code 2 "more needs -a" ads-progress -m more -w arxiv
