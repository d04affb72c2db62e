/*
 * columns.c -- a source's columns mapped onto the task's columns
 * (columns.h; the rules are ads-labels(7))
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "buf.h"
#include "columns.h"
#include "json.h"
#include "labels.h"
#include "util.h"

static enum ads_coltype coltype(jv, jv *);

/*
 * listof -- the column type of a list of feature feat (consumed); a
 * Sequence (seq) of a struct is a struct of lists.
 */
static enum ads_coltype
listof(jv feat, int seq, jv *names)
{
	jv nm;
	enum ads_coltype inner = coltype(feat, &nm), r;

	r = inner == ADS_CT_STRING ? ADS_CT_STRLIST :
	    inner == ADS_CT_CLASSLABEL ? ADS_CT_LABELLIST :
	    inner == ADS_CT_OBJECT ? (seq ? ADS_CT_OBJECT : ADS_CT_OBJLIST) :
	    ADS_CT_OTHER;
	if (r == ADS_CT_LABELLIST)
		*names = nm;
	else
		jv_free(nm);
	jv_free(feat);
	return r;
}

/* coltype -- the column type of one viewer feature type. */
static enum ads_coltype
coltype(jv type, jv *names)
{
	const char *kind, *dtype;

	*names = jv_null();
	if (jv_get_kind(type) == JV_KIND_ARRAY) {
		/* [feature]: a list of it. */
		if (jv_array_length(jv_copy(type)) != 1)
			return ADS_CT_OTHER;
		return listof(jv_array_get(jv_copy(type), 0), 0, names);
	}
	if (jv_get_kind(type) != JV_KIND_OBJECT)
		return ADS_CT_OTHER;
	kind = ads_json_str(type, "_type", NULL);
	if (kind == NULL)
		return ADS_CT_OBJECT;	/* a struct of features */
	if (strcmp(kind, "Value") == 0) {
		dtype = ads_json_str(type, "dtype", NULL);
		if (dtype == NULL)
			return ADS_CT_OTHER;
		if (strcmp(dtype, "string") == 0 ||
		    strcmp(dtype, "large_string") == 0)
			return ADS_CT_STRING;
		if (strcmp(dtype, "bool") == 0)
			return ADS_CT_BOOL;
		if (strncmp(dtype, "int", 3) == 0 ||
		    strncmp(dtype, "uint", 4) == 0 ||
		    strncmp(dtype, "float", 5) == 0)
			return ADS_CT_NUMBER;
		return ADS_CT_OTHER;
	}
	if (strcmp(kind, "ClassLabel") == 0) {
		*names = ads_json_get(type, "names");
		return ADS_CT_CLASSLABEL;
	}
	if (strcmp(kind, "Translation") == 0 ||
	    strcmp(kind, "TranslationVariableLanguages") == 0)
		return ADS_CT_TRANSLATION;
	if (strcmp(kind, "Sequence") == 0 || strcmp(kind, "List") == 0 ||
	    strcmp(kind, "LargeList") == 0)
		return listof(ads_json_get(type, "feature"),
		    strcmp(kind, "Sequence") == 0, names);
	return ADS_CT_OTHER;
}

static void
addcol(struct ads_column **v, size_t *n, const char *name, jv type)
{
	struct ads_column *c;

	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	c = &(*v)[(*n)++];
	c->name = xstrdup(name);
	c->type = coltype(type, &c->names);
}

struct ads_column *
ads_columns_hf(jv features, size_t *n)
{
	struct ads_column *v = NULL;
	const char *name;
	jv type;

	*n = 0;
	if (jv_get_kind(features) == JV_KIND_ARRAY) {
		jv_array_foreach(features, i, f) {
			(void)i;
			name = ads_json_str(f, "name", NULL);
			type = ads_json_get(f, "type");
			if (name != NULL && *n < 1000)
				addcol(&v, n, name, type);
			jv_free(type);
			jv_free(f);
		}
	} else if (jv_get_kind(features) == JV_KIND_OBJECT) {
		jv_object_foreach(features, k, t) {
			if (*n < 1000)
				addcol(&v, n, jv_string_value(k), t);
			jv_free(k);
			jv_free(t);
		}
	}
	return v;
}

void
ads_columns_free(struct ads_column *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(c[i].name);
		jv_free(c[i].names);
	}
	free(c);
}

