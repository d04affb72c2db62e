/*
 * synth.h -- the parts of ads-synth: what to ask the LLM for each task
 * and how its answers become checked rows (rows.c), the requests and
 * the output (main.c)
 */
#ifndef SYNTH_H
#define SYNTH_H

#include <stddef.h>

#include <jv.h>

#include "../../common/task.h"

/* The passage sent is cut to this many bytes, at a sentence if it can. */
#define SY_MAXPASSAGE	4000
/* A passage needs this many words to be worth rows. */
#define SY_MINWORDS	30
/* Rows a passage at most (-n). */
#define SY_MAXROWS	10

/* What ads-synth makes, for all passages. */
struct sy_spec {
	enum ads_task	 task;
	int		 nrows;		/* rows a passage (per language) */
	char		**langs;	/* translation targets */
	size_t		 nlangs;
};

/* Why a row was refused; counted per reason. */
enum sy_fail {
	SF_INVALID,		/* "invalid_answer": not the asked form */
	SF_EMPTY,		/* "empty_field" */
	SF_NOTINCONTEXT,	/* "answer_not_in_context" */
	SF_NOTSHORTER,		/* "summary_not_shorter" */
	SF_OFFTOPIC,		/* "off_topic": no key term of the passage */
	SF_LANGUAGE,		/* "wrong_language" (CLD2) */
	SF_LENGTH,		/* "implausible_length" */
	SF_ROLES,		/* "bad_roles" */
	SF_NOTCODE,		/* "not_code" */
	SF_DUPLICATE,		/* "duplicate" within a passage */
	SF_N
};
extern const char *const sy_fail_names[SF_N];

/*
 * sy_cut -- the bytes of text (n) to send: at most SY_MAXPASSAGE, cut
 * after a sentence end when one is in the last quarter, else at a
 * character boundary.
 */
size_t sy_cut(const char *text, size_t n);

/* sy_system -- the system instruction for spec (new string). */
char *sy_system(const struct sy_spec *s);

/*
 * sy_prompt -- the user message for one passage (text, n bytes, already
 * cut) of language lang (may be NULL): a JSON object as text.  retry > 0
 * says an earlier answer was not valid.  New string.
 */
char *sy_prompt(const struct sy_spec *s, const char *text, size_t n,
    const char *lang, int retry);

/* sy_schema -- the answer's JSON schema (Gemini's dialect with gemini). */
jv sy_schema(const struct sy_spec *s, int gemini);

/*
 * sy_rows -- the rows in answer (the object the LLM answered; borrowed)
 * for passage rec (borrowed; its "text" cut to n bytes is the context),
 * each checked: the good ones returned (a new array, task columns,
 * "text", "context_id", and the passage's source, title, url, license,
 * lang), each refusal counted in fails[reason].  Returns an invalid jv
 * when answer is not of the asked form at all.  src is the provenance
 * ("llm:PROVIDER/MODEL") put in meta.synth.
 */
jv sy_rows(const struct sy_spec *s, jv rec, size_t n, jv answer,
    const char *src, long *fails);

/*
 * sy_keyterms -- the key terms of text (n bytes): its most frequent
 * words of five bytes or more, lower-cased, at most max.  New array.
 */
jv sy_keyterms(const char *text, size_t n, int max);

/* sy_contains -- 1 when needle occurs in hay, case and spaces folded. */
int sy_contains(const char *hay, size_t hn, const char *needle, size_t nn);

#endif
