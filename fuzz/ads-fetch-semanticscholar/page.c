/*
 * page -- libFuzzer harness for ads-fetch-semanticscholar's reading of
 * the Graph API's answers: any body, read with and without skipping
 * arXiv papers, gives a page or a reason, never a crash; every record
 * has a string id, source and text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jv.h>

#include "../../tools/ads-fetch-semanticscholar/s2.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct s2_page p;
	char why[256];
	int skip;

	for (skip = 0; skip < 2; skip++) {
		if (s2_parse((const char *)data, size, skip, &p, why,
		    sizeof(why)) == 0) {
			jv_array_foreach(p.records, i, r) {
				jv id = jv_object_get(jv_copy(r),
				    jv_string("id"));
				jv t = jv_object_get(r, jv_string("text"));

				if (jv_get_kind(id) != JV_KIND_STRING ||
				    jv_get_kind(t) != JV_KIND_STRING)
					abort();
				jv_free(id);
				jv_free(t);
			}
		}
		s2_free(&p);
	}
	return 0;
}
