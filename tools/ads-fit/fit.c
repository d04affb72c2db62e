/*
 * fit.c -- the plan's task and terms, the forms of records, and BM25
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>
#include <utf8proc.h>

#include "../../common/buf.h"
#include "../../common/hash.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "fit.h"

#define SEED	0x6669746669746669ULL

static const char *formnames[NFORMS] = {
	"thread", "qa", "summary", "translation", "code", "tagged", "row",
	"post", "comment", "transcript", "news", "encyclopedia", "abstract",
	"readme", "dataset-card", "text"
};

#define F(x)	(1u << FORM_##x)
/* Prose that is the data itself, not a description of data. */
#define PROSE	(F(ROW) | F(POST) | F(COMMENT) | F(TRANSCRIPT) | \
	F(NEWS) | F(ENCYCLOPEDIA) | F(ABSTRACT) | F(TEXT))

/*
 * The forms each task takes (ads-fit(1), FORMS).  Opinions come from
 * people: posts, comments, dataset rows, spoken reviews and news, not
 * from READMEs, dataset descriptions, abstracts or an encyclopedia
 * written to a neutral point of view.
 */
static const struct {
	const char	*task, *task_id;	/* task_id NULL: any */
	unsigned	 forms;
} tasks[] = {
	{ "text-classification", "sentiment-classification",
	    F(ROW) | F(POST) | F(COMMENT) | F(TRANSCRIPT) | F(NEWS) |
	    F(TEXT) },
	{ "text-classification", NULL, PROSE },
	{ "token-classification", NULL, PROSE | F(TAGGED) },
	{ "question-answering", NULL, F(QA) },
	{ "summarization", NULL, F(SUMMARY) },
	{ "translation", NULL, F(TRANSLATION) },
	{ "conversational", NULL, F(THREAD) },
	{ "text-generation", NULL, FORMS_ALL & ~F(DATASET_CARD) },
	{ "code", NULL, F(CODE) },
};

/* Version 1 task names and what they are in version 2. */
static const struct {
	const char	*v1, *task, *task_id;
} v1tasks[] = {
	{ "sentiment-analysis", "text-classification",
	    "sentiment-classification" },
	{ "text-classification", "text-classification", NULL },
	{ "named-entity-recognition", "token-classification",
	    "named-entity-recognition" },
	{ "question-answering", "question-answering", NULL },
	{ "summarization", "summarization", NULL },
	{ "translation", "translation", NULL },
	{ "dialogue", "conversational", "dialogue-modeling" },
	{ "code", "code", NULL },
	{ "language-modeling", "text-generation", "language-modeling" },
};

/* Words of a plan that say nothing about its subject. */
static const char *stopterms[] = {
	"a", "an", "and", "about", "are", "as", "at", "by", "for", "from",
	"in", "is", "of", "on", "or", "the", "to", "with",
	"de", "del", "des", "di", "du", "e", "el", "en", "et", "il", "la",
	"las", "le", "les", "los", "o", "y", "und", "der", "die", "das",
	"von", "mit", "für", "da", "do", "dos", "het", "een", "van",
	"dataset", "datasets", "data", "corpus", "example", "examples",
	NULL
};

/*
 * Words that say what shape the data has, not what it is about (as
 * words() makes them: "entities" is "entitie"): a record that shares
 * only these with the plan is not on its subject.
 */
static const char *genericterms[] = {
	"sentence", "text", "word", "document", "paragraph", "passage",
	"label", "labeled", "labelled", "annotated", "annotation", "tagged",
	"named", "entity", "entitie", "recognition", "classification",
	"analysi", "task", "sample", "record", "row", "collection",
	"english", "language", "multilingual", "multiple", "across",
	"various", "different", "need", "want", "build", "create",
	NULL
};

/* Words whose final "s" is part of the word: "news" is not "new". */
static const char *keeps[] = {
	"news", "series", "species", NULL
};

static int
inlist(const char *const *l, const char *w, size_t n)
{
	size_t i;

	for (i = 0; l[i] != NULL; i++)
		if (strlen(l[i]) == n && memcmp(l[i], w, n) == 0)
			return 1;
	return 0;
}

