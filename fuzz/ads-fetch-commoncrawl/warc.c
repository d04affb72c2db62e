/*
 * warc -- libFuzzer harness for ads-fetch-commoncrawl's readers: any
 * bytes, read as a WARC file (plain or gzip) record by record and each
 * record made an ads record, and read as a CDX capture line, a
 * collinfo.json answer and a warcinfo block, must give records, a
 * reason or an error, never a crash; a record's block never outruns
 * the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jv.h>

#include "../../tools/ads-fetch-commoncrawl/cc.h"
#include "../../tools/ads-fetch-commoncrawl/warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warc_reader *r = warc_open_mem(data, size, 1 << 20);
	struct warc_record w = { 0 };
	struct cc_capture c;
	const char *why;
	char *s;
	int k, n = 0;
	jv v;

	while ((k = warc_next(r, &w)) == 1 && n++ < 64) {
		if (w.block != NULL && w.blocklen > (size_t)w.length)
			abort();
		v = cc_record(&w, NULL, "fuzz.warc", -1, -1, &why);
		if (!jv_is_valid(v) && why == NULL)
			abort();
		jv_free(v);
		s = cc_warcinfo_crawl(w.block, w.blocklen);
		free(s);
	}
	if (k == 1)
		warc_next(r, &w);
	warc_close(r);
	if (cc_capture_parse((const char *)data, size, &c) == 0) {
		if (c.length <= 0 || c.offset < 0)
			abort();
		cc_capture_free(&c);
	}
	jv_free(cc_crawls((const char *)data, size));
	return 0;
}
