/*
 * labels.h -- the plan's task and label set, and the mapping of a
 * source's label values onto that set (ads-labels(7))
 *
 * Every source that brings its own labels (a Hugging Face ClassLabel,
 * a Kaggle CSV column of stars) maps them here, so that one rule holds
 * for all of them.  A source's labels are judged as a whole scheme
 * first (ads_labelmap_init): natural-language-inference labels never
 * become sentiment labels even where one name ("neutral") matches, and
 * emotion labels map only onto an emotion set.  A scheme that fits is
 * then applied value by value (ads_labelmap_map); a value that does
 * not map is reported as such and the row is dropped by the caller,
 * never kept under a foreign label.
 */
#ifndef ADS_LABELS_H
#define ADS_LABELS_H

#include <stddef.h>

#include <jv.h>

/* The kind of a label set or of a source's scheme. */
enum ads_label_kind {
	ADS_LK_OTHER = 0,	/* topics, spam/ham...: names compared */
	ADS_LK_SENTIMENT,	/* negative ... positive */
	ADS_LK_STARS,		/* "1" .. "N" */
	ADS_LK_EMOTION,		/* joy, anger, sadness ... */
	ADS_LK_NLI,		/* entailment, neutral, contradiction */
	ADS_LK_NUMERIC,		/* a source's numbers: a score scale */
	ADS_LK_INDEX		/* a source's LABEL_0, LABEL_1 ... */
};

/* The tasks of plan version 2 (Hugging Face task categories). */
enum ads_task_kind {
	ADS_TASK_NONE = 0,	/* no task known (-q, or a v1 plan without) */
	ADS_TASK_TEXTCLS,	/* text-classification */
	ADS_TASK_TOKENCLS,	/* token-classification */
	ADS_TASK_QA,		/* question-answering */
	ADS_TASK_SUMMARY,	/* summarization */
	ADS_TASK_TRANSLATION,	/* translation */
	ADS_TASK_CONVERSATION,	/* conversational */
	ADS_TASK_TEXTGEN,	/* text-generation */
	ADS_TASK_CODE		/* code */
};

/* A plan's label set. */
struct ads_labelset {
	char		**names;	/* the plan's names, in order */
	size_t		  n;
	enum ads_label_kind kind;
	int		 *val;		/* per name: polarity, star, emotion */
};

/* A plan's task: kind, task id, label set (or NULL), columns. */
struct ads_task {
	enum ads_task_kind   kind;
	char		    *name;	/* "text-classification", or NULL */
	char		    *id;	/* "sentiment-classification", or NULL */
	struct ads_labelset *labels;	/* NULL: the task has no label set */
	char		   **langs;	/* the plan's languages (may be NULL) */
	size_t		     nlangs;
};

/*
 * ads_task_plan -- the task of plan (borrowed; a version 1 or 2 plan
 * object, or jv_null()) into *t.  Version 1 task names are translated
 * (sentiment-analysis is text-classification/sentiment-classification
 * with the labels negative, neutral, positive).  Free with
 * ads_task_free.
 */
void ads_task_plan(jv plan, struct ads_task *t);
void ads_task_free(struct ads_task *t);
/* ads_task_kind -- the kind of a task name ("summarization"), v1 or v2. */
enum ads_task_kind ads_task_kind(const char *name);

/*
 * ads_labelset_new -- a label set of the n names (copied), its kind
 * told from the names as a whole.  Free with ads_labelset_free.
 */
struct ads_labelset *ads_labelset_new(const char *const *names, size_t n);
void ads_labelset_free(struct ads_labelset *s);

/* A source's scheme, checked against a label set. */
struct ads_labelmap {
	const struct ads_labelset *set;
	enum ads_label_kind kind;	/* the source scheme's kind */
	int		  scale;	/* ADS_LK_NUMERIC: its scale */
	jv		  names;	/* ClassLabel names, or jv_null() */
	int		 *to;		/* ClassLabel index -> set index, -1 */
	size_t		  nnames;
};

/*
 * ads_labelmap_init -- judge a source's label scheme against set.
 * names is the ClassLabel names array (borrowed) or jv_null(); without
 * it, sample (borrowed; an array of values seen in the column, or
 * jv_null()) tells the scheme.  Returns 0, or -1 with the reason the
 * scheme does not fit in why (len bytes); m needs ads_labelmap_free
 * either way.
 */
int ads_labelmap_init(struct ads_labelmap *m, const struct ads_labelset *set,
    jv names, jv sample, char *why, size_t len);
void ads_labelmap_free(struct ads_labelmap *m);

/* What ads_labelmap_map returns besides an index of the set. */
#define ADS_LABEL_UNMAPPED	(-1)	/* a value outside the mapping */
#define ADS_LABEL_MISSING	(-2)	/* null, "", or ClassLabel -1 */

/*
 * ads_labelmap_map -- the index in the set of value v (borrowed), or
 * ADS_LABEL_UNMAPPED or ADS_LABEL_MISSING.  orig (olen bytes) receives
 * the value as the source wrote it (a ClassLabel's name for its index)
 * for label_source.
 */
int ads_labelmap_map(const struct ads_labelmap *m, jv v, char *orig,
    size_t olen);

/*
 * ads_label_polarity -- the polarity of a sentiment name in any of the
 * listed languages: -2 (very negative) .. 2 (very positive), or
 * ADS_POL_NONE.
 */
#define ADS_POL_NONE	99
int ads_label_polarity(const char *s);
/* ads_label_stars -- n for "n", "n stars", "n étoiles" (0..10), or -1. */
int ads_label_stars(const char *s);
/* ads_label_kind_name -- "sentiment", "emotion", ... */
const char *ads_label_kind_name(enum ads_label_kind k);

#endif
