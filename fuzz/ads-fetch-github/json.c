/*
 * json.c -- libFuzzer harness over the GitHub answer parsers: search
 * pages, error messages (common/fetch.c) and Link headers (READMEs:
 * pairs.c)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/fetch.h"
#include "../../tools/ads-fetch-github/gh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[256], *s, *next;
	long total, bad;
	int inc;

	jv_free(gh_search((const char *)data, size, &total, &inc, &bad));
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	ads_fetch_errtext(s, size, "message", "error", buf, sizeof(buf));
	next = gh_next(s, "http://127.0.0.1:1/github");
	free(next);
	free(s);
	return 0;
}
