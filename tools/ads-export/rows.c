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
	for (i = 0; i < sc->nclasses; i++)
		free(sc->classes[i]);
	free(sc->classes);
	free(sc->features);
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

/* slot_in -- enter column i in the slot table. */
static void
slot_in(struct schema *sc, size_t i)
{
	size_t j, mask = sc->nslots - 1;

	j = (size_t)ads_hash64(sc->cols[i].name, sc->cols[i].namelen, 0) &
	    mask;
	while (sc->slots[j] != 0)
		j = (j + 1) & mask;
	sc->slots[j] = (uint32_t)i + 1;
}

/* reslot -- fill the slot table again from the columns. */
static void
reslot(struct schema *sc)
{
	size_t i;

	memset(sc->slots, 0, sc->nslots * sizeof(*sc->slots));
	for (i = 0; i < sc->ncols; i++)
		slot_in(sc, i);
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

	sc->cols = xgrowarray(sc->cols, sc->ncols, &sc->cap, 16,
	    sizeof(*sc->cols));
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
	else
		slot_in(sc, sc->ncols - 1);
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
		if (e > p)
			schema_fix_one(sc, p, (size_t)(e - p));
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
	static const char *const names[] = {
		[T_STRING] = "string", [T_INT64] = "int64",
		[T_DOUBLE] = "double", [T_BOOL] = "bool", [T_JSON] = "json",
		[T_MIXED] = "mixed", [T_STRUCT] = "struct",
		[T_MESSAGES] = "list<struct>", [T_TIMESTAMP] = "timestamp",
		[T_CLASS] = "class_label"
	};

	return (size_t)t < sizeof(names) / sizeof(names[0]) &&
	    names[t] != NULL ? names[t] : "?";
}

static void
put_string(struct ads_buf *out, int tag, const char *s, size_t n)
{
	ads_buf_addc(out, (char)tag);
	put_uvarint(out, n);
	ads_buf_add(out, s, n);
}

/*
 * put_number -- number d into a row: integral and within INT_LIMIT as a
 * zigzag varint, else as a double.  Returns its kind, K_INT or K_DBL.
 */
