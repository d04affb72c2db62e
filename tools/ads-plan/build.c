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
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "plan.h"

enum src { S_ARXIV, S_GITHUB, S_HF, S_KAGGLE, S_NEWS, S_REDDIT, S_WIKI,
	S_YOUTUBE, NSRC };

static const char *const srcnames[NSRC] = {
	"arxiv", "github", "huggingface", "kaggle", "news", "reddit",
	"wikipedia", "youtube"
};

/* Share of the target rows each source is asked for, in percent. */
static const int share[NTASK][NSRC] = {
	/*		arxiv github hf kaggle news reddit wiki youtube */
	[TASK_SENTIMENT] =	{ 5, 5, 25, 15, 5, 25, 5, 15 },
	[TASK_CLASSIFICATION] =	{ 10, 5, 25, 15, 15, 15, 10, 5 },
	[TASK_QA] =		{ 5, 5, 25, 10, 5, 20, 25, 5 },
	[TASK_SUMMARIZATION] =	{ 20, 5, 20, 5, 25, 5, 15, 5 },
	[TASK_NER] =		{ 5, 5, 20, 10, 25, 5, 30, 0 },
	[TASK_TRANSLATION] =	{ 3, 2, 35, 10, 10, 5, 30, 5 },
	[TASK_DIALOGUE] =	{ 2, 5, 25, 10, 3, 35, 5, 15 },
	[TASK_CODE] =		{ 5, 50, 20, 10, 1, 10, 3, 1 },
	[TASK_LM] =		{ 10, 5, 15, 5, 15, 15, 25, 10 },
};

/* Expected share of fetched records kept after refinement, percent. */
static const int yield[NSRC] = { 90, 60, 80, 70, 60, 50, 90, 50 };

/* Short task words for dataset search engines (Hugging Face, Kaggle). */
static const char *const taskword[NTASK] = {
	"sentiment", "classification", "question answering", "summarization",
	"ner", "translation", "dialogue", "code", NULL
};

