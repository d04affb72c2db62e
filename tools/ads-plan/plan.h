/*
 * plan.h -- the parts of ads-plan: prompt analysis (prompt.c), the
 * tables it reads (tables.c), the plan builder (build.c) and the LLM
 * planner (llm.c).
 *
 * The parts exchange a "brief": a jv object holding what was understood
 * of the request, whoever understood it:
 *
 *	{"task":"sentiment-analysis","domain":"product reviews",
 *	 "languages":["es"],"keywords":["reseñas de productos"],
 *	 "target_rows":10000,"subreddits":[...],"categories":[...],
 *	 "datasets":[...],"code_languages":["python"],
 *	 "prompt_lang":"es"}
 *
 * target_rows is 0 when the prompt gave no count.  prompt_lang, the
 * language the keywords are written in, is absent when they may be in
 * any (an LLM's).  plan_build() turns a
 * brief into the plan of ads-plan(5).
 */
#ifndef ADS_PLAN_H
#define ADS_PLAN_H

#include <stddef.h>
#include <stdio.h>

#include <jv.h>

#include "../../common/llm.h"

/* The longest prompt accepted, in bytes. */
#define PLAN_MAXPROMPT	16384
/* Bounds on target_rows and the default (ads-plan(5)). */
#define PLAN_MINROWS	1
#define PLAN_MAXROWS	100000000LL
#define PLAN_DEFROWS	1000
#define PLAN_MAXKEYWORDS 8
/* The share of the rows, in percent, of the sources a prompt names. */
#define PLAN_NAMEDPCT	80
/* In plan_task_pats: the pattern's words stay keywords. */
#define PLAN_KEEP	0x100

enum plan_task {
	TASK_SENTIMENT,
	TASK_CLASSIFICATION,
	TASK_QA,
	TASK_SUMMARIZATION,
	TASK_NER,
	TASK_TRANSLATION,
	TASK_DIALOGUE,
	TASK_CODE,
	TASK_LM,
	NTASK
};

/* One word pattern list: words separated by spaces, "x*" a prefix. */
struct plan_pat {
	const char	*pat;
	int		 val;	/* task, language index, domain index, ... */
};

struct plan_domain {
	const char	*name;		/* canonical English name */
	const char	*subreddits;	/* space-separated */
	const char	*categories;	/* arXiv, space-separated */
};

struct plan_lang {
	const char	*code;		/* ISO 639-1 */
	const char	*names;		/* space-separated, folded, x* prefix */
};

/* A word of Chinese or Japanese and what it names. */
struct plan_cjk {
	const char	*word;
	const char	*val;	/* language code ("*" several) or task */
};

/* tables.c */
extern const char *const plan_task_v2[NTASK];
extern const char *const plan_task_subtask[NTASK];
extern const char *const plan_task_columns[NTASK];
extern const struct plan_cjk plan_cjk_langs[];
extern const struct plan_cjk plan_cjk_tasks[];
extern const char *const plan_task_names[NTASK];
extern const char *const plan_task_phrase[NTASK];
extern const char *const plan_task_hf[NTASK];
extern const struct plan_pat plan_task_pats[];
extern const struct plan_lang plan_langs[];
extern const size_t plan_nlangs;
extern const char *const plan_multi_pats[];
extern const char *const plan_multi_default[];
extern const struct plan_domain plan_domains[];
extern const struct plan_pat plan_domain_pats[];
extern const char *const plan_stop[];	/* "lang word word ..." */
extern const char *const plan_meta[];
extern const char *const plan_count_nouns[];
extern const char *const plan_langword_pats[];
extern const struct plan_pat plan_numwords[];
extern const struct plan_pat plan_progs[];
extern const char *const plan_task_cats[NTASK];
extern const char *const plan_task_topic[NTASK];
extern const char *const plan_phrases[];
extern const char *const plan_lang_subs[];
extern const char *const plan_markers[];
extern const char *const plan_hf_weak;