/* Column names for each role, best first (compared loosely). */
static const char *const textnames[] = {
	"text", "sentence", "review_body", "review_text", "reviewtext",
	"review", "reviews", "content", "comment", "comments", "tweet",
	"body", "utterance", "post", "message", "document", "article",
	"phrase", "verified_reviews", "review_content", "summary_text",
	"transcription", "transcript", "normalized_text", "raw_text",
	"sentence1",
	/* Other languages' names, for files named by hand (Kaggle). */
	"texte", "avis", "commentaire", "commentaires", "texto",
	"comentario", "opinion", "testo", "recensione", "kommentar",
	"rezension", "title", NULL
};
static const char *const labelnames[] = {
	"label", "labels", "sentiment", "polarity", "class", "category",
	"emotion", "emotions", "intent", "target", "stars", "star_rating",
	"rating", "review_score", "score", "overall", "rate", "note",
	"label_text", "sentiment_label", NULL
};
static const char *const questionnames[] = {
	"question", "query", "questions", "q", NULL
};
static const char *const contextnames[] = {
	"context", "passage", "paragraph", "document", "article", "story",
	"text", NULL
};
static const char *const answernames[] = {
	"answers", "answer", "answer_text", "response", "output", "a", NULL
};
static const char *const documentnames[] = {
	"document", "article", "text", "dialogue", "content", "body",
	"source", "input", "story", "report", NULL
};
static const char *const summarynames[] = {
	"summary", "highlights", "abstract", "headline", "tldr",
	"summaries", "target", "title", NULL
};
static const char *const messagenames[] = {
	"messages", "conversations", "conversation", "dialog", "dialogue",
	"chat", "turns", "utterances", NULL
};
static const char *const tokennames[] = {
	"tokens", "words", "token", NULL
};
static const char *const tagnames[] = {
	"ner_tags", "tags", "ner", "labels", "ner_labels", "entities", NULL
};
static const char *const promptnames[] = {
	"prompt", "instruction", "question", "nl", "docstring", "problem",
	"description", "text", "input", "query", NULL
};
static const char *const codenames[] = {
	"code", "solution", "canonical_solution", "completion", "sql",
	"output", "response", "answer", "func_code_string",
	"whole_func_string", NULL
};
/* NLI and paraphrase pairs: two texts, not one. */
static const char *const pairs[][2] = {
	{ "premise", "hypothesis" }, { "sentence1", "sentence2" },
	{ "question1", "question2" }, { "text1", "text2" },
	{ "sentence_a", "sentence_b" }, { NULL, NULL }
};

/* loose -- name lowercased, '-', ' ' and '.' as '_'. */
static void
loose(const char *name, char *out, size_t len)
{
	size_t k;

	for (k = 0; name[k] != '\0' && k + 1 < len; k++) {
		unsigned char c = (unsigned char)name[k];

		out[k] = c == '-' || c == ' ' || c == '.' ? '_' :
		    (char)tolower(c);
	}
	out[k] = '\0';
}

static int
rank(const char *name, const char *const *list)
{
	char n[128];
	int i;

	loose(name, n, sizeof(n));
	for (i = 0; list[i] != NULL; i++)
		if (strcmp(n, list[i]) == 0)
			return i;
	return -1;
}

/* best -- the column of a type in types whose name ranks first, or -1. */
static int
best(const struct ads_column *c, size_t n, const char *const *list,
    unsigned types, int avoid)
{
	int i, r, b = -1, br = 1 << 20;

	for (i = 0; i < (int)n; i++) {
		if (i == avoid || !(types & (1u << c[i].type)))
			continue;
		r = rank(c[i].name, list);
		if (r >= 0 && r < br) {
			br = r;
			b = i;
		}
	}
	return b;
}

#define T(x)	(1u << (x))

/* langcode -- a column named like a language code ("en", "pt_br"). */
static int
langcode(const char *s)
{
	size_t n = strlen(s);

	if (n != 2 && n != 3 && !(n == 5 && (s[2] == '_' || s[2] == '-')))
		return 0;
	return islower((unsigned char)s[0]) && islower((unsigned char)s[1]);
}

