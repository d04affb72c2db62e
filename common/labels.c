/*
 * labels.c -- the plan's task and label set, and the mapping of a
 * source's labels onto it (labels.h; the rules are ads-labels(7))
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "json.h"
#include "labels.h"
#include "util.h"

/* Scales of numeric labels (ADS_LK_NUMERIC). */
enum {
	SC_NONE = 0,
	SC_BIN01,	/* 0 negative, 1 positive */
	SC_BIN12,	/* 1 negative, 2 positive (yelp_polarity) */
	SC_SIGNED,	/* -1 negative, 0 neutral, 1 positive */
	SC_THREE,	/* 0 negative, 1 neutral, 2 positive */
	SC_FIVE,	/* 1..5 stars */
	SC_ZERO4,	/* 0..4 (SST-5, 0-based stars) */
	SC_TEN		/* 0..10 or 1..10 */
};

/* norm -- s lowercased (ASCII), '_' and '-' as spaces, trimmed. */
static void
norm(const char *s, char *out, size_t len)
{
	size_t k = 0;
	int sp = 0;

	if (len == 0)
		return;
	for (; *s != '\0' && k + 1 < len; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '_' || c == '-' || isspace(c)) {
			sp = k > 0;
			continue;
		}
		if (sp && k + 2 < len)
			out[k++] = ' ';
		sp = 0;
		out[k++] = (char)tolower(c);
	}
	out[k] = '\0';
}

/* alnum -- s lowercased with everything but letters and digits gone. */
static void
alnum(const char *s, char *out, size_t len)
{
	size_t k = 0;

	if (len == 0)
		return;
	for (; *s != '\0' && k + 1 < len; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || c >= 0x80)
			out[k++] = (char)tolower(c);
	}
	out[k] = '\0';
}

/* Sentiment names in the languages ads plans for. */
static const struct {
	const char	*name;
	int		 pol;
} polarities[] = {
	{ "negative", -1 }, { "neg", -1 }, { "negatif", -1 },
	{ "n\xc3\xa9gatif", -1 }, { "n\xc3\xa9gative", -1 },
	{ "negativ", -1 }, { "negativo", -1 }, { "negativa", -1 },
	{ "negatief", -1 }, { "negatywny", -1 }, { "bad", -1 },
	{ "\xe3\x83\x8d\xe3\x82\xac\xe3\x83\x86\xe3\x82\xa3\xe3\x83\x96", -1 },
	{ "\xe5\x90\xa6\xe5\xae\x9a", -1 },		/* 否定 */
	{ "\xe8\xb4\x9f\xe9\x9d\xa2", -1 },		/* 负面 */
	{ "\xe6\xb6\x88\xe6\x9e\x81", -1 },		/* 消极 */
	{ "\xe8\xb4\x9f\xe5\x90\x91", -1 },		/* 负向 */
	{ "very negative", -2 }, { "strongly negative", -2 },
	{ "neutral", 0 }, { "neu", 0 }, { "neutre", 0 }, { "neutro", 0 },
	{ "neutra", 0 }, { "neutraal", 0 }, { "neutralny", 0 },
	{ "\xe4\xb8\xad\xe7\xab\x8b", 0 },		/* 中立 */
	{ "\xe4\xb8\xad\xe6\x80\xa7", 0 },		/* 中性 */
	{ "\xe3\x83\x8b\xe3\x83\xa5\xe3\x83\xbc\xe3\x83\x88\xe3\x83\xa9\xe3\x83\xab", 0 },
	{ "positive", 1 }, { "pos", 1 }, { "positif", 1 }, { "positiv", 1 },
	{ "positivo", 1 }, { "positiva", 1 }, { "positief", 1 },
	{ "pozytywny", 1 }, { "good", 1 },
	{ "\xe3\x83\x9d\xe3\x82\xb8\xe3\x83\x86\xe3\x82\xa3\xe3\x83\x96", 1 },
	{ "\xe8\x82\xaf\xe5\xae\x9a", 1 },		/* 肯定 */
	{ "\xe6\xad\xa3\xe9\x9d\xa2", 1 },		/* 正面 */
	{ "\xe7\xa7\xaf\xe6\x9e\x81", 1 },		/* 积极 */
	{ "\xe6\xad\xa3\xe5\x90\x91", 1 },		/* 正向 */
	{ "very positive", 2 }, { "strongly positive", 2 },
	{ NULL, 0 }
};