/* labels.c: how the labels were named */
enum { LABELS_NONE, LABELS_SCALE, LABELS_CUE, LABELS_PAREN, LABELS_OPEN };
/*
 * plan_labels_named -- the labels prompt s names, in order, as a new
 * array of strings; *how says how (LABELS_*).  tagging: the task tags
 * tokens.
 */
jv plan_labels_named(const char *s, int tagging, int *how);
/*
 * plan_label_noise -- word names a label that says nothing of the
 * topic (positive, joy; PER when tagging): no keyword.
 */
int plan_label_noise(const char *word, int tagging);
/*
 * plan_labels -- the label set of task tk as [{name, description}]:
 * named (consumed) when it holds some, else the default of the subtask
 * found in folded (the folded prompt) or the domain; *task_id gets the
 * subtask.  langs is borrowed.  [] for tasks without labels.
 */
jv plan_labels(int tk, jv named, int how, const char *folded,
    const char *domain, jv langs, const char **task_id);

/*
 * plan_sites -- the web sites prompt names, as a new array of
 * lower-cased host names (Common Crawl's domain patterns); with mask,
 * the bytes of prompt inside a site name are set to 1 (build.c).
 */
jv plan_sites(const char *prompt, char *mask);
/* plan_fold -- s case-folded, NFC, accents removed; caller frees. */
char *plan_fold(const char *s);
/*
 * plan_translate -- a phrase of the table plan_phrases, in any of its
 * languages, rendered in lang; NULL when the table lacks either.
 * Returns a new string.
 */
char *plan_translate(const char *phrase, const char *lang);

/* plan_task_id -- the task for a name or a common alias, or -1 (NULL too). */
int plan_task_id(const char *name);
/* plan_lang_code -- the ISO 639-1 code for a code or a name, or NULL. */
const char *plan_lang_code(const char *s);
/*
 * plan_inlist -- w matches one of the space-separated words of list (a
 * word ending in '*' is a prefix).
 */
int plan_inlist(const char *w, const char *list);
/* plan_words -- the space-separated words of list, as a new array. */
jv plan_words(const char *list);
/* plan_has -- the array a (borrowed) holds the string s (build.c). */
int plan_has(jv a, const char *s);
/*
 * plan_squeeze -- s without control characters and the bytes of drop,
 * each run of them and of white space one space, trimmed (build.c).
 * Caller frees.
 */
char *plan_squeeze(const char *s, const char *drop);

/*
 * plan_analyze -- the keyword planner's reading of prompt (n bytes, any
 * bytes).  Returns a new brief; never fails.
 */
jv plan_analyze(const char *prompt, size_t n);

/*
 * plan_build -- the plan for brief (consumed) and prompt; planner is the
 * "planner" object (consumed).  Returns a new reference.
 */
jv plan_build(jv brief, const char *prompt, jv planner);

/*
 * plan_rescale -- plan (consumed) for rows: target_rows, and each
 * source's quota and limit from its share (from its limit and yield in
 * a plan without shares).  Returns a new reference.
 */
jv plan_rescale(jv plan, long long rows);

/*
 * llm_validate -- check an answer object (consumed) against the plan
 * schema and normalise it into a brief.  Returns the brief, or an
 * invalid jv with the reason.
 */
jv llm_validate(jv answer);

/*
 * llm_body -- the request body for provider p (enum ads_llm_provider),
 * model and prompt, as a new jv object.  The prompt only ever appears as
 * a JSON string value.
 */
jv llm_body(int p, const char *model, const char *prompt);

/* llm_system -- the system instruction (static). */
const char *llm_system(void);
/* llm_schema -- the JSON schema of an answer; new reference. */
jv llm_schema(int gemini);

/* quota.c: the driver's arithmetic on a plan (-Q, -L). */
double plan_quota_scale(long long rows, const long long *got, int n);
void plan_quota_arg(const char *arg, long long *rows, double *over,
    double *scale);
jv plan_quota_names(jv plan, const char *list);
void plan_quotas(FILE *fp, jv plan, jv names, long long rows, double over,
    double scale);
void plan_keep_langs(FILE *fp, jv plan);
jv plan_effective(const char *text, size_t len, const char *name,
    long long rows, jv names);

#endif
