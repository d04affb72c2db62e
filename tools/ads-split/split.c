/*
 * split.c -- ratios, orders and the rank assignment of ads-split
 */
#include <stdlib.h>
#include <string.h>

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