int
ads_label_polarity(const char *s)
{
	char n[64];
	int i;

	norm(s, n, sizeof(n));
	for (i = 0; polarities[i].name != NULL; i++)
		if (strcmp(n, polarities[i].name) == 0)
			return polarities[i].pol;
	return ADS_POL_NONE;
}

/* Words after a number that make it a star rating. */
static const char *const starwords[] = {
	"star", "stars", "\xc3\xa9toile", "\xc3\xa9toiles", "etoile",
	"etoiles", "stern", "sterne", "estrella", "estrellas", "stella",
	"stelle", "estrela", "estrelas", "ster", "sterren", NULL
};

int
ads_label_stars(const char *s)
{
	char n[64], *end;
	long v;
	int i;

	norm(s, n, sizeof(n));
	if (!isdigit((unsigned char)n[0]))
		return -1;
	v = strtol(n, &end, 10);
	if (v < 0 || v > 10)
		return -1;
	/* "4", "4.0" */
	if (*end == '\0' || strcmp(end, ".0") == 0)
		return (int)v;
	if (*end == ' ')
		end++;
	for (i = 0; starwords[i] != NULL; i++)
		if (strcmp(end, starwords[i]) == 0)
			return (int)v;
	return -1;
}

/*
 * Emotion names: each maps to a canonical emotion (its first name);
 * synonyms and translations after it.
 */
static const char *const emotions[][8] = {
	{ "anger", "angry", "rage", "col\xc3\xa8re", "colere", "ira", "wut",
	    NULL },
	{ "disgust", "disgusted", "d\xc3\xa9go\xc3\xbb" "t", "asco", "ekel",
	    NULL },
	{ "fear", "afraid", "scared", "fearful", "peur", "miedo", "angst",
	    NULL },
	{ "joy", "happy", "happiness", "joie", "alegr\xc3\xad" "a", "freude",
	    "gioia", NULL },
	{ "sadness", "sad", "tristesse", "tristeza", "trauer", "tristezza",
	    NULL },
	{ "surprise", "surprised", "sorpresa", "\xc3\xbc" "berraschung",
	    NULL },
	{ "love", "amour", "amor", "liebe", NULL },
	{ "optimism", "optimisme", NULL },
	{ "trust", NULL }, { "anticipation", NULL },
	{ "admiration", NULL }, { "amusement", NULL }, { "annoyance", NULL },
	{ "approval", NULL }, { "caring", NULL }, { "confusion", NULL },
	{ "curiosity", NULL }, { "desire", NULL },
	{ "disappointment", NULL }, { "disapproval", NULL },
	{ "embarrassment", NULL }, { "excitement", NULL },
	{ "gratitude", NULL }, { "grief", NULL }, { "nervousness", NULL },
	{ "pride", NULL }, { "realization", NULL }, { "relief", NULL },
	{ "remorse", NULL }, { "shame", NULL }, { "guilt", NULL },
	{ "pessimism", NULL }
};
#define NEMOTIONS ((int)(sizeof(emotions) / sizeof(emotions[0])))

/* emotion -- the canonical emotion of s, or -1. */
static int
emotion(const char *s)
{
	char n[64];
	int i, j;

	norm(s, n, sizeof(n));
	for (i = 0; i < NEMOTIONS; i++)
		for (j = 0; emotions[i][j] != NULL; j++)
			if (strcmp(n, emotions[i][j]) == 0)
				return i;
	return -1;
}

/* NLI names: 1 entailment, 0 neutral (only with the others), 2 contradiction. */
static int
nliname(const char *s)
{
	char n[64];

	alnum(s, n, sizeof(n));
	if (strcmp(n, "entailment") == 0 || strcmp(n, "entailed") == 0)
		return 1;
	if (strcmp(n, "contradiction") == 0 ||
	    strcmp(n, "notentailment") == 0 ||
	    strcmp(n, "nonentailment") == 0)
		return 2;
	return 0;
}

