/*
 * filter.h -- what the filters that keep or drop records share (ads-fit,
 * ads-score): the options -k and -T beside the reader's (-h, -r, -s, -U,
 * -V), the counts of the reasons a record is dropped, and the summary
 * line "N records in, N out; dropped: N why, ...".
 */
#ifndef ADS_FILTER_H
#define ADS_FILTER_H

#include <jv.h>

#include "field.h"
#include "jsonl.h"

struct ads_filter {
	int			 keep;		/* -k: annotate, drop nothing */
	struct ads_fields	 fs;		/* -T: where the text is */
	jv			 dropped;	/* reason -> records */
};

/* ads_filter_init -- f empty; r initialized (ads_reader_init). */
void ads_filter_init(struct ads_filter *f, struct ads_reader *r);
/*
 * ads_filter_opt -- take option c (with its argument arg) when it is one
 * of the reader's or -k or -T.  Returns 1 when it was, 0 otherwise.
 * Exits: 0 for -h and -V, ADS_USAGE on a bad -T list.
 */
int ads_filter_opt(struct ads_filter *f, struct ads_reader *r, int c,
    const char *arg, const char *usage);
/*
 * ads_filter_open -- after the options: the text paths (.text by
 * default), and the reader opened on the files.  Exits like
 * ads_reader_open.
 */
void ads_filter_open(struct ads_filter *f, struct ads_reader *r, int argc,
    char **argv);
/* ads_count -- counts (an object, consumed) with key's count one more. */
jv ads_count(jv counts, const char *key);
/*
 * ads_filter_summary -- the warning "N records in, N out; dropped: ..."
 * from f->dropped (kept), with " (kept with -k)".  Never exits.
 */
void ads_filter_summary(const struct ads_filter *f, unsigned long nin,
    unsigned long nout);
/* ads_filter_free -- free the paths and the counts. */
void ads_filter_free(struct ads_filter *f);

#endif
