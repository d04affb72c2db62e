/*
 * card_facts.c -- the facts of the dataset card, gathered as one JSON
 * value (card_facts, which is dataset_card.json): the records counted
 * per source, license, language, split and label as ads-export writes
 * them, the plan, and the tools' done lines from the stats file.
 * card_render.c renders README.md from that value.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/hash.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/task.h"
#include "../../common/util.h"
#include "card.h"

/* Distinct values counted per counter before the rest go to "other". */
#define MAXKEYS 1000

/* Credentials the tools read (ads(7)); their values never reach a card. */
static const char *secretvars[] = {
	"ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GITHUB_TOKEN", "HF_TOKEN",
	"KAGGLE_KEY", "KAGGLE_USERNAME", "OPENAI_API_KEY",
	"OPENROUTER_API_KEY", "REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET",
	"YOUTUBE_API_KEY", NULL
};

/* tally_find -- the index of key k (len bytes) in t, or -1. */
static long
tally_find(const struct tally *t, const char *k, size_t len)
{
	size_t i, mask;
	uint32_t x;

	if (t->nslots == 0)
		return -1;
	mask = t->nslots - 1;
	i = (size_t)ads_hash64(k, len, 0) & mask;
	while ((x = t->slots[i]) != 0) {
		const struct tent *e = &t->v[x - 1];

		if (e->len == len && memcmp(e->k, k, len) == 0)
			return (long)x - 1;
		i = (i + 1) & mask;
	}
	return -1;
}

static void
tally_slot(struct tally *t, size_t idx)
{
	size_t i, mask = t->nslots - 1;

	i = (size_t)ads_hash64(t->v[idx].k, t->v[idx].len, 0) & mask;
	while (t->slots[i] != 0)
		i = (i + 1) & mask;
	t->slots[i] = (uint32_t)idx + 1;
}

/*
 * tally_add -- t[k] += n.  Past max keys a new key is counted as
 * "other" (for a pair "a\0b", as "a\0other").
 */
static void
tally_add(struct tally *t, const char *k, size_t len, uint64_t n,
    size_t max)
{
	const char *nul;
	char *o = NULL;
	long i = tally_find(t, k, len);
	size_t j;

	if (i < 0 && t->n >= max) {
		nul = memchr(k, '\0', len);
		if (nul != NULL) {
			j = (size_t)(nul - k) + 1;
			o = xmalloc(j + 5);
			memcpy(o, k, j);
			memcpy(o + j, "other", 5);
			k = o;
			len = j + 5;
		} else {
			k = "other";
			len = 5;
		}
		i = tally_find(t, k, len);
	}
	if (i < 0) {
		t->v = xgrowarray(t->v, t->n, &t->cap, 16, sizeof(*t->v));
		t->v[t->n].k = xmalloc(len + 1);
		memcpy(t->v[t->n].k, k, len);
		t->v[t->n].k[len] = '\0';
		t->v[t->n].len = len;
		t->v[t->n].n = 0;
		i = (long)t->n++;
		if (t->n * 2 > t->nslots) {
			t->nslots = t->nslots ? t->nslots * 2 : 32;
			free(t->slots);
			t->slots = xcalloc(t->nslots, sizeof(*t->slots));
			for (j = 0; j < t->n; j++)
				tally_slot(t, j);
		} else
			tally_slot(t, (size_t)i);
	}
	t->v[i].n += n;
	free(o);
}

/*
 * tally_capped -- t[*k] += 1, where a key new to a full t (MAXKEYS) is
 * "other"; *k and *len become the key counted.
 */
static void
tally_capped(struct tally *t, const char **k, size_t *len)
{
	if (t->n >= MAXKEYS && tally_find(t, *k, *len) < 0) {
		*k = "other";
		*len = 5;
	}
	tally_add(t, *k, *len, 1, MAXKEYS);
}

/* tally_add2 -- t["a\0b"] += 1. */
static void
tally_add2(struct tally *t, const char *a, size_t al, const char *b,
    size_t bl, size_t max)
{
	char stack[256], *k = stack;

	if (al + bl + 1 > sizeof(stack))
		k = xmalloc(al + bl + 1);
	memcpy(k, a, al);
	k[al] = '\0';
	memcpy(k + al + 1, b, bl);
	tally_add(t, k, al + bl + 1, 1, max);
	if (k != stack)
		free(k);
}

/* tally_get -- t[k], 0 when absent. */
static uint64_t
tally_get(const struct tally *t, const char *k, size_t len)
{
	long i = tally_find(t, k, len);

	return i < 0 ? 0 : t->v[i].n;
}

static void
tally_free(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].k);
	free(t->v);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static const struct tally *sort_t;

