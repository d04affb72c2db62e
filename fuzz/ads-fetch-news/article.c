/*
 * article -- fuzz the article main-text extraction.
 */
#include <stddef.h>
#include <stdint.h>

#include "../../tools/ads-fetch-news/news.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct article a;

	article_extract((const char *)data, size, &a);
	article_free(&a);
	return 0;
}
