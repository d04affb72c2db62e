/*
 * split.c -- ratios, orders and the rank assignment of ads-split
 */
#include <stdlib.h>
#include <string.h>

#include "../../common/util.h"
#include "split.h"

int
split_ratios(const char *s, double *r, int *n)
{
	double sum = 0;
	char *end;
	int k = 0, i;

	for (;;) {
		if (k == SPLIT_MAX || *s < '0' || *s > '9')
			return -1;
		r[k] = strtod(s, &end);
		if (end == s || r[k] < 0 || r[k] > 1e9)
			return -1;
		sum += r[k++];
		s = end;
		if (*s == '\0')
			break;
		if (*s++ != '/')
			return -1;
	}
	if (k < 2 || sum <= 0)
		return -1;
	for (i = 0; i < k; i++)
		r[i] /= sum;
	*n = k;
	return 0;
}

const char *const *
split_names(int n)
{
	static const char *const two[] = { "train", "test" };
	static const char *const three[] = { "train", "validation", "test" };

	return n == 2 ? two : three;
}

#define CMP(a, b) do { if ((a) != (b)) return (a) < (b) ? -1 : 1; } while (0)

int
entry_by_stratum(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;

	CMP(a->stratum, b->stratum);
	CMP(a->key, b->key);
	CMP(a->shuf, b->shuf);
	CMP(a->tie, b->tie);
	return 0;
}

int
entry_by_key(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;

	CMP(a->key, b->key);
	CMP(a->stratum, b->stratum);
	return 0;
}

int
entry_by_quality(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;

	CMP(b->quality, a->quality);
	CMP(a->key, b->key);
	CMP(a->shuf, b->shuf);
	CMP(a->tie, b->tie);
	return 0;
}

int
entry_by_cap(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;

	CMP(a->cstrat, b->cstrat);
	return entry_by_quality(pa, pb);
}

int
entry_by_shuf(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;

	CMP(a->shuf, b->shuf);
	CMP(a->tie, b->tie);
	CMP(a->key, b->key);
	return 0;
}

int
entry_by_off(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;

	CMP(a->off, b->off);
	return 0;
}

void
split_assign(struct entry *e, size_t n, const double *r, int nsplits)
{
	size_t s0, s1, g0, g1, i;
	double bound[SPLIT_MAX], m, mid, acc;
	int k;

	for (s0 = 0; s0 < n; s0 = s1) {
		/* One stratum: e[s0..s1). */
		for (s1 = s0 + 1; s1 < n && e[s1].stratum == e[s0].stratum; s1++)
			;
		m = (double)(s1 - s0);
		acc = 0;
		for (k = 0; k < nsplits; k++) {
			acc += r[k];
			bound[k] = m * acc;
		}
		bound[nsplits - 1] = m + 1;
		for (g0 = s0; g0 < s1; g0 = g1) {
			/* One group: a run of one key. */
			for (g1 = g0 + 1; g1 < s1 && e[g1].key == e[g0].key; g1++)
				;
			mid = (double)(g0 - s0) + (double)(g1 - g0) / 2;
			for (k = 0; k < nsplits - 1 && mid >= bound[k]; k++)
				;
			for (i = g0; i < g1; i++)
				e[i].split = (uint8_t)k;
		}
	}
}

void
split_fixed(struct entry *e, size_t n, const double *r, int nsplits)
{
	double bound[SPLIT_MAX], acc = 0, u;
	size_t i;
	int k;

	for (k = 0; k < nsplits; k++) {
		acc += r[k];
		bound[k] = acc;
	}
	for (i = 0; i < n; i++) {
		/* The top 53 bits: an exact double in [0, 1). */
		u = (double)(e[i].key >> 11) / 9007199254740992.0;
		for (k = 0; k < nsplits - 1 && u >= bound[k]; k++)
			;
		e[i].split = (uint8_t)k;
	}
}

static const struct entry *capents;
static const size_t *capstart;
static const size_t *caprem;

/* bybest -- strata by their best entry. */
static int
bybest(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return entry_by_quality(&capents[capstart[a]], &capents[capstart[b]]);
}

/* byrem -- strata by remainder, largest first, then by number. */
static int
byrem(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	CMP(caprem[b], caprem[a]);
	CMP(a, b);
	return 0;
}

size_t
split_cap(struct entry *e, size_t n, size_t nstrata, size_t cap,
    size_t *kept, size_t *avail)
{
	size_t *start, *rem, *order, s, i, j, fl, sum = 0, r, rest, left;

	if (n == 0 || nstrata == 0)
		return 0;
	qsort(e, n, sizeof(*e), entry_by_cap);
	start = xcalloc(nstrata + 1, sizeof(*start));
	rem = xcalloc(nstrata + 1, sizeof(*rem));
	order = xcalloc(nstrata + 1, sizeof(*order));
	for (s = 0; s < nstrata; s++)
		avail[s] = 0;
	for (i = 0; i < n; i++)
		avail[e[i].cstrat]++;
	for (s = 0; s < nstrata; s++)
		start[s + 1] = start[s] + avail[s];
	fl = (cap + 2 * nstrata - 1) / (2 * nstrata);
	for (s = 0; s < nstrata; s++) {
		kept[s] = avail[s] < fl ? avail[s] : fl;
		sum += kept[s];
	}
	capents = e;
	capstart = start;
	caprem = rem;
	if (sum > cap) {
		/* Floors of one, more strata than the cap: the best strata. */
		for (s = 0; s < nstrata; s++) {
			order[s] = s;
			kept[s] = 0;
		}
		qsort(order, nstrata, sizeof(*order), bybest);
		for (s = 0; s < cap; s++)
			kept[order[s]] = 1;
	} else {
		/* The rest in proportion to what is left, largest remainder. */
		r = cap - sum;
		rest = n - sum;
		left = r;
		for (s = 0; s < nstrata; s++) {
			uint64_t q = (uint64_t)r * (avail[s] - kept[s]);

			rem[s] = (size_t)(q % rest);
			kept[s] += (size_t)(q / rest);
			left -= (size_t)(q / rest);
			order[s] = s;
		}
		qsort(order, nstrata, sizeof(*order), byrem);
		for (s = 0; s < left && s < nstrata; s++)
			kept[order[s]]++;
	}
	/* The kept entries to the front, stratum by stratum. */
	for (s = 0, j = 0; s < nstrata; s++)
		for (i = start[s]; i < start[s] + kept[s]; i++) {
			struct entry t = e[j];

			e[j++] = e[i];
			e[i] = t;
		}
	free(start);
	free(rem);
	free(order);
	return j;
}
