/*
 * json.c -- compact JSON output and jv helpers
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "buf.h"
#include "io.h"
#include "json.h"
#include "util.h"

/*
 * esc[c] is 0 for bytes copied as they are, the letter of a short
 * escape (\n), or 'u' for \u00XX.
 */
static const char esc[256] = {
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	0, 0, '"', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '\\', 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'u',
};

void
ads_json_emit_string(struct ads_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i, run;
	char *d;

	/* Worst case every byte becomes \u00XX. */
	ads_buf_grow(b, n * 6 + 2);
	d = b->p + b->len;
	*d++ = '"';
	i = 0;
	while (i < n) {
		run = i;
		while (run < n && esc[p[run]] == 0)
			run++;
		if (run > i) {
			memcpy(d, p + i, run - i);
			d += run - i;
			i = run;
			if (i == n)
				break;
		}
		*d++ = '\\';
		if (esc[p[i]] == 'u') {
			*d++ = 'u';
			*d++ = '0';
			*d++ = '0';
			*d++ = hex[p[i] >> 4];
			*d++ = hex[p[i] & 0xf];
		} else
			*d++ = p[i] == '"' || p[i] == '\\' ? (char)p[i] :
			    esc[p[i]];
		i++;
	}
	*d++ = '"';
	b->len = (size_t)(d - b->p);
	b->p[b->len] = '\0';
}

void
ads_json_emit_number(struct ads_buf *b, double d)
{
	char tmp[40];
	int n, prec;

	if (isnan(d)) {
		ads_buf_add(b, "null", 4);
		return;
	}
	if (isinf(d))
		d = d > 0 ? DBL_MAX : -DBL_MAX;
	if (d == floor(d) && fabs(d) < 1e17) {
		n = snprintf(tmp, sizeof(tmp), "%.0f", d);
		if (n == 2 && tmp[0] == '-' && tmp[1] == '0')
			n = snprintf(tmp, sizeof(tmp), "-0");
		ads_buf_add(b, tmp, (size_t)n);
		return;
	}
	for (prec = 15; prec <= 17; prec++) {
		n = snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (prec == 17 || strtod(tmp, NULL) == d)
			break;
	}
	ads_buf_add(b, tmp, (size_t)n);
}

void
ads_json_emit(struct ads_buf *b, jv v)
{
	int i, first;

	switch (jv_get_kind(v)) {
	case JV_KIND_INVALID:
	case JV_KIND_NULL:
		ads_buf_add(b, "null", 4);
		break;
	case JV_KIND_FALSE:
		ads_buf_add(b, "false", 5);
		break;
	case JV_KIND_TRUE:
		ads_buf_add(b, "true", 4);
		break;
	case JV_KIND_NUMBER:
		ads_json_emit_number(b, jv_number_value(v));
		break;
	case JV_KIND_STRING:
		ads_json_emit_string(b, jv_string_value(v),
		    (size_t)jv_string_length_bytes(jv_copy(v)));
		break;
	case JV_KIND_ARRAY:
		ads_buf_addc(b, '[');
		jv_array_foreach(v, j, e) {
			if (j > 0)
				ads_buf_addc(b, ',');
			ads_json_emit(b, e);
			jv_free(e);
		}
		ads_buf_addc(b, ']');
		break;
	case JV_KIND_OBJECT:
		ads_buf_addc(b, '{');
		first = 1;
		for (i = jv_object_iter(v); jv_object_iter_valid(v, i);
		    i = jv_object_iter_next(v, i)) {
			jv k = jv_object_iter_key(v, i);
			jv e = jv_object_iter_value(v, i);

			if (!first)
				ads_buf_addc(b, ',');
			first = 0;
			ads_json_emit_string(b, jv_string_value(k),
			    (size_t)jv_string_length_bytes(jv_copy(k)));
			ads_buf_addc(b, ':');
			ads_json_emit(b, e);
			jv_free(k);
			jv_free(e);
		}
		ads_buf_addc(b, '}');
		break;
	}
}

