/*
 * build.c -- from a brief to the plan of ads-plan(5)
 *
 * The per-source limits come from the target rows, the task's share of
 * each source and each source's expected yield after ads-scrub,
 * ads-dedup and ads-score (the share of fetched records that survive):
 *
 *	limit = ceil(target_rows * share / yield), rounded up to ten
 *
 * Both tables are documented in ads-plan(1); change them together.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "plan.h"

/*
 * Sources nine and ten come last: Semantic Scholar is planned for a
 * science outside computer science, or when the prompt names it;
 * Common Crawl when the prompt names web sites (its index is searched
 * by URL, not by words).
 */
enum src { S_ARXIV, S_GITHUB, S_HF, S_KAGGLE, S_NEWS, S_REDDIT, S_WIKI,
	S_YOUTUBE, S_S2, S_CC, NSRC };

static const char *const srcnames[NSRC] = {
	"arxiv", "github", "huggingface", "kaggle", "news", "reddit",
	"wikipedia", "youtube", "semanticscholar", "commoncrawl"
};

/* Share of the target rows each source is asked for, in percent. */
static const int share[NTASK][NSRC] = {
	/*		arxiv github hf kaggle news reddit wiki youtube s2 cc */
	/*
	 * Labelled datasets first: Hugging Face and Kaggle rows carry
	 * their labels, mapped onto the plan's (ads-labels(7)); the rest
	 * is labelled by ads-label.
	 */
	[TASK_SENTIMENT] =	{ 1, 1, 55, 30, 2, 6, 1, 4, 0, 0 },
	[TASK_CLASSIFICATION] =	{ 10, 5, 25, 15, 15, 15, 10, 5, 0, 0 },
	[TASK_QA] =		{ 5, 5, 25, 10, 5, 20, 25, 5, 0, 0 },
	[TASK_SUMMARIZATION] =	{ 20, 5, 20, 5, 25, 5, 15, 5, 0, 0 },
	[TASK_NER] =		{ 5, 5, 20, 10, 25, 5, 30, 0, 0, 0 },
	[TASK_TRANSLATION] =	{ 3, 2, 35, 10, 10, 5, 30, 5, 0, 0 },
	[TASK_DIALOGUE] =	{ 2, 5, 25, 10, 3, 35, 5, 15, 0, 0 },
	[TASK_CODE] =		{ 5, 50, 20, 10, 1, 10, 3, 1, 0, 0 },
	[TASK_LM] =		{ 10, 5, 15, 5, 15, 15, 25, 10, 0, 0 },
};

/* Expected share of fetched records kept after refinement, percent. */
static const int yield[NSRC] = { 90, 60, 80, 70, 60, 50, 90, 50, 80, 40 };

/*
 * The Semantic Scholar field of study for an arXiv category's archive
 * ("astro-ph" -> Physics), for the fetcher's fieldsOfStudy filter.
 */
static const char *const s2fields[][2] = {
	{ "astro-ph", "Physics" }, { "cond-mat", "Physics" },
	{ "gr-qc", "Physics" }, { "hep-", "Physics" }, { "nucl-", "Physics" },
	{ "physics", "Physics" }, { "quant-ph", "Physics" },
	{ "nlin", "Physics" }, { "math", "Mathematics" },
	{ "stat", "Mathematics" }, { "q-bio", "Biology" },
	{ "q-fin", "Economics" }, { "econ", "Economics" },
	{ "eess", "Engineering" }, { "cs.", "Computer Science" },
	{ NULL, NULL }
};

/* Short task words for dataset search engines (Hugging Face, Kaggle). */
static const char *const taskword[NTASK] = {
	"sentiment", "classification", "question answering", "summarization",
	"ner", "translation", "dialogue", "code", NULL
};

char *
plan_squeeze(const char *s, const char *drop)
{
	struct ads_buf b = ADS_BUF_INIT;
	const unsigned char *p;
	int space = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p <= 0x20 || *p == 0x7f || strchr(drop, *p) != NULL) {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			ads_buf_addc(&b, ' ');
		space = 0;
		ads_buf_addc(&b, (char)*p);
	}
	return ads_buf_detach(&b, NULL);
}

/*
 * clean -- s without control characters, quotes, parentheses,
 * backslashes and colons, spaces squeezed and trimmed: safe inside any
 * source's query syntax, where "field:value" would be an operator (a
 * model's keyword "user:x" must stay words).  Caller frees.
 */
static char *
clean(const char *s)
{
	return plan_squeeze(s, "\"()\\:");
}

/* quoted -- "a b" for a phrase, the word alone otherwise. */
static void
quoted(struct ads_buf *b, const char *s)
{
	if (strchr(s, ' ') != NULL)
		ads_buf_addf(b, "\"%s\"", s);
	else
		ads_buf_adds(b, s);
}

int
plan_has(jv a, const char *s)
{
	int found = 0;

	jv_array_foreach(a, i, x) {
		if (jv_get_kind(x) == JV_KIND_STRING &&
		    strcmp(jv_string_value(x), s) == 0)
			found = 1;
		jv_free(x);
	}
	return found;
}