static int
by_count(const void *a, const void *b)
{
	const struct tent *x = &sort_t->v[*(const size_t *)a];
	const struct tent *y = &sort_t->v[*(const size_t *)b];

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	/* Ties: first seen first. */
	return x < y ? -1 : x > y;
}

/* tally_order -- entry indices by count, descending; free the result. */
static size_t *
tally_order(const struct tally *t)
{
	size_t *ord = xcalloc(t->n + 1, sizeof(*ord)), i;

	for (i = 0; i < t->n; i++)
		ord[i] = i;
	sort_t = t;
	qsort(ord, t->n, sizeof(*ord), by_count);
	return ord;
}

/* tally_json -- {key: count} in order of count. */
static jv
tally_json(const struct tally *t)
{
	size_t *ord = tally_order(t), i;
	jv o = jv_object();

	for (i = 0; i < t->n; i++)
		o = jv_object_set(o, jv_string_sized(t->v[ord[i]].k,
		    (int)t->v[ord[i]].len), jv_number((double)t->v[ord[i]].n));
	free(ord);
	return o;
}

/* pair_get -- the count of the pair "a\0b" for entry a of another tally. */
static uint64_t
pair_get(const struct tally *t, const struct tent *a, const char *b)
{
	struct ads_buf k = ADS_BUF_INIT;
	uint64_t n;

	ads_buf_add(&k, a->k, a->len);
	ads_buf_addc(&k, '\0');
	ads_buf_adds(&k, b);
	n = tally_get(t, k.p, k.len);
	ads_buf_free(&k);
	return n;
}

/*
 * by_license -- {license: {source: records}} of the pair counter
 * "source\0license", licenses by records, their sources by records.
 */
static jv
by_license(const struct card *c)
{
	size_t *ord = tally_order(&c->licenses), *so, k, j;
	jv o = jv_object();

	so = tally_order(&c->source_license);
	for (k = 0; k < c->licenses.n; k++) {
		const struct tent *e = &c->licenses.v[ord[k]];
		jv x = jv_object();

		for (j = 0; j < c->source_license.n; j++) {
			const struct tent *l = &c->source_license.v[so[j]];
			size_t sl = strlen(l->k);

			if (sl + 1 + e->len != l->len ||
			    memcmp(l->k + sl + 1, e->k, e->len) != 0)
				continue;
			x = jv_object_set(x, jv_string_sized(l->k, (int)sl),
			    jv_number((double)l->n));
		}
		o = jv_object_set(o, jv_string_sized(e->k, (int)e->len), x);
	}
	free(so);
	free(ord);
	return o;
}

/*
 * tally_json2 -- {a: {b: count}} of a pair counter, a in the order of
 * outer (by count) and b by count, or in the order of the names in
 * inner when it is an array of strings.
 */
static jv
tally_json2(const struct tally *t, const struct tally *outer, jv inner)
{
	size_t *oo = tally_order(outer), *ord = tally_order(t), i, j;
	jv o = jv_object();
	int isarray = jv_get_kind(inner) == JV_KIND_ARRAY;

	for (i = 0; i < outer->n; i++) {
		const struct tent *a = &outer->v[oo[i]];
		jv x = jv_object();

		if (isarray) {
			jv_array_foreach(inner, k, s) {
				uint64_t c = pair_get(t, a,
				    jv_string_value(s));

				if (c > 0)
					x = jv_object_set(x, jv_copy(s),
					    jv_number((double)c));
				jv_free(s);
			}
		} else {
			for (j = 0; j < t->n; j++) {
				const struct tent *e = &t->v[ord[j]];

				if (e->len > a->len && e->k[a->len] == '\0' &&
				    memcmp(e->k, a->k, a->len) == 0)
					x = jv_object_set(x, jv_string_sized(
					    e->k + a->len + 1,
					    (int)(e->len - a->len - 1)),
					    jv_number((double)e->n));
			}
		}
		o = jv_object_set(o, jv_string_sized(a->k, (int)a->len), x);
	}
	free(oo);
	free(ord);
	jv_free(inner);
	return o;
}

void
card_init(struct card *c)
{
	memset(c, 0, sizeof(*c));
	c->plan = jv_null();
	c->stages = jv_object();
	c->features = jv_null();
}

void
card_free(struct card *c)
{
	jv_free(c->plan);
	jv_free(c->features);
	jv_free(c->stages);
	tally_free(&c->sources);
	tally_free(&c->licenses);
	tally_free(&c->languages);
	tally_free(&c->source_split);
	tally_free(&c->source_license);
	tally_free(&c->pii);
	tally_free(&c->labels);
	tally_free(&c->labelnames);
	tally_free(&c->labelorigin);
	tally_free(&c->labelsrc);
	tally_free(&c->labelsrckinds);
	memset(c, 0, sizeof(*c));
}

