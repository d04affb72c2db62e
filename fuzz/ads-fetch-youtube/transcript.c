/*
 * transcript -- fuzz the timedtext parser (XML, srv3, json3).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../tools/ads-fetch-youtube/youtube.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n;

	free(yt_transcript((const char *)data, size, &n));
	return 0;
}