/* push -- append the string s to a unless empty or present; consumes a. */
static jv
push(jv a, const char *s)
{
	if (s[0] == '\0' || plan_has(a, s))
		return a;
	return jv_array_append(a, jv_string(s));
}

/* pushall -- push each string of b (borrowed) to a (consumed). */
static jv
pushall(jv a, jv b)
{
	jv_array_foreach(b, i, x) {
		if (jv_get_kind(x) == JV_KIND_STRING)
			a = push(a, jv_string_value(x));
		jv_free(x);
	}
	return a;
}

static jv
pushbuf(jv a, struct ads_buf *b)
{
	if (b->len > 0)
		a = push(a, b->p);
	ads_buf_reset(b);
	return a;
}

/* first -- at most n elements of a (consumed). */
static jv
first(jv a, int n)
{
	int len = jv_array_length(jv_copy(a));

	return len <= n ? a : jv_array_slice(a, 0, n);
}

/*
 * render -- keyword kw for a search in lang: its rendering in the table
 * of phrases, else kw itself when the keywords are in that language (own
 * is the brief's prompt_lang, NULL when they may be in any), else NULL.
 */
static char *
render(const char *kw, const char *own, const char *lang)
{
	char *t = plan_translate(kw, lang);

	if (t != NULL)
		return t;
	if (own == NULL || strcmp(own, lang) == 0)
		return xstrdup(kw);
	return NULL;
}

static jv
pushclean(jv a, char *s)
{
	char *c;

	if (s == NULL)
		return a;
	c = clean(s);
	a = push(a, c);
	free(c);
	free(s);
	return a;
}

/*
 * topics -- the cleaned keywords for a search in lang, then the domain:
 * each rendered in lang when the table of phrases knows it.  Keywords in
 * another language that it does not know come last for the sources
 * searched by language edition (edition searches still match foreign
 * names), and not at all for the English ones (english).  Never empty:
 * the task's phrase stands in.  Borrows brief.
 */
static jv
topics(jv brief, const char *lang, int english)
{
	jv kw = ads_json_get(brief, "keywords"), out = jv_array(),
	    rest = jv_array();
	const char *dom = ads_json_str(brief, "domain", NULL);
	const char *own = ads_json_str(brief, "prompt_lang", NULL);
	char *r;
	int t;

	if (jv_get_kind(kw) == JV_KIND_ARRAY)
		jv_array_foreach(kw, i, x) {
			if (jv_get_kind(x) == JV_KIND_STRING) {
				r = render(jv_string_value(x), own, lang);
				if (r != NULL)
					out = pushclean(out, r);
				else if (!english)
					rest = pushclean(rest,
					    xstrdup(jv_string_value(x)));
			}
			jv_free(x);
		}
	jv_free(kw);
	if (dom != NULL) {
		r = plan_translate(dom, lang);
		if (r == NULL && (strcmp(lang, "en") == 0 || !english))
			r = xstrdup(dom);
		out = pushclean(out, r);
	}
	out = pushall(out, rest);
	jv_free(rest);
	if (jv_array_length(jv_copy(out)) == 0) {
		t = plan_task_id(ads_json_str(brief, "task", NULL));
		out = push(out, t >= 0 && t != TASK_LM ?
		    plan_task_phrase[t] : "general knowledge");
	}
	return out;
}

/* phrases -- each of a (consumed) quoted when a phrase (DuckDuckGo). */
static jv
phrases(jv a)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv out = jv_array();

	jv_array_foreach(a, i, x) {
		quoted(&b, jv_string_value(x));
		out = pushbuf(out, &b);
		jv_free(x);
	}
	jv_free(a);
	ads_buf_free(&b);
	return out;
}

/*
 * bylang -- the topics for each of langs, as {"es": [...], ...}, each
 * at most n, phrases quoted when quote.  Borrows brief and langs.
 */
static jv
bylang(jv brief, jv langs, int n, int quote)
{
	jv o = jv_object(), a;

	jv_array_foreach(langs, i, l) {
		a = topics(brief, jv_string_value(l), 0);
		if (quote)
			a = phrases(a);
		o = jv_object_set(o, l, first(a, n));
	}
	return o;
}

/*
 * interleave -- the union of by's lists (in the order of langs), taking
 * each one's first, then each one's second, ..., at most n.
 */
static jv
interleave(jv by, jv langs, int n)
{
	jv out = jv_array(), a, x;
	int k, more = 1;

	for (k = 0; more && jv_array_length(jv_copy(out)) < n; k++) {
		more = 0;
		jv_array_foreach(langs, i, l) {
			a = jv_object_get(jv_copy(by), l);
			if (jv_get_kind(a) == JV_KIND_ARRAY &&
			    k < jv_array_length(jv_copy(a))) {
				more = 1;
				x = jv_array_get(jv_copy(a), k);
				if (jv_array_length(jv_copy(out)) < n)
					out = push(out, jv_string_value(x));
				jv_free(x);
			}
			jv_free(a);
		}
	}
	return out;
}