/* secretkey -- 1 when an object key names a credential. */
static int
secretkey(const char *k)
{
	static const char *words[] = { "key", "token", "secret", "password",
	    "passwd", "authorization", "credential", "cookie", NULL };
	char low[64];
	size_t i;

	for (i = 0; i + 1 < sizeof(low) && k[i] != '\0'; i++)
		low[i] = (char)tolower((unsigned char)k[i]);
	low[i] = '\0';
	for (i = 0; words[i] != NULL; i++)
		if (strstr(low, words[i]) != NULL)
			return 1;
	return 0;
}

/* scrubstr -- s with every credential value replaced. Consumes s. */
static jv
scrubstr(jv s)
{
	size_t i;

	for (i = 0; secretvars[i] != NULL; i++) {
		const char *val = ads_getenv_nonempty(secretvars[i]);
		const char *p, *hit;
		struct ads_buf b = ADS_BUF_INIT;

		if (val == NULL || strlen(val) < 4)
			continue;
		p = jv_string_value(s);
		if (strstr(p, val) == NULL)
			continue;
		while ((hit = strstr(p, val)) != NULL) {
			ads_buf_add(&b, p, (size_t)(hit - p));
			ads_buf_adds(&b, "[redacted]");
			p = hit + strlen(val);
		}
		ads_buf_adds(&b, p);
		jv_free(s);
		s = jv_string_sized(b.p, (int)b.len);
		ads_buf_free(&b);
	}
	return s;
}

jv
card_redact(jv v)
{
	jv out;

	switch (jv_get_kind(v)) {
	case JV_KIND_STRING:
		return scrubstr(v);
	case JV_KIND_ARRAY:
		out = jv_array();
		jv_array_foreach(v, i, x)
			out = jv_array_append(out, card_redact(x));
		jv_free(v);
		return out;
	case JV_KIND_OBJECT:
		out = jv_object();
		jv_object_foreach(v, k, x) {
			if (secretkey(jv_string_value(k))) {
				jv_free(k);
				jv_free(x);
				continue;
			}
			out = jv_object_set(out, k, card_redact(x));
		}
		jv_free(v);
		return out;
	default:
		return v;
	}
}

jv
card_readjson(const char *path, int *err)
{
	struct ads_in *in;
	char *p;
	size_t n;
	jv v;

	*err = 0;
	in = ads_in_open(path);
	if (in == NULL) {
		ads_warn_errno("%s", path);
		*err = ADS_SYSTEM;
		return jv_invalid();
	}
	p = ads_in_slurp(in, 64UL * 1024 * 1024, &n);
	if (p == NULL) {
		ads_warn("%s: %s", path, ads_in_error(in));
		ads_in_close(in);
		*err = ADS_SYSTEM;
		return jv_invalid();
	}
	ads_in_close(in);
	v = ads_json_parse(p, n);
	free(p);
	return v;
}

/*
 * fetch_rounds -- a fetcher's done line v after its line of the rounds
 * before (prev, or invalid): its requests, cached, retries and failed
 * summed over the rounds, as the run's summary does, and "rounds" set
 * to their number.  Consumes both.
 */
static jv
fetch_rounds(jv prev, jv v)
{
	static const char *const keys[] = { "requests", "cached", "retries",
	    "failed", NULL };
	long long rounds = 1;
	size_t i;

	if (jv_get_kind(prev) == JV_KIND_OBJECT) {
		rounds = num(prev, "rounds") > 0 ? num(prev, "rounds") + 1 : 2;
		for (i = 0; keys[i] != NULL; i++)
			if (ads_json_has(prev, keys[i]) ||
			    ads_json_has(v, keys[i]))
				v = jv_object_set(v, jv_string(keys[i]),
				    jv_number((double)(num(prev, keys[i]) +
				    num(v, keys[i]))));
	}
	jv_free(prev);
	return jv_object_set(v, jv_string("rounds"),
	    jv_number((double)rounds));
}