static int
haspair(const struct ads_column *c, size_t n, char *why, size_t len)
{
	int i;

	for (i = 0; pairs[i][0] != NULL; i++)
		if (best(c, n, pairs[i], T(ADS_CT_STRING), -1) >= 0) {
			const char *one[2] = { pairs[i][0], NULL };
			const char *two[2] = { pairs[i][1], NULL };

			if (best(c, n, one, T(ADS_CT_STRING), -1) >= 0 &&
			    best(c, n, two, T(ADS_CT_STRING), -1) >= 0) {
				snprintf(why, len, "a sentence pair (%s/%s), "
				    "not one text", pairs[i][0], pairs[i][1]);
				return 1;
			}
		}
	return 0;
}

/* two -- columns a and b (b not a) by their names; why names them if not. */
static int
two(int *x, const struct ads_column *c, size_t n, int a,
    const char *const *alist, unsigned atypes, int b, const char *const *blist,
    unsigned btypes, const char *what, char *why, size_t len)
{
	x[a] = best(c, n, alist, atypes, -1);
	x[b] = best(c, n, blist, btypes, x[a]);
	if (x[a] < 0 || x[b] < 0) {
		snprintf(why, len, "no %s columns", what);
		return -1;
	}
	return 0;
}

int
ads_colmap_choose(struct ads_colmap *m, const struct ads_task *t,
    const struct ads_column *c, size_t n, char *why, size_t len)
{
	const unsigned S = T(ADS_CT_STRING);
	int i, r, lr = 1 << 20, *x = m->col;

	for (i = 0; i < ADS_NROLES; i++)
		x[i] = -1;
	why[0] = '\0';
	switch (t->kind) {
	case ADS_TASK_NONE:
	case ADS_TASK_TEXTCLS:
	case ADS_TASK_TEXTGEN:
		if (t->kind == ADS_TASK_TEXTCLS && (t->labels == NULL ||
		    t->labels->kind != ADS_LK_NLI) && haspair(c, n, why, len))
			return -1;
		x[ADS_R_TEXT] = best(c, n, textnames, S, -1);
		if (x[ADS_R_TEXT] < 0) {
			snprintf(why, len, "no text column");
			return -1;
		}
		if (t->kind == ADS_TASK_TEXTGEN)
			return 0;
		/* A ClassLabel first, then a plain column by its name. */
		for (i = 0; i < (int)n; i++) {
			if (c[i].type != ADS_CT_CLASSLABEL)
				continue;
			r = rank(c[i].name, labelnames);
			r = r < 0 ? 100 : r;
			if (r < lr) {
				lr = r;
				x[ADS_R_LABEL] = i;
			}
		}
		if (x[ADS_R_LABEL] < 0)
			x[ADS_R_LABEL] = best(c, n, labelnames,
			    T(ADS_CT_STRING) | T(ADS_CT_NUMBER) |
			    T(ADS_CT_BOOL), x[ADS_R_TEXT]);
		/* "airline_sentiment", "review_rating": by the last word. */
		for (i = 0; i < (int)n && x[ADS_R_LABEL] < 0; i++) {
			const char *u = strrchr(c[i].name, '_');

			if (i != x[ADS_R_TEXT] && u != NULL &&
			    (c[i].type == ADS_CT_STRING ||
			    c[i].type == ADS_CT_NUMBER) &&
			    rank(u + 1, labelnames) >= 0)
				x[ADS_R_LABEL] = i;
		}
		if (x[ADS_R_LABEL] < 0 && t->labels != NULL) {
			snprintf(why, len, "no label column");
			return -1;
		}
		return 0;
	case ADS_TASK_TOKENCLS:
		return two(x, c, n, ADS_R_TOKENS, tokennames, T(ADS_CT_STRLIST),
		    ADS_R_TAGS, tagnames, T(ADS_CT_LABELLIST) |
		    T(ADS_CT_STRLIST), "tokens and tags", why, len);
	case ADS_TASK_QA:
		x[ADS_R_QUESTION] = best(c, n, questionnames, S, -1);
		x[ADS_R_CONTEXT] = best(c, n, contextnames, S,
		    x[ADS_R_QUESTION]);
		x[ADS_R_ANSWER] = best(c, n, answernames, S | T(ADS_CT_OBJECT) |
		    T(ADS_CT_STRLIST), x[ADS_R_QUESTION]);
		if (x[ADS_R_QUESTION] < 0 || (x[ADS_R_CONTEXT] < 0 &&
		    x[ADS_R_ANSWER] < 0)) {
			snprintf(why, len, "no question with a context or an "
			    "answer");
			return -1;
		}
		return 0;
	case ADS_TASK_SUMMARY:
		return two(x, c, n, ADS_R_DOCUMENT, documentnames, S,
		    ADS_R_SUMMARY, summarynames, S, "document and summary",
		    why, len);
	case ADS_TASK_TRANSLATION:
		for (i = 0; i < (int)n && x[ADS_R_TRANSLATION] < 0; i++)
			if (c[i].type == ADS_CT_TRANSLATION ||
			    (c[i].type == ADS_CT_OBJECT &&
			    rank(c[i].name, (const char *const[]){
			    "translation", NULL }) == 0))
				x[ADS_R_TRANSLATION] = i;
		for (i = 0; i < (int)n && x[ADS_R_TRANSLATION] < 0; i++) {
			if (c[i].type != ADS_CT_STRING || !langcode(c[i].name))
				continue;
			if (x[ADS_R_PAIR1] < 0)
				x[ADS_R_PAIR1] = i;
			else if (x[ADS_R_PAIR2] < 0)
				x[ADS_R_PAIR2] = i;
		}
		if (x[ADS_R_TRANSLATION] < 0 && x[ADS_R_PAIR2] < 0) {
			snprintf(why, len, "no translation column");
			return -1;
		}
		return 0;
	case ADS_TASK_CONVERSATION:
		x[ADS_R_MESSAGES] = best(c, n, messagenames,
		    T(ADS_CT_OBJLIST) | T(ADS_CT_STRLIST), -1);
		if (x[ADS_R_MESSAGES] < 0) {
			snprintf(why, len, "no messages column");
			return -1;
		}
		return 0;
	case ADS_TASK_CODE:
		return two(x, c, n, ADS_R_CODE, codenames, S, ADS_R_PROMPT,
		    promptnames, S, "prompt and code", why, len);
	}
	snprintf(why, len, "unknown task");
	return -1;
}