/* labelindex -- k for "LABEL_k" (case ignored), or -1. */
static int
labelindex(const char *s)
{
	char *end;
	long v;

	if (strncasecmp(s, "label_", 6) != 0 && strncasecmp(s, "label ", 6) !=
	    0)
		return -1;
	if (!isdigit((unsigned char)s[6]))
		return -1;
	v = strtol(s + 6, &end, 10);
	return *end == '\0' && v < 1000 ? (int)v : -1;
}

const char *
ads_label_kind_name(enum ads_label_kind k)
{
	switch (k) {
	case ADS_LK_SENTIMENT:	return "sentiment";
	case ADS_LK_STARS:	return "star";
	case ADS_LK_EMOTION:	return "emotion";
	case ADS_LK_NLI:	return "natural-language-inference";
	case ADS_LK_NUMERIC:	return "numeric";
	case ADS_LK_INDEX:	return "LABEL_k";
	default:		return "other";
	}
}

/*
 * classify -- the kind of a whole scheme of n names.  NLI wins as soon
 * as entailment or contradiction is there; emotion when two names or
 * more are emotions and outnumber the sentiment names; sentiment when
 * every name has a polarity; stars when every name is a star number;
 * LABEL_k when every name is one.
 */
static enum ads_label_kind
classify(const char *const *names, size_t n)
{
	size_t i, nli = 0, emo = 0, pol = 0, star = 0, idx = 0, neu = 0;
	int p;

	for (i = 0; i < n; i++) {
		if (nliname(names[i]) != 0)
			nli++;
		p = ads_label_polarity(names[i]);
		if (p != ADS_POL_NONE) {
			pol++;
			if (p == 0)
				neu++;
		}
		if (emotion(names[i]) >= 0)
			emo++;
		if (ads_label_stars(names[i]) >= 0)
			star++;
		if (labelindex(names[i]) >= 0)
			idx++;
	}
	if (n == 0)
		return ADS_LK_OTHER;
	if (nli > 0)
		return ADS_LK_NLI;
	if (emo >= 2 && emo > pol - neu)
		return ADS_LK_EMOTION;
	if (pol == n && pol > neu)
		return ADS_LK_SENTIMENT;
	if (star == n)
		return ADS_LK_STARS;
	if (idx == n)
		return ADS_LK_INDEX;
	return ADS_LK_OTHER;
}

struct ads_labelset *
ads_labelset_new(const char *const *names, size_t n)
{
	struct ads_labelset *s = xcalloc(1, sizeof(*s));
	size_t i;

	s->names = xcalloc(n + 1, sizeof(*s->names));
	s->val = xcalloc(n + 1, sizeof(*s->val));
	for (i = 0; i < n; i++)
		s->names[i] = xstrdup(names[i]);
	s->n = n;
	s->kind = classify((const char *const *)s->names, n);
	/* A set the prompt named is matched by its names, even "LABEL_1". */
	if (s->kind == ADS_LK_INDEX)
		s->kind = ADS_LK_OTHER;
	for (i = 0; i < n; i++) {
		switch (s->kind) {
		case ADS_LK_SENTIMENT:
			s->val[i] = ads_label_polarity(names[i]);
			break;
		case ADS_LK_STARS:
			s->val[i] = ads_label_stars(names[i]);
			break;
		case ADS_LK_EMOTION:
			s->val[i] = emotion(names[i]);
			break;
		case ADS_LK_NLI:
			s->val[i] = nliname(names[i]);
			break;
		default:
			s->val[i] = -1;
		}
	}
	return s;
}

void
ads_labelset_free(struct ads_labelset *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->names[i]);
	free(s->names);
	free(s->val);
	free(s);
}