/* Sources searched in English whatever the prompt's language. */
static int
english_source(int s)
{
	return s == S_ARXIV || s == S_GITHUB || s == S_HF || s == S_KAGGLE;
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
	struct ads_buf b = ADS_BUF_INIT;
	const unsigned char *p;
	int space = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '(' ||
		    *p == ')' || *p == '\\' || *p == ':' || *p == ' ') {
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

/* quoted -- "a b" for a phrase, the word alone otherwise. */
static void
quoted(struct ads_buf *b, const char *s)
{
	if (strchr(s, ' ') != NULL)
		ads_buf_addf(b, "\"%s\"", s);
	else
		ads_buf_adds(b, s);
}

static int
has(jv a, const char *s)
{
	int found = 0;

	jv_array_foreach(a, i, x) {
		(void)i;
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
	if (s[0] == '\0' || has(a, s))
		return a;
	return jv_array_append(a, jv_string(s));
}

static jv
pushbuf(jv a, struct ads_buf *b)
{
	if (b->len > 0)
		a = push(a, b->p);
	ads_buf_reset(b);
	return a;
}

/*
 * topics -- the cleaned keywords, with the English domain name first
 * for English sources and last for the others.  Borrows brief.
 */
static jv
topics(jv brief, int english)
{
	jv kw = ads_json_get(brief, "keywords"), out = jv_array();
	const char *dom = ads_json_str(brief, "domain", NULL);
	char *c;
	int t;

	if (english && dom != NULL) {
		c = clean(dom);
		out = push(out, c);
		free(c);
	}
	jv_array_foreach(kw, i, x) {
		(void)i;
		if (jv_get_kind(x) == JV_KIND_STRING) {
			c = clean(jv_string_value(x));
			out = push(out, c);
			free(c);
		}
		jv_free(x);
	}
	jv_free(kw);
	if (dom != NULL) {
		c = clean(dom);
		out = push(out, c);
		free(c);
	}
	if (jv_array_length(jv_copy(out)) == 0) {
		t = plan_task_id(ads_json_str(brief, "task", NULL) ?
		    ads_json_str(brief, "task", NULL) : "");
		out = push(out, t >= 0 && t != TASK_LM ?
		    plan_task_phrase[t] : "general knowledge");
	}
	return out;
}

/* first -- at most n elements of a (consumed). */
static jv
first(jv a, int n)
{
	int len = jv_array_length(jv_copy(a));

	return len <= n ? a : jv_array_slice(a, 0, n);
}

static jv
arxiv_queries(jv top, int tk, jv cats)
{
	struct ads_buf b = ADS_BUF_INIT, cat = ADS_BUF_INIT;
	jv q = jv_array();
	int n = jv_array_length(jv_copy(cats)), k = 0;

	jv_array_foreach(cats, i, x) {
		ads_buf_addf(&cat, "%s%s", i == 0 ? "" : " OR ",
		    "cat:");
		ads_buf_adds(&cat, jv_string_value(x));
		jv_free(x);
	}
	jv_array_foreach(top, i, x) {
		if (i == 0 && tk != TASK_LM &&
		    strcmp(jv_string_value(x), plan_task_phrase[tk]) != 0) {
			ads_buf_adds(&b, "abs:");
			quoted(&b, plan_task_phrase[tk]);
			ads_buf_adds(&b, " AND abs:");
			quoted(&b, jv_string_value(x));
			if (n > 0)
				ads_buf_addf(&b, n > 1 ? " AND (%s)" :
				    " AND %s", cat.p);
			q = pushbuf(q, &b);
		}
		if (k < 3) {
			ads_buf_adds(&b, "all:");
			quoted(&b, jv_string_value(x));
			if (n > 0)
				ads_buf_addf(&b, n > 1 ? " AND (%s)" :
				    " AND %s", cat.p);
			q = pushbuf(q, &b);
			k++;
		}
		jv_free(x);
	}
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

static jv
github_queries(jv top, jv qual)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv q = jv_array();

	jv_array_foreach(top, i, x) {
		(void)i;
		quoted(&b, jv_string_value(x));
		jv_array_foreach(qual, j, y) {
			(void)j;
			ads_buf_addf(&b, " %s", jv_string_value(y));
			jv_free(y);
		}
		q = pushbuf(q, &b);
		jv_free(x);
	}
	ads_buf_free(&b);
	jv_free(top);
	return q;
}

/* hf_queries -- Hugging Face matches words of dataset ids: words. */
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
		(void)i;
		w = xstrdup(jv_string_value(x));
		for (p = strtok_r(w, " -", &save); p != NULL;
		    p = strtok_r(NULL, " -", &save))
			if (strlen(p) >= 3 && jv_array_length(jv_copy(q)) < 6)
				q = push(q, p);
		free(w);
		jv_free(x);
	}
	jv_free(top);
	return q;
}

static jv
kaggle_queries(jv top, int tk)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv q = jv_array(), x;

	if (taskword[tk] != NULL && jv_array_length(jv_copy(top)) > 0) {
		x = jv_array_get(jv_copy(top), 0);
		ads_buf_addf(&b, "%s %s", jv_string_value(x), taskword[tk]);
		q = pushbuf(q, &b);
		jv_free(x);
	}
	jv_array_foreach(top, i, y) {
		(void)i;
		q = push(q, jv_string_value(y));
		jv_free(y);
	}
	ads_buf_free(&b);
	jv_free(top);
	return first(q, 5);
}

/*
 * shares -- the task's shares in percent, with the sources the prompt
 * named weighted three times and the whole scaled back to 100.
 */
static void
shares(int tk, jv prefer, double out[NSRC])
{
	double sum = 0;
	int s;

	for (s = 0; s < NSRC; s++) {
		out[s] = share[tk][s];
		if (jv_get_kind(prefer) == JV_KIND_ARRAY &&
		    has(prefer, srcnames[s]))
			out[s] *= 3;
		sum += out[s];
	}
	for (s = 0; s < NSRC; s++)
		out[s] = sum > 0 ? out[s] * 100 / sum : 0;
}

static long long
limit(long long rows, double pct, int s)
{
	double v = ceil((double)rows * pct / yield[s]);
	long long l = (long long)(ceil(v / 10) * 10);

	if (l < 10)
		l = 10;
	if (l > PLAN_MAXROWS * 10)
		l = PLAN_MAXROWS * 10;
	return l;
}

