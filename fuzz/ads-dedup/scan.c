/*
 * scan -- libFuzzer harness for the ads-dedup record scanner against
 * libjq: every line the scanner accepts must be a JSON object to libjq,
 * with the same string value for the key ("text"), or the same absence,
 * that passes the reader's checks (ads_record_check).
 * The lazy scanner, with the one-pass JSON normalizer or scan_string
 * checking the value, must accept exactly the same lines, and the
 * normalizer must give the key and words of the decoded value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../tools/ads-dedup/dedup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ads_buf u = ADS_BUF_INIT, k1 = ADS_BUF_INIT, k2 = ADS_BUF_INIT;
	struct words w1 = { NULL, 0, 0 }, w2 = { NULL, 0, 0 };
	const char *val, *jval, *lval;
	size_t vlen, jlen, llen;
	int esc, lesc = 0, ok, lok, fast = 0, flags;
	jv v;

	ok = scan_record((const char *)data, size, "text", 4, &val, &vlen,
	    &esc);
	lok = scan_record_lazy((const char *)data, size, "text", 4, &lval,
	    &llen);
	if (lok && lval != NULL) {
		flags = NORM_WORDS | (size > 0 && (data[0] & 1) ? NORM_PUNCT : 0);
		fast = norm_json(lval, llen, flags, &k1, &w1) == 0;
		lok = scan_string(lval, llen, &lesc);
		if (fast && !lok)
			abort();
		if (lok && (lval != val || llen != vlen || lesc != esc))
			abort();
		if (fast) {
			if (esc) {
				scan_unescape(val, vlen, &u);
				norm_text(u.len ? u.p : "", u.len, flags, &k2,
				    &w2);
			} else
				norm_text(val, vlen, flags, &k2, &w2);
			if (k1.len != k2.len || (k1.len > 0 &&
			    memcmp(k1.p, k2.p, k1.len) != 0) ||
			    w1.n != w2.n || (w1.n > 0 && memcmp(w1.h, w2.h,
			    w1.n * sizeof(*w1.h)) != 0))
				abort();
		}
	}
	if (ok != lok || (ok && (lval == NULL) != (val == NULL)))
		abort();
	ads_buf_free(&k1);
	ads_buf_free(&k2);
	words_free(&w1);
	words_free(&w2);
	if (!ok) {
		ads_buf_free(&u);
		return 0;
	}
	v = ads_json_parse((const char *)data, size);
	if (!jv_is_valid(v) || jv_get_kind(v) != JV_KIND_OBJECT)
		abort();
	/* What the scanner takes passes the reader's checks. */
	if (ads_record_check((const char *)data, size, v, 0,
	    ads_record_required) != NULL)
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
