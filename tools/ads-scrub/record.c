/*
 * record.c -- one record through ads-scrub: the fast path over a
 * canonical line (common/rawjson.h) and the jv path for the others,
 * which write the same bytes
 */
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/rawjson.h"
#include "scrub.h"

jv
scrub_counts(const struct scrub *s, jv obj, const unsigned long *n)
{
	double d;
	int k;

	for (k = 0; k < scrub_nkinds(s); k++) {
		if (n[k] == 0)
			continue;
		if (ads_json_num(obj, scrub_kind_name(s, k), &d) == -1)
			d = 0;
		obj = ads_json_set(obj, scrub_kind_name(s, k),
		    jv_number(d + (double)n[k]));
	}
	return obj;
}

/*
 * cutsutf8 -- a finding of the last scrub starts or ends inside a
 * UTF-8 sequence of p: the cleaned text would not be valid UTF-8, and
 * libjq's repair of it is left to the jv path.
 */
static int
cutsutf8(const struct scrub *s, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < s->nspans; i++) {
		if (((unsigned char)p[s->spans[i].start] & 0xC0) == 0x80)
			return 1;
		if (s->spans[i].end < n &&
		    ((unsigned char)p[s->spans[i].end] & 0xC0) == 0x80)
			return 1;
	}
	return 0;
}

/*
 * A walk over a canonical JSON string (quotes excluded) that maps
 * offsets in the decoded text to offsets in the raw bytes: an escape
 * is one decoded byte for two raw ones (six for \u00xx), and every
 * other byte is itself.
 */
struct rawmap {
	const char	*raw;
	size_t		 rawlen;
	size_t		 d;		/* decoded offset reached */
	size_t		 r;		/* its raw offset */
	int		 esc;		/* the string has escapes */
};

/* rawoff -- the raw offset of decoded offset d (d never decreases). */
static size_t
rawoff(struct rawmap *m, size_t d)
{
	const char *q;
	size_t run;

	if (!m->esc)
		return d;
	while (m->d < d) {
		q = memchr(m->raw + m->r, '\\', m->rawlen - m->r);
		run = q != NULL ? (size_t)(q - (m->raw + m->r)) :
		    m->rawlen - m->r;
		if (m->d + run >= d) {
			m->r += d - m->d;
			m->d = d;
			break;
		}
		m->d += run + 1;
		m->r += run + (q[1] == 'u' ? 6 : 2);
	}
	return m->r;
}

int
scrub_record_raw(struct scrub *s, const struct ads_raw *raw,
    const char *line, size_t len, const char *const *fields, int nfields,
    unsigned long *counts, size_t *found, struct ads_buf *ob)
{
	static struct ads_buf tb, eb, db;
	long idx[SCRUB_MAXFIELD], t;
	const struct ads_raw_member *m;
	struct rawmap map;
	const char *p;
	size_t n, at = 0, ns, i, r;
	int j, k, nidx = 0, any;

	if (nfields > SCRUB_MAXFIELD || ads_raw_find(raw, line, "pii") >= 0)
		return 0;
	/* The string fields present, in the order of the line. */
	for (j = 0; j < nfields; j++) {
		t = ads_raw_find(raw, line, fields[j]);
		if (t < 0 || raw->m[t].kind != '"')
			continue;
		for (k = nidx; k > 0 && idx[k - 1] > t; k--)
			idx[k] = idx[k - 1];
		idx[k] = t;
		nidx++;
	}
	*found = 0;
	ads_buf_reset(ob);
	for (j = 0; j < nidx; j++) {
		m = &raw->m[idx[j]];
		if (m->esc) {
			if (ads_raw_canon_string(line + m->val, m->vallen, &db) == -1)
				return 0;
			p = db.p;
			n = db.len;
		} else {
			p = line + m->val + 1;
			n = m->vallen - 2;
		}
		ns = scrub_find(s, p, n);
		if (ns == 0)
			continue;
		if (cutsutf8(s, p, n))
			return 0;
		(*found)++;
		map.raw = line + m->val + 1;
		map.rawlen = m->vallen - 2;
		map.d = map.r = 0;
		map.esc = m->esc;
		ads_buf_add(ob, line + at, m->val + 1 - at);
		for (i = 0, r = 0; i < ns; i++) {
			counts[s->spans[i].kind]++;
			at = rawoff(&map, s->spans[i].start);
			ads_buf_add(ob, map.raw + r, at - r);
			ads_buf_reset(&tb);
			scrub_replacement(s, i, p, &tb);
			ads_buf_reset(&eb);
			ads_json_emit_string(&eb, tb.p, tb.len);
			ads_buf_add(ob, eb.p + 1, eb.len - 2);
			r = rawoff(&map, s->spans[i].end);
		}
		ads_buf_add(ob, map.raw + r, map.rawlen - r);
		at = m->val + m->vallen - 1;
	}
	if (*found > 0 && s->mode == MODE_DROP)
		return 1;
	ads_buf_add(ob, line + at, len - 1 - at);
	ads_buf_adds(ob, raw->n > 0 ? ",\"pii\":{" : "\"pii\":{");
	for (k = 0, any = 0; k < scrub_nkinds(s); k++) {
		if (counts[k] == 0)
			continue;
		/* Kind names are identifiers: no escape needed. */
		if (any++)
			ads_buf_addc(ob, ',');
		ads_buf_addf(ob, "\"%s\":%lu", scrub_kind_name(s, k),
		    counts[k]);
	}
	ads_buf_adds(ob, "}}\n");
	return 1;
}


struct jvctx {
	struct scrub	*s;
	unsigned long	*counts;
	size_t		 found;
};

/* scrubone -- a string the paths reach, cleaned (ads_fields_map). */
static jv
scrubone(jv str, void *ctx)
{
	static struct ads_buf out;
	struct jvctx *c = ctx;

	ads_buf_reset(&out);
	if (scrub_text(c->s, jv_string_value(str),
	    (size_t)jv_string_length_bytes(jv_copy(str)), &out,
	    c->counts) == 0)
		return str;
	jv_free(str);
	c->found++;
	return jv_string_sized(out.p, (int)out.len);
}

jv
scrub_record_jv(struct scrub *s, jv rec, const struct ads_fields *fs,
    unsigned long *counts, size_t *found, size_t *reached)
{
	struct jvctx c = { s, counts, 0 };
	jv pii;

	rec = ads_fields_map(fs, rec, scrubone, &c, reached);
	*found = c.found;
/* Counts add up over runs: scrubbing twice loses nothing. */
	pii = ads_json_get(rec, "pii");
	if (jv_get_kind(pii) != JV_KIND_OBJECT) {
		jv_free(pii);
		pii = jv_object();
	}
	return ads_json_set(rec, "pii", scrub_counts(s, pii, counts));
}

/*
 * fastok -- the fast path applies to these options: every field name
 * is printable ASCII needing no escape (so that it compares equal to
 * a canonical line's key) and no field is named twice.
 */
int
scrub_fastok(const char *const *fields, int nfields)
{
	const char *q;
	int i, j;

	for (i = 0; i < nfields; i++) {
		for (q = fields[i]; *q != '\0'; q++)
			if (*q < 0x20 || *q > 0x7e || *q == '"' || *q == '\\')
				return 0;
		for (j = 0; j < i; j++)
			if (strcmp(fields[i], fields[j]) == 0)
				return 0;
	}
	return 1;
}