jv
ads_colmap_names(const struct ads_colmap *m, const struct ads_column *c)
{
	static const char *const roles[ADS_NROLES] = {
		"text", "label", "question", "context", "answer", "document",
		"summary", "translation", "messages", "tokens", "tags",
		"prompt", "code", "translation", "translation"
	};
	jv o = jv_object();
	int i;

	for (i = 0; i < ADS_NROLES; i++) {
		if (m->col[i] < 0)
			continue;
		if (i == ADS_R_PAIR2)
			o = jv_object_set(o, jv_string(roles[i]),
			    jv_string_fmt("%s+%s", c[m->col[ADS_R_PAIR1]].name,
			    c[m->col[i]].name));
		else
			o = jv_object_set(o, jv_string(roles[i]),
			    jv_string(c[m->col[i]].name));
	}
	return o;
}

/* str -- row[col] as a non-empty string, or jv_null(). */
static jv
str(const struct ads_colmap *m, const struct ads_column *c, jv row, int role)
{
	jv v;

	if (m->col[role] < 0)
		return jv_null();
	v = ads_json_get(row, c[m->col[role]].name);
	if (jv_get_kind(v) == JV_KIND_NUMBER)
		return jv_dump_string(v, 0);
	if (jv_get_kind(v) != JV_KIND_STRING ||
	    jv_string_length_bytes(jv_copy(v)) == 0) {
		jv_free(v);
		return jv_null();
	}
	return v;
}

/* answer -- the first answer of a SQuAD object, a list or a string. */
static jv
answer(jv v)
{
	jv t, r = jv_null();

	if (jv_get_kind(v) == JV_KIND_OBJECT) {
		t = ads_json_get(v, "text");
		jv_free(v);
		v = t;
	}
	if (jv_get_kind(v) == JV_KIND_ARRAY) {
		if (jv_array_length(jv_copy(v)) > 0)
			r = jv_array_get(jv_copy(v), 0);
		jv_free(v);
		v = r;
	}
	if (jv_get_kind(v) == JV_KIND_STRING &&
	    jv_string_length_bytes(jv_copy(v)) > 0)
		return v;
	jv_free(v);
	return jv_null();
}

