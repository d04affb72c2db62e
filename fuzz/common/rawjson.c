/*
 * rawjson -- libFuzzer harness for the zero-copy scanner: a line the
 * scanner calls canonical must be exactly what ads_json_emit() writes
 * for libjq's parse of it, and every key and string value it decodes
 * must equal libjq's, for canonical and merely valid lines alike; and
 * ads_raw_utf8_check finds a place exactly when libjq repairs one.
 * ads_raw_check_string and ads_raw_number agree with libjq on every
 * member, and a scan with a lazy member delimits the same members.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/rawjson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* same -- 1 when the jv string v holds the bytes of b. */
static int
same(jv v, const struct ads_buf *b)
{
	int n;

	if (jv_get_kind(v) != JV_KIND_STRING)
		return 0;
	n = jv_string_length_bytes(jv_copy(v));
	return (size_t)n == b->len && memcmp(jv_string_value(v), b->p,
	    b->len) == 0;
}

/* count -- occurrences of the n bytes w in p (m bytes). */
static size_t
count(const char *p, size_t m, const char *w, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i + n <= m; i++)
		if (memcmp(p + i, w, n) == 0 ||
		    (n == 6 && w[0] == '\\' && strncasecmp(p + i, w, n) == 0))
			c++;
	return c;
}

/* instring -- 1 when offset at of JSON text p is inside a string. */
static int
instring(const char *p, size_t at)
{
	size_t i;
	int in = 0;

	for (i = 0; i < at; i++) {
		if (in && p[i] == '\\')
			i++;
		else if (p[i] == '"')
			in = !in;
	}
	return in;
}

/*
 * utf8check -- ads_raw_utf8_check misses nothing libjq repairs: on text
 * libjq parses, when it finds no place, libjq's value holds no more
 * U+FFFD than the text wrote, as bytes or as escapes.  (The converse
 * cannot be checked this way: a repaired value may be dropped by a
 * later equal key, and libjq 1.6 takes stray bytes inside a number,
 * which the check reports too.)  A place it finds holds a byte above
 * 0x7f, or a \u escape inside a string.
 */
static void
utf8check(const char *p, size_t size)
{
	static struct ads_buf b;
	const char *what = NULL;
	size_t in, out;
	long at;
	jv v;

	v = ads_json_parse(p, size);
	if (!jv_is_valid(v)) {
		jv_free(v);
		return;
	}
	ads_buf_reset(&b);
	ads_json_emit(&b, v);
	jv_free(v);
	at = ads_raw_utf8_check(p, size, &what);
	out = count(b.p, b.len, "\xef\xbf\xbd", 3);
	in = count(p, size, "\xef\xbf\xbd", 3) +
	    count(p, size, "\\ufffd", 6);
	if (at >= 0 && (what == NULL || (size_t)at >= size))
		abort();
	/* The place holds what the check names. */
	if (at >= 0 && strcmp(what, "invalid UTF-8") == 0 &&
	    (unsigned char)p[at] < 0x80)
		abort();
	if (at >= 0 && strcmp(what, "invalid UTF-8") != 0 &&
	    (!instring(p, (size_t)at) || size - (size_t)at < 6 ||
	    p[at] != '\\' || p[at + 1] != 'u'))
		abort();
	if (at < 0 && out > in)
		abort();
}

/*
 * lazy -- a scan whose member "text" is only delimited takes every line
 * the full scan takes (rc), with the same member spans, and at least
 * as good a result.
 */