/*
 * langname -- the English name of language code c, capitalised
 * ("Spanish"), in buf; NULL when unknown.
 */
static const char *
langname(const char *c, char *buf, size_t sz)
{
	size_t i, n;

	for (i = 0; i < plan_nlangs; i++) {
		if (strcmp(plan_langs[i].code, c) != 0)
			continue;
		n = strcspn(plan_langs[i].names, " *");
		if (n == 0 || n >= sz)
			return NULL;
		memcpy(buf, plan_langs[i].names, n);
		buf[n] = '\0';
		if (buf[0] >= 'a' && buf[0] <= 'z')
			buf[0] = (char)(buf[0] - 'a' + 'A');
		return buf;
	}
	return NULL;
}

/* foreign -- the k-th language of langs other than English, or NULL. */
static const char *
foreign(jv langs, int k, char *buf, size_t sz)
{
	const char *r = NULL;

	jv_array_foreach(langs, i, l) {
		if (r == NULL && strcmp(jv_string_value(l), "en") != 0 &&
		    k-- == 0)
			r = langname(jv_string_value(l), buf, sz);
		jv_free(l);
	}
	return r;
}

/*
 * arxiv_queries -- for the first topic a title search and, unless the
 * task is language modelling or the domain a science (sci: its
 * abstracts are the data, papers about the task are not), the task's
 * phrase with it in the abstract and with each of the first two
 * languages other than English ("abs:Spanish"); then each of the first
 * three topics anywhere.  Each query is restricted to the categories.
 */
static jv
arxiv_queries(jv top, int tk, jv cats, jv langs, int sci)
{
	struct ads_buf b = ADS_BUF_INIT, cat = ADS_BUF_INIT;
	jv q = jv_array();
	int n = jv_array_length(jv_copy(cats)), k;
	const char *ln;
	char name[32];

	jv_array_foreach(cats, i, x) {
		ads_buf_addf(&cat, "%s%s", i == 0 ? "" : " OR ",
		    "cat:");
		ads_buf_adds(&cat, jv_string_value(x));
		jv_free(x);
	}
#define CATS() do {							\
	if (n > 0)							\
		ads_buf_addf(&b, n > 1 ? " AND (%s)" : " AND %s", cat.p); \
	} while (0)
	jv_array_foreach(top, i, x) {
		if (i == 0) {
			ads_buf_adds(&b, "ti:");
			quoted(&b, jv_string_value(x));
			CATS();
			q = pushbuf(q, &b);
		}
		if (i == 0 && tk != TASK_LM && !sci &&
		    strcmp(jv_string_value(x), plan_task_phrase[tk]) != 0) {
			ads_buf_adds(&b, "abs:");
			quoted(&b, plan_task_phrase[tk]);
			ads_buf_adds(&b, " AND abs:");
			quoted(&b, jv_string_value(x));
			CATS();
			q = pushbuf(q, &b);
		}
		jv_free(x);
	}
	for (k = 0; k < 2 && tk != TASK_LM && !sci; k++) {
		ln = foreign(langs, k, name, sizeof(name));
		if (ln == NULL)
			break;
		ads_buf_adds(&b, "abs:");
		quoted(&b, plan_task_phrase[tk]);
		ads_buf_addf(&b, " AND abs:%s", ln);
		CATS();
		q = pushbuf(q, &b);
	}
	jv_array_foreach(top, i, x) {
		if (i < 3) {
			ads_buf_adds(&b, "all:");
			quoted(&b, jv_string_value(x));
			CATS();
			q = pushbuf(q, &b);
		}
		jv_free(x);
	}
#undef CATS
	ads_buf_free(&b);
	ads_buf_free(&cat);
	jv_free(top);
	jv_free(cats);
	return q;
}

static jv
github_qualifiers(jv progs)
{
	jv q = jv_array();
	struct ads_buf b = ADS_BUF_INIT;

	q = jv_array_append(q, jv_string("in:name,description,readme"));
	q = jv_array_append(q, jv_string("stars:>10"));
	if (jv_array_length(jv_copy(progs)) > 0) {
		jv x = jv_array_get(jv_copy(progs), 0);

		ads_buf_addf(&b, "language:%s", jv_string_value(x));
		q = pushbuf(q, &b);
		jv_free(x);
	}
	ads_buf_free(&b);
	return q;
}

/*
 * github_queries -- each topic with the qualifiers; first, when the task
 * has a GitHub topic, the first topic within it ("topic:chatbot").
 */
static jv
github_queries(jv top, jv qual, int tk)
{
	struct ads_buf b = ADS_BUF_INIT, qs = ADS_BUF_INIT;
	jv q = jv_array();

	jv_array_foreach(qual, j, y) {
		ads_buf_addf(&qs, " %s", jv_string_value(y));
		jv_free(y);
	}
	jv_array_foreach(top, i, x) {
		if (i == 0 && plan_task_topic[tk] != NULL) {
			quoted(&b, jv_string_value(x));
			ads_buf_addf(&b, " topic:%s%s", plan_task_topic[tk],
			    qs.len > 0 ? qs.p : "");
			q = pushbuf(q, &b);
		}
		quoted(&b, jv_string_value(x));
		ads_buf_adds(&b, qs.len > 0 ? qs.p : "");
		q = pushbuf(q, &b);
		jv_free(x);
	}
	ads_buf_free(&b);
	ads_buf_free(&qs);
	jv_free(top);
	return q;
}