/* messages -- [{role, content}] from OpenAI or ShareGPT turns, strings. */
static jv
messages(jv v, struct ads_buf *text)
{
	static const char *const alt[2] = { "user", "assistant" };
	jv out = jv_array(), role, content, e;
	const char *r;
	int i, n;

	if (jv_get_kind(v) != JV_KIND_ARRAY) {
		jv_free(v);
		jv_free(out);
		return jv_null();
	}
	n = jv_array_length(jv_copy(v));
	for (i = 0; i < n && i < 1000; i++) {
		e = jv_array_get(jv_copy(v), i);
		if (jv_get_kind(e) == JV_KIND_STRING) {
			role = jv_string(alt[i % 2]);
			content = jv_copy(e);
		} else {
			role = ads_json_get(e, "role");
			if (jv_get_kind(role) != JV_KIND_STRING) {
				jv_free(role);
				role = ads_json_get(e, "from");
			}
			content = ads_json_get(e, "content");
			if (jv_get_kind(content) != JV_KIND_STRING) {
				jv_free(content);
				content = ads_json_get(e, "value");
			}
		}
		jv_free(e);
		if (jv_get_kind(role) != JV_KIND_STRING ||
		    jv_get_kind(content) != JV_KIND_STRING) {
			jv_free(role);
			jv_free(content);
			continue;
		}
		r = jv_string_value(role);
		/* ShareGPT's names for the roles. */
		if (strcmp(r, "human") == 0)
			r = "user";
		else if (strcmp(r, "gpt") == 0)
			r = "assistant";
		if (text->len > 0)
			ads_buf_addc(text, '\n');
		ads_buf_addf(text, "%s: %s", r, jv_string_value(content));
		out = jv_array_append(out, jv_object_set(jv_object_set(
		    jv_object(), jv_string("role"), jv_string(r)),
		    jv_string("content"), content));
		jv_free(role);
	}
	jv_free(v);
	if (jv_array_length(jv_copy(out)) == 0) {
		jv_free(out);
		return jv_null();
	}
	return out;
}

