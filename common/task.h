/*
 * task.h -- the plan's task (ads-plan(5), version 1 and 2) and the
 * task rows of ads-record(5)
 *
 * A task row is a record that carries the columns of its task at top
 * level (question/context/answer, document/summary, translation,
 * messages, prompt/code), `context_id` (the id of the record it was
 * made from) and `text` (its main passage).  Fetchers make them from
 * structure their source already has; ads-synth makes the others.
 */
#ifndef ADS_TASK_H
#define ADS_TASK_H

#include <jv.h>

enum ads_task {
	ADS_TASK_NONE,			/* no task, or one without rows */
	ADS_TASK_TEXTCLASS,		/* text-classification */
	ADS_TASK_TOKENCLASS,		/* token-classification */
	ADS_TASK_QA,			/* question-answering */
	ADS_TASK_SUMMARY,		/* summarization */
	ADS_TASK_TRANSLATION,		/* translation */
	ADS_TASK_CONVERSATION,		/* conversational */
	ADS_TASK_TEXTGEN,		/* text-generation */
	ADS_TASK_CODE			/* code */
};

/*
 * ads_plan_read -- the plan in file path ("-": the standard input), a
 * JSON object, or exit: ADS_SYSTEM when it cannot be read, ADS_USAGE
 * with "path: invalid plan: why" when it is not one.
 */
jv ads_plan_read(const char *path);

/*
 * ads_task_parse -- the task named name: a version 2 name
 * ("summarization"), or a version 1 one ("dialogue",
 * "sentiment-analysis", "language-modeling"...).  ADS_TASK_NONE for
 * NULL or an unknown name.
 */
enum ads_task ads_task_parse(const char *name);

/* ads_task_of -- the task of plan (borrowed; any jv). */
enum ads_task ads_task_of(jv plan);

/* ads_task_name -- the version 2 name of t ("summarization"), or NULL. */
const char *ads_task_name(enum ads_task t);

/*
 * ads_task_columns -- the task's columns as a NULL-terminated list
 * ({"document", "summary", NULL}); an empty list for ADS_TASK_NONE.
 */
const char *const *ads_task_columns(enum ads_task t);

/*
 * ads_task_paired -- 1 when t's rows are pairs (QA, summarization,
 * translation, conversational, code) that a plain record does not
 * make, 0 otherwise.
 */
int ads_task_paired(enum ads_task t);

/*
 * ads_task_has_row -- 1 when rec (borrowed) carries every column of t
 * with a value of the right kind (strings, an object of two or more
 * strings for translation, an array of two or more {role, content}
 * objects for messages), 0 otherwise.
 */
int ads_task_has_row(enum ads_task t, jv rec);

/*
 * ads_task_join -- the text of a messages array (borrowed): each
 * message's content on its own paragraph, as "role: content".
 * Returns a new jv string.
 */
jv ads_task_join(jv messages);

/*
 * ads_task_row -- make rec (consumed) a task row: "text" set to text
 * (consumed) and "context_id" to ctx (consumed; jv_null() means rec's
 * own id).  Returns the record.
 */
jv ads_task_row(jv rec, jv text, jv ctx);

#endif