const char *
form_name(enum form f)
{
	return f < NFORMS ? formnames[f] : "text";
}

int
form_parse(const char *s, size_t n)
{
	int i;

	for (i = 0; i < NFORMS; i++)
		if (strlen(formnames[i]) == n &&
		    strncasecmp(formnames[i], s, n) == 0)
			return i;
	return -1;
}

unsigned
fit_task_forms(const char *task, const char *task_id)
{
	size_t i;

	if (task == NULL)
		return FORMS_ALL;
	for (i = 0; i < sizeof(tasks) / sizeof(tasks[0]); i++) {
		if (strcmp(tasks[i].task, task) != 0)
			continue;
		if (tasks[i].task_id == NULL || (task_id != NULL &&
		    strcmp(tasks[i].task_id, task_id) == 0))
			return tasks[i].forms;
	}
	/* A task this table does not know: no form is ruled out. */
	return FORMS_ALL;
}

/*
 * cjk -- 1 for code points written without spaces between words (Han,
 * kana, Hangul, Thai): each is a word of its own.
 */
static int
cjk(utf8proc_int32_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF) ||
	    (c >= 0x0E00 && c <= 0x0E7F);
}

static int
wordchar(utf8proc_int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);

	/* utf8proc numbers the categories in order: L*, then Mn Mc Me. */
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_MC) ||
	    cat == UTF8PROC_CATEGORY_ND;
}

/*
 * words -- call fn for each word of s (n bytes): lower-cased, a final
 * "s" taken off words of four bytes or more not ending in "ss", so
 * "Reviews" and "review" are one word.  Text written without spaces
 * (cjk()) gives the pairs of adjacent characters ("商品レビュー": 商品,
 * 品レ, レビ, ...), or a lone character.  Invalid bytes end a word.
 */
static void
words(const char *s, size_t n, void (*fn)(const char *, size_t, void *),
    void *arg)
{
	static struct ads_buf w;
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	size_t i = 0, cprev = 0, crun = 0;
	unsigned char enc[4];

	ads_buf_reset(&w);
	while (i <= n) {
		if (i == n) {
			c = -1;
			k = 1;
		} else {
			k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			    (utf8proc_ssize_t)(n - i), &c);
			if (k <= 0) {
				c = -1;
				k = 1;
			}
		}
		if (c >= 0 && cjk(c)) {
			if (crun > 0)
				fn(s + cprev, i + (size_t)k - cprev, arg);
			cprev = i;
			crun++;
		} else {
			if (crun == 1)
				fn(s + cprev, i - cprev, arg);
			crun = 0;
		}
		if (c >= 0 && wordchar(c) && !cjk(c)) {
			c = utf8proc_tolower(c);
			ads_buf_add(&w, enc, (size_t)utf8proc_encode_char(c,
			    enc));
		} else if (w.len > 0) {
			if (w.len >= 4 && w.p[w.len - 1] == 's' &&
			    w.p[w.len - 2] != 's' &&
			    !inlist(keeps, w.p, w.len))
				w.len--;
			fn(w.p, w.len, arg);
			ads_buf_reset(&w);
		}
		i += (size_t)k;
	}
}

static long
termfind(const struct fitplan *p, const char *w, size_t n, uint64_t h)
{
	size_t i;

	if (p->nslots == 0)
		return -1;
	for (i = h & (p->nslots - 1); p->slots[i] != 0;
	    i = (i + 1) & (p->nslots - 1)) {
		const struct term *t = &p->terms[p->slots[i] - 1];

		if (t->h == h && t->len == n && memcmp(t->w, w, n) == 0)
			return (long)(p->slots[i] - 1);
	}
	return -1;
}