int
card_load(struct card *c, const char *planpath, const char *statspath)
{
	struct ads_in *in;
	unsigned long line = 0;
	char *p;
	size_t n;
	int rc, err;

	if (planpath != NULL) {
		jv v = card_readjson(planpath, &err);

		if (err) {
			ads_raise(err);
			return -1;
		}
		if (jv_get_kind(v) != JV_KIND_OBJECT) {
			ads_warn("%s: not a JSON object", planpath);
			jv_free(v);
			ads_raise(ADS_USAGE);
			return -1;
		}
		jv_free(c->plan);
		c->plan = card_redact(v);
	}
	if (statspath == NULL)
		return 0;
	in = ads_in_open(statspath);
	if (in == NULL) {
		ads_warn_errno("%s", statspath);
		ads_raise(ADS_SYSTEM);
		return -1;
	}
	while ((rc = ads_in_getline(in, ads_maxline(), &p, &n, NULL)) != 0) {
		jv v, key;
		const char *tool, *src, *phase;

		line++;
		if (rc == ADS_IN_ERROR) {
			ads_locwarn(statspath, 0, "%s", ads_in_error(in));
			ads_in_close(in);
			ads_raise(ADS_SYSTEM);
			return -1;
		}
		if (rc == ADS_IN_TOOLONG || n == 0)
			continue;
		v = ads_json_parse(p, n);
		if (jv_get_kind(v) != JV_KIND_OBJECT) {
			ads_locwarn(statspath, line, "not a progress line");
			ads_raise(ADS_DATA);
			jv_free(v);
			continue;
		}
		tool = ads_json_str(v, "tool", NULL);
		phase = ads_json_str(v, "phase", NULL);
		src = ads_json_str(v, "source", NULL);
		if (tool == NULL || phase == NULL || strcmp(phase, "done")) {
			jv_free(v);
			continue;
		}
		key = src != NULL ? jv_string_fmt("%s:%s", tool, src) :
		    jv_string(tool);
		v = card_redact(v);
		if (strncmp(tool, "ads-fetch-", 10) == 0)
			v = fetch_rounds(jv_object_get(jv_copy(c->stages),
			    jv_copy(key)), v);
		c->stages = jv_object_set(c->stages, key, v);
	}
	ads_in_close(in);
	return 0;
}

/* count_pii -- add a record's "pii" object (borrowed) to the card. */
static void
count_pii(struct card *c, jv pii)
{
	int any = 0;

	if (jv_get_kind(pii) != JV_KIND_OBJECT)
		return;
	jv_object_foreach(pii, k, v) {
		double d = jv_get_kind(v) == JV_KIND_NUMBER ?
		    jv_number_value(v) : 0;

		if (d >= 1 && d < 1e15) {
			tally_add(&c->pii, jv_string_value(k),
			    (size_t)jv_string_length_bytes(jv_copy(k)),
			    (uint64_t)d, MAXKEYS);
			any = 1;
		}
		jv_free(k);
		jv_free(v);
	}
	if (any)
		c->withpii++;
}

/*
 * label_origin_add -- count a labelled record by its source and by who
 * labelled it: the prefix of label_source ("source", "llm",
 * "classifier", "none"), "unknown" without one.
 */
static void
label_origin_add(struct card *c, const char *src, size_t sl,
    const char *lsrc, size_t lsl, const char *label, size_t ll)
{
	struct ads_buf k = ADS_BUF_INIT;
	const char *colon;
	size_t ol;

	colon = lsrc != NULL ? memchr(lsrc, ':', lsl) : NULL;
	ol = colon != NULL ? (size_t)(colon - lsrc) : 0;
	if (ol == 0 || ol > 32) {
		lsrc = "unknown";
		ol = 7;
	}
	ads_buf_add(&k, src, sl);
	ads_buf_addc(&k, '\0');
	ads_buf_add(&k, lsrc, ol);
	ads_buf_addc(&k, '\0');
	ads_buf_add(&k, label, ll);
	tally_add(&c->labelorigin, k.p, k.len, 1, MAXKEYS * 16);
	ads_buf_free(&k);
}

/*
 * label_origins -- the labels per source and origin as
 * {source: {origin: {label: records}}}, new.
 */
static jv
label_origins(const struct card *c)
{
	jv o = jv_object(), a, b;
	const char *s, *g, *l;
	size_t i;

	for (i = 0; i < c->labelorigin.n; i++) {
		const struct tent *e = &c->labelorigin.v[i];

		s = e->k;
		g = memchr(s, '\0', e->len);
		if (g == NULL)
			continue;	/* "other", past MAXKEYS */
		g++;
		l = memchr(g, '\0', e->len - (size_t)(g - s));
		if (l == NULL)
			continue;
		l++;
		a = ads_json_get(o, s);
		if (jv_get_kind(a) != JV_KIND_OBJECT) {
			jv_free(a);
			a = jv_object();
		}
		b = ads_json_get(a, g);
		if (jv_get_kind(b) != JV_KIND_OBJECT) {
			jv_free(b);
			b = jv_object();
		}
		b = jv_object_set(b, jv_string_sized(l, (int)(e->len -
		    (size_t)(l - s))), jv_number((double)e->n));
		a = jv_object_set(a, jv_string(g), b);
		o = jv_object_set(o, jv_string(s), a);
	}
	return o;
}

