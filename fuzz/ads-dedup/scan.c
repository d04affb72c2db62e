/*
 * scan -- libFuzzer harness for the ads-dedup record scanner against
 * libjq: every line the scanner accepts must be a JSON object to libjq,
 * with the same string value for the key ("text"), or the same absence.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../tools/ads-dedup/dedup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ads_buf u = ADS_BUF_INIT;
	const char *val, *jval;
	size_t vlen, jlen;
	int esc;
	jv v;

	if (!scan_record((const char *)data, size, "text", 4, &val, &vlen,
	    &esc))
		return 0;
	v = ads_json_parse((const char *)data, size);
	if (!jv_is_valid(v) || jv_get_kind(v) != JV_KIND_OBJECT)
		abort();
	jval = ads_json_str(v, "text", &jlen);
	if ((jval == NULL) != (val == NULL))
		abort();
	if (val != NULL) {
		if (esc) {
			scan_unescape(val, vlen, &u);
			val = u.len ? u.p : "";
			vlen = u.len;
		}
		if (vlen != jlen || memcmp(val, jval, vlen) != 0)
			abort();
	}
	jv_free(v);
	ads_buf_free(&u);
	return 0;
}
