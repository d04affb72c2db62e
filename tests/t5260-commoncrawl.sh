#!/bin/sh
# t5260-commoncrawl -- ads-fetch-commoncrawl: the newest crawls from the
# index server, captures from its CDX answer, each page's WARC record by
# a range request on the data host, the page's main text; unsafe file
# names, non-HTML captures, a missing WARC file and malformed lines
# counted; 503 waited out; local WARC and WET files, gzip or plain, in
# bounded memory; and every recorded file in ../shared/fixtures.
. "$(dirname "$0")/lib.sh"
checks 14
. "$TOP/tests/replay/lib.sh"

if ! have_tool ads-fetch-commoncrawl; then
	skip "ads-fetch-commoncrawl" "not built"
	exit 0
fi
CC=$FIXTURES/http/commoncrawl
replay_start "$CC" || { not_ok "replay server"; exit 1; }
ADS_CC_INDEX_URL=$REPLAY_URL/cc-index
ADS_CC_DATA_URL=$REPLAY_URL/cc-data
ADS_CC_INTERVAL=0
ADS_HTTP_BACKOFF=0.01
ADS_HTTP_RETRIES=2
SOURCE_DATE_EPOCH=1700000000
export ADS_CC_INDEX_URL ADS_CC_DATA_URL ADS_CC_INTERVAL ADS_HTTP_BACKOFF \
    ADS_HTTP_RETRIES SOURCE_DATE_EPOCH
F=crawl-data/CC-MAIN-2024-22/segments/1715971057216.39/warc/CC-MAIN-20240517233122-20240518023122-00000.warc.gz

# The two newest crawls: the first has no capture (404), the second
# lists five lines, of which one page becomes a record.
ADS_PROGRESS=$T/prog ads-fetch-commoncrawl -C 2 -n 10 \
    -q 'an.wikipedia.org/wiki/*' >"$T/out" 2>"$T/err"
rc=$?
got=$(jq -r '[.id, .url, .title, .license, .meta.crawl, .meta.warc_file,
    .meta.offset, .meta.length, (.text | contains("Escopete ye un municipio") and contains("Guadalachara"))] |
    map(tostring) | join("|")' "$T/out")
want="commoncrawl:RY7PLBUFQNI2FFV5FTUQK72W6SNPXLQU|https://an.wikipedia.org/wiki/Escopete|Escopete - Biquipedia, a enciclopedia libre|LicenseRef-CommonCrawl-ToU|CC-MAIN-2024-22|$F|1023|17351|true"
if test "$got" = "$want"; then
	ok "a capture read by its range: the page's main text, crawl, file, offset and length"
else
	not_ok "capture record" "got:  $got" "want: $want" "$(cat "$T/err")"
fi
grep '"path": "/cc-' "$REPLAY_LOG" >"$T/log"
if grep -q '"path": "/cc-index/collinfo.json"' "$T/log" &&
    grep -q '"path": "/cc-index/CC-MAIN-2025-43-index"' "$T/log" &&
    grep -q '"Range": "bytes=1023-18373"' "$T/log" &&
    ! grep -q 'passwd' "$T/log" &&
    test "$(grep -c '"path": "/cc-data/' "$T/log")" -eq 2; then
	ok "newest crawls first, one range request per HTML capture, no unsafe file name asked"
else
	not_ok "requests" "$(cat "$T/log")"
fi
if test $rc -eq 4 && tail -n 1 "$T/prog" |
    jq -e '.dropped.not_html == 1 and .skipped.malformed == 2 and .skipped.failed == 1' >/dev/null; then
	ok "a PDF dropped, two malformed lines and a missing WARC file counted; exit 4 for the loss"
else
	not_ok "counts" "exit $rc" "$(tail -n 1 "$T/prog")" "$(cat "$T/err")"
fi

# A bare host searches the domain; a 503 of the index server is waited
# out.
: >"$REPLAY_LOG"
ads-fetch-commoncrawl -c CC-MAIN-2024-22 -n 1 -q busy.example.org \
    >"$T/out" 2>"$T/err"
if test "$(wc -l <"$T/out")" -eq 1 &&
    grep -q 'matchType=domain' "$REPLAY_LOG" &&
    grep -q '1 retried' "$T/err"; then
	ok "a host searches its domain; a 503 of the index is retried"
else
	not_ok "domain and 503" "$(cat "$T/err")"
fi
expect_code 2 "a crawl id that is not one" ads-fetch-commoncrawl \
    -c 'CC-MAIN-2024-22;rm' -q x
replay_stop

# Local files: a WARC and its WET, gzip; the same WARC uncompressed.
ads-fetch-commoncrawl -f "$CC/escopete.warc.gz" -f "$CC/escopete.warc.wet.gz" \
    >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 0 &&
    test "$(jq -r '[.meta.warc_type, .meta.crawl, .url] | join(" ")' "$T/out" | tr '\n' '|')" = \
    "response CC-MAIN-2024-22 https://an.wikipedia.org/wiki/Escopete|conversion CC-MAIN-2024-22 https://an.wikipedia.org/wiki/Escopete|"; then
	ok "local WARC and WET files: the response's main text, the conversion's text, the crawl from warcinfo"
else
	not_ok "local files" "exit $rc" "$(cat "$T/out" "$T/err")"
fi
gzip -dc "$CC/escopete.warc.gz" >"$T/plain.warc"
printf '%s\n' "$T/plain.warc" >"$T/list"
ads-fetch-commoncrawl -F "$T/list" >"$T/out2" 2>/dev/null
if test "$(jq -r .id "$T/out2")" = "$(head -n 1 "$T/out" | jq -r .id)"; then
	ok "an uncompressed WARC, from a list of paths, reads the same"