void
card_count(struct card *c, jv rec, const char *split)
{
	struct cardrec r;
	struct ads_buf lb = ADS_BUF_INIT;
	jv label, pii;

	memset(&r, 0, sizeof(r));
	r.src = ads_json_str(rec, "source", &r.sl);
	r.lic = ads_json_str(rec, "license", &r.ll);
	r.lang = ads_json_str(rec, "lang", &r.gl);
	r.hasq = ads_json_num(rec, "quality", &r.q) == 0;
	r.lsrc = ads_json_str(rec, "label_source", &r.lsl);
	label = ads_json_get(rec, "label");
	if (jv_get_kind(label) == JV_KIND_STRING) {
		r.label = jv_string_value(label);
		r.labellen = (size_t)jv_string_length_bytes(jv_copy(label));
	} else if (jv_is_valid(label) &&
	    jv_get_kind(label) != JV_KIND_NULL) {
		ads_json_emit(&lb, jv_copy(label));
		r.label = lb.p;
		r.labellen = lb.len;
	}
	card_add(c, &r, split);
	pii = ads_json_get(rec, "pii");
	count_pii(c, pii);
	jv_free(pii);
	jv_free(label);
	ads_buf_free(&lb);
}

void
card_add(struct card *c, const struct cardrec *r, const char *split)
{
	const char *src = r->src, *lic = r->lic;
	size_t sl = r->sl, ll = r->ll, i;
	char low[16];
	int q;

	c->total++;
	if (src == NULL) {
		src = "unknown";
		sl = 7;
	}
	if (lic == NULL) {
		lic = "unknown";
		ll = 7;
	}
	/* A source past MAXKEYS is "other" in every counter. */
	tally_capped(&c->sources, &src, &sl);
	tally_add(&c->licenses, lic, ll, 1, MAXKEYS);
	tally_add2(&c->source_split, src, sl, split, strlen(split),
	    MAXKEYS * 16);
	tally_add2(&c->source_license, src, sl, lic, ll, MAXKEYS * 16);
	if (r->lang != NULL && r->gl > 0) {
		/* The primary language subtag, lowercased. */
		for (i = 0; i < r->gl && i + 1 < sizeof(low) &&
		    r->lang[i] != '-' && r->lang[i] != '_'; i++)
			low[i] = (char)tolower((unsigned char)r->lang[i]);
		tally_add(&c->languages, low, i, 1, MAXKEYS);
	}
	if (r->hasq && r->q == r->q) {
		if (c->nq == 0 || r->q < c->qmin)
			c->qmin = r->q;
		if (c->nq == 0 || r->q > c->qmax)
			c->qmax = r->q;
		c->nq++;
		c->qsum += r->q;
		q = r->q < 0.2 ? 0 : r->q < 0.4 ? 1 : r->q < 0.6 ? 2 :
		    r->q < 0.8 ? 3 : 4;
		c->qhist[q]++;
	}
	if (r->label != NULL) {
		const char *l = r->label;
		size_t n = r->labellen;

		tally_capped(&c->labelnames, &l, &n);
		tally_add2(&c->labels, l, n, split, strlen(split),
		    MAXKEYS * 16);
		label_origin_add(c, src, sl, r->lsrc, r->lsl, l, n);
	}
	if (r->lsrc != NULL ? r->lsl < 5 || memcmp(r->lsrc, "none:", 5) != 0 :
	    r->label != NULL)
		c->labelled++;
	if (r->lsrc != NULL) {
		/* its kind: "source:NAME", "classifier", "llm:P/M", "none:WHY" */
		size_t n = r->lsl;
		const char *k = r->lsrc, *eq = memchr(r->lsrc, '=', n);

		if (n > 7 && memcmp(r->lsrc, "source:", 7) == 0 &&
		    eq != NULL)
			n = (size_t)(eq - r->lsrc);
		else if (n > 11 && memcmp(r->lsrc, "classifier:", 11) == 0)
			n = 10;
		tally_capped(&c->labelsrckinds, &k, &n);
		tally_add2(&c->labelsrc, k, n, split, strlen(split),
		    MAXKEYS * 16);
	}
	if (r->pii != NULL && r->piilen > 2) {
		jv pii = ads_json_parse(r->pii, r->piilen);

		count_pii(c, pii);
		jv_free(pii);
	}
}

/* langcode -- 1 when s looks like an ISO 639 code (2 or 3 letters). */
int
langcode(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return (i == 2 || i == 3) && strcmp(s, "und") != 0 &&
	    strcmp(s, "zxx") != 0 && strcmp(s, "mul") != 0;
}

long long
num(jv obj, const char *key)
{
	double d;

	if (ads_json_num(obj, key, &d) < 0 || !(d > -1e18 && d < 1e18))
		return 0;
	return (long long)d;
}