static const struct {
	const char		*name;
	enum ads_task_kind	 kind;
	const char		*v2;	/* a v1 name's v2 task */
	const char		*id;	/* and task id */
} tasknames[] = {
	{ "text-classification", ADS_TASK_TEXTCLS, NULL, NULL },
	{ "token-classification", ADS_TASK_TOKENCLS, NULL, NULL },
	{ "question-answering", ADS_TASK_QA, NULL, NULL },
	{ "summarization", ADS_TASK_SUMMARY, NULL, NULL },
	{ "translation", ADS_TASK_TRANSLATION, NULL, NULL },
	{ "conversational", ADS_TASK_CONVERSATION, NULL, NULL },
	{ "text-generation", ADS_TASK_TEXTGEN, NULL, NULL },
	{ "code", ADS_TASK_CODE, NULL, NULL },
	/* Version 1 names. */
	{ "sentiment-analysis", ADS_TASK_TEXTCLS, "text-classification",
	    "sentiment-classification" },
	{ "named-entity-recognition", ADS_TASK_TOKENCLS,
	    "token-classification", "named-entity-recognition" },
	{ "dialogue", ADS_TASK_CONVERSATION, "conversational",
	    "dialogue-modeling" },
	{ "language-modeling", ADS_TASK_TEXTGEN, "text-generation",
	    "language-modeling" },
	{ "topic-classification", ADS_TASK_TEXTCLS, "text-classification",
	    "topic-classification" },
	{ NULL, ADS_TASK_NONE, NULL, NULL }
};

enum ads_task_kind
ads_task_kind(const char *name)
{
	int i;

	if (name == NULL)
		return ADS_TASK_NONE;
	for (i = 0; tasknames[i].name != NULL; i++)
		if (strcmp(name, tasknames[i].name) == 0)
			return tasknames[i].kind;
	return ADS_TASK_NONE;
}

void
ads_task_plan(jv plan, struct ads_task *t)
{
	static const char *const sentiment[] = { "negative", "neutral", "positive" };
	const char *task, *id;
	char **names = NULL;
	size_t n = 0;
	jv labels, l;
	int i;

	memset(t, 0, sizeof(*t));
	task = ads_json_str(plan, "task", NULL);
	id = ads_json_str(plan, "task_id", NULL);
	t->kind = ads_task_kind(task);
	for (i = 0; task != NULL && tasknames[i].name != NULL; i++)
		if (strcmp(task, tasknames[i].name) == 0 &&
		    tasknames[i].v2 != NULL) {
			task = tasknames[i].v2;
			if (id == NULL)
				id = tasknames[i].id;
		}
	t->name = task != NULL ? xstrdup(task) : NULL;
	t->id = id != NULL ? xstrdup(id) : NULL;
	labels = ads_json_get(plan, "labels");
	if (jv_get_kind(labels) == JV_KIND_ARRAY) {
		jv_array_foreach(labels, k, e) {
			const char *s = NULL;

			if (jv_get_kind(e) == JV_KIND_STRING)
				s = jv_string_value(e);
			else
				s = ads_json_str(e, "name", NULL);
			if (s != NULL && *s != '\0') {
				names = xreallocarray(names, n + 1,
				    sizeof(*names));
				names[n++] = xstrdup(s);
			}
			jv_free(e);
		}
	}
	jv_free(labels);
	if (n > 0 && (t->kind == ADS_TASK_TEXTCLS ||
	    t->kind == ADS_TASK_TOKENCLS))
		t->labels = ads_labelset_new((const char *const *)names, n);
	else if (n == 0 && t->kind == ADS_TASK_TEXTCLS && id != NULL &&
	    strcmp(id, "sentiment-classification") == 0)
		t->labels = ads_labelset_new(sentiment, 3);
	while (n > 0)
		free(names[--n]);
	free(names);
	l = ads_json_get(plan, "languages");
	if (jv_get_kind(l) == JV_KIND_ARRAY)
		t->langs = ads_json_strv(l, &t->nlangs);
	jv_free(l);
}

void
ads_task_free(struct ads_task *t)
{
	ads_labelset_free(t->labels);
	free(t->name);
	free(t->id);
	ads_strv_free(t->langs);
	memset(t, 0, sizeof(*t));
}