/* weak -- w is one of plan_hf_weak (ASCII case ignored). */
static int
weak(const char *w)
{
	char low[64];
	size_t i;

	for (i = 0; w[i] != '\0' && i + 1 < sizeof(low); i++)
		low[i] = (char)tolower((unsigned char)w[i]);
	low[i] = '\0';
	return w[i] == '\0' && plan_inlist(low, plan_hf_weak);
}

/*
 * hf_queries -- Hugging Face matches words of dataset ids: single
 * words, the task's first, without the weak ones.
 */
static jv
hf_queries(jv top, int tk)
{
	jv q = jv_array();
	char *w, *p, *save = NULL;

	if (taskword[tk] != NULL && strchr(taskword[tk], ' ') == NULL)
		q = push(q, taskword[tk]);
	else if (tk == TASK_QA)
		q = push(q, "qa");
	jv_array_foreach(top, i, x) {
		w = xstrdup(jv_string_value(x));
		for (p = strtok_r(w, " -", &save); p != NULL;
		    p = strtok_r(NULL, " -", &save))
			if (strlen(p) >= 3 && jv_array_length(jv_copy(q)) < 6 &&
			    !weak(p))
				q = push(q, p);
		free(w);
		jv_free(x);
	}
	jv_free(top);
	return q;
}

/*
 * kaggle_queries -- the first topic with the task's word, the first
 * language other than English with it ("spanish sentiment"), then the
 * topics.
 */
static jv
kaggle_queries(jv top, int tk, jv langs)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv q = jv_array(), x;
	char name[32];
	const char *ln;

	if (taskword[tk] != NULL && jv_array_length(jv_copy(top)) > 0) {
		x = jv_array_get(jv_copy(top), 0);
		ads_buf_addf(&b, "%s %s", jv_string_value(x), taskword[tk]);
		q = pushbuf(q, &b);
		jv_free(x);
	}
	ln = foreign(langs, 0, name, sizeof(name));
	if (taskword[tk] != NULL && ln != NULL) {
		ads_buf_addf(&b, "%s %s", ln, taskword[tk]);
		q = pushbuf(q, &b);
	}
	q = pushall(q, top);
	ads_buf_free(&b);
	jv_free(top);
	return first(q, 5);
}

/*
 * langsubs -- subs (consumed) and two subreddits written in each of the
 * first two languages other than English: after subs when English is
 * wanted, before them otherwise.
 */
static jv
langsubs(jv subs, jv langs)
{
	jv w, dom = subs;
	size_t i;
	int k = 0, en = plan_has(langs, "en");
	char code[4];

	if (jv_get_kind(dom) != JV_KIND_ARRAY) {
		jv_free(dom);
		dom = jv_array();
	}
	subs = en ? dom : jv_array();
	jv_array_foreach(langs, li, l) {
		for (i = 0; k < 2 && strcmp(jv_string_value(l), "en") != 0 &&
		    plan_lang_subs[i] != NULL; i++) {
			snprintf(code, sizeof(code), "%s ",
			    jv_string_value(l));
			if (strncmp(plan_lang_subs[i], code, strlen(code)) != 0)
				continue;
			k++;
			w = first(plan_words(plan_lang_subs[i] + strlen(code)),
			    2);
			subs = pushall(subs, w);
			jv_free(w);
			break;
		}
		jv_free(l);
	}
	if (!en) {
		subs = pushall(subs, dom);
		jv_free(dom);
	}
	return subs;
}

/*
 * shares -- the task's shares in percent.  The sources the prompt names
 * get PLAN_NAMEDPCT percent between them (in proportion to the task's
 * shares, evenly when those are all 0), or all of it when the prompt
 * says "only"; the others the rest, in proportion.  Returns the reason
 * for the plan's quota_reason, or NULL when no source was named.
 */
static char *
shares(int tk, jv prefer, int only, int sci, int sites, double out[NSRC])
{
	struct ads_buf why = ADS_BUF_INIT;
	double in = 0, rest = 0, pin, n = 0;
	int s, named[NSRC];

	for (s = 0; s < NSRC; s++) {
		named[s] = jv_get_kind(prefer) == JV_KIND_ARRAY &&
		    plan_has(prefer, srcnames[s]);
		out[s] = share[tk][s];
		/* Papers of every science, beside arXiv's. */
		if (s == S_S2 && sci)
			out[s] = share[tk][S_ARXIV] > 5 ? share[tk][S_ARXIV] : 5;
		/* The sites the prompt names, from the web archive. */
		if (s == S_CC && sites)
			out[s] = 25;
		if (named[s]) {
			in += out[s];
			n++;
		} else
			rest += out[s];
	}
	if (n == 0) {
		for (s = 0; s < NSRC; s++)
			out[s] = out[s] * 100 / (in + rest);
		return NULL;
	}
	pin = only ? 100 : PLAN_NAMEDPCT;
	for (s = 0; s < NSRC; s++) {
		if (named[s])
			out[s] = in > 0 ? out[s] * pin / in : pin / n;
		else
			out[s] = rest > 0 ? out[s] * (100 - pin) / rest : 0;
	}
	ads_buf_adds(&why, "the request names ");
	for (s = 0; s < NSRC; s++)
		if (named[s])
			ads_buf_addf(&why, "%s%s", why.p[why.len - 1] == ' ' ?
			    "" : ", ", srcnames[s]);
	if (only)
		ads_buf_addf(&why, " only: all the rows come from %s",
		    n > 1 ? "them" : "it");
	else
		ads_buf_addf(&why, ": %d%% of the rows come from %s, the "
		    "rest from the others", PLAN_NAMEDPCT, n > 1 ? "them" :
		    "it");
	return ads_buf_detach(&why, NULL);
}