static unsigned
put_number(struct ads_buf *out, double d)
{
	int64_t iv;

	if (d == floor(d) && fabs(d) <= INT_LIMIT) {
		iv = (int64_t)d;
		ads_buf_addc(out, V_INT);
		put_zigzag(out, iv);
		return K_INT;
	}
	ads_buf_addc(out, V_DBL);
	ads_buf_add(out, &d, sizeof(d));
	return K_DBL;
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
			sc->cols[ci].kinds |= put_number(out,
			    jv_number_value(v));
			break;
		case JV_KIND_STRING:
			put_string(out, V_STR, jv_string_value(v),
			    (size_t)jv_string_length_bytes(jv_copy(v)));
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

/*
 * setkind -- add kind k to column ci, logging the old kinds so that a
 * line the fast path gives up on leaves the schema as it found it.
 */
static void
setkind(struct schema *sc, struct scaninfo *si, long ci, unsigned k)
{
	if (sc->cols[ci].kinds & k)
		return;
	si->undo = xgrowarray(si->undo, si->nundo, &si->undocap, 16,
	    sizeof(*si->undo));
	si->undo[si->nundo].col = (size_t)ci;
	si->undo[si->nundo].kinds = sc->cols[ci].kinds;
	si->nundo++;
	sc->cols[ci].kinds |= k;
}

/*
 * keep -- note a field the card counts: a copy of its text s (n bytes),
 * a string's or (notstr) the JSON text of another value, or NULL for null.
 */
static void
keep(struct scaninfo *si, int which, const char *s, size_t n, int notstr)
{
	struct ads_buf *kb = &si->keep[which];

	si->f[which].notstr = notstr;
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

/* scanfield -- the field of struct scaninfo the key name is, or -1. */
static int
scanfield(const char *name, size_t n)
{
	static const struct {
		const char	*name;
		size_t		 len;
		int		 which;
	} keys[] = {
		{ "split", 5, SI_SPLIT }, { "source", 6, SI_SOURCE },
		{ "license", 7, SI_LICENSE }, { "lang", 4, SI_LANG },
		{ "quality", 7, SI_QUALITY }, { "pii", 3, SI_PII },
		{ "label", 5, SI_LABEL },
		{ "label_source", 12, SI_LABEL_SOURCE }
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (keys[i].len == n && memcmp(keys[i].name, name, n) == 0)
			return keys[i].which;
	return -1;
}

/*
 * rawstring -- the decoded text of the string span s (n bytes, quotes
 * included) of a canonical line: in the line when it has no escape,
 * else in b.  Returns 0, or -1 when it cannot be decoded here.
 */
static int
rawstring(const char *s, size_t n, struct ads_buf *b, const char **v,
    size_t *vlen)
{
	if (memchr(s + 1, '\\', n - 2) == NULL) {
		*v = s + 1;
		*vlen = n - 2;
		return 0;
	}
	if (ads_raw_canon_string(s, n, b) == -1)
		return -1;
	*v = b->p != NULL ? b->p : "";
	*vlen = b->len;
	return 0;
}

/* scan_string_value -- a string member's value into the row. */
static int
scan_string_value(struct schema *sc, struct scaninfo *si, long ci,
    int which, const char *s, size_t n, struct ads_buf *out)
{
	const char *v;
	size_t vlen;

	if (rawstring(s, n, &si->tmp, &v, &vlen) == -1)
		return -1;
	/* Keep a copy: tmp is reused. */
	if (which >= 0)
		keep(si, which, v, vlen, 0);
	if (ci >= 0) {
		put_string(out, V_STR, v, vlen);
		setkind(sc, si, ci, K_STR);
	}
	return 0;
}

/* scan_number_value -- a number member's value into the row. */
static int
scan_number_value(struct schema *sc, struct scaninfo *si, long ci,
    int which, const char *s, size_t n, struct ads_buf *out)
{
	double d;

	if (ads_raw_number(s, n, &d) == -1)
		return -1;
	if (which >= 0) {
		keep(si, which, s, n, 1);
		si->f[which].isnum = 1;
		si->f[which].d = d;
	}
	if (ci >= 0)
		setkind(sc, si, ci, put_number(out, d));
	return 0;
}

/*
 * scan_member -- member m of the canonical line into the row: its
 * column (added when new and the schema is open) and its value.
 * Returns 0, or -1 to leave the line to libjq.
 */
static int
scan_member(struct schema *sc, struct scaninfo *si, const char *line,
    const struct ads_raw_member *m, struct ads_buf *out)
{
	const char *name, *v = line + m->val;
	size_t nlen;
	long ci;
	int which, tag;

	/* Keys: decoded into the spare buffer when escaped. */
	if (rawstring(line + m->key, m->keylen, &si->key, &name, &nlen) == -1)
		return -1;
	ci = schema_find(sc, name, nlen);
	if (ci < 0 && !sc->fixed) {
		if (sc->ncols >= sc->maxcols)
			return -1;
		ci = addcol(sc, name, nlen);
	}
	which = scanfield(name, nlen);
	if (which >= 0)
		si->f[which].present = 1;
	if (ci >= 0)
		put_uvarint(out, (uint64_t)ci);
	switch (m->kind) {
	case '"':
		return scan_string_value(sc, si, ci, which, v, m->vallen, out);
	case 'n':
		return scan_number_value(sc, si, ci, which, v, m->vallen, out);
	case '{':
	case '[':
		/* Canonical: the bytes are the compact JSON already. */
		if (which >= 0)
			keep(si, which, v, m->vallen, 1);
		if (ci >= 0) {
			put_string(out, V_NEST, v, m->vallen);
			setkind(sc, si, ci, K_NEST);
		}
		return 0;
	default:
		tag = m->kind == 't' ? V_TRUE : m->kind == 'f' ? V_FALSE :
		    V_NULL;
		if (which >= 0)
			keep(si, which, tag == V_NULL ? NULL : v,
			    m->vallen, 1);
		if (ci >= 0) {
			ads_buf_addc(out, (char)tag);
			if (tag != V_NULL)
				setkind(sc, si, ci, K_BOOL);
		}
		return 0;
	}
}

/*
 * row_scan -- the fast path: a line the shared scanner finds canonical
 * (what libjq and ads_json_emit() would make of it, byte for byte) and
 * that has the string members ads-record(5) requires is encoded from its
 * bytes; any other line is libjq's (SCAN_SLOW).
 */
int
row_scan(struct schema *sc, const char *line, size_t len,
    struct ads_buf *out, struct scaninfo *si)
{
	static struct ads_raw raw = ADS_RAW_INIT;
	static const char *const required[] = { "id", "source", "text" };
	size_t start = out->len, i;
	long k;

	memset(si->f, 0, sizeof(si->f));
	si->ncols0 = sc->ncols;
	si->nundo = 0;
	if (ads_raw_scan(&raw, line, len) != ADS_RAW_CANONICAL)
		return SCAN_SLOW;
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		k = ads_raw_find(&raw, line, required[i]);
		if (k < 0 || raw.m[k].kind != '"')
			return SCAN_SLOW;
	}
	for (i = 0; i < raw.n; i++)
		if (scan_member(sc, si, line, &raw.m[i], out) == -1)
			goto slow;
	return SCAN_OK;
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

/* digits -- n decimal digits at s, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* days_from_civil -- days since 1970-01-01 (H. Hinnant's algorithm). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
ts_parse(const char *s, size_t n, int64_t *us)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int y, mo, d, h = 0, mi = 0, se = 0, oh, om, sign, k;
	int64_t frac = 0, scale = 100000;
	size_t i;

	/* A year, or a year and month, alone: their first day. */
	if (n == 4 || (n == 7 && s[4] == '-')) {
		y = digits(s, 4);
		mo = n == 7 ? digits(s + 5, 2) : 1;
		d = 1;
	} else {
		if (n < 10 || s[4] != '-' || s[7] != '-')
			return -1;
		y = digits(s, 4);
		mo = digits(s + 5, 2);
		d = digits(s + 8, 2);
	}
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && (y % 4 != 0 ||
	    (y % 100 == 0 && y % 400 != 0))))
		return -1;
	i = 10;
	if (i < n) {
		if ((s[i] != 'T' && s[i] != 't' && s[i] != ' ') || n < i + 6 ||
		    s[i + 3] != ':')
			return -1;
		h = digits(s + i + 1, 2);
		mi = digits(s + i + 4, 2);
		i += 6;
		if (i < n && s[i] == ':') {
			if (n < i + 3)
				return -1;
			se = digits(s + i + 1, 2);
			i += 3;
			if (i < n && (s[i] == '.' || s[i] == ',')) {
				for (i++, k = 0; i < n && s[i] >= '0' &&
				    s[i] <= '9'; i++, k++) {
					if (k > 30)
						return -1;
					frac += scale * (s[i] - '0');
					scale /= 10;
				}
				if (k == 0)
					return -1;
			}
		}
		/* 60: a leap second, as the second after. */
		if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
			return -1;
		if (i < n && (s[i] == 'Z' || s[i] == 'z'))
			i++;
		else if (i < n && (s[i] == '+' || s[i] == '-')) {
			sign = s[i] == '-' ? -1 : 1;
			if (n != i + 6 || s[i + 3] != ':')
				return -1;
			oh = digits(s + i + 1, 2);
			om = digits(s + i + 4, 2);
			if (oh < 0 || oh > 23 || om < 0 || om > 59)
				return -1;
			h -= sign * oh;
			mi -= sign * om;
			i += 6;
		}
		if (i != n)
			return -1;
	}
	*us = ((days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 +
	    (int64_t)mi * 60 + se) * 1000000) + frac;
	/* Years 0000 to 9999 in UTC too. */
	if (*us < days_from_civil(0, 1, 1) * 86400 * 1000000 ||
	    *us >= days_from_civil(10000, 1, 1) * 86400 * 1000000)
		return -1;
	return 0;
}

