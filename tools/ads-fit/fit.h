/*
 * fit.h -- what ads-fit's parts share: the plan's task and terms, the
 * form of a record, and its relevance to the plan
 *
 * fit.c reads the plan (version 1 or 2) into a struct fitplan, names
 * the form of a record from its shape and source, and scores a text
 * against the plan's terms with BM25.  None of it writes anything, so
 * the fuzz harness drives it directly.
 */
#ifndef ADS_FIT_H
#define ADS_FIT_H

#include <stddef.h>
#include <stdint.h>

#include <jv.h>

/* The forms of a record (ads-fit(1), FORMS), in table order. */
enum form {
	FORM_THREAD, FORM_QA, FORM_SUMMARY, FORM_TRANSLATION, FORM_CODE,
	FORM_TAGGED, FORM_ROW, FORM_POST, FORM_COMMENT, FORM_TRANSCRIPT,
	FORM_NEWS, FORM_ENCYCLOPEDIA, FORM_ABSTRACT, FORM_README,
	FORM_DATASET_CARD, FORM_TEXT, NFORMS
};
#define FORMS_ALL	((1u << NFORMS) - 1)

/* form_name -- "thread", "dataset-card", ...; form_parse: -1 if none. */
const char *form_name(enum form f);
int form_parse(const char *s, size_t n);

/* A plan term: a folded word. */
struct term {
	uint64_t	 h;		/* ads_hash64 of the folded word */
	char		*w;
	size_t		 len;
	int		 generic;	/* a word of a dataset's shape */
};

struct fitplan {
	char		*task;		/* the v2 task id, or NULL */
	char		*task_id;	/* the v2 subtask, or NULL */
	unsigned	 forms;		/* bit per enum form: accepted */
	struct term	*terms;
	size_t		 nterms;
	size_t		 ncontent;	/* terms not generic */
	uint64_t	*slots;		/* open hash: term index + 1 */
	size_t		 nslots;
};

/*
 * fit_plan_load -- fill *p from plan (borrowed): the task (a version 1
 * task name is mapped to its version 2 task and subtask), the forms the
 * task accepts, and the terms of the domain, the keywords and every
 * source's queries_by_lang.  Returns 0, or -1 with *why set when plan
 * is not an object.  fit_plan_free releases it.
 */
int fit_plan_load(struct fitplan *p, jv plan, const char **why);
void fit_plan_free(struct fitplan *p);
/* fit_task_forms -- the forms task (v2, with subtask or NULL) accepts. */
unsigned fit_task_forms(const char *task, const char *task_id);

/* fit_form -- the form of record rec (borrowed). */
enum form fit_form(jv rec);

/*
 * fit_relevance -- the BM25 score of title and text (either NULL, n
 * bytes of UTF-8 each, read up to FIT_MAXTEXT bytes in all) against
 * the plan's terms; 0 when nothing matches.  The record's form (a
 * form_name, or NULL) matches a term of its name, as one more mention
 * that does not lengthen the text: a news article is news.  Scratch memory is kept
 * between calls; fit_free releases it.
 */
#define FIT_MAXTEXT	(64 * 1024)
#define FIT_K1		1.2
#define FIT_B		0.75
#define FIT_AVGLEN	100.0
double fit_relevance(const struct fitplan *p, const char *form,
    const char *title, size_t tn, const char *text, size_t n);
/*
 * fit_content -- how many of the plan's content words (the terms that
 * are not generic: not words of a dataset's shape such as "sentence" or
 * "label") the text of the last fit_relevance call holds.
 */
size_t fit_content(const struct fitplan *p);
void fit_free(void);

#endif
