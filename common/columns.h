/*
 * columns.h -- a source dataset's columns mapped onto the plan's task
 * columns (ads-labels(7), COLUMNS)
 *
 * Hugging Face features and the header of a Kaggle CSV or JSON file
 * are turned into a list of typed columns; ads_colmap_choose finds the
 * columns the task needs from their names and types (review_body,
 * sentence, premise/hypothesis, answers, ner_tags, translation ...) or
 * says why the dataset does not fit; ads_colmap_record writes one row
 * in the plan's columns, with `text` always set, and the label mapped
 * through labels.h.
 */
#ifndef ADS_COLUMNS_H
#define ADS_COLUMNS_H

#include <stddef.h>

#include <jv.h>

#include "labels.h"

enum ads_coltype {
	ADS_CT_OTHER = 0,	/* images, audio, nested things */
	ADS_CT_STRING,
	ADS_CT_NUMBER,
	ADS_CT_BOOL,
	ADS_CT_CLASSLABEL,	/* an index into names */
	ADS_CT_STRLIST,		/* a sequence of strings */
	ADS_CT_LABELLIST,	/* a sequence of ClassLabel indexes */
	ADS_CT_TRANSLATION,	/* an object {lang: text} */
	ADS_CT_OBJLIST,		/* a list of objects (messages) */
	ADS_CT_OBJECT		/* an object (SQuAD answers) */
};

struct ads_column {
	char		  *name;
	enum ads_coltype   type;
	jv		   names;	/* ClassLabel names, or jv_null() */
};

/* The roles of the task columns. */
enum ads_role {
	ADS_R_TEXT = 0, ADS_R_LABEL, ADS_R_QUESTION, ADS_R_CONTEXT,
	ADS_R_ANSWER, ADS_R_DOCUMENT, ADS_R_SUMMARY, ADS_R_TRANSLATION,
	ADS_R_MESSAGES, ADS_R_TOKENS, ADS_R_TAGS, ADS_R_PROMPT, ADS_R_CODE,
	ADS_R_PAIR1, ADS_R_PAIR2,	/* translation as two columns */
	ADS_NROLES
};

struct ads_colmap {
	int	 col[ADS_NROLES];	/* column index, or -1 */
};

/*
 * ads_columns_hf -- the columns of a dataset viewer "features" value:
 * the array of /rows ({name, type}) or the object of /info
 * ({name: type}).  Returns a new vector (free with ads_columns_free)
 * and its length in *n.
 */
struct ads_column *ads_columns_hf(jv features, size_t *n);
void ads_columns_free(struct ads_column *c, size_t n);

/*
 * ads_colmap_choose -- the columns of task t among c (n columns).
 * Returns 0, or -1 with the reason the dataset does not fit in why.
 * With no task (ADS_TASK_NONE) it chooses as text-classification.
 */
int ads_colmap_choose(struct ads_colmap *m, const struct ads_task *t,
    const struct ads_column *c, size_t n, char *why, size_t len);

/*
 * ads_colmap_record -- set row's (borrowed; {column: value}) task
 * columns on rec (consumed): text and the columns of t.  lm maps the
 * label (NULL: the label kept as the source wrote it, a ClassLabel as
 * its name); src ("owner/name/column") names the label's origin in
 * label_source.  Returns rec, or jv_null() with *drop set to the
 * reason ("no_text", "label_unmapped", "label_missing", "no_answer",
 * ...) when the row cannot be written.
 */
jv ads_colmap_record(const struct ads_colmap *m, const struct ads_task *t,
    const struct ads_column *c, const struct ads_labelmap *lm,
    const char *src, jv row, jv rec, const char **drop);

/* ads_colmap_names -- the chosen columns as {role: column}, new. */
jv ads_colmap_names(const struct ads_colmap *m, const struct ads_column *c);

#endif
