/*
 * article -- fuzz the article main-text extraction and the charset
 * parameter reader.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../tools/ads-fetch-news/news.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct article a;
	char ct[128], cs[64];
	size_t k = size < sizeof(ct) - 1 ? size : sizeof(ct) - 1;

	/* The first bytes as a Content-Type value, too. */
	memcpy(ct, data, k);
	ct[k] = '\0';
	(void)article_charset(ct, cs, sizeof(cs));
	/* An odd first byte: as if the header named a charset. */
	article_extract((const char *)data, size, size > 0 && (data[0] & 1) ?
	    "windows-1252" : NULL, &a);
	article_free(&a);
	return 0;
}