/* quota -- the rows wanted from a source after refinement. */
static long long
quota(long long rows, double pct)
{
	return (long long)ceil((double)rows * pct / 100 - 1e-9);
}

static long long
limit(long long rows, double pct, int s)
{
	double v = ceil((double)rows * pct / yield[s] - 1e-9);
	long long l = (long long)(ceil(v / 10) * 10);

	if (l < 10)
		l = 10;
	if (l > PLAN_MAXROWS * 10)
		l = PLAN_MAXROWS * 10;
	return l;
}

/* The subtasks of each task (ads-plan(5)); the first is the default. */
static const char *const subtasks[NTASK] = {
	[TASK_SENTIMENT] = "sentiment-classification sentiment-scoring",
	[TASK_CLASSIFICATION] = "topic-classification "
	    "multi-class-classification multi-label-classification "
	    "sentiment-classification sentiment-scoring "
	    "hate-speech-detection fact-checking natural-language-inference "
	    "intent-classification language-identification",
	[TASK_QA] = "extractive-qa open-domain-qa closed-domain-qa "
	    "abstractive-qa multiple-choice-qa",
	[TASK_SUMMARIZATION] = "news-articles-summarization",
	[TASK_NER] = "named-entity-recognition part-of-speech",
	[TASK_TRANSLATION] = "",
	[TASK_DIALOGUE] = "dialogue-modeling dialogue-generation",
	[TASK_CODE] = "",
	[TASK_LM] = "language-modeling",
};

/* subtask_ok -- id is one of task tk's subtasks. */
static int
subtask_ok(int tk, const char *id)
{
	jv w = plan_words(subtasks[tk]);
	int r = plan_has(w, id);

	jv_free(w);
	return r;
}

/*
 * labels_of -- the brief's label set, when the task takes labels and the
 * brief has some; else the task's default.  Sets *task_id.
 */
static jv
labels_of(jv brief, int tk, jv langs, const char **task_id)
{
	jv l = ads_json_get(brief, "labels");
	const char *id = ads_json_str(brief, "task_id", NULL);

	if (tk != TASK_SENTIMENT && tk != TASK_CLASSIFICATION &&
	    tk != TASK_NER) {
		jv_free(l);
		l = jv_array();
	} else if (jv_get_kind(l) != JV_KIND_ARRAY ||
	    jv_array_length(jv_copy(l)) == 0) {
		jv_free(l);
		/* the subtask's words stand for the prompt's */
		l = plan_labels(tk, jv_array(), LABELS_NONE,
		    id != NULL ? id : "", ads_json_str(brief, "domain", NULL),
		    langs, &id);
	}
	if (id == NULL || !subtask_ok(tk, id))
		id = plan_task_subtask[tk];
	if (tk == TASK_SUMMARIZATION && id == NULL &&
	    ads_json_str(brief, "domain", NULL) != NULL &&
	    strcmp(ads_json_str(brief, "domain", NULL), "news") == 0)
		id = "news-articles-summarization";
	*task_id = id;
	return l;
}

/*
 * scicats -- cats holds a category whose papers are not about text
 * (anything but cs.CL, cs.IR, cs.SI, cs.CY, cs.HC, cs.DL and the task's
 * own): the domain's abstracts are then the data, and the task's
 * category is left out.
 */
static int
scicats(jv cats, const char *own)
{
	static const char textcats[] = " cs.CL cs.IR cs.SI cs.CY cs.HC cs.DL ";
	char w[32];
	int r = 0;

	if (jv_get_kind(cats) != JV_KIND_ARRAY)
		return 0;
	jv_array_foreach(cats, i, x) {
		if (jv_get_kind(x) == JV_KIND_STRING) {
			snprintf(w, sizeof(w), " %s ", jv_string_value(x));
			if (strstr(textcats, w) == NULL &&
			    strcmp(jv_string_value(x), own) != 0)
				r = 1;
		}
		jv_free(x);
	}
	return r;
}

static jv
round2(double v)
{
	return jv_number(round(v * 100) / 100);
}