/* stage -- the done line of tool (and source), or an invalid jv. */
static jv
stage(const struct card *c, const char *tool)
{
	jv v = ads_json_get(c->stages, tool);

	if (jv_get_kind(v) != JV_KIND_OBJECT) {
		jv_free(v);
		return jv_invalid();
	}
	return v;
}

/* pii_totals -- the "pii" objects of every stage, summed. */
static jv
pii_totals(struct card *c)
{
	jv tot = jv_object();

	jv_object_foreach(c->stages, k, v) {
		jv p = ads_json_get(v, "pii");

		if (jv_get_kind(p) == JV_KIND_OBJECT) {
			jv_object_foreach(p, pk, pv) {
				jv cur = jv_object_get(jv_copy(tot),
				    jv_copy(pk));
				double d = jv_get_kind(cur) ==
				    JV_KIND_NUMBER ? jv_number_value(cur) : 0;

				if (jv_get_kind(pv) == JV_KIND_NUMBER)
					d += jv_number_value(pv);
				jv_free(cur);
				jv_free(pv);
				tot = jv_object_set(tot, pk, jv_number(d));
			}
		}
		jv_free(p);
		jv_free(k);
		jv_free(v);
	}
	return tot;
}

/*
 * Rows asked and delivered: the driver's line ("ads": target_rows and
 * why each source stopped), ads-score's drops for language and
 * ads-fit's per reason, and the rows per language against a fair share
 * when the plan asks for several.
 */

/* target_rows -- the rows asked: the driver's figure, else the plan's. */
static long long
target_rows(const struct card *c)
{
	jv d = stage(c, "ads");
	long long n = -1;

	if (!(jv_is_valid(d) && ads_json_count(d, "target_rows", &n) == 0) &&
	    ads_json_count(c->plan, "target_rows", &n) < 0)
		n = -1;
	jv_free(d);
	return n;
}

/* planlangs -- the plan's languages that are tags (a new array). */
static jv
planlangs(const struct card *c)
{
	jv pl = ads_json_get(c->plan, "languages"), out = jv_array();

	if (jv_get_kind(pl) == JV_KIND_ARRAY) {
		jv_array_foreach(pl, i, l) {
			if (jv_get_kind(l) == JV_KIND_STRING &&
			    langcode(jv_string_value(l)))
				out = jv_array_append(out, l);
			else
				jv_free(l);
		}
	}
	jv_free(pl);
	return out;
}

/* delivery_json -- the "delivery" object of dataset_card.json. */
static jv
delivery_json(struct card *c)
{
	jv d = stage(c, "ads"), sc = stage(c, "ads-score");
	jv fit = stage(c, "ads-fit"), langs = planlangs(c), per = jv_object();
	jv sd = ads_json_get(sc, "dropped");
	long long asked = target_rows(c);
	int n = jv_array_length(jv_copy(langs));
	jv o;

	jv_array_foreach(langs, i, l) {
		const char *ls = jv_string_value(l);

		per = jv_object_set(per, jv_copy(l), JV_OBJECT(
		    jv_string("rows"), jv_number((double)tally_get(
		    &c->languages, ls, strlen(ls))),
		    jv_string("fair_share"), jv_number(n > 0 ?
		    (double)(c->total / (uint64_t)n) : 0)));
		jv_free(l);
	}
	o = JV_OBJECT(jv_string("target_rows"), asked >= 0 ?
	    jv_number((double)asked) : jv_null(),
	    jv_string("rows"), jv_number((double)c->total),
	    jv_string("sources"), ads_json_get(d, "sources"),
	    jv_string("languages_kept"), ads_json_get(d, "languages_kept"));
	o = jv_object_set(o, jv_string("dropped_language"), JV_OBJECT(
	    jv_string("records"), jv_number((double)num(sd, "lang")),
	    jv_string("languages"), jv_is_valid(sc) &&
	    ads_json_has(sc, "dropped_langs") ?
	    ads_json_get(sc, "dropped_langs") : jv_object()));
	o = jv_object_set(o, jv_string("dropped_fit"),
	    ads_json_get(fit, "dropped"));
	o = jv_object_set(o, jv_string("rows_per_language"),
	    n > 1 ? per : (jv_free(per), jv_null()));
	jv_free(langs);
	jv_free(sd);
	jv_free(d);
	jv_free(sc);
	jv_free(fit);
	return o;
}

/* card_pii -- items replaced per kind: the stages' sums, else the records'. */
static jv
card_pii(struct card *c)
{
	jv pii = pii_totals(c), sc = stage(c, "ads-scrub");

	if (!jv_is_valid(sc) && jv_object_length(jv_copy(pii)) == 0 &&
	    c->pii.n > 0) {
		/* No stage said: what the records carry. */
		jv_free(pii);
		pii = tally_json(&c->pii);
	}
	jv_free(sc);
	return pii;
}