else
	not_ok "plain WARC" "$(cat "$T/out2")"
fi
# Cut short: a located message, exit 1, nothing made up.
head -c 12000 "$CC/escopete.warc.gz" >"$T/cut.warc.gz"
ads-fetch-commoncrawl -f "$T/cut.warc.gz" >"$T/out" 2>"$T/err"
rc=$?
if test $rc -eq 1 && grep -q "cut.warc.gz: .*cut short" "$T/err" &&
    ! test -s "$T/out"; then
	ok "a file cut short: a located error, exit 1"
else
	not_ok "cut short" "exit $rc" "$(cat "$T/err")"
fi
printf 'not a warc at all\r\n\r\n' >"$T/junk"
expect_code 1 "not WARC: exit 1" ads-fetch-commoncrawl -f "$T/junk"
# The pages are extracted on other threads (ADS_CC_THREADS): the
# records, their order and the counts are those of one thread, with a
# limit too.  40 captures: distinct pages, repeats, and non-HTML.
python3 - "$CC/record-escopete.warc.gz" "$T/mix.warc.gz" <<'PY'
import gzip, sys
rec = gzip.decompress(open(sys.argv[1], "rb").read())
old = b"RY7PLBUFQNI2FFV5FTUQK72W6SNPXLQU"
with open(sys.argv[2], "wb") as out:
    for i in range(40):
        r = rec.replace(old, b"%032d" % (i % 29))
        if i % 7 == 3:
            r = r.replace(b"text/html", b"image/png")
        out.write(gzip.compress(r, 1))
PY
for lim in 100 9; do
	for n in 0 3; do
		ADS_CC_THREADS=$n ADS_PROGRESS=$T/prog$n ads-fetch-commoncrawl \
		    -n $lim -f "$T/mix.warc.gz" >"$T/mix$n" 2>/dev/null
		tail -n 1 "$T/prog$n" | jq -c '[.out, .dropped, .skipped]' >"$T/count$n"
	done
	if cmp -s "$T/mix0" "$T/mix3" && cmp -s "$T/count0" "$T/count3" &&
	    test "$(wc -l <"$T/mix3")" -eq $((lim < 27 ? lim : 27)); then
		ok "-n $lim: 3 extraction threads give the records and counts of one"
	else
		not_ok "threads, -n $lim" "$(cat "$T/count0" "$T/count3")"
	fi
done

# Bounded memory: 2000 copies of the record (35 MB gzip, 150 MB of
# WARC) read in well under 100 MB.
i=0
while test $i -lt 2000; do
	printf '%s\n' "$CC/record-escopete.warc.gz"
	i=$((i + 1))
done | xargs cat >"$T/big.warc.gz"
if test -x /usr/bin/time; then
	/usr/bin/time -f '%M' -o "$T/rss" ads-fetch-commoncrawl -f "$T/big.warc.gz" \
	    >"$T/out" 2>"$T/err"
	rss=$(tail -n 1 "$T/rss")
	if test "$(wc -l <"$T/out")" -eq 1 && test "$rss" -lt 102400 &&
	    grep -q '^ads-fetch-commoncrawl: 1 records' "$T/err"; then
		ok "2000 records (150 MB of WARC) in $((rss / 1024)) MB; duplicates dropped"
	else
		not_ok "bounded memory" "rss $rss KB" "$(cat "$T/err")"
	fi
else
	skip "bounded memory" "/usr/bin/time is not installed"
fi

# Every recorded file of the shared fixtures: the WARC (4 members), the
# range slice, the WET and the WAT (metadata only: no record).
if need_shared commoncrawl 2; then
	S=$SHARED/fixtures/commoncrawl
	n=""
	for f in "$S"/*.warc.gz "$S"/*.wet.gz "$S"/*.wat.gz; do
		ads-fetch-commoncrawl -f "$f" >"$T/o" 2>"$T/e" ||
		    not_ok "recorded ${f##*/}" "$(cat "$T/e")"
		n="$n$(wc -l <"$T/o")"
	done
	if test "$n" = "1110"; then
		ok "every recorded WARC, WET and WAT file parses (the WAT holds no page)"
	else
		not_ok "recorded files" "records per file: $n"
	fi
	# The documented CDX sample: both captures asked by their ranges.
	mkdir -p "$T/cdx"
	cp "$S/cdx-CC-MAIN-2025-43-commoncrawl.org-get-started.DOCS-SAMPLE.jsonl" "$T/cdx/a.jsonl"
	echo 'GET /idx/CC-MAIN-2025-43-index?* a.jsonl' >"$T/cdx/routes"
	replay_start "$T/cdx" || { not_ok "replay server"; exit 1; }
	ADS_CC_INDEX_URL=$REPLAY_URL/idx ADS_CC_DATA_URL=$REPLAY_URL/data \
	    ads-fetch-commoncrawl -c CC-MAIN-2025-43 -q commoncrawl.org/get-started \
	    >/dev/null 2>"$T/e"
	if grep -q '"path": "/data/crawl-data/CC-MAIN-2025-43/segments/1759648359293.23/warc/CC-MAIN-20251014214924-20251015004924-00758.warc.gz".*"Range": "bytes=686242195-686254869"' "$REPLAY_LOG" &&
	    grep -q '"Range": "bytes=160581106-160593800"' "$REPLAY_LOG"; then
		ok "the documented CDX lines parse: each capture asked by its file and range"
	else
		not_ok "CDX sample" "$(cat "$REPLAY_LOG")"
	fi
	replay_stop
fi
