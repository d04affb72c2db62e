/*
 * field -- libFuzzer harness over common/field.c: the first line of the
 * input is a -T list, the rest a JSON value.  Reading and rewriting
 * must agree: rewriting every string with itself gives back an equal
 * value and reaches as many strings as the reader read; rewriting each
 * with "x" leaves a value whose text is as many "x" lines.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/field.h"
#include "../../common/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jv
same(jv s, void *ctx)
{
	(void)ctx;
	return s;
}

static jv
ex(jv s, void *ctx)
{
	(void)ctx;
	jv_free(s);
	return jv_string("x");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ads_fields fs;
	struct ads_buf a = ADS_BUF_INIT, b = ADS_BUF_INIT;
	const char *nl;
	char spec[256], err[128];
	size_t n, na, nb, i;
	jv v, w;

	nl = memchr(data, '\n', size);
	if (nl == NULL || (size_t)(nl - (const char *)data) >= sizeof(spec))
		return 0;
	n = (size_t)(nl - (const char *)data);
	memcpy(spec, data, n);
	spec[n] = '\0';
	if (memchr(spec, '\0', n) != NULL)
		return 0;
	memset(&fs, 0, sizeof(fs));
	if (ads_fields_parse(&fs, spec, err, sizeof(err)) == -1) {
		ads_fields_free(&fs);
		return 0;
	}
	ads_fields_key(&fs);
	ads_fields_require(&fs);
	v = ads_json_parse(nl + 1, size - n - 1);
	if (!jv_is_valid(v)) {
		jv_free(v);
		ads_fields_free(&fs);
		return 0;
	}
	na = ads_fields_text(&fs, v, &a);
	w = ads_fields_map(&fs, jv_copy(v), same, NULL, &nb);
	if (nb != na || !jv_equal(jv_copy(v), jv_copy(w)))
		abort();
	jv_free(w);
	w = ads_fields_map(&fs, v, ex, NULL, &nb);
	if (nb != na)
		abort();
	if (ads_fields_text(&fs, w, &b) != na || b.len != (na ? 2 * na - 1 : 0))
		abort();
	for (i = 0; i < b.len; i++)
		if (b.p[i] != (i % 2 ? '\n' : 'x'))
			abort();
	jv_free(w);
	ads_buf_free(&a);
	ads_buf_free(&b);
	ads_fields_free(&fs);
	return 0;
}