static void
termadd(const char *w, size_t n, void *arg)
{
	struct fitplan *p = arg;
	uint64_t h = ads_hash64(w, n, SEED);
	size_t i, j;

	if (n < 2 && (unsigned char)w[0] < 0x80)
		return;
	if (inlist(stopterms, w, n))
		return;
	if (termfind(p, w, n, h) >= 0)
		return;
	if (2 * (p->nterms + 1) > p->nslots) {
		/* Grow and rehash: plans hold a few hundred words. */
		size_t ns = p->nslots ? 2 * p->nslots : 64;

		free(p->slots);
		p->slots = xcalloc(ns, sizeof(*p->slots));
		p->nslots = ns;
		for (j = 0; j < p->nterms; j++) {
			for (i = p->terms[j].h & (ns - 1); p->slots[i] != 0;
			    i = (i + 1) & (ns - 1))
				;
			p->slots[i] = j + 1;
		}
	}
	p->terms = xreallocarray(p->terms, p->nterms + 1, sizeof(*p->terms));
	p->terms[p->nterms].h = h;
	p->terms[p->nterms].w = xstrndup(w, n);
	p->terms[p->nterms].len = n;
	p->terms[p->nterms].generic = inlist(genericterms, w, n);
	p->ncontent += !p->terms[p->nterms].generic;
	for (i = h & (p->nslots - 1); p->slots[i] != 0;
	    i = (i + 1) & (p->nslots - 1))
		;
	p->slots[i] = ++p->nterms;
}

/* addterms -- the words of v: a string, or strings in arrays, nested. */
static void
addterms(struct fitplan *p, jv v, int depth)
{
	if (jv_get_kind(v) == JV_KIND_STRING) {
		const char *s = jv_string_value(v);

		words(s, (size_t)jv_string_length_bytes(jv_copy(v)), termadd,
		    p);
	} else if (jv_get_kind(v) == JV_KIND_ARRAY && depth < 4) {
		jv_array_foreach(v, i, e) {
			addterms(p, e, depth + 1);
			(void)i;
		}
	}
	jv_free(v);
}

int
fit_plan_load(struct fitplan *p, jv plan, const char **why)
{
	const char *task, *sub;
	jv src;
	size_t i;

	memset(p, 0, sizeof(*p));
	p->forms = FORMS_ALL;
	if (jv_get_kind(plan) != JV_KIND_OBJECT) {
		*why = "the plan is not a JSON object";
		return -1;
	}
	task = ads_json_str(plan, "task", NULL);
	sub = ads_json_str(plan, "task_id", NULL);
	if (task != NULL) {
		for (i = 0; i < sizeof(v1tasks) / sizeof(v1tasks[0]); i++)
			if (strcmp(v1tasks[i].v1, task) == 0) {
				/* A version 1 name; a v2 task_id wins. */
				if (sub == NULL)
					sub = v1tasks[i].task_id;
				task = v1tasks[i].task;
				break;
			}
		p->task = xstrdup(task);
		p->task_id = sub != NULL ? xstrdup(sub) : NULL;
		p->forms = fit_task_forms(p->task, p->task_id);
	}
	addterms(p, ads_json_get(plan, "domain"), 0);
	addterms(p, ads_json_get(plan, "keywords"), 0);
	src = ads_json_get(plan, "sources");
	if (jv_get_kind(src) == JV_KIND_OBJECT) {
		jv_object_foreach(src, k, v) {
			jv q = ads_json_get(v, "queries_by_lang");

			if (jv_get_kind(q) == JV_KIND_OBJECT) {
				jv_object_foreach(q, lk, lv) {
					addterms(p, lv, 0);
					jv_free(lk);
				}
			}
			jv_free(q);
			jv_free(k);
			jv_free(v);
		}
	}
	jv_free(src);
	return 0;
}

void
fit_plan_free(struct fitplan *p)
{
	size_t i;

	for (i = 0; i < p->nterms; i++)
		free(p->terms[i].w);
	free(p->terms);
	free(p->slots);
	free(p->task);
	free(p->task_id);
	memset(p, 0, sizeof(*p));
}

static int
isstr(jv rec, const char *key)
{
	return ads_json_str(rec, key, NULL) != NULL;
}

static int
iskind(jv rec, const char *key, jv_kind kind)
{
	jv v = ads_json_get(rec, key);
	int r = jv_get_kind(v) == kind;

	jv_free(v);
	return r;
}