jv
plan_build(jv brief, const char *prompt, jv planner)
{
	jv plan, sources, src, top, langs, cats, subs, progs, qual, prefer;
	double pct[NSRC];
	jv ds;
	const char *tname = ads_json_str(brief, "task", NULL);
	double rows = 0;
	long long nrows;
	int tk, s;

	tk = plan_task_id(tname != NULL ? tname : "");
	if (tk < 0)
		tk = TASK_LM;
	if (ads_json_num(brief, "target_rows", &rows) < 0 || rows < 1)
		rows = PLAN_DEFROWS;
	nrows = rows > (double)PLAN_MAXROWS ? PLAN_MAXROWS : (long long)rows;
	langs = ads_json_get(brief, "languages");
	/* The task's own category always comes first. */
	cats = push(jv_array(), plan_task_cats[tk]);
	{
		jv bc = ads_json_get(brief, "categories");

		if (jv_get_kind(bc) == JV_KIND_ARRAY)
			jv_array_foreach(bc, i, x) {
				(void)i;
				if (jv_get_kind(x) == JV_KIND_STRING)
					cats = push(cats, jv_string_value(x));
				jv_free(x);
			}
		jv_free(bc);
	}
	subs = ads_json_get(brief, "subreddits");
	progs = ads_json_get(brief, "code_languages");
	if (jv_get_kind(progs) != JV_KIND_ARRAY) {
		jv_free(progs);
		progs = jv_array();
	}

	plan = jv_object();
	plan = jv_object_set(plan, jv_string("version"), jv_number(1));
	plan = jv_object_set(plan, jv_string("prompt"), jv_string(prompt));
	plan = jv_object_set(plan, jv_string("task"),
	    jv_string(plan_task_names[tk]));
	plan = jv_object_set(plan, jv_string("domain"),
	    ads_json_get(brief, "domain"));
	plan = jv_object_set(plan, jv_string("languages"), jv_copy(langs));
	plan = jv_object_set(plan, jv_string("keywords"),
	    ads_json_get(brief, "keywords"));
	plan = jv_object_set(plan, jv_string("target_rows"),
	    jv_number((double)nrows));
	plan = jv_object_set(plan, jv_string("planner"), planner);

	prefer = ads_json_get(brief, "prefer");
	shares(tk, prefer, pct);
	jv_free(prefer);
	sources = jv_object();
	for (s = 0; s < NSRC; s++) {
		top = first(topics(brief, english_source(s)), 5);
		src = jv_object();
		switch (s) {
		case S_ARXIV:
			src = jv_object_set(src, jv_string("queries"),
			    arxiv_queries(jv_copy(top), tk, jv_copy(cats)));
			src = jv_object_set(src, jv_string("categories"),
			    jv_copy(cats));
			break;
		case S_GITHUB:
			qual = github_qualifiers(progs);
			src = jv_object_set(src, jv_string("queries"),
			    github_queries(first(jv_copy(top), 4), qual));
			src = jv_object_set(src, jv_string("qualifiers"),
			    qual);
			break;
		case S_HF:
			src = jv_object_set(src, jv_string("queries"),
			    hf_queries(jv_copy(top), tk));
			src = jv_object_set(src, jv_string("task_category"),
			    jv_string(plan_task_hf[tk]));
			/*
			 * Only when some are named: ads-fetch-huggingface
			 * reads named datasets instead of searching.
			 */
			ds = ads_json_get(brief, "datasets");
			if (jv_get_kind(ds) == JV_KIND_ARRAY &&
			    jv_array_length(jv_copy(ds)) > 0)
				src = jv_object_set(src, jv_string("datasets"),
				    ds);
			else
				jv_free(ds);
			break;
		case S_KAGGLE:
			src = jv_object_set(src, jv_string("queries"),
			    kaggle_queries(jv_copy(top), tk));
			break;
		case S_REDDIT:
			src = jv_object_set(src, jv_string("queries"),
			    jv_copy(top));
			src = jv_object_set(src, jv_string("subreddits"),
			    jv_copy(subs));
			break;
		default:
			src = jv_object_set(src, jv_string("queries"),
			    jv_copy(top));
			break;
		}
		src = jv_object_set(src, jv_string("limit"),
		    jv_number((double)limit(nrows, pct[s], s)));
		src = jv_object_set(src, jv_string("lang"), jv_copy(langs));
		sources = jv_object_set(sources, jv_string(srcnames[s]), src);
		jv_free(top);
	}
	plan = jv_object_set(plan, jv_string("sources"), sources);
	jv_free(langs);
	jv_free(cats);
	jv_free(subs);
	jv_free(progs);
	jv_free(brief);
	return plan;
}