jv
plan_rescale(jv plan, long long rows)
{
	jv src = ads_json_get(plan, "sources"), out = jv_object();
	double old = 0, w[NSRC] = { 0 }, sum = 0, pct, l, sh;
	int s, known;

	ads_json_num(plan, "target_rows", &old);
	plan = ads_json_set(plan, "target_rows", jv_number((double)rows));
	if (jv_get_kind(src) != JV_KIND_OBJECT) {
		jv_free(src);
		jv_free(out);
		return plan;
	}
	/* A version 1 plan has no shares: its limits times the yields. */
	for (s = 0; s < NSRC; s++) {
		jv x = ads_json_get(src, srcnames[s]);

		if (jv_get_kind(x) == JV_KIND_OBJECT &&
		    ads_json_num(x, "limit", &l) == 0 && l > 0)
			w[s] = (l < (double)PLAN_MAXROWS * 10 ? l :
			    (double)PLAN_MAXROWS * 10) * yield[s];
		sum += w[s];
		jv_free(x);
	}
	jv_object_foreach(src, k, x) {
		known = -1;
		for (s = 0; s < NSRC; s++)
			if (strcmp(jv_string_value(k), srcnames[s]) == 0)
				known = s;
		if (jv_get_kind(x) == JV_KIND_OBJECT && known >= 0) {
			s = known;
			if (ads_json_num(x, "share", &sh) == 0 && sh >= 0 &&
			    sh <= 100)
				pct = sh;
			else
				pct = sum > 0 ? w[s] * 100 / sum : 0;
			x = ads_json_set(x, "share", round2(pct));
			x = ads_json_set(x, "quota",
			    jv_number((double)quota(rows, pct)));
			x = ads_json_set(x, "limit",
			    jv_number((double)limit(rows, pct, s)));
		} else if (jv_get_kind(x) == JV_KIND_OBJECT && old > 0 &&
		    ads_json_num(x, "limit", &l) == 0 && l > 0) {
			/* a source ads-plan does not know: in proportion */
			l = ceil(l * (double)rows / old);
			if (!(l <= (double)PLAN_MAXROWS * 10))
				l = (double)PLAN_MAXROWS * 10;
			x = ads_json_set(x, "limit", jv_number(l < 10 ? 10 : l));
		}
		out = jv_object_set(out, k, x);
	}
	jv_free(src);
	return ads_json_set(plan, "sources", out);
}

/*
 * plan_sites -- the web sites a prompt names ("from bbc.co.uk and
 * lemonde.fr"), lower-cased, each once, at most 8: dot-separated
 * labels of letters, digits and dashes whose last is 2 to 24 letters;
 * never a mail address or part of a URL path.  With mask (strlen(prompt)
 * bytes), the bytes of every site name met are set to 1 there.
 */
jv
plan_sites(const char *prompt, char *mask)
{
	jv out = jv_array();
	const char *p = prompt, *st, *e, *dot;
	char buf[254];
	size_t n, i;
	int ok, dots;

	while (*p != '\0' && jv_array_length(jv_copy(out)) < 8) {
		if (!isalnum((unsigned char)*p)) {
			p++;
			continue;
		}
		st = p;
		dots = 0;
		while (isalnum((unsigned char)*p) || *p == '-' ||
		    (*p == '.' && isalnum((unsigned char)p[1]))) {
			dots += *p == '.';
			p++;
		}
		e = p;
		n = (size_t)(e - st);
		if (dots == 0 || n >= sizeof(buf) || (st > prompt &&
		    (st[-1] == '@' || st[-1] == '/' || st[-1] == '.')) ||
		    *e == '@')
			continue;
		dot = e;
		while (dot > st && dot[-1] != '.')
			dot--;
		ok = e - dot >= 2 && e - dot <= 24;
		for (i = 0; ok && dot + i < e; i++)
			ok = isalpha((unsigned char)dot[i]);
		if (!ok)
			continue;
		if (mask != NULL)
			memset(mask + (st - prompt), 1, n);
		for (i = 0; i < n; i++)
			buf[i] = (char)tolower((unsigned char)st[i]);
		buf[n] = '\0';
		if (strncmp(buf, "www.", 4) == 0)
			memmove(buf, buf + 4, n - 3);
		if (!plan_has(out, buf))
			out = jv_array_append(out, jv_string(buf));
	}
	return out;
}

/* s2_queries -- the topics as plain words, four at most. */
static jv
s2_queries(jv top, int tk)
{
	jv out = jv_array();
	int n = 0;

	jv_array_foreach(top, i, x) {
		if (jv_get_kind(x) == JV_KIND_STRING && n < 4) {
			char *c = clean(jv_string_value(x));

			if (*c != '\0' && !plan_has(out, c)) {
				out = jv_array_append(out, jv_string(c));
				n++;
			}
			free(c);
		}
		jv_free(x);
	}
	jv_free(top);
	if (n == 0)
		out = jv_array_append(out, jv_string(taskword[tk] != NULL ?
		    taskword[tk] : "language"));
	return out;
}

