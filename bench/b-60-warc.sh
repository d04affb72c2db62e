#!/bin/sh
# b-60-warc -- ads-fetch-commoncrawl reading a local WARC file (main
# text of every page, libxml2's HTML parser and the article extractor)
# beside `zcat | wc -l` on the same file, and its peak memory.  The
# file is made as Common Crawl writes them (one gzip member per record,
# a warcinfo record first, then request, response and metadata records
# for each capture) from the recorded pages of tests/fixtures: the
# Common Crawl capture of a 74 KB Wikipedia page (its request and
# metadata records are the recorded ones too) three times in ten, and
# the news fetcher's pages (search result pages, articles, a
# windows-1251 page, a JSON-LD one), with a redirect and a JSON answer
# that are not pages; each capture with its own payload digest, so that
# none is skipped as a duplicate, repeated to BENCH_MB megabytes of
# WARC.  The extraction runs on every processor but one beside the
# reader (ads-fetch-commoncrawl(1)), as `zcat | wc -l` is two processes.
. "$(dirname "$0")/lib.sh"
w=$CORPUS_DIR/warc-mix-$BENCH_MB.warc.gz
if ! test -s "$w"; then
	python3 - "$TOP/tests/fixtures/http" "$BENCH_MB" "$w.tmp" <<'PY' || exit 1
import gzip, sys
top, want, outp = sys.argv[1], int(sys.argv[2]) * 1000 * 1000, sys.argv[3]
cc = gzip.decompress(open(top + "/commoncrawl/escopete.warc.gz", "rb").read())
recs = [b"WARC/1.0\r\n" + r for r in cc.split(b"WARC/1.0\r\n")[1:]]
info, req, resp, meta = recs
def rec(typ, uri, block, digest, ctype):
    h = (b"WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: 2024-05-18T01:58:10Z"
         b"\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Length: %d\r\n"
         b"Content-Type: %s\r\nWARC-Target-URI: %s\r\n"
         b"WARC-Payload-Digest: sha1:%s\r\n\r\n") % (typ, digest, len(block),
         ctype, uri, digest)
    return h + block + b"\r\n\r\n"
def page(name, ctype=b"text/html; charset=utf-8", status=b"200 OK"):
    body = open(top + "/news/" + name, "rb").read() if name else b""
    return (b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype +
            b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
pages = [page("ddg-page1.html"), page("ddg-page2.html"),
         page("site/article-00.html"), page("site/article-03.html"),
         page("more/ld.html"),
         page("more/cp1251.html", b"text/html; charset=windows-1251"),
         page(None, b"text/html", b"301 Moved Permanently\r\n"
              b"Location: https://example.org/"),
         b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" +
         open(top + "/wikipedia/es-0-text-00.json", "rb").read()]
old = b"RY7PLBUFQNI2FFV5FTUQK72W6SNPXLQU"
with open(outp, "wb") as out:
    out.write(gzip.compress(info, 6))
    i = n = 0
    while n < want:
        d = b"%032d" % i
        k = i % 10
        if k in (0, 4, 7):
            cap = [req, resp.replace(old, d), meta]
        else:
            uri = b"https://example.org/%d" % i
            cap = [rec(b"request", uri, req[req.index(b"\r\n\r\n") + 4:-4],
                       d, b"application/http; msgtype=request"),
                   rec(b"response", uri, pages[(i * 7) % len(pages)], d,
                       b"application/http; msgtype=response"),
                   rec(b"metadata", uri, meta[meta.index(b"\r\n\r\n") + 4:-4],
                       d, b"application/warc-fields")]
        for r in cap:
            out.write(gzip.compress(r, 6))
            n += len(r)
        i += 1
PY
	mv "$w.tmp" "$w"
fi
b=$(gzip -dc "$w" | wc -c)
# Paired runs (bench/lib.sh), so that the load of a shared machine falls
# on both alike.  The issue's target is on the wall row: within 3x of
# `zcat | wc -l`; the CPU row adds up the time of every thread.
# shellcheck disable=SC2016,SC2046 # expanded by the inner sh
set -- $(pair 'gzip -dc "$1" | wc -l' \
    'ads-fetch-commoncrawl -n 10000000 -f "$1"' "$w")
row "ads-fetch-commoncrawl -f WARC (wall)" "$b" "$3" "zcat | wc -l" "$1" 0.333
row "ads-fetch-commoncrawl -f WARC (CPU)" "$b" "$4" "zcat | wc -l" "$2"
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
