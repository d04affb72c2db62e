/*
 * markdown.c -- libFuzzer harness over the Markdown-to-text reduction
 * and the base64 decoder
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jv.h>

#include "../../tools/ads-fetch-github/gh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n;
	char *d;

	jv_free(md_text((const char *)data, size));
	d = gh_b64((const char *)data, size, &n);
	free(d);
	return 0;
}
