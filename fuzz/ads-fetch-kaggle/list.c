/*
 * list -- fuzz the Kaggle dataset list and metadata parsers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jv.h>

#include "../../tools/ads-fetch-kaggle/kaggle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long bad;
	jv r;

	r = kaggle_list((const char *)data, size, "https://www.kaggle.com",
	    &bad);
	jv_free(r);
	free(kaggle_description((const char *)data, size));
	return 0;
}
