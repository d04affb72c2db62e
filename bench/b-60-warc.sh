#!/bin/sh
# b-60-warc -- ads-fetch-commoncrawl reading a local WARC file (main
# text of every page, libxml2's HTML parser and the article extractor)
# beside `zcat | wc -l` on the same file, and its peak memory.  The
# file is the recorded Common Crawl response record of
# tests/fixtures/http/commoncrawl (a real 74 KB Wikipedia page), one
# gzip member per copy as Common Crawl writes them, each copy with its
# own payload digest so that none is skipped as a duplicate, repeated
# to BENCH_MB megabytes of WARC.
. "$(dirname "$0")/lib.sh"
w=$CORPUS_DIR/warc-$BENCH_MB.warc.gz
if ! test -s "$w"; then
	python3 - "$TOP/tests/fixtures/http/commoncrawl/record-escopete.warc.gz" \
	    "$BENCH_MB" "$w.tmp" <<'PY' || exit 1
import gzip, sys
rec = gzip.decompress(open(sys.argv[1], "rb").read())
old = b"RY7PLBUFQNI2FFV5FTUQK72W6SNPXLQU"
want = int(sys.argv[2]) * 1000 * 1000
with open(sys.argv[3], "wb") as out:
    i = n = 0
    while n < want:
        d = ("%032d" % i).encode()
        out.write(gzip.compress(rec.replace(old, d), 6))
        n += len(rec)
        i += 1
PY
	mv "$w.tmp" "$w"
fi
b=$(gzip -dc "$w" | wc -c)
# shellcheck disable=SC2016 # expanded by the inner sh
z=$(secs sh -c 'gzip -dc "$1" | wc -l' sh "$w")
s=$(secs ads-fetch-commoncrawl -n 10000000 -f "$w")
row "ads-fetch-commoncrawl -f WARC" "$b" "$s" "zcat | wc -l" "$z"
# The same pages as WET (Common Crawl's extracted text): no HTML to
# parse, so this row is the reader itself.
t=$CORPUS_DIR/wet-$BENCH_MB.warc.wet.gz
if ! test -s "$t"; then
	python3 - "$TOP/tests/fixtures/http/commoncrawl/escopete.warc.wet.gz" \
	    "$BENCH_MB" "$t.tmp" <<'PY' || exit 1
import gzip, sys
data = gzip.decompress(open(sys.argv[1], "rb").read())
rec = data[data.index(b"WARC/1.0\r\nWARC-Type: conversion"):]
old = b"WARC-Block-Digest: sha1:"
want = int(sys.argv[2]) * 1000 * 1000
with open(sys.argv[3], "wb") as out:
    i = n = 0
    while n < want:
        r = rec.replace(old, old + b"%08d" % i, 1)
        out.write(gzip.compress(r, 6))
        n += len(r)
        i += 1
PY
	mv "$t.tmp" "$t"
fi
b=$(gzip -dc "$t" | wc -c)
# shellcheck disable=SC2016 # expanded by the inner sh
z=$(secs sh -c 'gzip -dc "$1" | wc -l' sh "$t")
s=$(secs ads-fetch-commoncrawl -n 10000000 -f "$t")
row "ads-fetch-commoncrawl -f WET" "$b" "$s" "zcat | wc -l" "$z"
echo "ads-fetch-commoncrawl peak memory: $(peakmb ads-fetch-commoncrawl -n 10000000 -f "$w") MB ($((b / 1000000)) MB of WARC)"
