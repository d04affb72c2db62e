/*
 * rows.c -- from records to typed rows: the schema inferred from the
 * records and the compact spill format that carries rows from the first
 * pass to the second.
 *
 * A spilled row is a sequence of fields, each a column index (varint),
 * a tag byte and a payload: nothing for null and booleans, a zigzag
 * varint for integers, 8 bytes for doubles, a varint length and the
 * bytes for strings and for nested values (compact JSON).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/hash.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "export.h"

/* Integral numbers up to 2^53 in magnitude are integers (jq has doubles). */
#define INT_LIMIT 9007199254740992.0

void
put_uvarint(struct ads_buf *b, uint64_t v)
{
	unsigned char t[10];
	size_t n = 0;

	while (v >= 0x80) {
		t[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	t[n++] = (unsigned char)v;
	ads_buf_add(b, t, n);
}

int
get_uvarint(const unsigned char **pp, const unsigned char *end, uint64_t *v)
{
	const unsigned char *p = *pp;
	uint64_t r = 0;
	int shift = 0;

	while (p < end && shift < 64) {
		r |= (uint64_t)(*p & 0x7f) << shift;
		if (!(*p++ & 0x80)) {
			*v = r;
			*pp = p;
			return 0;
		}
		shift += 7;
	}
	return -1;
}

void
schema_init(struct schema *sc, size_t maxcols)
{
	memset(sc, 0, sizeof(*sc));
	sc->maxcols = maxcols;
	sc->nslots = 64;
	sc->slots = xcalloc(sc->nslots, sizeof(*sc->slots));
}

void
schema_free(struct schema *sc)
{
	size_t i;

	for (i = 0; i < sc->ncols; i++)
		free(sc->cols[i].name);
	free(sc->cols);
	free(sc->slots);
	memset(sc, 0, sizeof(*sc));
}

long
schema_find(const struct schema *sc, const char *name, size_t len)
{
	size_t i, mask = sc->nslots - 1;
	uint32_t s;

	i = (size_t)ads_hash64(name, len, 0) & mask;
	while ((s = sc->slots[i]) != 0) {
		const struct column *c = &sc->cols[s - 1];

		if (c->namelen == len && memcmp(c->name, name, len) == 0)
			return (long)s - 1;
		i = (i + 1) & mask;
	}
	return -1;
}

/* rehash -- double the slot table. */
static void
rehash(struct schema *sc)
{
	size_t i, j, mask;

	free(sc->slots);
	sc->nslots *= 2;
	mask = sc->nslots - 1;
	sc->slots = xcalloc(sc->nslots, sizeof(*sc->slots));
	for (i = 0; i < sc->ncols; i++) {
		j = (size_t)ads_hash64(sc->cols[i].name, sc->cols[i].namelen,
		    0) & mask;
		while (sc->slots[j] != 0)
			j = (j + 1) & mask;
		sc->slots[j] = (uint32_t)i + 1;
	}
}

/* addcol -- append a column; returns its index. */
static long
addcol(struct schema *sc, const char *name, size_t len)
{
	struct column *c;
	size_t j, mask;

	if (sc->ncols == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 16;
		sc->cols = xreallocarray(sc->cols, sc->cap, sizeof(*sc->cols));
	}
	c = &sc->cols[sc->ncols];
	memset(c, 0, sizeof(*c));
	c->name = xstrndup(name, len);
	c->namelen = len;
	sc->ncols++;
	if (sc->ncols * 2 > sc->nslots)
		rehash(sc);
	else {
		mask = sc->nslots - 1;
		j = (size_t)ads_hash64(name, len, 0) & mask;
		while (sc->slots[j] != 0)
			j = (j + 1) & mask;
		sc->slots[j] = (uint32_t)sc->ncols;
	}
	return (long)sc->ncols - 1;
}

void
schema_fix(struct schema *sc, const char *list)
{
	const char *p = list, *e;

	while (*p != '\0') {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p && schema_find(sc, p, (size_t)(e - p)) < 0)
			addcol(sc, p, (size_t)(e - p));
		p = *e == ',' ? e + 1 : e;
	}
	sc->fixed = 1;
}

void
schema_decide(struct schema *sc)
{
	size_t i;

	for (i = 0; i < sc->ncols; i++) {
		struct column *c = &sc->cols[i];

		switch (c->kinds) {
		case 0:
		case K_STR:
			c->type = T_STRING;
			break;
		case K_INT:
			c->type = T_INT64;
			break;
		case K_DBL:
		case K_INT | K_DBL:
			c->type = T_DOUBLE;
			break;
		case K_BOOL:
			c->type = T_BOOL;
			break;
		case K_NEST:
			c->type = T_JSON;
			break;
		default:
			c->type = T_MIXED;
			break;
		}
	}
}

const char *
coltype_name(enum coltype t)
{
	switch (t) {
	case T_STRING:
		return "string";
	case T_INT64:
		return "int64";
	case T_DOUBLE:
		return "double";
	case T_BOOL:
		return "bool";
	case T_JSON:
		return "json";
	case T_MIXED:
		return "mixed";
	}
	return "?";
}

int
row_encode(struct schema *sc, jv rec, struct ads_buf *out)
{
	size_t start = out->len;
	int it;

	for (it = jv_object_iter(rec); jv_object_iter_valid(rec, it);
	    it = jv_object_iter_next(rec, it)) {
		jv k = jv_object_iter_key(rec, it);
		jv v = jv_object_iter_value(rec, it);
		const char *name = jv_string_value(k);
		size_t nlen = (size_t)jv_string_length_bytes(jv_copy(k));
		long ci;
		double d;
		int64_t iv;
		uint64_t z;
		size_t lenpos;

		ci = schema_find(sc, name, nlen);
		if (ci < 0) {
			if (sc->fixed) {
				jv_free(k);
				jv_free(v);
				continue;
			}
			if (sc->ncols >= sc->maxcols) {
				jv_free(k);
				jv_free(v);
				out->len = start;
				return -1;
			}
			ci = addcol(sc, name, nlen);
		}
		put_uvarint(out, (uint64_t)ci);
		switch (jv_get_kind(v)) {
		case JV_KIND_NULL:
			ads_buf_addc(out, V_NULL);
			break;
		case JV_KIND_FALSE:
			ads_buf_addc(out, V_FALSE);
			sc->cols[ci].kinds |= K_BOOL;
			break;
		case JV_KIND_TRUE:
			ads_buf_addc(out, V_TRUE);
			sc->cols[ci].kinds |= K_BOOL;
			break;
		case JV_KIND_NUMBER:
			d = jv_number_value(v);
			if (d == floor(d) && fabs(d) <= INT_LIMIT) {
				ads_buf_addc(out, V_INT);
				iv = (int64_t)d;
				z = ((uint64_t)iv << 1) ^ (uint64_t)(iv >> 63);
				put_uvarint(out, z);
				sc->cols[ci].kinds |= K_INT;
			} else {
				ads_buf_addc(out, V_DBL);
				ads_buf_add(out, &d, sizeof(d));
				sc->cols[ci].kinds |= K_DBL;
			}
			break;
		case JV_KIND_STRING:
			ads_buf_addc(out, V_STR);
			z = (uint64_t)jv_string_length_bytes(jv_copy(v));
			put_uvarint(out, z);
			ads_buf_add(out, jv_string_value(v), (size_t)z);
			sc->cols[ci].kinds |= K_STR;
			break;
		default:
			/* Objects and arrays: compact JSON, length after. */
			ads_buf_addc(out, V_NEST);
			lenpos = out->len;
			ads_json_emit(out, v);
			z = out->len - lenpos;
			{
				/* Move the text right to make room for z. */
				struct ads_buf vb = ADS_BUF_INIT;

				put_uvarint(&vb, z);
				ads_buf_grow(out, vb.len);
				memmove(out->p + lenpos + vb.len,
				    out->p + lenpos, (size_t)z);
				memcpy(out->p + lenpos, vb.p, vb.len);
				out->len += vb.len;
				ads_buf_free(&vb);
			}
			sc->cols[ci].kinds |= K_NEST;
			break;
		}
		jv_free(k);
		jv_free(v);
	}
	return 0;
}

int
row_decode(const struct schema *sc, const unsigned char *p, size_t n,
    struct field *f)
{
	const unsigned char *end = p + n;
	uint64_t ci, z;
	size_t i;

	for (i = 0; i < sc->ncols; i++)
		f[i].tag = V_NULL;
	while (p < end) {
		struct field *x;

		if (get_uvarint(&p, end, &ci) < 0 || ci >= sc->ncols ||
		    p >= end)
			return -1;
		x = &f[ci];
		x->tag = *p++;
		switch (x->tag) {
		case V_NULL:
		case V_FALSE:
		case V_TRUE:
			break;
		case V_INT:
			if (get_uvarint(&p, end, &z) < 0)
				return -1;
			x->i = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
			break;
		case V_DBL:
			if ((size_t)(end - p) < sizeof(double))
				return -1;
			memcpy(&x->d, p, sizeof(double));
			p += sizeof(double);
			break;
		case V_STR:
		case V_NEST:
			if (get_uvarint(&p, end, &z) < 0 ||
			    z > (uint64_t)(end - p))
				return -1;
			x->s = (const char *)p;
			x->len = (size_t)z;
			p += z;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

void
field_text(const struct field *f, int json, struct ads_buf *b)
{
	switch (f->tag) {
	case V_NULL:
		if (json)
			ads_buf_adds(b, "null");
		break;
	case V_FALSE:
		ads_buf_adds(b, "false");
		break;
	case V_TRUE:
		ads_buf_adds(b, "true");
		break;
	case V_INT:
		ads_buf_addf(b, "%lld", (long long)f->i);
		break;
	case V_DBL:
		ads_json_emit_number(b, f->d);
		break;
	case V_STR:
		if (json)
			ads_json_emit_string(b, f->s, f->len);
		else
			ads_buf_add(b, f->s, f->len);
		break;
	case V_NEST:
		ads_buf_add(b, f->s, f->len);
		break;
	}
}

void
csv_cell(struct ads_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '"' || s[i] == ',' || s[i] == '\r' ||
		    s[i] == '\n')
			break;
	if (i == n) {
		ads_buf_add(b, s, n);
		return;
	}
	ads_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			ads_buf_addc(b, '"');
		ads_buf_addc(b, s[i]);
	}
	ads_buf_addc(b, '"');
}
