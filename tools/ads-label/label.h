/*
 * label.h -- the parts of ads-label: the label set and the reading of
 * LLM answers (answer.c), the linear text classifier (classify.c), and
 * the driver of it all (main.c)
 */
#ifndef ADS_LABEL_H
#define ADS_LABEL_H

#include <stddef.h>
#include <stdint.h>

#include <jv.h>

/* At most this many labels in a set, and bytes in a label name. */
#define LB_MAXLABELS	64
#define LB_MAXNAME	64
/* Bytes of a record's text put in a prompt (cut at a character). */
#define LB_MAXTEXT	2000
/* Most tokens of one record for token classification. */
#define LB_MAXTOKENS	512

enum lb_task { LB_TEXT, LB_TOKEN, LB_OTHER };

struct lb_set {
	enum lb_task	 task;
	int		 n;
	char		*name[LB_MAXLABELS];
	char		*desc[LB_MAXLABELS];
};

/*
 * lb_set_from_plan -- the task and label set of plan (borrowed): its
 * "labels" (version 2), or the defaults of its task (a version 1
 * sentiment-analysis plan: negative, neutral, positive; NER: PER, ORG,
 * LOC, MISC).  Returns 0, or -1 with *err set when the plan gives no
 * usable set for a classification task (the task is then LB_OTHER).
 */
int lb_set_from_plan(struct lb_set *s, jv plan, const char **err);
/* lb_set_from_list -- a set from "a,b,c" for task; 0 or -1. */
int lb_set_from_list(struct lb_set *s, const char *list, enum lb_task task);
void lb_set_free(struct lb_set *s);
/* lb_find -- the index of name in s (ASCII case ignored), or -1. */
int lb_find(const struct lb_set *s, const char *name);
/*
 * lb_find_prefix -- the index of the one label of s that name (3 bytes
 * or more) begins, such as "neg" for "negative", or -1.
 */
int lb_find_prefix(const struct lb_set *s, const char *name);

/*
 * lb_system -- the system instruction for s (a new string): the task,
 * the labels and their descriptions, the answer's form.
 */
char *lb_system(const struct lb_set *s);
/*
 * lb_prompt -- the user message for texts[0..n-1] (ids 1..n), each cut
 * to LB_MAXTEXT bytes; retry > 0 adds a reminder that the last answer
 * was not valid, vote > 0 says which sample this is.  A new string.
 */
char *lb_prompt(const struct lb_set *s, const char *const *texts, int n,
    int retry, int vote);
/* lb_schema -- the answer's JSON schema (Gemini's dialect when gemini). */
jv lb_schema(const struct lb_set *s, int gemini);

/*
 * lb_read -- read the answer object (borrowed) for a request of n
 * texts: out[i] is the label index of text i+1, -2 when the answer
 * names a label outside the set for it, or -1 when it has none (absent,
 * or answered twice).  Returns how many got a label.
 */
int lb_read(const struct lb_set *s, jv answer, int n, int *out);

/*
 * lb_tokens -- split text into tokens (runs of letters and digits, and
 * each other non-space character alone), at most max; returns a new
 * array of strings.
 */
jv lb_tokens(const char *text, int max);
/*
 * lb_tags -- the IOB2 tags for tokens (borrowed) from the entities of
 * answer item (borrowed, {"entities":[{"text":..., "type":...}]}).
 * Returns a new array, or an invalid jv with the reason when a span
 * does not match the tokens or a type is not in s.
 */
jv lb_tags(const struct lb_set *s, jv tokens, jv entities);
/*
 * lb_read_tokens -- the "entities" arrays of an answer for n texts:
 * out[i] a new reference or jv_invalid() when absent.  Returns how many
 * were present.
 */
int lb_read_tokens(jv answer, int n, jv *out);

/*
 * The classifier: multinomial naive Bayes over hashed word unigrams
 * and bigrams and character 4-grams (CL_DIM buckets).
 */
#define CL_DIM	(1u << 18)

struct cl_model {
	int		 nclass;
	double		*logp;		/* nclass * CL_DIM log P(feature | class) */
	double		 prior[LB_MAXLABELS];
	double		 tot[LB_MAXLABELS];	/* while training */
	double		 ndoc;
};

/* A document as a sorted list of feature buckets with counts. */
struct cl_doc {
	uint32_t	*f;
	uint16_t	*c;
	int		 n;
};

/* cl_features -- the features of text into d (freed by cl_doc_free). */
void cl_features(const char *text, size_t len, struct cl_doc *d);
void cl_doc_free(struct cl_doc *d);
/*
 * Training, one document at a time: cl_begin, cl_add (document d of
 * class y; the order of the calls is the order of the sums), cl_end.
 */
void cl_begin(struct cl_model *m, int nclass);
void cl_add(struct cl_model *m, const struct cl_doc *d, int y);
void cl_end(struct cl_model *m);
/* cl_predict -- the most likely class of d, its posterior in *p. */
int cl_predict(const struct cl_model *m, const struct cl_doc *d, double *p);
void cl_free(struct cl_model *m);
#endif
