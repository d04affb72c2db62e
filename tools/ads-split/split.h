/*
 * split.h -- split assignment for ads-split
 *
 * Each record is one struct entry in memory (its hashes, where its
 * bytes are spilled, its stratum and quality); the records themselves
 * live in temporary files.  The assignment works on the entries alone.
 */
#ifndef ADS_SPLIT_H
#define ADS_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#define SPLIT_MAX 3

struct entry {
	uint64_t	key;	/* hash(seed, group or id): assignment order */
	uint64_t	shuf;	/* hash(seed, id): output order */
	uint64_t	tie;	/* hash of the record's bytes: last tie-break */
	uint64_t	off;	/* offset in the spill file, then in a bucket */
	uint32_t	len;	/* spilled bytes, header included */
	uint32_t	stratum;
	uint32_t	cstrat;	/* stratum of the cap: language and label */
	uint32_t	bucket;
	float		quality;	/* -1 when the record has none */
	uint8_t		split;
};

/*
 * split_ratios -- parse "80/10/10" (two or three non-negative numbers,
 * not all zero) into r[], normalised to sum 1; *n gets the count.
 * Returns 0, or -1 when s is not of that form.
 */
int split_ratios(const char *s, double *r, int *n);
/* split_names -- the names of n splits: train/test or train/validation/test. */
const char *const *split_names(int n);

/* Orders for qsort. */
int entry_by_stratum(const void *, const void *);	/* stratum, key, shuf, tie */
int entry_by_key(const void *, const void *);		/* key, stratum */
int entry_by_quality(const void *, const void *);	/* quality desc, key, shuf */
int entry_by_cap(const void *, const void *);		/* cstrat, then as quality */
int entry_by_shuf(const void *, const void *);	/* shuf, tie, key */
int entry_by_off(const void *, const void *);		/* off */

/*
 * split_assign -- set e[i].split for n entries sorted by
 * entry_by_stratum.  Within each stratum, the records are taken in key
 * order and groups (runs of one key) are placed whole, each in the
 * split where the middle of its run falls on the cumulative ratios; a
 * stratum of m records thus gets round(m * r[k]) records per split (to
 * within one, and within a group's size when groups are larger).
 */
void split_assign(struct entry *e, size_t n, const double *r, int nsplits);
/*
 * split_fixed -- set e[i].split from e[i].key alone: the first split
 * whose cumulative ratio exceeds key / 2^64.  A record's split then
 * never depends on the other records, at the price of proportions that
 * are those of a fair draw rather than exact.
 */
void split_fixed(struct entry *e, size_t n, const double *r, int nsplits);

/*
 * split_cap -- keep cap of the n entries (cap < n), spread over their
 * nstrata cap strata (e[i].cstrat, numbered 0..nstrata-1 in name order):
 * each stratum first gets its floor, min(available, ceil(cap / (2 *
 * nstrata))); the rest of the cap is shared in proportion to what each
 * stratum has beyond its floor, by largest remainder (ties to the lower
 * stratum number).  When the floors exceed the cap (cap < nstrata), the
 * cap strata whose best entry ranks highest get one each.  Within a
 * stratum the best entries (entry_by_quality) are kept.  Reorders e so
 * that the kept entries come first and sets kept[s] and avail[s] for
 * each stratum.  Returns cap.
 */
size_t split_cap(struct entry *e, size_t n, size_t nstrata, size_t cap,
    size_t *kept, size_t *avail);

#endif