/* putdigits -- v as n decimal digits (v is in range). */
static void
putdigits(char *p, int64_t v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
ts_format(int64_t us, char *buf)
{
	int64_t days, secs, z, era, doe, yoe, y, doy, mp, d, m;
	int64_t frac = us % 1000000;

	if (frac < 0)
		frac += 1000000;
	secs = (us - frac) / 1000000;
	days = secs / 86400;
	secs %= 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	putdigits(buf, y, 4);
	buf[4] = '-';
	putdigits(buf + 5, m, 2);
	buf[7] = '-';
	putdigits(buf + 8, d, 2);
	buf[10] = 'T';
	putdigits(buf + 11, secs / 3600, 2);
	buf[13] = ':';
	putdigits(buf + 14, secs / 60 % 60, 2);
	buf[16] = ':';
	putdigits(buf + 17, secs % 60, 2);
	buf[19] = '.';
	putdigits(buf + 20, frac, 6);
	buf[26] = 'Z';
	buf[27] = '\0';
}

int
ts_column(const char *name, size_t len)
{
	return (len == 7 && memcmp(name, "created", 7) == 0) ||
	    (len == 9 && memcmp(name, "retrieved", 9) == 0);
}

long
class_index(const struct schema *sc, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sc->nclasses; i++)
		if (strlen(sc->classes[i]) == n &&
		    memcmp(sc->classes[i], s, n) == 0)
			return (long)i;
	return -1;
}