/* setval -- the set's index whose value is v, or -1. */
static int
setval(const struct ads_labelset *s, int v)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->val[i] == v)
			return (int)i;
	return -1;
}

/* setpol -- the set's index for polarity p, or -1. */
static int
setpol(const struct ads_labelset *s, int p)
{
	int i = setval(s, p);

	/* "very negative" is negative where the set has no stronger one. */
	if (i < 0 && (p == 2 || p == -2))
		return setpol(s, p / 2);
	return i;
}

/* setname -- the set's index of the name s (compared loosely), or -1. */
static int
setname(const struct ads_labelset *s, const char *name)
{
	char a[128], b[128];
	size_t i;

	alnum(name, a, sizeof(a));
	if (a[0] == '\0')
		return -1;
	for (i = 0; i < s->n; i++) {
		alnum(s->names[i], b, sizeof(b));
		if (strcmp(a, b) == 0)
			return (int)i;
	}
	return -1;
}

/* scalepol -- the polarity of v on scale sc, or ADS_POL_NONE. */
static int
scalepol(int sc, double d)
{
	long v = lround(d);

	switch (sc) {
	case SC_BIN01:
		return v == 0 ? -1 : v == 1 ? 1 : ADS_POL_NONE;
	case SC_BIN12:
		return v == 1 ? -1 : v == 2 ? 1 : ADS_POL_NONE;
	case SC_SIGNED:
		return v >= -1 && v <= 1 ? (int)v : ADS_POL_NONE;
	case SC_THREE:
		return v >= 0 && v <= 2 ? (int)v - 1 : ADS_POL_NONE;
	case SC_FIVE:
		return v >= 1 && v <= 5 ? (int)v - 3 : ADS_POL_NONE;
	case SC_ZERO4:
		return v >= 0 && v <= 4 ? (int)v - 2 : ADS_POL_NONE;
	case SC_TEN:
		if (v < 0 || v > 10)
			return ADS_POL_NONE;
		return v <= 2 ? -2 : v <= 4 ? -1 : v <= 6 ? 0 : v <= 8 ? 1 : 2;
	default:
		return ADS_POL_NONE;
	}
}

/* scalestar -- v on scale sc as a star of 1..5, or -1. */
static int
scalestar(int sc, double d)
{
	long v = lround(d);

	if (sc == SC_FIVE && v >= 1 && v <= 5)
		return (int)v;
	if (sc == SC_ZERO4 && v >= 0 && v <= 4)
		return (int)v + 1;
	return -1;
}

/*
 * scaleof -- the scale of numbers from lo to hi (integers) seen in k
 * distinct values: two neighbours 0/1 or 1/2 are a binary scale.
 */
static int
scaleof(double lo, double hi, size_t k)
{
	if (lo == -1 && hi <= 1)
		return SC_SIGNED;
	if (lo < 0)
		return SC_NONE;
	if (k <= 2 && lo == 0 && hi == 1)
		return SC_BIN01;
	if (k <= 2 && lo == 1 && hi == 2)
		return SC_BIN12;
	if (lo == 0 && hi == 2)
		return SC_THREE;
	if (lo >= 1 && hi <= 5)
		return SC_FIVE;
	if (hi <= 4)
		return SC_ZERO4;
	if (hi <= 10)
		return SC_TEN;
	return SC_NONE;
}

static const char *const scalenames[] = {
	"none", "0/1", "1/2", "-1/0/1", "0/1/2", "1-5", "0-4", "0-10"
};

/* numeric -- v as a number: a JSON number or a numeric string. */
static int
numeric(jv v, double *d)
{
	const char *s;
	char *end;

	if (jv_get_kind(v) == JV_KIND_NUMBER) {
		*d = jv_number_value(v);
		return isfinite(*d) ? 0 : -1;
	}
	if (jv_get_kind(v) != JV_KIND_STRING)
		return -1;
	s = jv_string_value(v);
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return -1;
	*d = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	return *end == '\0' && isfinite(*d) ? 0 : -1;
}

