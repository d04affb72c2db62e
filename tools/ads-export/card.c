/*
 * card.c -- the dataset card: README.md whose YAML front matter is what
 * the Hugging Face Hub and datasets.load_dataset() read (configs with
 * data_files per split, license, task_categories, language,
 * size_categories, pretty_name), a human card below it, and
 * dataset_card.json with the same facts for programs.
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

/* Licenses the Hub knows by these ids (lowercased SPDX). */
static const char *hublicenses[] = {
	"afl-3.0", "agpl-3.0", "apache-2.0", "artistic-2.0", "bsd-2-clause",
	"bsd-3-clause", "bsl-1.0", "c-uda", "cc-by-2.0", "cc-by-2.5",
	"cc-by-3.0", "cc-by-4.0", "cc-by-nc-2.0", "cc-by-nc-3.0",
	"cc-by-nc-4.0", "cc-by-nc-nd-3.0", "cc-by-nc-nd-4.0",
	"cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0",
	"cc-by-nd-4.0", "cc-by-sa-3.0", "cc-by-sa-4.0", "cc0-1.0",
	"cdla-permissive-1.0", "cdla-permissive-2.0", "cdla-sharing-1.0",
	"ecl-2.0", "epl-1.0", "epl-2.0", "eupl-1.1", "gpl-2.0", "gpl-3.0",
	"isc", "lgpl-2.1", "lgpl-3.0", "lppl-1.3c", "mit", "mpl-2.0",
	"odbl", "odc-by", "ofl-1.1", "osl-3.0", "pddl", "postgresql",
	"unlicense", "wtfpl", "zlib", NULL
};

/* Plan tasks (ads-plan(1)) as Hub task categories and task ids. */
static const struct {
	const char *task, *category, *id;
} tasks[] = {
	{ "sentiment-analysis", "text-classification",
	    "sentiment-classification" },
	{ "text-classification", "text-classification", NULL },
	{ "topic-classification", "text-classification",
	    "topic-classification" },
	{ "question-answering", "question-answering", NULL },
	{ "summarization", "summarization", NULL },
	{ "translation", "translation", NULL },
	{ "named-entity-recognition", "token-classification",
	    "named-entity-recognition" },
	{ "token-classification", "token-classification", NULL },
	{ "text-generation", "text-generation", NULL },
	{ "language-modeling", "text-generation", "language-modeling" },
	{ "pretraining", "text-generation", "language-modeling" },
	{ "retrieval", "text-retrieval", NULL },
	{ "text-retrieval", "text-retrieval", NULL },
	{ "instruction-tuning", "text-generation", NULL },
	{ "conversational", "text-generation", "dialogue-modeling" },
	{ "code-generation", "text-generation", NULL },
	{ "code", "text-generation", NULL },
	{ "dialogue", "text-generation", "dialogue-modeling" },
	{ NULL, NULL, NULL }
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
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 16;
			t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
		}
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

