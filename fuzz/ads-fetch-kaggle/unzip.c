/*
 * unzip -- fuzz the zip reader (kaggle_unzip): whatever the archive
 * says, a member comes out no larger than the cap and NUL-terminated.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../tools/ads-fetch-kaggle/kaggle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *name, *out, why[300];
	size_t olen;

	if (kaggle_unzip((const char *)data, size, 1 << 16, &name, &out,
	    &olen, why, sizeof(why)) == 0) {
		if (olen > 1 << 16 || out[olen] != '\0' || name == NULL)
			abort();
		free(name);
		free(out);
	}
	return 0;
}