static int
class_column(const struct schema *sc, const struct column *c)
{
	return sc->nclasses > 0 && c->namelen == 5 &&
	    memcmp(c->name, "label", 5) == 0;
}

void
types_begin(struct schema *sc)
{
	size_t i;

	for (i = 0; i < sc->ncols; i++) {
		struct column *c = &sc->cols[i];

		c->tcand = c->type == T_STRING && c->kinds == K_STR &&
		    (ts_column(c->name, c->namelen) || class_column(sc, c));
	}
}

void
types_see(struct schema *sc, const struct field *f)
{
	size_t i;
	int64_t us;

	for (i = 0; i < sc->ncols; i++) {
		struct column *c = &sc->cols[i];

		if (c->tcand != 1 || f[i].tag != V_STR)
			continue;
		if (ts_column(c->name, c->namelen) ?
		    ts_parse(f[i].s, f[i].len, &us) < 0 :
		    class_index(sc, f[i].s, f[i].len) < 0)
			c->tcand = -1;
	}
}

void
types_end(struct schema *sc)
{
	size_t i;

	for (i = 0; i < sc->ncols; i++) {
		struct column *c = &sc->cols[i];

		if (c->tcand == 1)
			c->type = ts_column(c->name, c->namelen) ?
			    T_TIMESTAMP : T_CLASS;
		c->tcand = 0;
	}
}

static jv
value(const char *dtype)
{
	return JV_OBJECT(jv_string("dtype"), jv_string(dtype),
	    jv_string("_type"), jv_string("Value"));
}

jv
schema_features(const struct schema *sc)
{
	/* The Value dtypes other than "string". */
	static const char *const dtypes[] = { [T_INT64] = "int64",
	    [T_DOUBLE] = "float64", [T_BOOL] = "bool",
	    [T_TIMESTAMP] = "timestamp[us, tz=UTC]" };
	jv feat = jv_object(), t, names;
	size_t i, k;

	for (i = 0; i < sc->ncols; i++) {
		const struct column *c = &sc->cols[i];

		switch (c->type) {
		case T_CLASS:
			names = jv_array();
			for (k = 0; k < sc->nclasses; k++)
				names = jv_array_append(names,
				    jv_string(sc->classes[k]));
			t = JV_OBJECT(jv_string("names"), names,
			    jv_string("_type"), jv_string("ClassLabel"));
			break;
		case T_STRUCT:
			t = jv_object();
			for (k = 0; k < c->nkeys; k++)
				t = jv_object_set(t, jv_string(c->keys[k]),
				    value("string"));
			break;
		case T_MESSAGES:
			/* A list of one dict: every version reads it. */
			t = JV_ARRAY(JV_OBJECT(jv_string("role"),
			    value("string"), jv_string("content"),
			    value("string")));
			break;
		default:
			t = value((size_t)c->type < sizeof(dtypes) /
			    sizeof(dtypes[0]) && dtypes[c->type] != NULL ?
			    dtypes[c->type] : "string");
			break;
		}
		feat = jv_object_set(feat, jv_string_sized(c->name,
		    (int)c->namelen), t);
	}
	return feat;
}