static void
lazy(const char *p, size_t size, int rc)
{
	static struct ads_raw full, lz;
	size_t i;
	int rl;

	if (ads_raw_scan(&full, p, size) != rc)
		abort();
	lz.lazy = "text";
	lz.lazylen = 4;
	rl = ads_raw_scan(&lz, p, size);
	if (rl < rc || lz.n != full.n)
		abort();
	for (i = 0; i < lz.n; i++)
		if (lz.m[i].key != full.m[i].key ||
		    lz.m[i].val != full.m[i].val ||
		    lz.m[i].vallen != full.m[i].vallen ||
		    lz.m[i].kind != full.m[i].kind ||
		    lz.m[i].lazy != (full.m[i].kind == '"' &&
		    full.m[i].keylen == 6 &&
		    memcmp(p + full.m[i].key, "\"text\"", 6) == 0))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ads_raw raw;
	static struct ads_buf b, k, k2, s;
	const char *p = (const char *)data;
	const char *what;
	size_t i, j;
	int rc, dup, kind, cs, esc;
	double d;
	jv v, e;

	utf8check(p, size);
	rc = ads_raw_scan(&raw, p, size);
	if (rc == ADS_RAW_INVALID)
		return 0;
	v = ads_json_parse(p, size);
	/* A canonical line has nothing libjq would repair. */
	if (rc == ADS_RAW_CANONICAL && ads_raw_utf8_check(p, size, &what) >= 0)
		abort();
	if (rc == ADS_RAW_CANONICAL) {
		/* Canonical: libjq takes it, and we write it back unchanged. */
		if (jv_get_kind(v) != JV_KIND_OBJECT)
			abort();
		ads_buf_reset(&b);
		ads_json_emit(&b, v);
		if (b.len != size || memcmp(b.p, p, size) != 0)
			abort();
	}
	if (jv_get_kind(v) != JV_KIND_OBJECT) {
		jv_free(v);
		return 0;
	}
	if (rc == ADS_RAW_CANONICAL && raw.repair)
		abort();
	lazy(p, size, rc);
	/*
	 * A key libjq repairs (invalid UTF-8 becomes U+FFFD) may equal
	 * another key after repair: then which member wins is libjq's
	 * business, and only a canonical line must be checked.
	 */
	for (i = 0; i < raw.n; i++)
		if (ads_raw_string(p + raw.m[i].key, raw.m[i].keylen,
		    &k) == -1) {
			if (rc == ADS_RAW_CANONICAL)
				abort();
			jv_free(v);
			return 0;
		}
	for (i = 0; i < raw.n; i++) {
		const struct ads_raw_member *m = &raw.m[i];

		if (ads_raw_string(p + m->key, m->keylen, &k) == -1) {
			if (rc == ADS_RAW_CANONICAL)
				abort();
			continue;
		}
		/* libjq keeps the last of equal keys. */
		dup = 0;
		for (j = i + 1; j < raw.n && !dup; j++)
			if (ads_raw_string(p + raw.m[j].key, raw.m[j].keylen,
			    &k2) == 0 && k2.len == k.len &&
			    memcmp(k2.p, k.p, k.len) == 0)
				dup = 1;
		if (dup) {
			if (rc == ADS_RAW_CANONICAL)
				abort();
			continue;
		}
		e = jv_object_get(jv_copy(v), jv_string_sized(k.p,
		    (int)k.len));
		kind = jv_get_kind(e);
		if (!jv_is_valid(e))
			abort();
		if (m->kind == '"') {
			if (kind != JV_KIND_STRING)
				abort();
			if (ads_raw_string(p + m->val, m->vallen, &s) == 0 &&
			    !same(e, &s))
				abort();
			/* A string it passes decodes as libjq reads it. */
			cs = ads_raw_check_string(p + m->val, m->vallen, &esc);
			if (rc == ADS_RAW_CANONICAL && cs != ADS_RAW_CANONICAL)
				abort();
			if (cs != ADS_RAW_INVALID &&
			    (ads_raw_string(p + m->val, m->vallen, &s) == -1 ||
			    !same(e, &s) || esc != (memchr(p + m->val, '\\',
			    m->vallen) != NULL)))
				abort();
		} else if (m->kind == 'n' && kind == JV_KIND_NUMBER &&
		    ads_raw_number(p + m->val, m->vallen, &d) == 0 &&
		    d != jv_number_value(e) && d == d)
			abort();
		else if ((m->kind == '{' && kind != JV_KIND_OBJECT) ||
		    (m->kind == '[' && kind != JV_KIND_ARRAY) ||
		    (m->kind == 'n' && kind != JV_KIND_NUMBER) ||
		    (m->kind == 't' && kind != JV_KIND_TRUE) ||
		    (m->kind == 'f' && kind != JV_KIND_FALSE) ||
		    (m->kind == 'z' && kind != JV_KIND_NULL))
			abort();
		/* In a canonical line the value span is the value, written. */
		if (rc == ADS_RAW_CANONICAL) {
			ads_buf_reset(&b);
			ads_json_emit(&b, e);
			if (b.len != m->vallen ||
			    memcmp(b.p, p + m->val, b.len) != 0)
				abort();
		}
		jv_free(e);
	}
	jv_free(v);
	return 0;
}
