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
#include "../../common/rawjson.h"
#include "../../common/utf8.h"
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

	for (i = 0; i < sc->ncols; i++) {
		size_t k;

		free(sc->cols[i].name);
		for (k = 0; k < sc->cols[i].nkeys; k++)
			free(sc->cols[i].keys[k]);
		free(sc->cols[i].keys);
	}
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

/* reslot -- fill the slot table again from the columns. */
static void
reslot(struct schema *sc)
{
	size_t i, j, mask = sc->nslots - 1;

	memset(sc->slots, 0, sc->nslots * sizeof(*sc->slots));
	for (i = 0; i < sc->ncols; i++) {
		j = (size_t)ads_hash64(sc->cols[i].name, sc->cols[i].namelen,
		    0) & mask;
		while (sc->slots[j] != 0)
			j = (j + 1) & mask;
		sc->slots[j] = (uint32_t)i + 1;
	}
}

/* rehash -- double the slot table. */
static void
rehash(struct schema *sc)
{
	free(sc->slots);
	sc->nslots *= 2;
	sc->slots = xcalloc(sc->nslots, sizeof(*sc->slots));
	reslot(sc);
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
	/* Not xstrndup: a key may hold NUL ("\u0000"). */
	c->name = xmalloc(len + 1);
	memcpy(c->name, name, len);
	c->name[len] = '\0';
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
schema_fix_one(struct schema *sc, const char *name, size_t len)
{
	if (schema_find(sc, name, len) < 0)
		addcol(sc, name, len);
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
	case T_STRUCT:
		return "struct";
	case T_MESSAGES:
		return "list<struct>";
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
csv_cell(struct ads_buf *b, const char *s, size_t n, int raw)
{
	size_t i;
	int formula;

	formula = !raw && n > 0 && (s[0] == '=' || s[0] == '+' ||
	    s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
	for (i = 0; i < n && !formula; i++)
		if (s[i] == '"' || s[i] == ',' || s[i] == '\r' ||
		    s[i] == '\n')
			break;
	if (i == n && !formula) {
		ads_buf_add(b, s, n);
		return;
	}
	ads_buf_addc(b, '"');
	if (formula)
		ads_buf_addc(b, '\'');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			ads_buf_addc(b, '"');
		ads_buf_addc(b, s[i]);
	}
	ads_buf_addc(b, '"');
}

static int
hex4(const unsigned char *p, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		unsigned c = p[i];

		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if (c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return -1;
		*v = *v << 4 | c;
	}
	return 0;
}

/*
 * scan_string -- the JSON string starting after the opening quote at
 * *pp: its decoded text is (*s, *n), pointing into the line when it has
 * no escapes and into tmp otherwise.  Returns 0, or -1 for anything the
 * fast path leaves to libjq (bad UTF-8, lone surrogates, errors).
 */
static int
scan_string(const unsigned char **pp, const unsigned char *e,
    struct ads_buf *tmp, const char **s, size_t *n)
{
	const unsigned char *p = *pp, *start = p;
	unsigned u, lo;

	while (p < e && *p != '"' && *p != '\\' && *p >= 0x20)
		p++;
	if (p < e && *p == '"') {
		if (!ads_utf8_valid(start, (size_t)(p - start)))
			return -1;
		*s = (const char *)start;
		*n = (size_t)(p - start);
		*pp = p + 1;
		return 0;
	}
	ads_buf_reset(tmp);
	for (;;) {
		if (!ads_utf8_valid(start, (size_t)(p - start)))
			return -1;
		ads_buf_add(tmp, start, (size_t)(p - start));
		if (p >= e || *p < 0x20)
			return -1;
		if (*p == '"')
			break;
		/* A backslash. */
		if (e - p < 2)
			return -1;
		switch (p[1]) {
		case '"': case '\\': case '/':
			ads_buf_addc(tmp, (char)p[1]);
			p += 2;
			break;
		case 'b':
			ads_buf_addc(tmp, '\b');
			p += 2;
			break;
		case 'f':
			ads_buf_addc(tmp, '\f');
			p += 2;
			break;
		case 'n':
			ads_buf_addc(tmp, '\n');
			p += 2;
			break;
		case 'r':
			ads_buf_addc(tmp, '\r');
			p += 2;
			break;
		case 't':
			ads_buf_addc(tmp, '\t');
			p += 2;
			break;
		case 'u':
			if (e - p < 6 || hex4(p + 2, &u) < 0)
				return -1;
			p += 6;
			if (u >= 0xdc00 && u <= 0xdfff)
				return -1;
			if (u >= 0xd800 && u <= 0xdbff) {
				if (e - p < 6 || p[0] != '\\' || p[1] != 'u' ||
				    hex4(p + 2, &lo) < 0 || lo < 0xdc00 ||
				    lo > 0xdfff)
					return -1;
				p += 6;
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			if (u < 0x80)
				ads_buf_addc(tmp, (char)u);
			else if (u < 0x800) {
				ads_buf_addc(tmp, (char)(0xc0 | u >> 6));
				ads_buf_addc(tmp, (char)(0x80 | (u & 0x3f)));
			} else if (u < 0x10000) {
				ads_buf_addc(tmp, (char)(0xe0 | u >> 12));
				ads_buf_addc(tmp, (char)(0x80 |
				    ((u >> 6) & 0x3f)));
				ads_buf_addc(tmp, (char)(0x80 | (u & 0x3f)));
			} else {
				ads_buf_addc(tmp, (char)(0xf0 | u >> 18));
				ads_buf_addc(tmp, (char)(0x80 |
				    ((u >> 12) & 0x3f)));
				ads_buf_addc(tmp, (char)(0x80 |
				    ((u >> 6) & 0x3f)));
				ads_buf_addc(tmp, (char)(0x80 | (u & 0x3f)));
			}
			break;
		default:
			return -1;
		}
		start = p;
		while (p < e && *p != '"' && *p != '\\' && *p >= 0x20)
			p++;
	}
	*s = tmp->p;
	*n = tmp->len;
	*pp = p + 1;
	return 0;
}

static const unsigned char *
skipws(const unsigned char *p, const unsigned char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* scan_number -- a JSON number (RFC 8259 grammar) into *d. */
static int
scan_number(const unsigned char **pp, const unsigned char *e, double *d)
{
	const unsigned char *p = *pp, *s = p;
	char buf[64];

	if (p < e && *p == '-')
		p++;
	if (p < e && *p == '0')
		p++;
	else if (p < e && *p >= '1' && *p <= '9')
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	else
		return -1;
	if (p < e && *p == '.') {
		p++;
		if (p >= e || *p < '0' || *p > '9')
			return -1;
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (p >= e || *p < '0' || *p > '9')
			return -1;
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	if ((size_t)(p - s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, (size_t)(p - s));
	buf[p - s] = '\0';
	*d = strtod(buf, NULL);
	*pp = p;
	return 0;
}

/*
 * skip_nested -- the end of the object or array starting at p (depth
 * counted, strings skipped); the text is checked by libjq afterwards.
 */
static const unsigned char *
skip_nested(const unsigned char *p, const unsigned char *e)
{
	int depth = 0;

	while (p < e) {
		switch (*p) {
		case '"':
			p++;
			while (p < e && *p != '"') {
				if (*p == '\\')
					p++;
				p++;
			}
			if (p >= e)
				return NULL;
			break;
		case '{': case '[':
			if (++depth > 256)
				return NULL;
			break;
		case '}': case ']':
			if (--depth == 0)
				return p + 1;
			break;
		}
		p++;
	}
	return NULL;
}

#define NEST_KEYS 32	/* keys per object checked for duplicates */

/*
 * compact -- the JSON value at *pp (up to e) as compact text onto out,
 * exactly as libjq's parse and ads_json_emit() would write it: strings
 * decoded and escaped again, numbers read and printed again, keys in
 * order.  Returns 0, or -1 for anything it leaves to libjq: an escaped
 * or duplicate key, an object of more than NEST_KEYS keys, text that is
 * not strict JSON.  The caller bounds the depth (skip_nested).
 */
static int
compact(const unsigned char **pp, const unsigned char *e,
    struct ads_buf *out, struct ads_buf *tmp)
{
	const unsigned char *p = skipws(*pp, e), *ks[NEST_KEYS];
	size_t kl[NEST_KEYS], nk = 0, i, n;
	const char *s;
	double d;
	int obj;

	if (p >= e)
		return -1;
	switch (*p) {
	case '{':
	case '[':
		obj = *p == '{';
		ads_buf_addc(out, (char)*p);
		p = skipws(p + 1, e);
		if (p < e && *p == (obj ? '}' : ']'))
			break;
		for (;;) {
			if (obj) {
				if (p >= e || *p != '"' || nk == NEST_KEYS)
					return -1;
				ks[nk] = ++p;
				while (p < e && *p != '"' && *p != '\\' &&
				    *p >= 0x20)
					p++;
				if (p >= e || *p != '"')
					return -1;
				kl[nk] = (size_t)(p - ks[nk]);
				if (!ads_utf8_valid(ks[nk], kl[nk]))
					return -1;
				/* jq keeps one of duplicate keys: leave it. */
				for (i = 0; i < nk; i++)
					if (kl[i] == kl[nk] &&
					    memcmp(ks[i], ks[nk], kl[i]) == 0)
						return -1;
				ads_json_emit_string(out, (const char *)ks[nk],
				    kl[nk]);
				nk++;
				p = skipws(p + 1, e);
				if (p >= e || *p != ':')
					return -1;
				ads_buf_addc(out, ':');
				p++;
			}
			if (compact(&p, e, out, tmp) < 0)
				return -1;
			p = skipws(p, e);
			if (p < e && *p == ',') {
				ads_buf_addc(out, ',');
				p = skipws(p + 1, e);
				continue;
			}
			if (p < e && *p == (obj ? '}' : ']'))
				break;
			return -1;
		}
		break;
	case '"':
		p++;
		if (scan_string(&p, e, tmp, &s, &n) < 0)
			return -1;
		ads_json_emit_string(out, s, n);
		*pp = p;
		return 0;
	case 't':
	case 'f':
	case 'n':
		n = *p == 'f' ? 5 : 4;
		if ((size_t)(e - p) < n || memcmp(p, *p == 't' ? "true" :
		    *p == 'f' ? "false" : "null", n) != 0)
			return -1;
		ads_buf_add(out, p, n);
		*pp = p + n;
		return 0;
	default:
		if (scan_number(&p, e, &d) < 0)
			return -1;
		ads_json_emit_number(out, d);
		*pp = p;
		return 0;
	}
	ads_buf_addc(out, (char)*p);
	*pp = p + 1;
	return 0;
}

/*
 * setkind -- add kind k to column ci, logging the old kinds so that a
 * line the fast path gives up on leaves the schema as it found it.
 */
static void
setkind(struct schema *sc, struct scaninfo *si, long ci, unsigned k)
{
	if (sc->cols[ci].kinds & k)
		return;
	if (si->nundo == si->undocap) {
		si->undocap = si->undocap ? si->undocap * 2 : 16;
		si->undo = xreallocarray(si->undo, si->undocap,
		    sizeof(*si->undo));
	}
	si->undo[si->nundo].col = (size_t)ci;
	si->undo[si->nundo].kinds = sc->cols[ci].kinds;
	si->nundo++;
	sc->cols[ci].kinds |= k;
}

/*
 * keepjson -- note a field the card counts whose value is not a string:
 * a copy of its JSON text s (n bytes), or NULL for null.
 */
static void
keepjson(struct scaninfo *si, int which, const char *s, size_t n)
{
	struct ads_buf *kb = &si->keep[which];

	si->f[which].notstr = 1;
	si->f[which].isnum = 0;
	si->f[which].s = NULL;
	si->f[which].len = 0;
	if (s == NULL)
		return;
	ads_buf_reset(kb);
	ads_buf_add(kb, s, n);
	si->f[which].s = kb->p;
	si->f[which].len = n;
}

static void
put_string(struct ads_buf *out, int tag, const char *s, size_t n)
{
	ads_buf_addc(out, (char)tag);
	put_uvarint(out, n);
	ads_buf_add(out, s, n);
}

int
row_scan(struct schema *sc, const char *line, size_t len,
    struct ads_buf *out, struct scaninfo *si)
{
	const unsigned char *p = (const unsigned char *)line, *e = p + len;
	size_t start = out->len, nlen, vlen;
	const char *name, *v, *why;
	struct ads_buf *tmp = &si->tmp, *nest = &si->nest;
	long ci;
	double d;
	int have = 0;

	memset(si->f, 0, sizeof(si->f));
	si->ncols0 = sc->ncols;
	si->nundo = 0;
	p = skipws(p, e);
	if (p >= e || *p != '{')
		return SCAN_SLOW;
	p = skipws(p + 1, e);
	/* {} lacks the required members: libjq's path reports it. */
	if (p < e && *p == '}')
		return SCAN_SLOW;
	for (;;) {
		int which = -1, req = 0;

		if (p >= e || *p != '"')
			goto slow;
		p++;
		/* Keys: decoded into the spare buffer when escaped. */
		if (scan_string(&p, e, &si->key, &name, &nlen) < 0)
			goto slow;
		p = skipws(p, e);
		if (p >= e || *p != ':')
			goto slow;
		p = skipws(p + 1, e);
		if (p >= e)
			goto slow;
		ci = schema_find(sc, name, nlen);
		if (ci < 0) {
			if (!sc->fixed) {
				if (sc->ncols >= sc->maxcols)
					goto slow;
				ci = addcol(sc, name, nlen);
			}
		}
		if (nlen == 5 && memcmp(name, "split", 5) == 0)
			which = SI_SPLIT;
		else if (nlen == 6 && memcmp(name, "source", 6) == 0)
			which = SI_SOURCE;
		else if (nlen == 7 && memcmp(name, "license", 7) == 0)
			which = SI_LICENSE;
		else if (nlen == 4 && memcmp(name, "lang", 4) == 0)
			which = SI_LANG;
		else if (nlen == 7 && memcmp(name, "quality", 7) == 0)
			which = SI_QUALITY;
		else if (nlen == 3 && memcmp(name, "pii", 3) == 0)
			which = SI_PII;
		else if (nlen == 5 && memcmp(name, "label", 5) == 0)
			which = SI_LABEL;
		else if (nlen == 12 && memcmp(name, "label_source", 12) == 0)
			which = SI_LABEL_SOURCE;
		if (which >= 0)
			si->f[which].present = 1;
		/*
		 * The members ads-record(5) requires as strings; the last
		 * of repeated keys counts, as in libjq.
		 */
		if ((nlen == 2 && memcmp(name, "id", 2) == 0) ||
		    (nlen == 4 && memcmp(name, "text", 4) == 0) ||
		    which == SI_SOURCE)
			req = nlen == 2 ? 1 : nlen == 4 ? 2 : 4;
		if (req != 0)
			have = *p == '"' ? have | req : have & ~req;
		if (ci >= 0)
			put_uvarint(out, (uint64_t)ci);
		switch (*p) {
		case '"':
			p++;
			if (scan_string(&p, e, tmp, &v, &vlen) < 0)
				goto slow;
			if (which >= 0) {
				/* Keep a copy: tmp is reused. */
				struct ads_buf *kb = &si->keep[which];

				ads_buf_reset(kb);
				ads_buf_add(kb, v, vlen);
				si->f[which].s = kb->p;
				si->f[which].len = vlen;
				si->f[which].notstr = 0;
				si->f[which].isnum = 0;
			}
			if (ci >= 0) {
				put_string(out, V_STR, v, vlen);
				setkind(sc, si, ci, K_STR);
			}
			break;
		case 't':
		case 'f':
		case 'n': {
			int tag;

			if (e - p >= 4 && memcmp(p, "true", 4) == 0) {
				tag = V_TRUE;
				p += 4;
			} else if (e - p >= 5 && memcmp(p, "false", 5) == 0) {
				tag = V_FALSE;
				p += 5;
			} else if (e - p >= 4 && memcmp(p, "null", 4) == 0) {
				tag = V_NULL;
				p += 4;
			} else
				goto slow;
			if (which >= 0)
				keepjson(si, which, tag == V_NULL ? NULL :
				    tag == V_TRUE ? "true" : "false",
				    tag == V_TRUE ? 4 : 5);
			if (ci >= 0) {
				ads_buf_addc(out, (char)tag);
				if (tag != V_NULL)
					setkind(sc, si, ci, K_BOOL);
			}
			break;
		}
		case '{':
		case '[': {
			const unsigned char *q = skip_nested(p, e), *c = p;
			jv nv;

			if (q == NULL)
				goto slow;
			ads_buf_reset(nest);
			/*
			 * Compacted here when plain, by libjq otherwise;
			 * text libjq would repair is the slow path's to
			 * report (or to let through with -U).
			 */
			if (compact(&c, q, nest, tmp) < 0 || c != q) {
				if (ads_raw_utf8_check((const char *)p,
				    (size_t)(q - p), &why) >= 0)
					goto slow;
				nv = ads_json_parse((const char *)p,
				    (size_t)(q - p));
				if (!jv_is_valid(nv)) {
					jv_free(nv);
					goto slow;
				}
				ads_buf_reset(nest);
				ads_json_emit(nest, nv);
				jv_free(nv);
			}
			if (which >= 0)
				keepjson(si, which, nest->p, nest->len);
			if (ci >= 0) {
				put_string(out, V_NEST, nest->p, nest->len);
				setkind(sc, si, ci, K_NEST);
			}
			p = q;
			break;
		}
		default: {
			const unsigned char *p0 = p;

			if (scan_number(&p, e, &d) < 0)
				goto slow;
			if (which >= 0) {
				keepjson(si, which, (const char *)p0,
				    (size_t)(p - p0));
				si->f[which].isnum = 1;
				si->f[which].d = d;
			}
			if (ci >= 0) {
				if (d == floor(d) && fabs(d) <= INT_LIMIT) {
					int64_t iv = (int64_t)d;

					ads_buf_addc(out, V_INT);
					put_uvarint(out, ((uint64_t)iv << 1) ^
					    (uint64_t)(iv >> 63));
					setkind(sc, si, ci, K_INT);
				} else {
					ads_buf_addc(out, V_DBL);
					ads_buf_add(out, &d, sizeof(d));
					setkind(sc, si, ci, K_DBL);
				}
			}
			break;
		}
		}
		p = skipws(p, e);
		if (p < e && *p == ',') {
			p = skipws(p + 1, e);
			continue;
		}
		if (p < e && *p == '}') {
			p = skipws(p + 1, e);
			if (p != e || have != (1 | 2 | 4))
				goto slow;
			return SCAN_OK;
		}
		goto slow;
	}
slow:
	/*
	 * Columns added on the way stay (libjq will see the same keys
	 * unless the line is invalid, and then the column is merely empty).
	 */
	out->len = start;
	while (si->nundo > 0) {
		si->nundo--;
		sc->cols[si->undo[si->nundo].col].kinds =
		    si->undo[si->nundo].kinds;
	}
	if (sc->ncols > si->ncols0) {
		while (sc->ncols > si->ncols0)
			free(sc->cols[--sc->ncols].name);
		reslot(sc);
	}
	return SCAN_SLOW;
}
