/*
 * api.c -- libFuzzer harness over the MediaWiki answer parser and the
 * HTML-to-text reduction
 */
#include <stddef.h>
#include <stdint.h>

#include <jv.h>

#include "../../tools/ads-fetch-wikipedia/wiki.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wiki_answer a;
	char why[256];
	jv t;

	if (wiki_parse((const char *)data, size, &a, why, sizeof(why)) == 0) {
		if (jv_array_length(jv_copy(a.titles)) > 0)
			jv_free(wiki_resolve(jv_copy(a.renames),
			    jv_array_get(jv_copy(a.titles), 0)));
		wiki_free(&a);
	}
	t = wiki_html_text((const char *)data, size);
	jv_free(t);
	return 0;
}
