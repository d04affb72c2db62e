/*
 * pairs.c -- libFuzzer harness over the Wikipedia task rows: the
 * heading cutter, the lead pair, langlinks answers and the alignment of
 * two editions (the input against itself in another language)
 */
#include <stddef.h>
#include <stdint.h>

#include <jv.h>

#include "../../tools/ads-fetch-wikipedia/pairs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	jv text, src, dst;
	long skipped = 0;

	jv_free(wiki_sections((const char *)data, size));
	jv_free(wiki_langlink((const char *)data, size, "it"));
	if (size > 0x7fffffff)
		return 0;
	text = jv_string_sized((const char *)data, (int)size);
	src = jv_object_set(jv_object_set(jv_object_set(jv_object(),
	    jv_string("id"), jv_string("wikipedia:en:1")), jv_string("lang"),
	    jv_string("en")), jv_string("text"), jv_copy(text));
	dst = jv_object_set(jv_copy(src), jv_string("lang"), jv_string("it"));
	jv_free(wiki_align(src, dst, &skipped));
	jv_free(wiki_lead_pair(jv_copy(src)));
	jv_free(src);
	jv_free(dst);
	jv_free(text);
	return 0;
}