/* entity -- an entity type lowercased, its long names as the short ones. */
static void
entity(const char *name, char *out, size_t len)
{
	static const char *const syn[][2] = {
		{ "person", "per" }, { "location", "loc" },
		{ "organization", "org" }, { "organisation", "org" },
		{ "miscellaneous", "misc" }, { "gpe", "loc" }, { NULL, NULL }
	};
	size_t i;

	snprintf(out, len, "%s", name);
	for (i = 0; out[i] != '\0'; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	for (i = 0; syn[i][0] != NULL; i++)
		if (strcmp(out, syn[i][0]) == 0)
			snprintf(out, len, "%s", syn[i][1]);
}

/* tagname -- the entity type of an IOB tag mapped onto the plan's set. */
static jv
tagname(const struct ads_labelset *set, const char *tag)
{
	char prefix[3] = "", ent[64], a[64];
	const char *e = tag;
	size_t i;

	if (strcmp(tag, "O") == 0 || set == NULL)
		return jv_string(tag);
	if ((tag[0] == 'B' || tag[0] == 'I' || tag[0] == 'E' ||
	    tag[0] == 'S') && (tag[1] == '-' || tag[1] == '_')) {
		prefix[0] = tag[0];
		prefix[1] = '-';
		e = tag + 2;
	}
	entity(e, ent, sizeof(ent));
	for (i = 0; i < set->n; i++) {
		entity(set->names[i], a, sizeof(a));
		if (strcmp(a, ent) == 0)
			return jv_string_fmt("%s%s", prefix, set->names[i]);
	}
	/* An entity type outside the plan's set is no entity. */
	return jv_string("O");
}

/* classname -- a ClassLabel's number as its name, other values as they are. */
static jv
classname(const struct ads_column *col, jv v)
{
	double d;
	jv nm;

	if (jv_get_kind(v) != JV_KIND_NUMBER ||
	    jv_get_kind(col->names) != JV_KIND_ARRAY)
		return v;
	d = jv_number_value(v);
	if (d < 0 || d >= jv_array_length(jv_copy(col->names)) ||
	    d != (double)(int)d)
		return v;
	nm = jv_array_get(jv_copy(col->names), (int)d);
	jv_free(v);
	return nm;
}

static jv
tags(const struct ads_column *col, const struct ads_labelset *set, jv v,
    int ntok)
{
	jv out = jv_array();
	int i, n;

	if (jv_get_kind(v) != JV_KIND_ARRAY ||
	    (n = jv_array_length(jv_copy(v))) != ntok) {
		jv_free(v);
		jv_free(out);
		return jv_null();
	}
	for (i = 0; i < n; i++) {
		jv e = classname(col, jv_array_get(jv_copy(v), i));

		if (jv_get_kind(e) != JV_KIND_STRING) {
			jv_free(e);
			break;
		}
		out = jv_array_append(out, tagname(set, jv_string_value(e)));
		jv_free(e);
	}
	jv_free(v);
	if (i < n) {
		jv_free(out);
		return jv_null();
	}
	return out;
}

static jv
set(jv o, const char *k, jv v)
{
	return jv_object_set(o, jv_string(k), v);
}

/* label -- rec with label and label_source, or null with *drop. */
static jv
label(const struct ads_colmap *m, const struct ads_column *c,
    const struct ads_labelmap *lm, const char *src, jv row, jv rec,
    const char **drop)
{
	const struct ads_column *col;
	char orig[256];
	jv v, nm;
	int k;

	if (m->col[ADS_R_LABEL] < 0)
		return rec;
	col = &c[m->col[ADS_R_LABEL]];
	v = ads_json_get(row, col->name);
	if (lm == NULL) {
		/* No label set: the source's own names. */
		v = classname(col, v);
		if (jv_get_kind(v) == JV_KIND_STRING ||
		    (jv_get_kind(v) == JV_KIND_NUMBER &&
		    jv_number_value(v) >= 0)) {
			nm = jv_get_kind(v) == JV_KIND_STRING ? jv_copy(v) :
			    jv_dump_string(jv_copy(v), 0);
			rec = set(rec, "label_source", jv_string_fmt(
			    "source:%s=%s", src, jv_string_value(nm)));
			jv_free(nm);
			rec = set(rec, "label", v);
		} else
			jv_free(v);
		return rec;
	}
	k = ads_labelmap_map(lm, v, orig, sizeof(orig));
	jv_free(v);
	if (k < 0) {
		*drop = k == ADS_LABEL_MISSING ? "label_missing" :
		    "label_unmapped";
		jv_free(rec);
		return jv_null();
	}
	rec = set(rec, "label", jv_string(lm->set->names[k]));
	rec = set(rec, "label_source", jv_string_fmt("source:%s=%s", src,
	    orig));
	return rec;
}

/* both -- rec with text and the columns of roles a and b, or null with *drop. */
static jv
both(const struct ads_colmap *m, const struct ads_column *c, jv row, jv rec,
    int a, const char *akey, int b, const char *bkey, const char **drop)
{
	jv x = str(m, c, row, a), y = str(m, c, row, b);

	if (jv_get_kind(x) != JV_KIND_STRING ||
	    jv_get_kind(y) != JV_KIND_STRING) {
		*drop = jv_get_kind(x) != JV_KIND_STRING ? "no_text" :
		    b == ADS_R_SUMMARY ? "no_summary" : "no_code";
		jv_free(x);
		jv_free(y);
		jv_free(rec);
		return jv_null();
	}
	rec = set(rec, "text", jv_copy(x));
	rec = set(rec, akey, x);
	return set(rec, bkey, y);
}

/* side -- the translation side in the plan's first language found. */
static jv
side(const struct ads_task *t, jv tr)
{
	size_t i;
	jv v;

	for (i = 0; i < t->nlangs; i++) {
		v = ads_json_get(tr, t->langs[i]);
		if (jv_get_kind(v) == JV_KIND_STRING)
			return v;
		jv_free(v);
	}
	v = jv_null();
	jv_object_foreach(tr, k, x) {
		if (jv_get_kind(v) == JV_KIND_NULL &&
		    jv_get_kind(x) == JV_KIND_STRING)
			v = jv_copy(x);
		jv_free(k);
		jv_free(x);
	}
	return v;
}

jv
ads_colmap_record(const struct ads_colmap *m, const struct ads_task *t,
    const struct ads_column *c, const struct ads_labelmap *lm,
    const char *src, jv row, jv rec, const char **drop)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv a, q, x, v, tr;
	int n;

	*drop = "no_text";
	if (jv_get_kind(row) != JV_KIND_OBJECT)
		goto fail;
	switch (t->kind) {
	case ADS_TASK_NONE:
	case ADS_TASK_TEXTCLS:
	case ADS_TASK_TEXTGEN:
		v = str(m, c, row, ADS_R_TEXT);
		if (jv_get_kind(v) != JV_KIND_STRING)
			goto fail;
		rec = set(rec, "text", v);
		if (t->kind != ADS_TASK_TEXTGEN)
			return label(m, c, lm, src, row, rec, drop);
		return rec;
	case ADS_TASK_TOKENCLS:
		v = ads_json_get(row, c[m->col[ADS_R_TOKENS]].name);
		if (jv_get_kind(v) != JV_KIND_ARRAY ||
		    (n = jv_array_length(jv_copy(v))) == 0) {
			jv_free(v);
			goto fail;
		}
		jv_array_foreach(v, i, tok) {
			if (jv_get_kind(tok) == JV_KIND_STRING) {
				if (i > 0)
					ads_buf_addc(&b, ' ');
				ads_buf_adds(&b, jv_string_value(tok));
			}
			jv_free(tok);
		}
		a = tags(&c[m->col[ADS_R_TAGS]], t->labels, ads_json_get(row,
		    c[m->col[ADS_R_TAGS]].name), n);
		if (jv_get_kind(a) != JV_KIND_ARRAY || b.len == 0) {
			jv_free(a);
			jv_free(v);
			*drop = "tags_unmapped";
			goto fail;
		}
		rec = set(rec, "text", jv_string_sized(b.p, (int)b.len));
		rec = set(rec, "tokens", v);
		rec = set(rec, "tags", a);
		ads_buf_free(&b);
		return rec;
	case ADS_TASK_QA:
		q = str(m, c, row, ADS_R_QUESTION);
		x = str(m, c, row, ADS_R_CONTEXT);
		a = m->col[ADS_R_ANSWER] < 0 ? jv_null() :
		    answer(ads_json_get(row, c[m->col[ADS_R_ANSWER]].name));
		if (jv_get_kind(q) != JV_KIND_STRING ||
		    jv_get_kind(a) != JV_KIND_STRING) {
			*drop = jv_get_kind(q) != JV_KIND_STRING ?
			    "no_question" : "no_answer";
			jv_free(q);
			jv_free(x);
			jv_free(a);
			goto fail;
		}
		rec = set(rec, "text", jv_get_kind(x) == JV_KIND_STRING ?
		    jv_copy(x) : jv_copy(q));
		rec = set(rec, "question", q);
		if (jv_get_kind(x) == JV_KIND_STRING)
			rec = set(rec, "context", x);
		else
			jv_free(x);
		return set(rec, "answer", a);
	case ADS_TASK_SUMMARY:
		return both(m, c, row, rec, ADS_R_DOCUMENT, "document",
		    ADS_R_SUMMARY, "summary", drop);
	case ADS_TASK_TRANSLATION:
		if (m->col[ADS_R_TRANSLATION] >= 0)
			tr = ads_json_get(row,
			    c[m->col[ADS_R_TRANSLATION]].name);
		else {
			x = str(m, c, row, ADS_R_PAIR1);
			a = str(m, c, row, ADS_R_PAIR2);
			tr = jv_object();
			if (jv_get_kind(x) == JV_KIND_STRING &&
			    jv_get_kind(a) == JV_KIND_STRING) {
				tr = set(tr, c[m->col[ADS_R_PAIR1]].name, x);
				tr = set(tr, c[m->col[ADS_R_PAIR2]].name, a);
			} else {
				jv_free(x);
				jv_free(a);
			}
		}
		if (jv_get_kind(tr) != JV_KIND_OBJECT ||
		    jv_object_length(jv_copy(tr)) < 2) {
			jv_free(tr);
			*drop = "no_translation";
			goto fail;
		}
		v = side(t, tr);
		if (jv_get_kind(v) != JV_KIND_STRING) {
			jv_free(v);
			jv_free(tr);
			goto fail;
		}
		rec = set(rec, "text", v);
		return set(rec, "translation", tr);
	case ADS_TASK_CONVERSATION:
		v = messages(ads_json_get(row, c[m->col[ADS_R_MESSAGES]].name),
		    &b);
		if (jv_get_kind(v) != JV_KIND_ARRAY || b.len == 0) {
			jv_free(v);
			goto fail;
		}
		rec = set(rec, "text", jv_string_sized(b.p, (int)b.len));
		ads_buf_free(&b);
		return set(rec, "messages", v);
	case ADS_TASK_CODE:
		return both(m, c, row, rec, ADS_R_PROMPT, "prompt", ADS_R_CODE,
		    "code", drop);
	}
fail:
	ads_buf_free(&b);
	jv_free(rec);
	return jv_null();
}