enum form
fit_form(jv rec)
{
	const char *src, *kind;
	jv meta;
	enum form f;

	/* The shape first: a task row says what it is. */
	if (iskind(rec, "messages", JV_KIND_ARRAY))
		return FORM_THREAD;
	if (isstr(rec, "question") && (ads_json_has(rec, "answer") ||
	    isstr(rec, "context")))
		return FORM_QA;
	if (isstr(rec, "summary"))
		return FORM_SUMMARY;
	if (iskind(rec, "translation", JV_KIND_OBJECT))
		return FORM_TRANSLATION;
	if (isstr(rec, "code"))
		return FORM_CODE;
	if (iskind(rec, "tokens", JV_KIND_ARRAY) &&
	    iskind(rec, "tags", JV_KIND_ARRAY))
		return FORM_TAGGED;
	src = ads_json_str(rec, "source", NULL);
	if (src == NULL)
		return FORM_TEXT;
	if (strcmp(src, "github") == 0)
		return FORM_README;
	if (strcmp(src, "arxiv") == 0)
		return FORM_ABSTRACT;
	if (strcmp(src, "wikipedia") == 0)
		return FORM_ENCYCLOPEDIA;
	if (strcmp(src, "news") == 0)
		return FORM_NEWS;
	if (strcmp(src, "youtube") == 0)
		return FORM_TRANSCRIPT;
	meta = ads_json_get(rec, "meta");
	f = FORM_TEXT;
	if (strcmp(src, "reddit") == 0) {
		kind = ads_json_str(meta, "kind", NULL);
		f = kind != NULL && strcmp(kind, "comment") == 0 ?
		    FORM_COMMENT : FORM_POST;
	} else if (strcmp(src, "huggingface") == 0 ||
	    strcmp(src, "kaggle") == 0)
		/* A dataset's row (a file's, on Kaggle), or its own card. */
		f = ads_json_has(meta, "row") ? FORM_ROW : FORM_DATASET_CARD;
	jv_free(meta);
	return f;
}

/* Scratch for fit_relevance: term frequencies and the word count. */
static struct {
	const struct fitplan	*p;
	unsigned		*tf;
	size_t			 cap;
	size_t			 len;
} doc;

static void
docword(const char *w, size_t n, void *arg)
{
	long i;

	(void)arg;
	doc.len++;
	i = termfind(doc.p, w, n, ads_hash64(w, n, SEED));
	if (i >= 0)
		doc.tf[i]++;
}

double
fit_relevance(const struct fitplan *p, const char *form, const char *title,
    size_t tn, const char *text, size_t n)
{
	long t;
	double score = 0, norm;
	size_t i;

	if (p->nterms == 0)
		return 0;
	if (doc.cap < p->nterms) {
		doc.tf = xreallocarray(doc.tf, p->nterms, sizeof(*doc.tf));
		doc.cap = p->nterms;
	}
	memset(doc.tf, 0, p->nterms * sizeof(*doc.tf));
	doc.p = p;
	doc.len = 0;
	if (title != NULL) {
		if (tn > FIT_MAXTEXT)
			tn = FIT_MAXTEXT;
		words(title, tn, docword, NULL);
	} else
		tn = 0;
	if (text != NULL) {
		if (n > FIT_MAXTEXT - tn)
			n = FIT_MAXTEXT - tn;
		words(text, n, docword, NULL);
	}
	/* The form matches a plan word of its name, and adds no length. */
	if (form != NULL && (t = termfind(p, form, strlen(form),
	    ads_hash64(form, strlen(form), SEED))) >= 0)
		doc.tf[t]++;
	norm = FIT_K1 * (1 - FIT_B + FIT_B * (double)doc.len / FIT_AVGLEN);
	for (i = 0; i < p->nterms; i++)
		if (doc.tf[i] > 0)
			score += doc.tf[i] * (FIT_K1 + 1) /
			    (doc.tf[i] + norm);
	return score;
}

size_t
fit_content(const struct fitplan *p)
{
	size_t i, k = 0;

	if (doc.p != p)
		return 0;
	for (i = 0; i < p->nterms; i++)
		k += doc.tf[i] > 0 && !p->terms[i].generic;
	return k;
}

void
fit_free(void)
{
	free(doc.tf);
	memset(&doc, 0, sizeof(doc));
}