/* card_seed -- the seed given, else the one ads-split reported, or null. */
static jv
card_seed(struct card *c)
{
	jv seed, sp;

	if (c->seed != NULL)
		return jv_string(c->seed);
	sp = stage(c, "ads-split");
	seed = ads_json_get(sp, "seed");
	if (jv_get_kind(seed) == JV_KIND_NUMBER) {
		struct ads_buf t = ADS_BUF_INIT;

		ads_json_emit(&t, seed);
		jv_free(seed);
		seed = jv_string(t.p);
		ads_buf_free(&t);
	}
	jv_free(sp);
	return seed;
}

/* card_tools -- the version of every tool that reported, ads first. */
static jv
card_tools(struct card *c)
{
	jv tools = JV_OBJECT(jv_string("ads"), jv_string(ADS_VERSION_STRING));

	jv_object_foreach(c->stages, k2, v) {
		const char *t = ads_json_str(v, "tool", NULL);
		jv ver = ads_json_get(v, "version");

		if (t != NULL)
			tools = jv_object_set(tools, jv_string(t),
			    jv_get_kind(ver) == JV_KIND_STRING ? ver :
			    (jv_free(ver), jv_string(ADS_VERSION_STRING)));
		else
			jv_free(ver);
		jv_free(k2);
		jv_free(v);
	}
	return jv_object_set(tools, jv_string("ads-export"),
	    jv_string(ADS_VERSION_STRING));
}

/* card_counts -- the "counts" object: records by split, source, ... */
static jv
card_counts(struct card *c, jv splits)
{
	jv splitnames = jv_array(), o;

	jv_object_foreach(splits, sk, sv) {
		splitnames = jv_array_append(splitnames, sk);
		jv_free(sv);
	}
	o = JV_OBJECT(
	    jv_string("records"), jv_number((double)c->total),
	    jv_string("splits"), jv_copy(splits),
	    jv_string("sources"), tally_json(&c->sources),
	    jv_string("source_split"), tally_json2(&c->source_split,
	    &c->sources, jv_copy(splitnames)),
	    jv_string("licenses"), tally_json(&c->licenses),
	    jv_string("source_license"), tally_json2(&c->source_license,
	    &c->sources, jv_null()),
	    jv_string("languages"), tally_json(&c->languages),
	    jv_string("labels"), tally_json2(&c->labels, &c->labelnames,
	    jv_copy(splitnames)),
	    jv_string("labels_by_source"), label_origins(c));
	/* JV_OBJECT takes nine pairs at most. */
	o = jv_object_set(o, jv_string("label_sources"),
	    tally_json2(&c->labelsrc, &c->labelsrckinds, splitnames));
	o = jv_object_set(o, jv_string("license_source"), by_license(c));
	o = jv_object_set(o, jv_string("label_totals"),
	    tally_json(&c->labelnames));
	o = jv_object_set(o, jv_string("label_source_totals"),
	    tally_json(&c->labelsrckinds));
	jv_free(splits);
	return o;
}

/* unlabelled_why -- what a none: reason of ads-label(1) means. */
static const char *
unlabelled_why(const char *r)
{
	if (strcmp(r, "none:no-key") == 0)
		return "no LLM was configured (no key)";
	if (strcmp(r, "none:no-key-no-training-data") == 0)
		return "no LLM was configured (no key), and the sources gave "
		    "too few labelled records to train the classifier on";
	if (strcmp(r, "none:classifier-below-bar") == 0)
		return "the classifier was not accurate enough";
	if (strcmp(r, "none:no label_source") == 0)
		return "no labelling step ran";
	return NULL;
}