/* fits -- check kind k of the source against the set; why when not. */
static int
fits(const struct ads_labelset *s, enum ads_label_kind k, char *why,
    size_t len)
{
	const char *sk = ads_label_kind_name(s->kind);

	if (k == ADS_LK_NLI && s->kind != ADS_LK_NLI) {
		snprintf(why, len, "natural-language-inference labels "
		    "(entailment/neutral/contradiction) do not map onto a "
		    "%s label set", sk);
		return -1;
	}
	if (k == ADS_LK_EMOTION && s->kind != ADS_LK_EMOTION) {
		snprintf(why, len, "emotion labels do not map onto a %s "
		    "label set", sk);
		return -1;
	}
	if (s->kind == ADS_LK_EMOTION && k != ADS_LK_EMOTION) {
		snprintf(why, len, "%s labels do not map onto an emotion "
		    "label set", ads_label_kind_name(k));
		return -1;
	}
	if (s->kind == ADS_LK_NLI && k != ADS_LK_NLI) {
		snprintf(why, len, "%s labels do not map onto a "
		    "natural-language-inference label set",
		    ads_label_kind_name(k));
		return -1;
	}
	if (s->kind == ADS_LK_STARS && k == ADS_LK_SENTIMENT) {
		snprintf(why, len, "sentiment names do not map onto a star "
		    "label set");
		return -1;
	}
	return 0;
}

/* mapname -- the set's index for one source name of a scheme of kind k. */
static int
mapname(const struct ads_labelmap *m, const char *name)
{
	const struct ads_labelset *s = m->set;
	int p;

	switch (m->kind) {
	case ADS_LK_NUMERIC:
		p = ads_label_stars(name);
		if (p < 0)
			return -1;
		if (s->kind == ADS_LK_STARS)
			return setval(s, scalestar(m->scale, p));
		return setpol(s, scalepol(m->scale, p));
	case ADS_LK_INDEX:
		p = labelindex(name);
		if (p < 0)
			return -1;
		return setpol(s, scalepol(m->scale, p));
	default:
		break;
	}
	switch (s->kind) {
	case ADS_LK_SENTIMENT:
		p = ads_label_polarity(name);
		return p == ADS_POL_NONE ? -1 : setpol(s, p);
	case ADS_LK_STARS:
		p = ads_label_stars(name);
		return p < 0 ? -1 : setval(s, p);
	case ADS_LK_EMOTION:
		p = emotion(name);
		return p < 0 ? -1 : setval(s, p);
	default:
		return setname(s, name);
	}
}

/*
 * scheme -- settle m's kind and scale from n names (a ClassLabel's, or
 * the distinct strings seen); 0 or -1 with why.
 */
static int
scheme(struct ads_labelmap *m, char *const *names, size_t n, char *why,
    size_t len)
{
	const struct ads_labelset *s = m->set;
	double lo = 1e9, hi = -1e9;
	size_t i, hit = 0;
	int *seen, r;

	m->kind = classify((const char *const *)names, n);
	if (m->kind == ADS_LK_STARS) {
		for (i = 0; i < n; i++) {
			r = ads_label_stars(names[i]);
			lo = r < lo ? r : lo;
			hi = r > hi ? r : hi;
		}
		m->kind = ADS_LK_NUMERIC;
		/* Two numbered classes: the first is the negative one. */
		m->scale = n == 2 && hi == lo + 1 && lo >= 0 && lo <= 1 ?
		    (lo == 0 ? SC_BIN01 : SC_BIN12) : scaleof(lo, hi, n);
		if (m->scale == SC_NONE) {
			snprintf(why, len, "numeric labels %g..%g on no known "
			    "scale", lo, hi);
			return -1;
		}
	} else if (m->kind == ADS_LK_INDEX) {
		m->scale = n == 2 ? SC_BIN01 : n == 3 ? SC_THREE : SC_NONE;
		if (m->scale == SC_NONE || s->kind != ADS_LK_SENTIMENT) {
			snprintf(why, len, "%zu anonymous labels (LABEL_k) do "
			    "not map onto a %s label set", n,
			    ads_label_kind_name(s->kind));
			return -1;
		}
	}
	if (fits(s, m->kind, why, len) != 0)
		return -1;
	if (m->kind == ADS_LK_NUMERIC && s->kind != ADS_LK_SENTIMENT &&
	    s->kind != ADS_LK_STARS) {
		snprintf(why, len, "a %s score scale does not map onto a %s "
		    "label set", scalenames[m->scale],
		    ads_label_kind_name(s->kind));
		return -1;
	}
	if (m->kind == ADS_LK_NUMERIC && s->kind == ADS_LK_STARS &&
	    m->scale != SC_FIVE && m->scale != SC_ZERO4) {
		snprintf(why, len, "a %s score scale does not map onto a star "
		    "label set", scalenames[m->scale]);
		return -1;
	}
	/* The whole scheme: at least two of the set's labels reached. */
	seen = xcalloc(s->n + 1, sizeof(*seen));
	for (i = 0; i < n; i++) {
		r = mapname(m, names[i]);
		if (r >= 0 && !seen[r]) {
			seen[r] = 1;
			hit++;
		}
	}
	free(seen);
	if (hit < 2 && hit < s->n) {
		snprintf(why, len, "%s labels (%zu) reach %zu of the plan's %zu "
		    "labels", ads_label_kind_name(m->kind), n, hit, s->n);
		return -1;
	}
	return 0;
}