/* s2_fields -- Semantic Scholar's fields of study for arXiv categories. */
static jv
s2_fields(jv cats)
{
	jv out = jv_array();
	size_t k;

	jv_array_foreach(cats, i, x) {
		for (k = 0; jv_get_kind(x) == JV_KIND_STRING &&
		    s2fields[k][0] != NULL; k++)
			if (strncmp(jv_string_value(x), s2fields[k][0],
			    strlen(s2fields[k][0])) == 0) {
				if (!plan_has(out, s2fields[k][1]))
					out = jv_array_append(out,
					    jv_string(s2fields[k][1]));
				break;
			}
		jv_free(x);
	}
	return out;
}

/* What the plan's sources are made from. */
struct bctx {
	jv	 brief;		/* borrowed */
	jv	 langs, cats, subs, progs, sites;
	int	 tk, sci;
};

/* Words of a request about sites that say nothing of the topic. */
static const char *const webnouns[] = {
	"page", "pages", "site", "sites", "website", "websites", "webpage",
	"webpages", NULL
};

/*
 * sitefree -- the keywords kw (consumed) without the site names of
 * sites and, when there are sites, without the words that only say
 * "pages of" them: the sites are Common Crawl's domain patterns, no
 * keywords ("pages of example.org" has no keyword "pages" or "org").
 */