/* tally_get2 -- t["a\0b"]. */
static uint64_t
tally_get2(const struct tally *t, const char *a, const char *b)
{
	struct ads_buf k = ADS_BUF_INIT;
	uint64_t n;

	ads_buf_adds(&k, a);
	ads_buf_addc(&k, '\0');
	ads_buf_adds(&k, b);
	n = tally_get(t, k.p, k.len);
	ads_buf_free(&k);
	return n;
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
	int k, n = jv_get_kind(inner) == JV_KIND_ARRAY ?
	    jv_array_length(jv_copy(inner)) : -1;

	for (i = 0; i < outer->n; i++) {
		const struct tent *a = &outer->v[oo[i]];
		jv x = jv_object();

		if (n >= 0) {
			for (k = 0; k < n; k++) {
				jv s = jv_array_get(jv_copy(inner), k);
				uint64_t c = tally_get2(t, a->k,
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
	int i, n;

	switch (jv_get_kind(v)) {
	case JV_KIND_STRING:
		return scrubstr(v);
	case JV_KIND_ARRAY:
		out = jv_array();
		n = jv_array_length(jv_copy(v));
		for (i = 0; i < n; i++)
			out = jv_array_append(out,
			    card_redact(jv_array_get(jv_copy(v), i)));
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

static jv
readjson(const char *path, int *err)
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

int
card_load(struct card *c, const char *planpath, const char *statspath)
{
	struct ads_in *in;
	unsigned long line = 0;
	char *p;
	size_t n;
	int rc, err;

	if (planpath != NULL) {
		jv v = readjson(planpath, &err);

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
		c->stages = jv_object_set(c->stages, key, card_redact(v));
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
	jv label;

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
	{
		jv pii = ads_json_get(rec, "pii");

		count_pii(c, pii);
		jv_free(pii);
	}
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
	if (c->sources.n >= MAXKEYS && tally_find(&c->sources, src, sl) < 0) {
		src = "other";
		sl = 5;
	}
	tally_add(&c->sources, src, sl, 1, MAXKEYS);
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

		if (c->labelnames.n >= MAXKEYS &&
		    tally_find(&c->labelnames, l, n) < 0) {
			l = "other";
			n = 5;
		}
		tally_add(&c->labelnames, l, n, 1, MAXKEYS);
		tally_add2(&c->labels, l, n, split, strlen(split),
		    MAXKEYS * 16);
		label_origin_add(c, src, sl, r->lsrc, r->lsl, l, n);
	}
	if (r->lsrc != NULL) {
		/* its kind: "source:NAME", "classifier", "llm:P/M", "none:WHY" */
		size_t n = r->lsl;
		const char *eq = memchr(r->lsrc, '=', n);

		if (n > 7 && memcmp(r->lsrc, "source:", 7) == 0 &&
		    eq != NULL)
			n = (size_t)(eq - r->lsrc);
		else if (n > 11 && memcmp(r->lsrc, "classifier:", 11) == 0)
			n = 10;
		if (c->labelsrckinds.n >= MAXKEYS &&
		    tally_find(&c->labelsrckinds, r->lsrc, n) < 0) {
			tally_add(&c->labelsrckinds, "other", 5, 1, MAXKEYS);
			tally_add2(&c->labelsrc, "other", 5, split,
			    strlen(split), MAXKEYS * 16);
		} else {
			tally_add(&c->labelsrckinds, r->lsrc, n, 1,
			    MAXKEYS);
			tally_add2(&c->labelsrc, r->lsrc, n, split,
			    strlen(split), MAXKEYS * 16);
		}
	}
	if (r->pii != NULL && r->piilen > 2) {
		jv pii = ads_json_parse(r->pii, r->piilen);

		count_pii(c, pii);
		jv_free(pii);
	}
}

/* md -- a table cell: no newlines, '|' escaped. */
static void
md(struct ads_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|')
			ads_buf_adds(b, "\\|");
		else if (*s == '\n' || *s == '\r')
			ads_buf_addc(b, ' ');
		else
			ads_buf_addc(b, *s);
	}
}

/* mdn -- md() of n bytes that may hold a NUL (shown as a space). */
static void
mdn(struct ads_buf *b, const char *s, size_t n)
{
	char *t = xmalloc(n + 1);
	size_t i;

	for (i = 0; i < n; i++)
		t[i] = s[i] == '\0' ? ' ' : s[i];
	t[n] = '\0';
	md(b, t);
	free(t);
}

/* yq -- a YAML double-quoted scalar (JSON string syntax is valid YAML). */
static void
yq(struct ads_buf *b, const char *s)
{
	ads_json_emit_string(b, s, strlen(s));
}

/* size_category -- the Hub's size_categories value for n records. */
static const char *
size_category(uint64_t n)
{
	static const struct {
		uint64_t	 below;
		const char	*name;
	} cats[] = {
		{ 1000ULL, "n<1K" }, { 10000ULL, "1K<n<10K" },
		{ 100000ULL, "10K<n<100K" }, { 1000000ULL, "100K<n<1M" },
		{ 10000000ULL, "1M<n<10M" }, { 100000000ULL, "10M<n<100M" },
		{ 1000000000ULL, "100M<n<1B" },
		{ 10000000000ULL, "1B<n<10B" },
		{ 100000000000ULL, "10B<n<100B" },
		{ 1000000000000ULL, "100B<n<1T" }
	};
	size_t i;

	for (i = 0; i < sizeof(cats) / sizeof(cats[0]); i++)
		if (n < cats[i].below)
			return cats[i].name;
	return "n>1T";
}

/* hublicense -- the Hub id of SPDX id s, "unknown", or NULL. */
static const char *
hublicense(const char *s)
{
	static const struct {
		const char *spdx, *hub;
	} alias[] = {
		{ "bsd-3-clause-clear", "bsd-3-clause-clear" },
		{ "etalab-2.0", "etalab-2.0" }, { "eupl-1.2", "eupl-1.2" },
		{ "gfdl-1.3", "gfdl" }, { "gfdl-1.3-only", "gfdl" },
		{ "gfdl-1.3-or-later", "gfdl" },
		{ "gpl-2.0-only", "gpl-2.0" }, { "gpl-2.0-or-later", "gpl-2.0" },
		{ "gpl-3.0-only", "gpl-3.0" }, { "gpl-3.0-or-later", "gpl-3.0" },
		{ "agpl-3.0-only", "agpl-3.0" },
		{ "agpl-3.0-or-later", "agpl-3.0" },
		{ "lgpl-2.1-only", "lgpl-2.1" },
		{ "lgpl-2.1-or-later", "lgpl-2.1" },
		{ "lgpl-3.0-only", "lgpl-3.0" },
		{ "lgpl-3.0-or-later", "lgpl-3.0" },
		{ "ms-pl", "ms-pl" }, { "ncsa", "ncsa" },
		{ "odbl-1.0", "odbl" }, { "odc-by-1.0", "odc-by" },
		{ "pddl-1.0", "pddl" }, { "unknown", "unknown" },
		{ NULL, NULL }
	};
	char low[64];
	size_t i;

	for (i = 0; i + 1 < sizeof(low) && s[i] != '\0'; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[i] = '\0';
	for (i = 0; hublicenses[i] != NULL; i++)
		if (strcmp(low, hublicenses[i]) == 0)
			return hublicenses[i];
	for (i = 0; alias[i].spdx != NULL; i++)
		if (strcmp(low, alias[i].spdx) == 0)
			return alias[i].hub;
	return NULL;
}

/* langcode -- 1 when s looks like an ISO 639 code (2 or 3 letters). */
static int
langcode(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return (i == 2 || i == 3) && strcmp(s, "und") != 0 &&
	    strcmp(s, "zxx") != 0 && strcmp(s, "mul") != 0;
}

static long long
num(jv obj, const char *key)
{
	double d;

	if (ads_json_num(obj, key, &d) < 0)
		return 0;
	return (long long)d;
}

static void
emit_json(struct ads_buf *b, jv v)
{
	ads_json_emit(b, v);
	jv_free(v);
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

/*
 * othername -- the license_name of the licenses without a Hub id: the
 * one such license as an id (lower case, '-' for other characters), or
 * "per-record" when there are several.
 */
static void
othername(const struct card *c, struct ads_buf *b)
{
	const char *one = NULL, *s;
	size_t k, n = 0, start = b->len;
	int dash = 0;

	for (k = 0; k < c->licenses.n; k++)
		if (hublicense(c->licenses.v[k].k) == NULL) {
			one = c->licenses.v[k].k;
			n++;
		}
	if (n == 1)
		for (s = one; *s != '\0' && b->len - start < 64; s++) {
			char ch = (char)tolower((unsigned char)*s);

			if ((ch >= 'a' && ch <= 'z') || (ch >= '0' &&
			    ch <= '9') || ch == '.') {
				ads_buf_addc(b, ch);
				dash = 0;
			} else if (!dash && b->len > start) {
				ads_buf_addc(b, '-');
				dash = 1;
			}
		}
	while (b->len > start && b->p[b->len - 1] == '-')
		b->len--;
	/* A record's license "other" names nothing. */
	if (b->len - start == 5 && memcmp(b->p + start, "other", 5) == 0)
		b->len = start;
	if (b->len == start)
		ads_buf_adds(b, "per-record");
	b->p[b->len] = '\0';
}

/* yfeature -- one feature of the datasets library as card YAML. */
static void
yfeature(struct ads_buf *b, const char *name, jv t, int ind)
{
	const char *ty = ads_json_str(t, "_type", NULL);
	const char *dt = ads_json_str(t, "dtype", NULL);

	ads_buf_addf(b, "%*s- name: ", ind, "");
	yq(b, name);
	ads_buf_addc(b, '\n');
	if (ty != NULL && strcmp(ty, "Value") == 0 && dt != NULL) {
		ads_buf_addf(b, "%*s  dtype: ", ind, "");
		yq(b, dt);
		ads_buf_addc(b, '\n');
	} else if (ty != NULL && strcmp(ty, "ClassLabel") == 0) {
		jv names = ads_json_get(t, "names");
		int i, n = jv_array_length(jv_copy(names));

		ads_buf_addf(b, "%*s  dtype:\n%*s    class_label:\n"
		    "%*s      names:\n", ind, "", ind, "", ind, "");
		for (i = 0; i < n; i++) {
			jv l = jv_array_get(jv_copy(names), i);

			ads_buf_addf(b, "%*s        '%d': ", ind, "", i);
			yq(b, jv_string_value(l));
			ads_buf_addc(b, '\n');
			jv_free(l);
		}
		jv_free(names);
	} else if (jv_get_kind(t) == JV_KIND_ARRAY ||
	    jv_get_kind(t) == JV_KIND_OBJECT) {
		/* A list of one struct, or a struct. */
		int list = jv_get_kind(t) == JV_KIND_ARRAY;
		jv s = list ? jv_array_get(jv_copy(t), 0) : jv_copy(t);

		ads_buf_addf(b, "%*s  %s:\n", ind, "", list ? "list" :
		    "struct");
		if (jv_get_kind(s) == JV_KIND_OBJECT) {
			jv_object_foreach(s, k, v) {
				yfeature(b, jv_string_value(k), v, ind + 2);
				jv_free(k);
				jv_free(v);
			}
		}
		jv_free(s);
	}
}

/*
 * dataset_info -- the card's dataset_info: the features (when the
 * schema is known), and per split its examples and bytes (the files'
 * sizes: the data as stored, not decoded in memory).
 */
static void
dataset_info(struct card *c, struct ads_buf *b, jv splits, jv files)
{
	uint64_t total = 0, bytes;
	int i, n = jv_array_length(jv_copy(files));

	ads_buf_adds(b, "dataset_info:\n");
	if (jv_get_kind(c->features) == JV_KIND_OBJECT &&
	    jv_object_length(jv_copy(c->features)) > 0) {
		ads_buf_adds(b, "  features:\n");
		jv_object_foreach(c->features, k, v) {
			yfeature(b, jv_string_value(k), v, 2);
			jv_free(k);
			jv_free(v);
		}
	}
	ads_buf_adds(b, "  splits:\n");
	jv_object_foreach(splits, k, v) {
		bytes = 0;
		for (i = 0; i < n; i++) {
			jv f = jv_array_get(jv_copy(files), i);
			const char *sp = ads_json_str(f, "split", NULL);

			if (sp != NULL && strcmp(sp, jv_string_value(k)) == 0)
				bytes += (uint64_t)num(f, "bytes");
			jv_free(f);
		}
		total += bytes;
		ads_buf_adds(b, "  - name: ");
		ads_buf_adds(b, jv_string_value(k));
		ads_buf_addf(b, "\n    num_bytes: %llu\n    num_examples: "
		    "%lld\n", (unsigned long long)bytes,
		    (long long)jv_number_value(v));
		jv_free(k);
		jv_free(v);
	}
	ads_buf_addf(b, "  download_size: %llu\n  dataset_size: %llu\n",
	    (unsigned long long)total, (unsigned long long)total);
}

static int writefile(const char *, const char *, const struct ads_buf *);

/*
 * licensefile -- LICENSE.md, the card's license_link: the licenses the
 * Hub has no id for, with their records and sources.
 */
static int
licensefile(struct card *c, const char *dir)
{
	struct ads_buf b = ADS_BUF_INIT;
	size_t *ord = tally_order(&c->licenses), *so, k, j;
	int rc;

	ads_buf_adds(&b, "# Licenses\n\nEach record of this dataset keeps "
	    "the license of its source in its `license` field; that license "
	    "applies to the record.  Records under licenses with a Hugging "
	    "Face Hub id are listed as such in README.md.  These records are "
	    "under terms the Hub has no id for, such as a site's terms of "
	    "service; read them at the source before reuse.\n\n"
	    "| license | records | sources |\n|---|---:|---|\n");
	so = tally_order(&c->source_license);
	for (k = 0; k < c->licenses.n; k++) {
		const struct tent *e = &c->licenses.v[ord[k]];
		int first = 1;

		if (hublicense(e->k) != NULL)
			continue;
		ads_buf_adds(&b, "| ");
		mdn(&b, e->k, e->len);
		ads_buf_addf(&b, " | %llu | ", (unsigned long long)e->n);
		for (j = 0; j < c->source_license.n; j++) {
			const struct tent *l = &c->source_license.v[so[j]];
			size_t sl = strlen(l->k);

			if (sl + 1 + e->len != l->len ||
			    memcmp(l->k + sl + 1, e->k, e->len) != 0)
				continue;
			if (!first)
				ads_buf_adds(&b, ", ");
			mdn(&b, l->k, sl);
			first = 0;
		}
		ads_buf_adds(&b, " |\n");
	}
	free(so);
	free(ord);
	rc = writefile(dir, "LICENSE.md", &b);
	ads_buf_free(&b);
	return rc;
}

/*
 * front -- the YAML front matter.  Consumes splits and langs; borrows
 * files.
 */
static void
front(struct card *c, struct ads_buf *b, jv splits, jv langs,
    const char *name, jv files)
{
	size_t *ord = tally_order(&c->licenses), k;
	jv hub = jv_array();
	int i, n, other = 0, unknown = 0;

	ads_buf_adds(b, "---\npretty_name: ");
	yq(b, name);
	ads_buf_addc(b, '\n');
	/* Licenses as Hub ids, by records; the rest are "other". */
	for (k = 0; k < c->licenses.n; k++) {
		const char *h = hublicense(c->licenses.v[ord[k]].k);
		int dup = 0;

		if (h == NULL || strcmp(h, "unknown") == 0) {
			if (h == NULL)
				other = 1;
			else
				unknown = 1;
			continue;
		}
		n = jv_array_length(jv_copy(hub));
		for (i = 0; i < n && !dup; i++)
			dup = jv_equal(jv_array_get(jv_copy(hub), i),
			    jv_string(h));
		if (!dup)
			hub = jv_array_append(hub, jv_string(h));
	}
	free(ord);
	if (other)
		hub = jv_array_append(hub, jv_string("other"));
	if (unknown)
		hub = jv_array_append(hub, jv_string("unknown"));
	n = jv_array_length(jv_copy(hub));
	if (n > 0) {
		ads_buf_adds(b, "license:\n");
		for (i = 0; i < n; i++) {
			jv l = jv_array_get(jv_copy(hub), i);

			ads_buf_addf(b, "- %s\n", jv_string_value(l));
			jv_free(l);
		}
	}
	jv_free(hub);
	if (other) {
		ads_buf_adds(b, "license_name: ");
		othername(c, b);
		ads_buf_adds(b, "\nlicense_link: LICENSE.md\n");
	}
	n = jv_array_length(jv_copy(langs));
	if (n > 0) {
		ads_buf_adds(b, "language:\n");
		for (i = 0; i < n; i++) {
			jv l = jv_array_get(jv_copy(langs), i);

			ads_buf_adds(b, "- ");
			yq(b, jv_string_value(l));
			ads_buf_addc(b, '\n');
			jv_free(l);
		}
	}
	{
		jv t = ads_json_get(c->plan, "task");

		if (jv_get_kind(t) == JV_KIND_STRING) {
			for (i = 0; tasks[i].task != NULL; i++)
				if (strcmp(tasks[i].task,
				    jv_string_value(t)) == 0)
					break;
			if (tasks[i].task != NULL) {
				/* A version 2 plan names its subtask. */
				const char *tid = ads_json_str(c->plan,
				    "task_id", NULL);

				if (tid == NULL || *tid == '\0' ||
				    strspn(tid, "abcdefghijklmnopqrstuvwxyz"
				    "0123456789-") != strlen(tid))
					tid = tasks[i].id;
				ads_buf_addf(b, "task_categories:\n- %s\n",
				    tasks[i].category);
				if (tid != NULL)
					ads_buf_addf(b, "task_ids:\n- %s\n",
					    tid);
			}
		}
		jv_free(t);
	}
	ads_buf_addf(b, "size_categories:\n- %s\n",
	    size_category(c->total));
	ads_buf_adds(b, "tags:\n- ads\nconfigs:\n- config_name: default\n"
	    "  data_files:\n");
	jv_object_foreach(splits, k2, v) {
		ads_buf_adds(b, "  - split: ");
		ads_buf_adds(b, jv_string_value(k2));
		ads_buf_addf(b, "\n    path: data/%s-*\n", jv_string_value(k2));
		jv_free(k2);
		jv_free(v);
	}
	dataset_info(c, b, splits, files);
	ads_buf_adds(b, "---\n\n");
	jv_free(splits);
	jv_free(langs);
}

/* languages -- plan languages first, then the records' by count. */
static jv
languages(struct card *c)
{
	jv out = jv_array(), pl = ads_json_get(c->plan, "languages");
	size_t *ord = tally_order(&c->languages), k;
	int i, j, n, m, dup;

	if (jv_get_kind(pl) != JV_KIND_ARRAY) {
		jv_free(pl);
		pl = jv_array();
	}
	/*
	 * A language the plan asked for is the dataset's only when some
	 * row is in it (by its primary subtag): the card describes the
	 * rows, not the request.
	 */
	if (c->languages.n > 0) {
		jv kept = jv_array();

		jv_array_foreach(pl, pi, pv) {
			(void)pi;
			for (k = 0; jv_get_kind(pv) == JV_KIND_STRING &&
			    k < c->languages.n; k++) {
				const char *a = jv_string_value(pv);
				const struct tent *t = &c->languages.v[k];
				size_t al = strcspn(a, "-_"), tl;

				for (tl = 0; tl < t->len && t->k[tl] != '-' &&
				    t->k[tl] != '_'; tl++)
					;
				if (al == tl && strncasecmp(a, t->k, al) == 0) {
					kept = jv_array_append(kept,
					    jv_copy(pv));
					break;
				}
			}
			jv_free(pv);
		}
		jv_free(pl);
		pl = kept;
	}
	for (k = 0; k < c->languages.n; k++)
		pl = jv_array_append(pl, jv_string_sized(
		    c->languages.v[ord[k]].k,
		    (int)c->languages.v[ord[k]].len));
	free(ord);
	n = jv_array_length(jv_copy(pl));
	for (i = 0; i < n; i++) {
		jv l = jv_array_get(jv_copy(pl), i);

		if (jv_get_kind(l) != JV_KIND_STRING ||
		    !langcode(jv_string_value(l))) {
			jv_free(l);
			continue;
		}
		m = jv_array_length(jv_copy(out));
		dup = 0;
		for (j = 0; j < m && !dup; j++)
			dup = jv_equal(jv_array_get(jv_copy(out), j),
			    jv_copy(l));
		if (dup)
			jv_free(l);
		else
			out = jv_array_append(out, l);
	}
	jv_free(pl);
	return out;
}

static int
writefile(const char *dir, const char *name, const struct ads_buf *b)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct ads_out *o = ads_out_open(path, ADS_OUT_PLAIN);
	int rc;

	if (o == NULL) {
		ads_warn_errno("%s", path);
		free(path);
		return -1;
	}
	ads_out_write(o, b->p, b->len);
	rc = ads_out_close(o);
	free(path);
	return rc;
}

/*
 * reasons -- append "n reason, ..." for the counts of object d
 * (borrowed), with the words of names where given; returns the total.
 */
static long long
reasons(struct ads_buf *b, jv d, const char *const *names)
{
	long long tot = 0, n;
	int first = 1, i;

	if (jv_get_kind(d) != JV_KIND_OBJECT)
		return 0;
	jv_object_foreach(d, k, v) {
		const char *key = jv_string_value(k), *word = key;

		n = jv_get_kind(v) == JV_KIND_NUMBER ?
		    (long long)jv_number_value(v) : 0;
		for (i = 0; names != NULL && names[i] != NULL; i += 2)
			if (strcmp(names[i], key) == 0)
				word = names[i + 1];
		if (n > 0) {
			ads_buf_addf(b, "%s%lld ", first ? "" : ", ", n);
			md(b, word);
			first = 0;
			tot += n;
		}
		jv_free(k);
		jv_free(v);
	}
	return tot;
}

/* The stages in pipeline order; any other ranks after them. */
static const char *const stage_order[] = { "ads-plan", "ads-fetch-",
    "ads-scrub", "ads-synth", "ads-dedup", "ads-label", "ads-score",
    "ads-fit", "ads-split", NULL };
#define NSTAGERANK	((int)(sizeof(stage_order) / sizeof(stage_order[0])))

/* stage_rank -- the pipeline position of a stage key, for sorting. */
static int
stage_rank(const char *k)
{
	const char *const *order = stage_order;
	int i;

	for (i = 0; order[i] != NULL; i++)
		if (strncmp(k, order[i], strlen(order[i])) == 0)
			return i;
	return i;
}

/* stage_keys -- the keys of c->stages in pipeline order. */
static jv
stage_keys(const struct card *c)
{
	jv keys = jv_array(), out = jv_array();
	int r, i, n;

	jv_object_foreach(c->stages, k, v) {
		keys = jv_array_append(keys, k);
		jv_free(v);
	}
	n = jv_array_length(jv_copy(keys));
	for (r = 0; r < NSTAGERANK; r++)
		for (i = 0; i < n; i++) {
			jv k = jv_array_get(jv_copy(keys), i);

			/* The driver's own line is the delivery section's. */
			if (strcmp(jv_string_value(k), "ads") == 0)
				jv_free(k);
			else if (stage_rank(jv_string_value(k)) == r)
				out = jv_array_append(out, k);
			else
				jv_free(k);
		}
	jv_free(keys);
	return out;
}

/*
 * splitlist -- "train 3, validation 1, test 1": the counts of pair
 * counter t for "a\0split", splits in the order of the splits object.
 */
static void
splitlist(struct ads_buf *b, jv splits, const struct tally *t,
    const char *a)
{
	int first = 1;

	jv_object_foreach(splits, k, v) {
		uint64_t n = tally_get2(t, a, jv_string_value(k));

		if (n > 0) {
			ads_buf_adds(b, first ? "" : ", ");
			md(b, jv_string_value(k));
			ads_buf_addf(b, " %llu", (unsigned long long)n);
			first = 0;
		}
		jv_free(k);
		jv_free(v);
	}
	if (first)
		ads_buf_adds(b, "none");
}

/*
 * splitobj -- "train 3, validation 1" from the counts of object obj
 * (borrowed), its keys in the order of the object order first.
 */
static void
splitobj(struct ads_buf *b, jv order, jv obj)
{
	int first = 1, pass;

	if (jv_get_kind(obj) != JV_KIND_OBJECT) {
		ads_buf_adds(b, "none");
		return;
	}
	for (pass = 0; pass < 2; pass++) {
		jv t = pass == 0 ? order : obj;

		jv_object_foreach(t, k, v) {
			jv n = jv_object_get(jv_copy(obj), jv_copy(k));
			int known = jv_object_has(jv_copy(order), jv_copy(k));

			if ((pass == 0 || !known) &&
			    jv_get_kind(n) == JV_KIND_NUMBER) {
				ads_buf_adds(b, first ? "" : ", ");
				md(b, jv_string_value(k));
				ads_buf_addf(b, " %lld",
				    (long long)jv_number_value(n));
				first = 0;
			}
			jv_free(n);
			jv_free(k);
			jv_free(v);
		}
	}
	if (first)
		ads_buf_adds(b, "none");
}

/* what_fetch -- what a fetcher did, from its done line v (borrowed). */
static void
what_fetch(struct ads_buf *b, jv v)
{
	static const char *const names[] = { "duplicate",
	    "results already fetched", "no_text", "without text", NULL };
	jv d = ads_json_get(v, "dropped");
	struct ads_buf r = ADS_BUF_INIT;

	ads_buf_addf(b, "%lld records fetched", num(v, "out"));
	if (ads_json_has(v, "requests")) {
		ads_buf_addf(b, " in %lld requests", num(v, "requests"));
		if (num(v, "cached") > 0)
			ads_buf_addf(b, " (%lld from the cache)",
			    num(v, "cached"));
		if (num(v, "failed") > 0)
			ads_buf_addf(b, ", %lld failed", num(v, "failed"));
	}
	if (reasons(&r, d, names) > 0)
		ads_buf_addf(b, "; skipped: %s", r.p);
	ads_buf_free(&r);
	jv_free(d);
}

/* what_did -- the "what happened" cell of stage key k, line v. */
static void
what_did(struct ads_buf *b, const char *k, jv v, jv splits)
{
	jv d = ads_json_get(v, "dropped");
	struct ads_buf r = ADS_BUF_INIT;
	long long n;
	double q;

	if (strncmp(k, "ads-fetch-", 10) == 0)
		what_fetch(b, v);
	else if (strcmp(k, "ads-plan") == 0) {
		const char *p = ads_json_str(v, "planner", NULL);

		ads_buf_adds(b, "planned the search");
		if (p != NULL) {
			ads_buf_adds(b, " with the ");
			md(b, p);
			ads_buf_adds(b, " planner");
		}
	} else if (strcmp(k, "ads-scrub") == 0) {
		jv p = ads_json_get(v, "pii");

		n = num(v, "with_pii");
		if (reasons(&r, p, NULL) > 0) {
			ads_buf_adds(b, "personal data replaced");
			if (n > 0)
				ads_buf_addf(b, " in %lld %s", n,
				    n == 1 ? "record" : "records");
			ads_buf_addf(b, ": %s", r.p);
		} else
			ads_buf_adds(b, "no personal data found");
		ads_buf_reset(&r);
		if (reasons(&r, d, NULL) > 0)
			ads_buf_addf(b, "; dropped: %s", r.p);
		jv_free(p);
	} else if (strcmp(k, "ads-synth") == 0) {
		const char *model = ads_json_str(v, "model", NULL);

		ads_buf_addf(b, "%lld rows the sources hold kept", num(v,
		    "kept"));
		if (model != NULL) {
			ads_buf_addf(b, "; %lld rows made by `", num(v,
			    "made"));
			md(b, model);
			ads_buf_addf(b, "` from %lld passages", num(v,
			    "passages"));
		} else if (num(v, "passages") > 0)
			ads_buf_addf(b, "; no LLM: %lld passages gave no rows",
			    num(v, "passages"));
		if (reasons(&r, d, NULL) > 0)
			ads_buf_addf(b, "; left out: %s", r.p);
	} else if (strcmp(k, "ads-dedup") == 0) {
		n = num(v, "in") - num(v, "out");
		if (n > 0) {
			ads_buf_addf(b, "%lld duplicates removed", n);
			if (reasons(&r, d, NULL) > 0)
				ads_buf_addf(b, ": %s", r.p);
		} else
			ads_buf_adds(b, "no duplicates found");
	} else if (strcmp(k, "ads-split") == 0) {
		jv sp = ads_json_get(v, "splits");

		ads_buf_adds(b, "split into ");
		splitobj(b, splits, sp);
		if (ads_json_has(v, "seed")) {
			ads_buf_adds(b, " (seed ");
			emit_json(b, ads_json_get(v, "seed"));
			ads_buf_adds(b, ")");
		}
		jv_free(sp);
	} else {
		if (reasons(&r, d, NULL) > 0)
			ads_buf_addf(b, "dropped: %s", r.p);
		else
			ads_buf_adds(b, "nothing dropped");
		if (strcmp(k, "ads-score") == 0 &&
		    ads_json_num(v, "quality_mean", &q) == 0)
			ads_buf_addf(b, "; mean quality %.3f", q);
	}
	ads_buf_free(&r);
	jv_free(d);
}

/* stage_table -- what each stage did, in pipeline order. */
static void
stage_table(struct card *c, struct ads_buf *b, jv splits)
{
	jv keys = stage_keys(c);
	int i, n = jv_array_length(jv_copy(keys));

	if (n == 0) {
		ads_buf_adds(b, "No stage statistics were given "
		    "(ads-export -S).\n");
		jv_free(keys);
		return;
	}
	ads_buf_adds(b, "The records went through these steps, in order.\n\n"
	    "| step | records in | records out | what happened |\n"
	    "|---|---:|---:|---|\n");
	for (i = 0; i < n; i++) {
		jv k = jv_array_get(jv_copy(keys), i);
		const char *ks = jv_string_value(k), *colon;
		jv v = jv_object_get(jv_copy(c->stages), jv_copy(k));
		int fetch = strncmp(ks, "ads-fetch-", 10) == 0;
		int plan = strcmp(ks, "ads-plan") == 0;
		const char *tool = ads_json_str(v, "tool", NULL);

		colon = strchr(ks, ':');
		ads_buf_adds(b, "| ");
		if (fetch) {
			ads_buf_adds(b, "fetch ");
			md(b, colon != NULL ? colon + 1 : ks + 10);
		} else
			md(b, strncmp(ks, "ads-", 4) == 0 ? ks + 4 : ks);
		ads_buf_adds(b, " (`");
		md(b, tool != NULL ? tool : ks);
		ads_buf_adds(b, "`) | ");
		/*
		 * A fetcher's "in" is its own output, the planner's figures
		 * count the plan: neither is shown.
		 */
		if (!fetch && !plan && ads_json_has(v, "in"))
			ads_buf_addf(b, "%lld", num(v, "in"));
		ads_buf_adds(b, " | ");
		if (!plan && ads_json_has(v, "out"))
			ads_buf_addf(b, "%lld", num(v, "out"));
		ads_buf_adds(b, " | ");
		what_did(b, ks, v, splits);
		ads_buf_adds(b, " |\n");
		jv_free(v);
		jv_free(k);
	}
	jv_free(keys);
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

/* piitable -- the replacements per kind of pii (borrowed), as a table. */
static void
piitable(struct ads_buf *b, jv pii)
{
	ads_buf_adds(b, "| kind | replaced |\n|---|---:|\n");
	jv_object_foreach(pii, pk, pv) {
		ads_buf_adds(b, "| ");
		md(b, jv_string_value(pk));
		ads_buf_addf(b, " | %lld |\n", (long long)jv_number_value(pv));
		jv_free(pk);
		jv_free(pv);
	}
}

/* pii_section -- what ads-scrub found, and what the records carry. */
static void
pii_section(struct card *c, struct ads_buf *b, jv pii)
{
	jv sc = stage(c, "ads-scrub");
	size_t *ord, k;
	long long d;

	ads_buf_adds(b, "\n### Personal data\n\n");
	if (jv_is_valid(sc)) {
		ads_buf_addf(b, "ads-scrub checked %lld records", num(sc, "in"));
		if (jv_object_length(jv_copy(pii)) > 0) {
			ads_buf_adds(b, " and replaced personal data with "
			    "placeholders");
			if (num(sc, "with_pii") > 0)
				ads_buf_addf(b, " in %lld of them",
				    num(sc, "with_pii"));
			ads_buf_adds(b, ":\n\n");
			piitable(b, pii);
		} else
			ads_buf_adds(b, " and found no personal data to "
			    "replace.\n");
		d = num(sc, "in") - num(sc, "out");
		if (d > 0)
			ads_buf_addf(b, "\nIt dropped %lld records that held "
			    "personal data.\n", d);
	} else if (jv_object_length(jv_copy(pii)) > 0) {
		ads_buf_adds(b, "Personal data was replaced with placeholders:"
		    "\n\n");
		piitable(b, pii);
	} else if (c->pii.n == 0)
		ads_buf_adds(b, "No scrubbing of personal data was recorded "
		    "for these records (ads-scrub did not run, or its "
		    "statistics were not given): they may hold personal "
		    "data.\n");
	if (c->pii.n > 0) {
		ads_buf_addf(b, "\nIn this dataset %llu records carry "
		    "replacements (the `pii` column counts them per kind): ",
		    (unsigned long long)c->withpii);
		ord = tally_order(&c->pii);
		for (k = 0; k < c->pii.n; k++) {
			ads_buf_adds(b, k > 0 ? ", " : "");
			mdn(b, c->pii.v[ord[k]].k, c->pii.v[ord[k]].len);
			ads_buf_addf(b, " %llu",
			    (unsigned long long)c->pii.v[ord[k]].n);
		}
		free(ord);
		ads_buf_adds(b, ".\n");
	}
	jv_free(sc);
}

/* quality_section -- ads-score's filter and the scores of the records. */
static void
quality_section(struct card *c, struct ads_buf *b)
{
	static const char *const names[] = { "quality",
	    "quality below the minimum", "lang", "not in the languages asked",
	    "short", "too short", "long", "too long", NULL };
	static const char *fifths[] = { "0.0 to 0.2", "0.2 to 0.4",
	    "0.4 to 0.6", "0.6 to 0.8", "0.8 to 1.0" };
	jv sc = stage(c, "ads-score");
	struct ads_buf r = ADS_BUF_INIT;
	size_t *ord, k;
	int i;

	ads_buf_adds(b, "\n### Quality\n\n");
	if (jv_is_valid(sc)) {
		jv d = ads_json_get(sc, "dropped");

		ads_buf_addf(b, "ads-score scored %lld records and kept %lld",
		    num(sc, "in"), num(sc, "out"));
		if (reasons(&r, d, names) > 0)
			ads_buf_addf(b, "; it dropped %s", r.p);
		ads_buf_adds(b, ".\n");
		jv_free(d);
	}
	if (c->nq > 0) {
		ads_buf_addf(b, "%sQuality scores of the records in this "
		    "dataset (0 to 1, higher is better): mean %.3f, lowest "
		    "%.3f, highest %.3f.\n\n| quality | records |\n"
		    "|---|---:|\n", jv_is_valid(sc) ? "\n" : "",
		    c->qsum / (double)c->nq, c->qmin, c->qmax);
		for (i = 0; i < 5; i++)
			ads_buf_addf(b, "| %s | %llu |\n", fifths[i],
			    (unsigned long long)c->qhist[i]);
	} else if (!jv_is_valid(sc))
		ads_buf_adds(b, "No quality scores were recorded.\n");
	if (c->languages.n > 0) {
		ads_buf_adds(b, "\nLanguages of the records: ");
		ord = tally_order(&c->languages);
		for (k = 0; k < c->languages.n; k++) {
			ads_buf_adds(b, k > 0 ? ", " : "");
			mdn(b, c->languages.v[ord[k]].k,
			    c->languages.v[ord[k]].len);
			ads_buf_addf(b, " %llu",
			    (unsigned long long)c->languages.v[ord[k]].n);
		}
		free(ord);
		if (c->total > 0)
			ads_buf_addf(b, " (of %llu records)",
			    (unsigned long long)c->total);
		ads_buf_adds(b, ".\n");
	}
	ads_buf_free(&r);
	jv_free(sc);
}

/* dedup_section -- the duplicates removed. */
static void
dedup_section(struct card *c, struct ads_buf *b)
{
	jv dd = stage(c, "ads-dedup");
	long long fdup = 0, e, n;

	jv_object_foreach(c->stages, k, v) {
		if (strncmp(jv_string_value(k), "ads-fetch-", 10) == 0) {
			jv d = ads_json_get(v, "dropped");

			if (jv_get_kind(d) == JV_KIND_OBJECT)
				fdup += num(d, "duplicate");
			jv_free(d);
		}
		jv_free(k);
		jv_free(v);
	}
	ads_buf_adds(b, "\n### Deduplication\n\n");
	if (jv_is_valid(dd)) {
		jv d = ads_json_get(dd, "dropped");

		e = jv_get_kind(d) == JV_KIND_OBJECT ? num(d, "exact") : 0;
		n = jv_get_kind(d) == JV_KIND_OBJECT ? num(d, "near") : 0;
		if (num(dd, "in") > num(dd, "out"))
			ads_buf_addf(b, "ads-dedup read %lld records and "
			    "removed %lld: %lld exact %s (the same text) and "
			    "%lld near %s (nearly the same text); %lld "
			    "records were kept.\n", num(dd, "in"),
			    num(dd, "in") - num(dd, "out"), e,
			    e == 1 ? "copy" : "copies", n,
			    n == 1 ? "duplicate" : "duplicates",
			    num(dd, "out"));
		else
			ads_buf_addf(b, "ads-dedup read %lld records and "
			    "found no duplicates.\n", num(dd, "in"));
		jv_free(d);
	} else
		ads_buf_adds(b, "No deduplication was recorded.\n");
	if (fdup > 0)
		ads_buf_addf(b, "\nBefore that, the fetchers skipped %lld "
		    "results they had already fetched (the same item found "
		    "by several queries).\n", fdup);
	jv_free(dd);
}

/* colmeaning -- what a record field holds (ads-record(5)), or NULL. */
static const char *
colmeaning(const char *name)
{
	static const char *m[] = {
	    "id", "stable id: source and the source's own id",
	    "source", "where the record comes from",
	    "text", "the text, plain, no markup",
	    "title", "title of the page, post, video or dataset",
	    "url", "where to see the original",
	    "lang", "language (BCP 47)",
	    "license", "license of the record (SPDX id where one exists)",
	    "created", "when it was published (RFC 3339)",
	    "retrieved", "when it was fetched (RFC 3339)",
	    "query", "the search query that found it",
	    "label", "the source's own label, where it has one",
	    "meta", "facts particular to the source (JSON)",
	    "pii", "personal data replaced, per kind (ads-scrub)",
	    "dup_of", "the record it duplicates (ads-dedup)",
	    "quality", "quality score, 0 to 1 (ads-score)",
	    "signals", "the signals behind the score (JSON)",
	    "split", "train, validation or test (ads-split)",
	    "question", "a question the context answers",
	    "context", "the passage the answer comes from",
	    "answer", "the answer",
	    "document", "the text summarized",
	    "summary", "its summary",
	    "translation", "the same text in each language (one field a "
	    "language)",
	    "messages", "the dialogue: a list of {role, content}",
	    "prompt", "the request",
	    "code", "the code that answers it",
	    "context_id", "the record the row was made from: rows of one "
	    "record share a split",
	    NULL };
	int i;

	for (i = 0; m[i] != NULL; i += 2)
		if (strcmp(m[i], name) == 0)
			return m[i + 1];
	return NULL;
}

/*
 * label_origins_section -- the card's table of labels per source and
 * origin: who gave each source's labels, and how many of each.
 */
static void
label_origins_section(const struct card *c, struct ads_buf *b)
{
	jv o;
	double n;

	if (c->labelorigin.n == 0)
		return;
	o = label_origins(c);
	ads_buf_adds(b, "\n### Labels by source\n\nWho gave each source's "
	    "labels (the prefix of `label_source`: `source` the dataset "
	    "itself, `llm` a language model, `classifier` a classifier, "
	    "`none` nobody) and how many records carry each label.\n\n"
	    "| source | labelled by | records | labels |\n"
	    "|---|---|---:|---|\n");
	jv_object_foreach(o, sk, sv) {
		jv_object_foreach(sv, gk, gv) {
			struct ads_buf l = ADS_BUF_INIT;

			n = 0;
			jv_object_foreach(gv, lk, lv) {
				n += jv_number_value(lv);
				if (l.len > 0)
					ads_buf_adds(&l, ", ");
				ads_buf_addf(&l, "%s %.0f", jv_string_value(lk),
				    jv_number_value(lv));
				jv_free(lk);
				jv_free(lv);
			}
			ads_buf_adds(b, "| ");
			md(b, jv_string_value(sk));
			ads_buf_adds(b, " | ");
			md(b, jv_string_value(gk));
			ads_buf_addf(b, " | %.0f | ", n);
			md(b, l.p != NULL ? l.p : "");
			ads_buf_adds(b, " |\n");
			ads_buf_free(&l);
			jv_free(gk);
			jv_free(gv);
		}
		jv_free(sk);
		jv_free(sv);
	}
	jv_free(o);
}

/*
 * task_section -- for a task of pairs: its columns, where its rows
 * came from, and whether it needed an LLM that was not there.
 */
static void
task_section(struct card *c, struct ads_buf *b)
{
	enum ads_task t = ads_task_of(c->plan);
	const char *const *col;
	jv sy;

	if (!ads_task_paired(t))
		return;
	ads_buf_adds(b, "\n## Task\n\n");
	md(b, ads_task_name(t));
	ads_buf_adds(b, ": each row has the columns");
	for (col = ads_task_columns(t); *col != NULL; col++)
		ads_buf_addf(b, "%s `%s`", col == ads_task_columns(t) ? "" :
		    col[1] == NULL ? " and" : ",", *col);
	ads_buf_adds(b, ", and `context_id`, the record it was made from. "
	    "`text` holds the row's main passage. ");
	sy = stage(c, "ads-synth");
	if (!jv_is_valid(sy)) {
		ads_buf_adds(b, "No generation step ran: the rows are the "
		    "pairs the sources hold (`meta.pair` says which).\n");
		jv_free(sy);
		return;
	}
	ads_buf_addf(b, "%lld rows are pairs the sources hold (`meta.pair` "
	    "says which), ", num(sy, "kept"));
	if (ads_json_str(sy, "model", NULL) != NULL) {
		ads_buf_addf(b, "%lld were made by the LLM `", num(sy, "made"));
		md(b, ads_json_str(sy, "model", NULL));
		ads_buf_addf(b, "` from %lld passages and checked against "
		    "them (`meta.synth`; see ads-synth(1)).\n",
		    num(sy, "passages"));
	} else {
		ads_buf_adds(b, "none were generated.\n");
		if (num(sy, "passages") > 0) {
			ads_buf_adds(b, "\nThis task needed an LLM for "
			    "more rows: none was configured, so ");
			ads_buf_addf(b, "%lld passages collected gave no "
			    "rows. Set an LLM key (see ads(1)) to generate "
			    "them.\n", num(sy, "passages"));
		}
	}
	jv_free(sy);
}

/* labels_section -- records per label and split. */
static void
labels_section(struct card *c, struct ads_buf *b, jv splits)
{
	size_t *ord, k, shown;
	uint64_t rest = 0;

	if (c->labelnames.n == 0)
		return;
	ads_buf_adds(b, "\n## Labels\n\n");
	for (k = 0; k < c->labelnames.n; k++)
		rest += c->labelnames.v[k].n;
	if (rest < c->total && ads_json_has(c->stages, "ads-label"))
		ads_buf_addf(b, "%llu of the %llu records have a label; the "
		    "others have none (see below why).\n\n",
		    (unsigned long long)rest, (unsigned long long)c->total);
	else if (rest < c->total)
		ads_buf_addf(b, "%llu of the %llu records carry the label "
		    "their source gave them; the others have none.\n\n",
		    (unsigned long long)rest, (unsigned long long)c->total);
	rest = 0;
	ads_buf_adds(b, "| label |");
	jv_object_foreach(splits, sk, sv) {
		ads_buf_adds(b, " ");
		md(b, jv_string_value(sk));
		ads_buf_adds(b, " |");
		jv_free(sk);
		jv_free(sv);
	}
	ads_buf_adds(b, " all |\n|---|");
	jv_object_foreach(splits, sk, sv) {
		ads_buf_adds(b, "---:|");
		jv_free(sk);
		jv_free(sv);
	}
	ads_buf_adds(b, "---:|\n");
	ord = tally_order(&c->labelnames);
	for (k = shown = 0; k < c->labelnames.n; k++) {
		const struct tent *e = &c->labelnames.v[ord[k]];

		if (shown == 50) {
			rest += e->n;
			continue;
		}
		shown++;
		ads_buf_adds(b, "| ");
		mdn(b, e->k, e->len);
		ads_buf_adds(b, " |");
		jv_object_foreach(splits, sk, sv) {
			ads_buf_addf(b, " %llu |", (unsigned long long)
			    tally_get2(&c->labels, e->k, jv_string_value(sk)));
			jv_free(sk);
			jv_free(sv);
		}
		ads_buf_addf(b, " %llu |\n", (unsigned long long)e->n);
	}
	free(ord);
	if (rest > 0)
		ads_buf_addf(b, "\n%zu more labels hold %llu records "
		    "(dataset_card.json has them all).\n",
		    c->labelnames.n - shown, (unsigned long long)rest);
}

/* truthy -- obj[key] is true. */
static int
truthy(jv obj, const char *key)
{
	jv v = ads_json_get(obj, key);
	int r = jv_get_kind(v) == JV_KIND_TRUE;

	jv_free(v);
	return r;
}

/* usd -- a dollar amount, or "unknown" for null. */
static void
usd(struct ads_buf *b, jv obj, const char *key)
{
	double d;

	if (ads_json_num(obj, key, &d) == 0)
		ads_buf_addf(b, "$%.4f", d);
	else
		ads_buf_adds(b, "unknown");
}

/*
 * label_stage_section -- how ads-label labelled the records: counts per
 * label source and label (as labelled, before the quality filter and
 * the split), the model and its prompt, the estimate and the cost, and
 * the classifier's accuracy.
 */
static void
label_stage_section(struct card *c, struct ads_buf *b, jv splits)
{
	jv st = stage(c, "ads-label"), srcs, e, x, cl, di;
	const char *model, *prompt;
	double d, v;
	size_t *ord, ki;

	if (c->labelsrckinds.n > 0) {
		ads_buf_adds(b, "\n| label source |");
		jv_object_foreach(splits, sk, sv) {
			ads_buf_adds(b, " ");
			md(b, jv_string_value(sk));
			ads_buf_adds(b, " |");
			jv_free(sk);
			jv_free(sv);
		}
		ads_buf_adds(b, " all |\n|---|");
		jv_object_foreach(splits, sk, sv) {
			ads_buf_adds(b, "---:|");
			jv_free(sk);
			jv_free(sv);
		}
		ads_buf_adds(b, "---:|\n");
		ord = tally_order(&c->labelsrckinds);
		for (ki = 0; ki < c->labelsrckinds.n; ki++) {
			const struct tent *t = &c->labelsrckinds.v[ord[ki]];

			ads_buf_adds(b, "| ");
			mdn(b, t->k, t->len);
			ads_buf_adds(b, " |");
			jv_object_foreach(splits, sk, sv) {
				struct ads_buf kk = ADS_BUF_INIT;

				ads_buf_add(&kk, t->k, t->len);
				ads_buf_addc(&kk, '\0');
				ads_buf_adds(&kk, jv_string_value(sk));
				ads_buf_addf(b, " %llu |", (unsigned long long)
				    tally_get(&c->labelsrc, kk.p, kk.len));
				ads_buf_free(&kk);
				jv_free(sk);
				jv_free(sv);
			}
			ads_buf_addf(b, " %llu |\n", (unsigned long long)t->n);
		}
		free(ord);
	}
	if (!jv_is_valid(st)) {
		jv_free(st);
		return;
	}
	srcs = ads_json_get(st, "label_sources");
	if (jv_get_kind(srcs) != JV_KIND_OBJECT ||
	    jv_object_length(jv_copy(srcs)) == 0) {
		jv_free(srcs);
		jv_free(st);
		return;
	}
	ads_buf_adds(b, "\n### How the records were labelled\n\n"
	    "By `ads-label`, before the quality filter and the split. "
	    "`source` labels came with the records, `llm` labels from the "
	    "model below, `classifier` labels from a classifier trained on "
	    "source or LLM labels; `none` records have no label, for the "
	    "reason given.\n\n| label source | label | records |\n"
	    "|---|---|---:|\n");
	jv_object_foreach(srcs, k, cnt) {
		if (jv_get_kind(cnt) == JV_KIND_OBJECT) {
			jv_object_foreach(cnt, l, n) {
				ads_buf_adds(b, "| ");
				md(b, jv_string_value(k));
				ads_buf_adds(b, " | ");
				md(b, jv_string_value(l));
				ads_buf_addf(b, " | %lld |\n",
				    jv_get_kind(n) == JV_KIND_NUMBER ?
				    (long long)jv_number_value(n) : 0LL);
				jv_free(l);
				jv_free(n);
			}
		}
		jv_free(k);
		jv_free(cnt);
	}
	model = ads_json_str(st, "model", NULL);
	if (model != NULL) {
		ads_buf_adds(b, "\nModel: `");
		md(b, model);
		ads_buf_adds(b, "`");
		if (ads_json_num(st, "votes", &d) == 0 && d > 1)
			ads_buf_addf(b, ", %.0f votes a record (the score is "
			    "the share that agree)", d);
		ads_buf_adds(b, ".\n");
		e = ads_json_get(st, "estimate");
		if (jv_get_kind(e) == JV_KIND_OBJECT) {
			ads_buf_addf(b, "Estimate: %lld requests, about %lld "
			    "input and %lld output tokens, ",
			    num(e, "requests"), num(e, "input"),
			    num(e, "output"));
			usd(b, e, "cost_usd");
			ads_buf_adds(b, ".\n");
		}
		jv_free(e);
		x = ads_json_get(st, "cost");
		if (jv_get_kind(x) == JV_KIND_OBJECT) {
			ads_buf_addf(b, "Cost: %lld input and %lld output "
			    "tokens as the provider counted them (answers "
			    "from the cache cost nothing), ",
			    num(x, "input"), num(x, "output"));
			usd(b, x, "usd");
			ads_buf_adds(b, ".\n");
		}
		jv_free(x);
		prompt = ads_json_str(st, "prompt_template", NULL);
		if (prompt != NULL) {
			ads_buf_adds(b, "\nThe prompt (the texts follow it in "
			    "the user message, one JSON object a line):\n\n"
			    "```text\n");
			ads_buf_adds(b, prompt);
			ads_buf_adds(b, "\n```\n");
		}
	}
	cl = ads_json_get(st, "classifier");
	if (jv_get_kind(cl) == JV_KIND_OBJECT) {
		ads_buf_addf(b, "\nWithout an LLM, a naive Bayes classifier "
		    "was trained on %lld records labelled by their source",
		    num(cl, "records"));
		if (ads_json_num(cl, "cv_accuracy", &d) == 0 &&
		    ads_json_num(cl, "majority", &v) == 0)
			ads_buf_addf(b, "; its 5-fold cross-validated accuracy "
			    "is %.3f, against %.3f for always answering the "
			    "largest label", d, v);
		d = 0;
		ads_json_num(cl, "bar", &d);
		ads_buf_addf(b, ". %s (bar %.2f).\n", truthy(cl, "used") ? "It labelled "
		    "the other records" : "It labelled nothing", d);
	}
	jv_free(cl);
	di = ads_json_get(st, "distil");
	if (jv_get_kind(di) == JV_KIND_OBJECT) {
		ads_buf_addf(b, "\nThe LLM labelled a sample of %lld records; "
		    "a classifier trained on four fifths of them agreed with "
		    "it on ", num(di, "sample"));
		d = 0;
		ads_json_num(di, "agreement", &d);
		ads_buf_addf(b, "%.3f of the %lld held out", d,
		    num(di, "held_out"));
		d = 0;
		ads_json_num(di, "bar", &d);
		ads_buf_addf(b, ". %s (bar %.2f).\n", truthy(di, "used") ? "It labelled "
		    "the other records" : "It labelled nothing", d);
	}
	jv_free(di);
	jv_free(srcs);
	jv_free(st);
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
	double x;

	if (jv_is_valid(d) && ads_json_num(d, "target_rows", &x) == 0)
		n = (long long)x;
	else if (ads_json_num(c->plan, "target_rows", &x) == 0)
		n = (long long)x;
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
			(void)i;
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

		(void)i;
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
	    jv_string("sources"), jv_is_valid(d) ?
	    ads_json_get(d, "sources") : jv_null(),
	    jv_string("languages_kept"), jv_is_valid(d) ?
	    ads_json_get(d, "languages_kept") : jv_null());
	o = jv_object_set(o, jv_string("dropped_language"), JV_OBJECT(
	    jv_string("records"), jv_number((double)num(sd, "lang")),
	    jv_string("languages"), jv_is_valid(sc) &&
	    ads_json_has(sc, "dropped_langs") ?
	    ads_json_get(sc, "dropped_langs") : jv_object()));
	o = jv_object_set(o, jv_string("dropped_fit"), jv_is_valid(fit) ?
	    ads_json_get(fit, "dropped") : jv_null());
	o = jv_object_set(o, jv_string("rows_per_language"),
	    n > 1 ? per : (jv_free(per), jv_null()));
	jv_free(langs);
	jv_free(sd);
	jv_free(d);
	jv_free(sc);
	jv_free(fit);
	return o;
}

/* delivery_section -- the same for README.md. */
static void
delivery_section(struct card *c, struct ads_buf *b, jv dj)
{
	static const char *const fitnames[] = { "relevance",
	    "not about the plan's subject (relevance)", NULL };
	jv src = ads_json_get(dj, "sources"), dl = ads_json_get(dj,
	    "dropped_language"), fit = ads_json_get(dj, "dropped_fit");
	jv per = ads_json_get(dj, "rows_per_language");
	jv tr = ads_json_get(dj, "target_rows");
	jv kept = ads_json_get(dj, "languages_kept");
	struct ads_buf r = ADS_BUF_INIT;
	long long asked = num(dj, "target_rows"), n;

	ads_buf_adds(b, "\n### Rows asked and delivered\n\n");
	if (jv_get_kind(tr) == JV_KIND_NUMBER)
		ads_buf_addf(b, "%lld rows were asked for and %llu delivered"
		    "%s.\n", asked, (unsigned long long)c->total,
		    (long long)c->total < asked ? " (a shortfall)" : "");
	else
		ads_buf_addf(b, "%llu rows were delivered; no number was "
		    "asked for.\n", (unsigned long long)c->total);
	if (jv_get_kind(src) == JV_KIND_OBJECT) {
		ads_buf_adds(b, "\n| source | records asked | fetched | "
		    "rows | why it stopped |\n|---|---:|---:|---:|---|\n");
		jv_object_foreach(src, k, v) {
			const char *ks = jv_string_value(k);
			const char *st = ads_json_str(v, "stopped", NULL);

			ads_buf_adds(b, "| ");
			md(b, ks);
			ads_buf_addf(b, " | %lld | %lld | %llu | ",
			    num(v, "asked"), num(v, "fetched"),
			    (unsigned long long)tally_get(&c->sources, ks,
			    strlen(ks)));
			md(b, st != NULL ? st : "unknown");
			ads_buf_adds(b, " |\n");
			jv_free(k);
			jv_free(v);
		}
	}
	n = num(dl, "records");
	if (n > 0) {
		jv l = ads_json_get(dl, "languages");

		ads_buf_addf(b, "\n%lld records were dropped for their "
		    "language, as the language identifier of ads-score "
		    "named it", n);
		if (reasons(&r, l, NULL) > 0)
			ads_buf_addf(b, ": %s", r.p);
		ads_buf_adds(b, ".\n");
		jv_free(l);
	} else if (jv_get_kind(kept) == JV_KIND_ARRAY &&
	    jv_array_length(jv_copy(kept)) > 0)
		ads_buf_adds(b, "\nNo record was dropped for its "
		    "language.\n");
	ads_buf_reset(&r);
	if (jv_get_kind(fit) == JV_KIND_OBJECT) {
		if (reasons(&r, fit, fitnames) > 0)
			ads_buf_addf(b, "\nads-fit dropped records that do "
			    "not fit the task or subject: %s (ads-fit(1): "
			    "form:NAME is a form the task does not take).\n",
			    r.p);
		else
			ads_buf_adds(b, "\nEvery record fit the task and "
			    "subject.\n");
	}
	if (jv_get_kind(per) == JV_KIND_OBJECT) {
		ads_buf_adds(b, "\nThe plan asks for several languages; a "
		    "fair share is the rows divided evenly among them.\n\n"
		    "| language | rows | fair share |\n|---|---:|---:|\n");
		jv_object_foreach(per, k, v) {
			ads_buf_adds(b, "| ");
			md(b, jv_string_value(k));
			ads_buf_addf(b, " | %lld | %lld |\n", num(v, "rows"),
			    num(v, "fair_share"));
			jv_free(k);
			jv_free(v);
		}
	}
	ads_buf_free(&r);
	jv_free(tr);
	jv_free(kept);
	jv_free(src);
	jv_free(dl);
	jv_free(fit);
	jv_free(per);
}

int
card_write(struct card *c, const char *dir, jv files, jv cols, jv splits)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv langs, card, pii, prompt, tools, splitnames = jv_array(), seed;
	jv delivery;
	char now[32];
	const char *name, *base;
	size_t *ord, k;
	int i, n, rc = -1;

	ads_now_rfc3339(now, sizeof(now));
	langs = languages(c);
	delivery = delivery_json(c);
	prompt = ads_json_get(c->plan, "prompt");
	base = strrchr(c->outdir, '/');
	base = base != NULL && base[1] != '\0' ? base + 1 : c->outdir;
	name = jv_get_kind(prompt) == JV_KIND_STRING ?
	    jv_string_value(prompt) : base;
	pii = pii_totals(c);
	{
		jv sc = stage(c, "ads-scrub");

		if (!jv_is_valid(sc) && jv_object_length(jv_copy(pii)) == 0 &&
		    c->pii.n > 0) {
			/* No stage said: what the records carry. */
			jv_free(pii);
			pii = tally_json(&c->pii);
		}
		jv_free(sc);
	}
	jv_object_foreach(splits, sk, sv) {
		splitnames = jv_array_append(splitnames, sk);
		jv_free(sv);
	}
	/* The seed given, else the one ads-split reported. */
	seed = c->seed != NULL ? jv_string(c->seed) : jv_null();
	if (c->seed == NULL) {
		jv sp = stage(c, "ads-split");

		if (jv_is_valid(sp) && ads_json_has(sp, "seed")) {
			jv_free(seed);
			seed = ads_json_get(sp, "seed");
			if (jv_get_kind(seed) == JV_KIND_NUMBER) {
				struct ads_buf t = ADS_BUF_INIT;

				ads_json_emit(&t, seed);
				seed = jv_string(t.p);
				ads_buf_free(&t);
			}
		}
		jv_free(sp);
	}

	/* dataset_card.json */
	tools = JV_OBJECT(jv_string("ads"), jv_string(ADS_VERSION_STRING));
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
	tools = jv_object_set(tools, jv_string("ads-export"),
	    jv_string(ADS_VERSION_STRING));
	card = JV_OBJECT(jv_string("name"), jv_string(name),
	    jv_string("created"), jv_string(now),
	    jv_string("format"), jv_string(c->format),
	    jv_string("prompt"), jv_copy(prompt),
	    jv_string("plan"), jv_copy(c->plan),
	    jv_string("command"), c->command != NULL ?
	    scrubstr(jv_string(c->command)) : jv_null(),
	    jv_string("seed"), jv_copy(seed),
	    jv_string("tools"), tools);
	card = jv_object_set(card, jv_string("counts"), JV_OBJECT(
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
	    jv_string("labels_by_source"), label_origins(c)));
	/* JV_OBJECT takes nine pairs at most. */
	card = jv_setpath(card, JV_ARRAY(jv_string("counts"),
	    jv_string("label_sources")), tally_json2(&c->labelsrc,
	    &c->labelsrckinds, jv_copy(splitnames)));
	{
		jv q = jv_null();

		if (c->nq > 0) {
			jv h = jv_array();

			for (i = 0; i < 5; i++)
				h = jv_array_append(h,
				    jv_number((double)c->qhist[i]));
			q = JV_OBJECT(jv_string("records"),
			    jv_number((double)c->nq),
			    jv_string("mean"),
			    jv_number(c->qsum / (double)c->nq),
			    jv_string("min"), jv_number(c->qmin),
			    jv_string("max"), jv_number(c->qmax),
			    jv_string("by_fifth"), h);
		}
		card = jv_object_set(card, jv_string("quality"), q);
	}
	card = jv_object_set(card, jv_string("pii"), jv_copy(pii));
	card = jv_object_set(card, jv_string("pii_in_records"), JV_OBJECT(
	    jv_string("records"), jv_number((double)c->withpii),
	    jv_string("kinds"), tally_json(&c->pii)));
	card = jv_object_set(card, jv_string("delivery"), jv_copy(delivery));
	card = jv_object_set(card, jv_string("stages"), jv_copy(c->stages));
	card = jv_object_set(card, jv_string("columns"), jv_copy(cols));
	card = jv_object_set(card, jv_string("files"), jv_copy(files));
	if (jv_get_kind(c->features) == JV_KIND_OBJECT)
		card = jv_object_set(card, jv_string("features"),
		    jv_copy(c->features));
	/* How CSV cells that a spreadsheet takes for formulas were written. */
	if (strcmp(c->format, "csv") == 0)
		card = jv_object_set(card, jv_string("csv_formula_cells"),
		    jv_string(c->csvraw ? "raw" : "quote-prefixed"));
	emit_json(&b, card);
	ads_buf_addc(&b, '\n');
	if (writefile(dir, "dataset_card.json", &b) < 0)
		goto out;
	ads_buf_reset(&b);

	/* README.md */
	front(c, &b, jv_copy(splits), jv_copy(langs), name, files);
	for (k = 0; k < c->licenses.n; k++)
		if (hublicense(c->licenses.v[k].k) == NULL)
			break;
	if (k < c->licenses.n && licensefile(c, dir) < 0)
		goto out;
	ads_buf_adds(&b, "# ");
	md(&b, name);
	ads_buf_adds(&b, "\n\n");
	if (jv_get_kind(prompt) == JV_KIND_STRING) {
		ads_buf_adds(&b, "Built by ads from the request:\n\n> ");
		md(&b, jv_string_value(prompt));
		ads_buf_adds(&b, "\n\n");
	}
	ads_buf_addf(&b, "%llu records in %d splits from %zu sources, as "
	    "%s files, created %s.\n\n", (unsigned long long)c->total,
	    jv_array_length(jv_copy(splitnames)), c->sources.n, c->format,
	    now);
	if (strcmp(c->format, "csv") == 0 && !c->csvraw)
		ads_buf_adds(&b, "Text cells that began with `=`, `+`, `-`, "
		    "`@`, a tab or a carriage return, which a spreadsheet "
		    "would run as a formula, start with an added `'` "
		    "(OWASP, CSV Injection): drop it to get the text as it "
		    "was.\n\n");
	else if (strcmp(c->format, "csv") == 0)
		ads_buf_adds(&b, "Text cells are written as they are: one "
		    "that begins with `=`, `+`, `-` or `@` may run as a "
		    "formula when the file is opened in a spreadsheet.\n\n");

	ads_buf_adds(&b, "## Splits\n\n| split | records | files |\n"
	    "|---|---:|---|\n");
	jv_object_foreach(splits, k2, v) {
		int first = 1;

		ads_buf_adds(&b, "| ");
		md(&b, jv_string_value(k2));
		ads_buf_addf(&b, " | %lld | ", (long long)jv_number_value(v));
		n = jv_array_length(jv_copy(files));
		for (i = 0; i < n; i++) {
			jv f = jv_array_get(jv_copy(files), i);
			const char *s = ads_json_str(f, "split", NULL);

			if (s != NULL && strcmp(s, jv_string_value(k2)) == 0) {
				ads_buf_addf(&b, "%s`%s`", first ? "" : ", ",
				    ads_json_str(f, "path", NULL));
				first = 0;
			}
			jv_free(f);
		}
		ads_buf_adds(&b, " |\n");
		jv_free(k2);
		jv_free(v);
	}
	n = jv_array_length(jv_copy(cols));
	if (n > 0) {
		ads_buf_adds(&b, "\n## Columns\n\n| column | type | meaning |\n"
		    "|---|---|---|\n");
		for (i = 0; i < n; i++) {
			jv col = jv_array_get(jv_copy(cols), i);
			const char *cn = ads_json_str(col, "name", NULL);
			const char *m = colmeaning(cn);

			ads_buf_adds(&b, "| `");
			md(&b, cn);
			ads_buf_addf(&b, "` | %s | %s |\n",
			    ads_json_str(col, "type", NULL),
			    m != NULL ? m : "");
			jv_free(col);
		}
		ads_buf_adds(&b, "\nNumbers that are all integral are int64; "
		    "any fractional value makes the column double. Objects "
		    "and arrays (json) are JSON text; a column whose values "
		    "are of several other kinds (mixed) holds every value as "
		    "JSON text. Missing fields are nulls.");
		{
			int ts = 0, cl = 0;

			for (i = 0; i < n; i++) {
				jv col = jv_array_get(jv_copy(cols), i);
				const char *t = ads_json_str(col, "type", NULL);

				ts |= t != NULL && strcmp(t, "timestamp") == 0;
				cl |= t != NULL && strcmp(t, "class_label") == 0;
				jv_free(col);
			}
			if (ts)
				ads_buf_adds(&b, strcmp(c->format, "csv") == 0 ?
				    " Times (timestamp) are RFC 3339 in UTC with "
				    "microseconds." : " Times (timestamp) are "
				    "UTC, to the microsecond.");
			if (cl)
				ads_buf_adds(&b, strcmp(c->format, "csv") == 0 ?
				    " Labels (class_label) are names of the "
				    "plan's label set; the features above give "
				    "each its ClassLabel integer." :
				    " Labels (class_label) are the index of the "
				    "name in the plan's label set, as in the "
				    "features above, and -1 for none.");
		}
		ads_buf_addc(&b, '\n');
	}
	task_section(c, &b);
	labels_section(c, &b, splits);
	label_origins_section(c, &b);
	label_stage_section(c, &b, splits);

	ads_buf_adds(&b, "\n## Sources\n\n| source | records | licenses |"
	    " per split |\n|---|---:|---|---|\n");
	ord = tally_order(&c->sources);
	for (k = 0; k < c->sources.n; k++) {
		const struct tent *e = &c->sources.v[ord[k]];
		size_t *lo = tally_order(&c->source_license), j;
		int first = 1;

		ads_buf_adds(&b, "| ");
		mdn(&b, e->k, e->len);
		ads_buf_addf(&b, " | %llu | ", (unsigned long long)e->n);
		for (j = 0; j < c->source_license.n; j++) {
			const struct tent *l = &c->source_license.v[lo[j]];

			if (l->len <= e->len || l->k[e->len] != '\0' ||
			    memcmp(l->k, e->k, e->len) != 0)
				continue;
			ads_buf_adds(&b, first ? "" : ", ");
			mdn(&b, l->k + e->len + 1, l->len - e->len - 1);
			ads_buf_addf(&b, " (%llu)", (unsigned long long)l->n);
			first = 0;
		}
		free(lo);
		ads_buf_adds(&b, " | ");
		splitlist(&b, splits, &c->source_split, e->k);
		ads_buf_adds(&b, " |\n");
	}
	free(ord);
	ads_buf_adds(&b, "\nEach record keeps the `license` of its source; "
	    "check it before reuse.");
	{
		uint64_t unk = tally_get(&c->licenses, "unknown", 7), other = 0;

		for (k = 0; k < c->licenses.n; k++)
			if (hublicense(c->licenses.v[k].k) == NULL)
				other += c->licenses.v[k].n;
		if (unk > 0)
			ads_buf_addf(&b, " %llu records have no license "
			    "information (`unknown`): their source's terms "
			    "apply.", (unsigned long long)unk);
		if (other > 0)
			ads_buf_addf(&b, " %llu records are under terms the "
			    "Hub has no id for (`other` above, such as a "
			    "site's terms of service).",
			    (unsigned long long)other);
	}
	ads_buf_adds(&b, "\n");

	ads_buf_adds(&b, "\n## Processing\n\n");
	stage_table(c, &b, splits);
	delivery_section(c, &b, delivery);
	pii_section(c, &b, pii);
	quality_section(c, &b);
	dedup_section(c, &b);

	ads_buf_adds(&b, "\n## How it was made\n\n");
	ads_buf_addf(&b, "Made with ads %s on %s", ADS_VERSION_STRING, now);
	if (jv_get_kind(seed) == JV_KIND_STRING)
		ads_buf_addf(&b, ", seed %s", jv_string_value(seed));
	ads_buf_adds(&b, ". ");
	if (c->command != NULL) {
		jv cmd = scrubstr(jv_string(c->command));

		ads_buf_adds(&b, "To remake it:\n\n```sh\n");
		ads_buf_adds(&b, jv_string_value(cmd));
		ads_buf_adds(&b, "\n```\n");
		jv_free(cmd);
	} else
		ads_buf_adds(&b, "\n");
	ads_buf_adds(&b, "\n## Loading\n\n```python\nfrom datasets import "
	    "load_dataset\nds = load_dataset(\"path/to/this/folder\")\n"
	    "```\n\n`dataset_card.json` holds these facts for programs.\n");
	if (writefile(dir, "README.md", &b) == 0)
		rc = 0;
out:
	ads_buf_free(&b);
	jv_free(langs);
	jv_free(delivery);
	jv_free(prompt);
	jv_free(pii);
	jv_free(seed);
	jv_free(splitnames);
	jv_free(files);
	jv_free(cols);
	jv_free(splits);
	return rc;
}