int
ads_labelmap_init(struct ads_labelmap *m, const struct ads_labelset *set,
    jv names, jv sample, char *why, size_t len)
{
	char **v = NULL;
	size_t n = 0, i, k;
	double lo = 1e300, hi = -1e300, d;
	int allnum = 1, r;

	memset(m, 0, sizeof(*m));
	m->set = set;
	m->names = jv_null();
	why[0] = '\0';
	if (jv_get_kind(names) == JV_KIND_ARRAY) {
		m->names = jv_copy(names);
		v = ads_json_strv(names, &n);
		if (n != (size_t)jv_array_length(jv_copy(names))) {
			ads_strv_free(v);
			snprintf(why, len, "class names that are not strings");
			return -1;
		}
		r = scheme(m, v, n, why, len);
		if (r == 0) {
			m->nnames = n;
			m->to = xcalloc(n + 1, sizeof(*m->to));
			for (i = 0; i < n; i++)
				m->to[i] = mapname(m, v[i]);
		}
		ads_strv_free(v);
		return r;
	}
	if (jv_get_kind(sample) != JV_KIND_ARRAY) {
		snprintf(why, len, "no label values");
		return -1;
	}
	/* Distinct values seen: numbers give a scale, strings a scheme. */
	jv_array_foreach(sample, j, x) {
		if (jv_get_kind(x) == JV_KIND_NULL || (jv_get_kind(x) ==
		    JV_KIND_STRING && jv_string_length_bytes(jv_copy(x)) ==
		    0)) {
			jv_free(x);
			continue;
		}
		if (numeric(x, &d) == 0 && d == floor(d)) {
			lo = d < lo ? d : lo;
			hi = d > hi ? d : hi;
		} else
			allnum = 0;
		if (jv_get_kind(x) == JV_KIND_STRING ||
		    jv_get_kind(x) == JV_KIND_NUMBER) {
			jv s = jv_get_kind(x) == JV_KIND_STRING ? jv_copy(x) :
			    jv_dump_string(jv_copy(x), 0);

			for (k = 0; k < n; k++)
				if (strcmp(v[k], jv_string_value(s)) == 0)
					break;
			if (k == n && n < 64) {
				v = xreallocarray(v, n + 2, sizeof(*v));
				v[n++] = xstrdup(jv_string_value(s));
				v[n] = NULL;
			}
			jv_free(s);
		} else
			allnum = 0;
		jv_free(x);
	}
	if (n == 0) {
		ads_strv_free(v);
		snprintf(why, len, "no label values");
		return -1;
	}
	if (allnum) {
		m->kind = ADS_LK_NUMERIC;
		m->scale = scaleof(lo, hi, n);
		ads_strv_free(v);
		if (m->scale == SC_NONE) {
			snprintf(why, len, "numeric labels %g..%g on no known "
			    "scale", lo, hi);
			return -1;
		}
		if (fits(set, m->kind, why, len) != 0)
			return -1;
		if (set->kind == ADS_LK_STARS ? m->scale != SC_FIVE &&
		    m->scale != SC_ZERO4 : set->kind != ADS_LK_SENTIMENT) {
			snprintf(why, len, "a %s score scale does not map "
			    "onto a %s label set", scalenames[m->scale],
			    ads_label_kind_name(set->kind));
			return -1;
		}
		return 0;
	}
	r = scheme(m, v, n, why, len);
	ads_strv_free(v);
	return r;
}