static jv
sitefree(jv kw, jv sites)
{
	jv out = jv_array();
	struct ads_buf b = ADS_BUF_INIT;
	char *low, *w, *save = NULL, *p;
	size_t k;

	if (jv_get_kind(kw) != JV_KIND_ARRAY ||
	    jv_array_length(jv_copy(sites)) == 0) {
		jv_free(out);
		return kw;
	}
	jv_array_foreach(kw, i, x) {
		if (jv_get_kind(x) != JV_KIND_STRING) {
			jv_free(x);
			continue;
		}
		low = xstrdup(jv_string_value(x));
		for (p = low; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		if (plan_has(sites, strncmp(low, "www.", 4) == 0 ? low + 4 :
		    low)) {
			free(low);
			jv_free(x);
			continue;
		}
		/* The phrase without its web nouns ("news pages": news). */
		ads_buf_reset(&b);
		for (p = low; (w = strtok_r(p, " ", &save)) != NULL; p = NULL) {
			for (k = 0; webnouns[k] != NULL &&
			    strcmp(w, webnouns[k]) != 0; k++)
				;
			if (webnouns[k] != NULL)
				continue;
			if (b.len > 0)
				ads_buf_addc(&b, ' ');
			ads_buf_adds(&b, w);
		}
		if (b.len == strlen(jv_string_value(x)))
			out = push(out, jv_string_value(x));
		else if (b.len > 0 && !plan_has(out, b.p))
			out = jv_array_append(out, jv_string(b.p));
		free(low);
		jv_free(x);
	}
	ads_buf_free(&b);
	jv_free(kw);
	return out;
}

/*
 * catsof -- the arXiv categories: the task's own first, unless the
 * domain is a science outside computer science (*sci): astrophysics
 * searches astro-ph, not cs.CL.
 */
static jv
catsof(jv brief, int tk, int *sci)
{
	jv bc = ads_json_get(brief, "categories"), cats;

	*sci = scicats(bc, plan_task_cats[tk]);
	cats = *sci ? jv_array() : push(jv_array(), plan_task_cats[tk]);
	if (jv_get_kind(bc) == JV_KIND_ARRAY)
		cats = pushall(cats, bc);
	jv_free(bc);
	return cats;
}

/* source -- the queries and settings of source s for topics top. */
static jv
source(const struct bctx *c, int s, jv top)
{
	jv src = jv_object(), q, qual, ds, by;

	/* the queries first, then what src gets */
	switch (s) {
	case S_ARXIV:
		q = arxiv_queries(jv_copy(top), c->tk, jv_copy(c->cats),
		    c->langs, c->sci);
		src = ads_json_set(src, "categories", jv_copy(c->cats));
		break;
	case S_GITHUB:
		qual = github_qualifiers(c->progs);
		q = github_queries(first(jv_copy(top), 4), qual, c->tk);
		src = ads_json_set(src, "qualifiers", qual);
		break;
	case S_HF:
		q = hf_queries(jv_copy(top), c->tk);
		src = ads_json_set(src, "task_category",
		    jv_string(plan_task_hf[c->tk]));
		/*
		 * Only when some are named: ads-fetch-huggingface reads
		 * named datasets instead of searching.
		 */
		ds = ads_json_get(c->brief, "datasets");
		if (jv_get_kind(ds) == JV_KIND_ARRAY &&
		    jv_array_length(jv_copy(ds)) > 0)
			src = ads_json_set(src, "datasets", ds);
		else
			jv_free(ds);
		break;
	case S_KAGGLE:
		q = kaggle_queries(jv_copy(top), c->tk, c->langs);
		break;
	case S_S2:
		/* Plain words: the Graph API's search has no fields. */
		q = s2_queries(jv_copy(top), c->tk);
		src = ads_json_set(src, "fields_of_study",
		    c->sci ? s2_fields(c->cats) : jv_array());
		break;
	case S_CC:
		q = jv_copy(c->sites);
		break;
	default:
		/*
		 * Searched by language: each language's own queries, and
		 * their union for fetchers that run every query in every
		 * language.
		 */
		by = bylang(c->brief, c->langs, s == S_REDDIT ? 3 : 5,
		    s == S_NEWS);
		q = interleave(by, c->langs, s == S_REDDIT ? 4 :
		    s == S_WIKI ? 8 : 6);
		src = ads_json_set(src, "queries_by_lang", by);
		/* A model's subreddits are taken as they are. */
		if (s == S_REDDIT)
			src = ads_json_set(src, "subreddits",
			    ads_json_str(c->brief, "prompt_lang", NULL) ?
			    langsubs(jv_copy(c->subs), c->langs) :
			    jv_copy(c->subs));
		break;
	}
	return jv_object_merge(ads_json_set(jv_object(), "queries", q), src);
}

jv
plan_build(jv brief, const char *prompt, jv planner)
{
	struct bctx c;
	jv plan, sources, src, top, prefer, labels;
	double pct[NSRC];
	const char *task_id;
	char *why;
	double rows = 0;
	long long nrows;
	int s, only;

	memset(&c, 0, sizeof(c));
	c.tk = plan_task_id(ads_json_str(brief, "task", NULL));
	if (c.tk < 0)
		c.tk = TASK_LM;
	if (ads_json_num(brief, "target_rows", &rows) < 0 || rows < 1)
		rows = PLAN_DEFROWS;
	nrows = rows > (double)PLAN_MAXROWS ? PLAN_MAXROWS : (long long)rows;
	c.langs = ads_json_get(brief, "languages");
	if (jv_get_kind(c.langs) != JV_KIND_ARRAY ||
	    jv_array_length(jv_copy(c.langs)) == 0) {
		jv_free(c.langs);
		c.langs = jv_array_append(jv_array(), jv_string("en"));
	}
	c.cats = catsof(brief, c.tk, &c.sci);
	c.subs = ads_json_get(brief, "subreddits");
	c.progs = ads_json_get(brief, "code_languages");
	if (jv_get_kind(c.progs) != JV_KIND_ARRAY) {
		jv_free(c.progs);
		c.progs = jv_array();
	}
	c.sites = plan_sites(prompt, NULL);
	brief = ads_json_set(brief, "keywords",
	    sitefree(ads_json_get(brief, "keywords"), c.sites));
	c.brief = brief;

	labels = labels_of(brief, c.tk, c.langs, &task_id);
	plan = JV_OBJECT(jv_string("version"), jv_number(2),
	    jv_string("prompt"), jv_string(prompt),
	    jv_string("task"), jv_string(plan_task_v2[c.tk]),
	    jv_string("task_id"), task_id != NULL ? jv_string(task_id) :
	    jv_null(), jv_string("labels"), labels,
	    jv_string("columns"), plan_words(plan_task_columns[c.tk]),
	    jv_string("domain"), ads_json_get(brief, "domain"),
	    jv_string("languages"), jv_copy(c.langs),
	    jv_string("keywords"), ads_json_get(brief, "keywords"));
	plan = ads_json_set(plan, "target_rows", jv_number((double)nrows));
	plan = ads_json_set(plan, "planner", planner);

	prefer = ads_json_get(brief, "prefer");
	{
		jv o = ads_json_get(brief, "prefer_only");

		only = jv_get_kind(o) == JV_KIND_TRUE;
		jv_free(o);
	}
	why = shares(c.tk, prefer, only, c.sci,
	    jv_array_length(jv_copy(c.sites)) > 0, pct);
	jv_free(prefer);
	/* As written in the plan, so that -p gives the same quotas. */
	for (s = 0; s < NSRC; s++)
		pct[s] = round(pct[s] * 100) / 100;
	if (why != NULL) {
		plan = ads_json_set(plan, "quota_reason", jv_string(why));
		free(why);
	}
	sources = jv_object();
	for (s = 0; s < NSRC; s++) {
		/* "only from Reddit": the others are not planned */
		if (only && pct[s] <= 0)
			continue;
		/* Sources nine and ten only when they have a share. */
		if (s >= S_S2 && pct[s] <= 0)
			continue;
		/* Common Crawl's index is searched by site. */
		if (s == S_CC && jv_array_length(jv_copy(c.sites)) == 0)
			continue;
		top = first(topics(brief, "en", 1), 5);
		src = source(&c, s, top);
		src = ads_json_set(src, "share", jv_number(pct[s]));
		src = ads_json_set(src, "quota",
		    jv_number((double)quota(nrows, pct[s])));
		src = ads_json_set(src, "limit",
		    jv_number((double)limit(nrows, pct[s], s)));
		src = ads_json_set(src, "lang", jv_copy(c.langs));
		sources = jv_object_set(sources, jv_string(srcnames[s]), src);
		jv_free(top);
	}
	plan = ads_json_set(plan, "sources", sources);
	jv_free(c.sites);
	jv_free(c.langs);
	jv_free(c.cats);
	jv_free(c.subs);
	jv_free(c.progs);
	jv_free(brief);
	return plan;
}
