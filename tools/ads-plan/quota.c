/*
 * quota.c -- the driver's arithmetic on a plan: how many records to ask
 * each source for in a round of fetching (ads-plan -Q), and the
 * languages whose rows the run keeps (ads-plan -L).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/json.h"
#include "../../common/util.h"
#include "plan.h"

/* The most records a source is asked for. */
#define QUOTA_MAX	999999999.0

/* goodname -- a source's name as the driver uses it: [a-z0-9_-]+. */
static int
goodname(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '_' && *s != '-')
			return 0;
	return 1;
}

/*
 * plan_quota_scale -- the scale of the shares after rounds that refined
 * got[0], got[1] ... of rows: each multiplies it by rows/got rounded
 * up, at least 2 and at most 4 (4 when a round refined nothing).
 */
double
plan_quota_scale(long long rows, const long long *got, int n)
{
	double k = 1;
	int i;

	for (i = 0; i < n; i++) {
		long long f = got[i] > 0 ? (rows + got[i] - 1) / got[i] : 4;

		k *= f < 2 ? 2 : f > 4 ? 4 : f;
	}
	return k;
}

/* limit -- plan.sources[name].limit when a number, else -1. */
static double
limit(jv srcs, const char *name)
{
	jv s = ads_json_get(srcs, name);
	double d = -1;

	if (jv_get_kind(s) != JV_KIND_OBJECT || ads_json_num(s, "limit", &d) < 0)
		d = -1;
	jv_free(s);
	return d;
}

/*
 * plan_quotas -- print "source count" for each source of names: its
 * share of over percent of rows in proportion to the plan's limits (a
 * source without one counts as the mean of the positive ones, or 1),
 * at least 1, times scale, at most 999999999.
 */
void
plan_quotas(FILE *fp, jv plan, jv names, long long rows, double over,
    double scale)
{
	jv srcs = ads_json_get(plan, "sources");
	double mean = 0, sum = 0;
	int npos = 0, n = 0;

	jv_array_foreach(names, i, v) {
		double l = limit(srcs, jv_string_value(v));

		if (l > 0) {
			mean += l;
			npos++;
		}
		jv_free(v);
		(void)i;
	}
	mean = npos > 0 ? mean / npos : 1;
	jv_array_foreach(names, i, v) {
		double l = limit(srcs, jv_string_value(v));

		sum += l >= 0 ? l : mean;
		n++;
		jv_free(v);
		(void)i;
	}
	jv_array_foreach(names, i, v) {
		double l = limit(srcs, jv_string_value(v)), f, c;

		l = l >= 0 ? l : mean;
		f = sum > 0 ? l / sum : 1.0 / n;
		c = ceil((double)rows * over / 100 * f);
		if (c < 1)
			c = 1;
		c = floor(c * scale);
		fprintf(fp, "%s %.0f\n", jv_string_value(v),
		    c > QUOTA_MAX ? QUOTA_MAX : c);
		jv_free(v);
		(void)i;
	}
	jv_free(srcs);
}

/*
 * plan_quota_names -- the sources of list (names separated by spaces or
 * commas), or else those of the plan; names that are not a source's
 * are usage errors.
 */
jv
plan_quota_names(jv plan, const char *list)
{
	jv a = jv_array();

	if (list != NULL) {
		char *s = xstrdup(list), *p, *save = NULL;

		for (p = strtok_r(s, " ,", &save); p != NULL;
		    p = strtok_r(NULL, " ,", &save)) {
			if (!goodname(p))
				ads_die(ADS_USAGE, "-s: not a source: %s", p);
			a = jv_array_append(a, jv_string(p));
		}
		free(s);
	} else {
		jv srcs = ads_json_get(plan, "sources");

		if (jv_get_kind(srcs) == JV_KIND_OBJECT) {
			jv_object_foreach(srcs, k, v) {
				if (goodname(jv_string_value(k)))
					a = jv_array_append(a, jv_copy(k));
				jv_free(k);
				jv_free(v);
			}
		}
		jv_free(srcs);
	}
	return a;
}

/*
 * plan_quota_arg -- parse -Q ROWS[,OVER[,GOT...]]: the rows, the
 * percentage asked over them (150 by default) and the rows refined by
 * each earlier round, into *rows, *over and *scale.
 */
void
plan_quota_arg(const char *arg, long long *rows, double *over, double *scale)
{
	char *s = xstrdup(arg), *p, *save = NULL;
	long long got[16];
	int i = 0, n = 0;

	*over = 150;
	for (p = strtok_r(s, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save), i++) {
		if (i == 0)
			*rows = ads_optnum("-Q", p, PLAN_MINROWS, 999999999);
		else if (i == 1)
			*over = (double)ads_optnum("-Q", p, 1, 100000);
		else if (n < 16)
			got[n++] = ads_optnum("-Q", p, 0, 999999999);
		else
			ads_die(ADS_USAGE, "-Q: at most 16 earlier rounds");
	}
	free(s);
	if (i == 0)
		ads_die(ADS_USAGE, "-Q: the rows are needed");
	*scale = plan_quota_scale(*rows, got, n);
}

/* langtag -- s looks like a language tag: ab, abc, ab-CD, zh_Hant ... */
static int
langtag(const char *s)
{
	int n = 0, part;

	while (isalpha((unsigned char)s[n]) && (s[n] & 0x80) == 0)
		n++;
	if (n < 2 || n > 3)
		return 0;
	s += n;
	while (*s != '\0') {
		if (*s != '-' && *s != '_')
			return 0;
		s++;
		for (part = 0; isalnum((unsigned char)s[part]) &&
		    (s[part] & 0x80) == 0; part++)
			;
		if (part < 1 || part > 8)
			return 0;
		s += part;
	}
	return 1;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * plan_keep_langs -- print the plan's languages that are language tags,
 * sorted, once each, separated by commas, and a newline.
 */
void
plan_keep_langs(FILE *fp, jv plan)
{
	jv l = ads_json_get(plan, "languages");
	char **v = NULL;
	size_t n = 0, k;

	if (jv_get_kind(l) == JV_KIND_ARRAY) {
		v = xreallocarray(NULL, (size_t)jv_array_length(jv_copy(l)) + 1,
		    sizeof(*v));
		jv_array_foreach(l, i, x) {
			if (jv_get_kind(x) == JV_KIND_STRING &&
			    langtag(jv_string_value(x)))
				v[n++] = xstrdup(jv_string_value(x));
			jv_free(x);
			(void)i;
		}
	}
	jv_free(l);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmpstr);
	for (k = 0; k < n; k++)
		if (k == 0 || strcmp(v[k], v[k - 1]) != 0)
			fprintf(fp, "%s%s", k > 0 ? "," : "", v[k]);
	for (k = 0; k < n; k++)
		free(v[k]);
	fputc('\n', fp);
	free(v);
}
