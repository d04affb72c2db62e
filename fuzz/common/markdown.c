/*
 * markdown -- libFuzzer harness over common/markdown.c: the input as
 * Markdown (text and code blocks, which must lie inside the text) and
 * as an HTML fragment.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	size_t	bytes;
};

static int
code(const struct ads_md_code *c, void *arg)
{
	struct seen *s = arg;

	if (c->code == NULL || c->lang == NULL ||
	    (c->para == NULL) != (c->paralen == 0))
		abort();
	s->bytes += c->codelen;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen s = { 0 };
	size_t n;
	char *t;

	t = ads_md_walk((const char *)data, size, &n, code, &s);
	if (strlen(t) > n || s.bytes > n)
		abort();
	free(t);
	jv_free(ads_md_text((const char *)data, size));
	t = ads_html_text((const char *)data, size, &n);
	if (strlen(t) != n)
		abort();
	free(t);
	return 0;
}
