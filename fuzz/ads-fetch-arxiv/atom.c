/*
 * atom.c -- libFuzzer harness over the arXiv Atom parser
 */
#include <stddef.h>
#include <stdint.h>

#include <jv.h>

#include "../../tools/ads-fetch-arxiv/atom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct atom_feed feed;
	char why[256];

	if (atom_parse((const char *)data, size, &feed, why,
	    sizeof(why)) == 0)
		(void)jv_array_length(jv_copy(feed.records));
	atom_free(&feed);
	return 0;
}
