/*
 * card.h -- the dataset card of ads-export: its facts gathered as one
 * JSON value (card_facts.c), which is dataset_card.json, and README.md
 * with Hugging Face YAML front matter rendered from it (card_render.c)
 */
#ifndef ADS_EXPORT_CARD_H
#define ADS_EXPORT_CARD_H

#include <stddef.h>
#include <stdint.h>

#include <jv.h>

struct ads_buf;

/* A counter: keys in order of first sight, each with a count. */
struct tent {
	char		*k;
	size_t		 len;
	uint64_t	 n;
};
struct tally {
	struct tent	*v;
	size_t		 n, cap;
	uint32_t	*slots;		/* open hash: entry index + 1 */
	size_t		 nslots;
};

/* The fields of one record the card counts (NULL: absent). */
struct cardrec {
	const char	*src, *lic, *lang;	/* strings */
	size_t		 sl, ll, gl;
	int		 hasq;			/* quality is a number */
	double		 q;
	const char	*pii;			/* JSON text of an object */
	size_t		 piilen;
	const char	*label;			/* a string, or JSON text */
	size_t		 labellen;
	const char	*lsrc;			/* label_source, a string */
	size_t		 lsl;
};

struct card {
	jv		 plan;		/* the plan object, or null */
	jv		 stages;	/* "tool[:source]" -> done line */
	struct tally	 sources, licenses, languages;
	struct tally	 source_split;	/* "source\0split" */
	struct tally	 source_license; /* "source\0license" */
	struct tally	 pii;		/* kind -> items replaced */
	struct tally	 labels;	/* "label\0split" */
	struct tally	 labelnames;	/* label -> records */
	struct tally	 labelorigin;	/* "source\0origin\0label" */
	struct tally	 labelsrc;	/* "label source kind\0split" */
	struct tally	 labelsrckinds;	/* label source kind -> records */
	uint64_t	 total;
	uint64_t	 labelled;	/* a label_source but none:, or a label */
	uint64_t	 withpii;	/* records with a non-empty "pii" */
	uint64_t	 nq;		/* records with a quality */
	double		 qsum, qmin, qmax;
	uint64_t	 qhist[5];	/* quality by fifths */
	const char	*format;
	int		 csvraw;	/* CSV written with -R: formulas kept */
	const char	*command;
	const char	*seed;
	const char	*outdir;
	jv		 features;	/* the datasets features, or null */
};

void card_init(struct card *c);
/*
 * card_load -- read the plan (a JSON object) and the stats file (the
 * tools' ADS_PROGRESS lines; only "done" lines are kept, the last per
 * tool and source).  Either path may be NULL.  Returns 0, or -1 after
 * a message and ads_raise() (ADS_SYSTEM: cannot read; ADS_USAGE: the
 * plan is not a JSON object).  Malformed stats lines are reported and
 * raise ADS_DATA only.
 */
int card_load(struct card *c, const char *planpath, const char *statspath);
/* card_count -- count record rec (borrowed) in split for the card. */
void card_count(struct card *c, jv rec, const char *split);
/* card_add -- the same from the fields' text. */
void card_add(struct card *c, const struct cardrec *r, const char *split);
/*
 * card_write -- write dir/dataset_card.json, the facts (card_facts),
 * and README.md rendered from them (card_render).
 * Consumes files (array of {split,path,rows,bytes}), cols (array of
 * {name,type}) and splits ({name: rows}).  Returns 0 or -1 (printed).
 */
int card_write(struct card *c, const char *dir, jv files, jv cols,
    jv splits);
/* card_redact -- v with secret-looking keys dropped and the values of
 * credential variables replaced.  Consumes v. */
jv card_redact(jv v);
void card_free(struct card *c);
/*
 * card_facts -- the facts of dataset_card.json as one object: name,
 * created, format, prompt, plan, command, seed, tools, counts, labelling,
 * quality, pii, pii_in_records, delivery, stages, columns, files,
 * features, csv_formula_cells.  Consumes files, cols and splits as
 * card_write.
 */
jv card_facts(struct card *c, jv files, jv cols, jv splits);
/*
 * labelling -- for a task of labels (text or token classification, or
 * records with a label_source), the rows labelled of all, by kind, the
 * unlabelled by reason, why and what to do (a new object; the facts'
 * labelling); or null.
 */
jv labelling(const struct card *c);

/*
 * card_render -- write dir/README.md rendered from facts (borrowed)
 * alone, and dir/LICENSE.md when some records are under terms the Hub
 * has no id for (the card's license_link).  Returns 0 or -1 (printed).
 */
int card_render(jv facts, const char *dir);
/*
 * card_check -- NULL when facts (borrowed) has the members and types
 * card_render reads, else what is wrong (a static string).
 */
const char *card_check(jv facts);
/* card_file -- write b to dir/name.  Returns 0 or -1 (printed). */
int card_file(const char *dir, const char *name, const struct ads_buf *b);

/* Between card_facts.c and card_render.c. */
/* num -- obj[key] as an integer, 0 when it is not a number. */
long long num(jv obj, const char *key);
/*
 * card_readjson -- the JSON value of file path (up to 64 MiB), or an
 * invalid jv: with *err ADS_SYSTEM after a message when it cannot be
 * read, else (*err 0) with the parser's message.
 */
jv card_readjson(const char *path, int *err);
/* langcode -- 1 when s looks like an ISO 639 code (2 or 3 letters). */
int langcode(const char *s);

#endif
