/*
 * ddg -- fuzz the DuckDuckGo result page parser.
 */
#include <stddef.h>
#include <stdint.h>

#include "../../tools/ads-fetch-news/news.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ddg_page pg;

	ddg_parse((const char *)data, size, &pg);
	ddg_page_free(&pg);
	return 0;
}