jv
labelling(const struct card *c)
{
	enum ads_task t = ads_task_of(c->plan);
	jv by, none, why, o;
	uint64_t rest = c->total - c->labelled;
	size_t *ord, i;
	int nokey = 0;

	if (t != ADS_TASK_TEXTCLASS && t != ADS_TASK_TOKENCLASS &&
	    c->labelsrckinds.n == 0)
		return jv_null();
	by = jv_object();
	none = jv_object();
	why = jv_array();
	ord = tally_order(&c->labelsrckinds);
	for (i = 0; i < c->labelsrckinds.n; i++) {
		const struct tent *e = &c->labelsrckinds.v[ord[i]];
		jv k = jv_string_sized(e->k, (int)e->len);
		const char *w;

		if (e->len < 5 || memcmp(e->k, "none:", 5) != 0) {
			by = jv_object_set(by, k, jv_number((double)e->n));
			continue;
		}
		rest -= e->n <= rest ? e->n : rest;
		none = jv_object_set(none, jv_copy(k), jv_number((double)e->n));
		if (strncmp(jv_string_value(k), "none:no-key", 11) == 0)
			nokey = 1;
		w = unlabelled_why(jv_string_value(k));
		why = jv_array_append(why, w != NULL ? jv_string(w) :
		    jv_string_fmt("ads-label left them unlabelled (%s)",
		    jv_string_value(k)));
		jv_free(k);
	}
	free(ord);
	/* Records without a label_source nor a label. */
	if (rest > 0) {
		none = jv_object_set(none, jv_string("none:no label_source"),
		    jv_number((double)rest));
		why = jv_array_append(why,
		    jv_string(unlabelled_why("none:no label_source")));
	}
	o = JV_OBJECT(jv_string("rows"), jv_number((double)c->total),
	    jv_string("labelled"), jv_number((double)c->labelled),
	    jv_string("by"), by,
	    jv_string("unlabelled"), none,
	    jv_string("why"), why,
	    jv_string("todo"), c->labelled >= c->total ? jv_null() :
	    jv_string(nokey ? "set an LLM key (OPENAI_API_KEY, "
	    "ANTHROPIC_API_KEY, GEMINI_API_KEY, OPENROUTER_API_KEY) or "
	    "ADS_LLM_URL and run again, or add a source whose records carry "
	    "labels" : "see ads-label(1), or add a source whose records "
	    "carry labels"));
	return o;
}

/* card_quality -- the quality scores' summary, or null. */
static jv
card_quality(const struct card *c)
{
	jv h;
	int i;

	if (c->nq == 0)
		return jv_null();
	h = jv_array();
	for (i = 0; i < 5; i++)
		h = jv_array_append(h, jv_number((double)c->qhist[i]));
	return JV_OBJECT(jv_string("records"), jv_number((double)c->nq),
	    jv_string("mean"), jv_number(c->qsum / (double)c->nq),
	    jv_string("min"), jv_number(c->qmin),
	    jv_string("max"), jv_number(c->qmax),
	    jv_string("by_fifth"), h);
}

jv
card_facts(struct card *c, jv files, jv cols, jv splits)
{
	jv card, prompt;
	char now[32];
	const char *name, *base;

	ads_now_rfc3339(now, sizeof(now));
	prompt = ads_json_get(c->plan, "prompt");
	base = strrchr(c->outdir, '/');
	base = base != NULL && base[1] != '\0' ? base + 1 : c->outdir;
	name = jv_get_kind(prompt) == JV_KIND_STRING ?
	    jv_string_value(prompt) : base;
	card = JV_OBJECT(jv_string("name"), jv_string(name),
	    jv_string("created"), jv_string(now),
	    jv_string("format"), jv_string(c->format),
	    jv_string("prompt"), jv_copy(prompt),
	    jv_string("plan"), jv_copy(c->plan),
	    jv_string("command"), c->command != NULL ?
	    scrubstr(jv_string(c->command)) : jv_null(),
	    jv_string("seed"), card_seed(c),
	    jv_string("tools"), card_tools(c));
	jv_free(prompt);
	card = jv_object_set(card, jv_string("counts"), card_counts(c, splits));
	card = jv_object_set(card, jv_string("labelling"), labelling(c));
	card = jv_object_set(card, jv_string("quality"), card_quality(c));
	card = jv_object_set(card, jv_string("pii"), card_pii(c));
	card = jv_object_set(card, jv_string("pii_in_records"), JV_OBJECT(
	    jv_string("records"), jv_number((double)c->withpii),
	    jv_string("kinds"), tally_json(&c->pii)));
	card = jv_object_set(card, jv_string("delivery"), delivery_json(c));
	card = jv_object_set(card, jv_string("stages"), jv_copy(c->stages));
	card = jv_object_set(card, jv_string("columns"), cols);
	card = jv_object_set(card, jv_string("files"), files);
	if (jv_get_kind(c->features) == JV_KIND_OBJECT)
		card = jv_object_set(card, jv_string("features"),
		    jv_copy(c->features));
	/* How CSV cells that a spreadsheet takes for formulas were written. */
	if (strcmp(c->format, "csv") == 0)
		card = jv_object_set(card, jv_string("csv_formula_cells"),
		    jv_string(c->csvraw ? "raw" : "quote-prefixed"));
	return card;
}

int
card_write(struct card *c, const char *dir, jv files, jv cols, jv splits)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv facts = card_facts(c, files, cols, splits);
	int rc = -1;

	ads_json_emit(&b, facts);
	ads_buf_addc(&b, '\n');
	if (card_file(dir, "dataset_card.json", &b) == 0 &&
	    card_render(facts, dir) == 0)
		rc = 0;
	ads_buf_free(&b);
	jv_free(facts);
	return rc;
}