void
ads_out_record(struct ads_out *o, jv v)
{
	static struct ads_buf b;

	ads_buf_reset(&b);
	ads_json_emit(&b, v);
	ads_buf_addc(&b, '\n');
	jv_free(v);
	ads_out_write(o, b.p, b.len);
	if (ads_out_is_unbuffered(o))
		ads_out_flush(o);
	/* Do not keep a huge buffer after one huge record. */
	if (b.cap > (size_t)4 << 20)
		ads_buf_free(&b);
}

jv
ads_json_parse(const char *p, size_t n)
{
	if (n > INT_MAX)
		return jv_invalid_with_msg(jv_string("input too large"));
	return jv_parse_sized(p, (int)n);
}

const char *
ads_json_str(jv obj, const char *key, size_t *len)
{
	jv v = ads_json_get(obj, key);
	const char *s;

	if (jv_get_kind(v) != JV_KIND_STRING) {
		jv_free(v);
		return NULL;
	}
	/* obj still holds a reference, so the bytes stay alive. */
	s = jv_string_value(v);
	if (len != NULL)
		*len = (size_t)jv_string_length_bytes(jv_copy(v));
	jv_free(v);
	return s;
}

int
ads_json_count(jv obj, const char *key, long long *n)
{
	double d;

	if (ads_json_num(obj, key, &d) < 0 ||
	    !(d >= 0 && d <= 9007199254740992.0))
		return -1;
	*n = (long long)d;
	return 0;
}

int
ads_json_num(jv obj, const char *key, double *d)
{
	jv v = ads_json_get(obj, key);

	if (jv_get_kind(v) != JV_KIND_NUMBER) {
		jv_free(v);
		return -1;
	}
	*d = jv_number_value(v);
	jv_free(v);
	return 0;
}

int
ads_json_has(jv obj, const char *key)
{
	if (jv_get_kind(obj) != JV_KIND_OBJECT)
		return 0;
	return jv_object_has(jv_copy(obj), jv_string(key));
}

jv
ads_json_get(jv obj, const char *key)
{
	jv v;

	if (jv_get_kind(obj) != JV_KIND_OBJECT)
		return jv_null();
	v = jv_object_get(jv_copy(obj), jv_string(key));
	if (!jv_is_valid(v)) {
		jv_free(v);
		return jv_null();
	}
	return v;
}

jv
ads_json_get2(jv obj, const char *k1, const char *k2)
{
	jv t = ads_json_get(obj, k1), r = ads_json_get(t, k2);

	jv_free(t);
	return r;
}

jv
ads_json_set(jv obj, const char *key, jv v)
{
	return jv_object_set(obj, jv_string(key), v);
}

char **
ads_json_strv(jv a, size_t *np)
{
	char **v;
	size_t k = 0;
	int n;

	n = jv_get_kind(a) == JV_KIND_ARRAY ? jv_array_length(jv_copy(a)) : 0;
	v = xcalloc((size_t)n + 1, sizeof(*v));
	if (n > 0) {
		jv_array_foreach(a, i, e) {
			if (jv_get_kind(e) == JV_KIND_STRING)
				v[k++] = xstrdup(jv_string_value(e));
			jv_free(e);
		}
	}
	if (np != NULL)
		*np = k;
	return v;
}

char **
ads_strv_split(const char *s, size_t *n)
{
	char **v = NULL, *dup, *p, *tok, *save = NULL;
	size_t k = 0;

	dup = xstrdup(s);
	for (p = dup; (tok = strtok_r(p, ", ", &save)) != NULL; p = NULL) {
		v = xreallocarray(v, k + 2, sizeof(*v));
		v[k++] = xstrdup(tok);
		v[k] = NULL;
	}
	free(dup);
	*n = k;
	return v;
}

void
ads_strv_free(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}