void
ads_labelmap_free(struct ads_labelmap *m)
{
	jv_free(m->names);
	m->names = jv_null();
	free(m->to);
	m->to = NULL;
}

int
ads_labelmap_map(const struct ads_labelmap *m, jv v, char *orig, size_t olen)
{
	jv s;
	double d;
	long i;
	int p;

	if (olen > 0)
		orig[0] = '\0';
	switch (jv_get_kind(v)) {
	case JV_KIND_NULL:
		return ADS_LABEL_MISSING;
	case JV_KIND_STRING:
		snprintf(orig, olen, "%s", jv_string_value(v));
		if (jv_string_length_bytes(jv_copy(v)) == 0)
			return ADS_LABEL_MISSING;
		break;
	case JV_KIND_NUMBER:
		s = jv_dump_string(jv_copy(v), 0);
		snprintf(orig, olen, "%s", jv_string_value(s));
		jv_free(s);
		break;
	default:
		s = jv_dump_string(jv_copy(v), 0);
		snprintf(orig, olen, "%s", jv_string_value(s));
		jv_free(s);
		return ADS_LABEL_UNMAPPED;
	}
	if (m->to != NULL) {
		/* A ClassLabel: an index, or the name itself. */
		if (jv_get_kind(v) == JV_KIND_NUMBER) {
			d = jv_number_value(v);
			if (d == -1)
				return ADS_LABEL_MISSING;
			if (d < 0 || d >= (double)m->nnames || d != floor(d))
				return ADS_LABEL_UNMAPPED;
			i = (long)d;
			s = jv_array_get(jv_copy(m->names), (int)i);
			if (jv_get_kind(s) == JV_KIND_STRING)
				snprintf(orig, olen, "%s", jv_string_value(s));
			jv_free(s);
			return m->to[i] >= 0 ? m->to[i] : ADS_LABEL_UNMAPPED;
		}
		for (i = 0; i < (long)m->nnames; i++) {
			s = jv_array_get(jv_copy(m->names), (int)i);
			p = jv_get_kind(s) == JV_KIND_STRING &&
			    strcmp(jv_string_value(s), jv_string_value(v)) == 0;
			jv_free(s);
			if (p)
				return m->to[i] >= 0 ? m->to[i] :
				    ADS_LABEL_UNMAPPED;
		}
		return ADS_LABEL_UNMAPPED;
	}
	if (m->kind == ADS_LK_NUMERIC) {
		if (numeric(v, &d) != 0) {
			/* "5 stars" in a column of numbers. */
			if (jv_get_kind(v) != JV_KIND_STRING ||
			    (p = ads_label_stars(jv_string_value(v))) < 0)
				return ADS_LABEL_UNMAPPED;
			d = p;
		}
		if (fabs(d - (double)lround(d)) > 0.25 && m->set->kind ==
		    ADS_LK_STARS)
			return ADS_LABEL_UNMAPPED;
		p = m->set->kind == ADS_LK_STARS ?
		    setval(m->set, scalestar(m->scale, d)) :
		    setpol(m->set, scalepol(m->scale, d));
		return p >= 0 ? p : ADS_LABEL_UNMAPPED;
	}
	if (jv_get_kind(v) != JV_KIND_STRING)
		return ADS_LABEL_UNMAPPED;
	p = mapname(m, jv_string_value(v));
	return p >= 0 ? p : ADS_LABEL_UNMAPPED;
}
