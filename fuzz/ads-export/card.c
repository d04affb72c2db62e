/*
 * card -- libFuzzer harness over ads-export -C: the input is parsed as
 * a dataset_card.json; when card_check accepts it, README.md (and
 * LICENSE.md) are rendered from it into a temporary folder, and the
 * rendering must not fail.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/json.h"
#include "../../tools/ads-export/card.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__lsan_default_suppressions(void);

/* libjq's parser leaks a token on some syntax errors (see rows.c). */
const char *
__lsan_default_suppressions(void)
{
	return "leak:jv_mem_alloc\nleak:libjq.so\n";
}

static char dir[] = "/tmp/ads-fuzz-card.XXXXXX";

/* cleanup -- the temporary folder and what the rendering wrote in it. */
static void
cleanup(void)
{
	char p[sizeof(dir) + 16];

	snprintf(p, sizeof(p), "%s/README.md", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/LICENSE.md", dir);
	unlink(p);
	rmdir(dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int made;
	jv facts;

	if (!made) {
		if (mkdtemp(dir) == NULL)
			abort();
		atexit(cleanup);
		made = 1;
	}
	facts = ads_json_parse((const char *)data, size);
	if (jv_is_valid(facts) && card_check(facts) == NULL &&
	    card_render(facts, dir) < 0)
		abort();
	jv_free(facts);
	return 0;
}
