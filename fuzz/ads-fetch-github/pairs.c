/*
 * pairs.c -- libFuzzer harness over the task-row parsers: /search/issues
 * answers, README answers (raw or base64 JSON) and the code rows
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jv.h>

#include "../../tools/ads-fetch-github/gh.h"
#include "../../tools/ads-fetch-github/pairs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long total, skipped = 0;
	int inc;
	size_t len;
	const char *err;
	char *md;
	jv rec;

	jv_free(gh_issues((const char *)data, size, &total, &inc, &skipped));
	md = gh_readme_md((const char *)data, size, NULL, &len, &err);
	free(md);
	md = gh_readme_md((const char *)data, size, "application/json", &len,
	    &err);
	free(md);
	rec = jv_object_set(jv_object(), jv_string("id"),
	    jv_string("github:1"));
	jv_free(gh_code_rows(rec, (const char *)data, size, 20));
	jv_free(rec);
	return 0;
}
