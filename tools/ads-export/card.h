/*
 * card.h -- the dataset card of ads-export: README.md with Hugging Face
 * YAML front matter, and dataset_card.json with the same facts
 */
#ifndef ADS_EXPORT_CARD_H
#define ADS_EXPORT_CARD_H

#include <stddef.h>
#include <stdint.h>

#include <jv.h>

struct card {
	jv		 plan;		/* the plan object, or null */
	jv		 stages;	/* "tool[:source]" -> done line */
	jv		 counts;	/* counters filled by card_count() */
	uint64_t	 total;
	const char	*format;
	const char	*command;
	const char	*seed;
	const char	*outdir;
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
/* card_count_fields -- the same from the fields' text (NULL: absent). */
void card_count_fields(struct card *c, const char *src, size_t sl,
    const char *lic, size_t ll, const char *lang, size_t gl,
    const char *split);
/*
 * card_write -- write dir/README.md and dir/dataset_card.json.
 * Consumes files (array of {split,path,rows,bytes}), cols (array of
 * {name,type}) and splits ({name: rows}).  Returns 0 or -1 (printed).
 */
int card_write(struct card *c, const char *dir, jv files, jv cols,
    jv splits);
/* card_redact -- v with secret-looking keys dropped and the values of
 * credential variables replaced.  Consumes v. */
jv card_redact(jv v);
void card_free(struct card *c);

#endif
