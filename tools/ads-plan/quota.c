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
	}
	mean = npos > 0 ? mean / npos : 1;
	jv_array_foreach(names, i, v) {
		double l = limit(srcs, jv_string_value(v));

		sum += l >= 0 ? l : mean;
		n++;
		jv_free(v);
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

/* The most reasons -C gives for an invalid plan. */
#define CHECK_MAX	5

struct check {
	const char	*name;
	int		 n;
};

/* bad -- one reason the plan is invalid, up to CHECK_MAX. */
static void
bad(struct check *c, const char *fmt, const char *a, const char *b)
{
	if (c->n++ < CHECK_MAX) {
		char *why = xasprintf(fmt, a, b);

		ads_warn("%s: invalid plan: %s", c->name, why);
		free(why);
	}
}

/* strs -- v is an array of strings. */
static int
strs(jv v)
{
	int ok = jv_get_kind(v) == JV_KIND_ARRAY;

	if (ok)
		jv_array_foreach(v, i, x) {
			ok = ok && jv_get_kind(x) == JV_KIND_STRING;
			jv_free(x);
		}
	return ok;
}

/* labels -- v is an array of objects with a string name. */
static int
labelset(jv v)
{
	int ok = jv_get_kind(v) == JV_KIND_ARRAY;

	if (ok)
		jv_array_foreach(v, i, x) {
			const char *n = jv_get_kind(x) == JV_KIND_OBJECT ?
			    ads_json_str(x, "name", NULL) : NULL;

			ok = ok && n != NULL;
			jv_free(x);
		}
	return ok;
}

/* count -- v is a number from 1 to 999999999. */
static int
count(jv v)
{
	return jv_get_kind(v) == JV_KIND_NUMBER && jv_number_value(v) >= 1 &&
	    jv_number_value(v) <= QUOTA_MAX;
}

enum kind { K_STR, K_STRS, K_COUNT, K_LABELS, K_OBJ };

static const char *const kindmsg[] = {
	"must be a string", "must be an array of strings",
	"must be a number from 1 to 999999999",
	"must be an array of objects with a string name", "must be an object"
};

/* field -- o[k], when there and not null, has the kind; else a reason. */
static void
field(struct check *c, jv o, const char *pfx, const char *k, enum kind kind)
{
	jv v = ads_json_get(o, k);
	int ok;

	switch (kind) {
	case K_STR:
		ok = jv_get_kind(v) == JV_KIND_STRING;
		break;
	case K_STRS:
		ok = strs(v);
		break;
	case K_COUNT:
		ok = count(v);
		break;
	case K_LABELS:
		ok = labelset(v);
		break;
	default:
		ok = jv_get_kind(v) == JV_KIND_OBJECT;
	}
	if (!ok && jv_get_kind(v) != JV_KIND_NULL) {
		char *p = xasprintf("%s%s", pfx, k);

		bad(c, "%s: %s", p, kindmsg[kind]);
		free(p);
	}
	jv_free(v);
}

/*
 * plan_check -- the reasons plan, read from name, is not a plan the
 * driver can run (ads-plan(5)): the types of its fields, numbers in
 * range.  Returns how many there were.
 */
static int
plan_check(jv plan, const char *name)
{
	struct check c = { name, 0 };
	jv v = ads_json_get(plan, "version"), srcs;

	if (jv_object_has(jv_copy(plan), jv_string("version")) &&
	    (jv_get_kind(v) != JV_KIND_NUMBER || (jv_number_value(v) != 1 &&
	    jv_number_value(v) != 2)))
		bad(&c, "%s%s: must be 1 or 2", "version", "");
	jv_free(v);
	field(&c, plan, "", "prompt", K_STR);
	field(&c, plan, "", "task", K_STR);
	field(&c, plan, "", "target_rows", K_COUNT);
	field(&c, plan, "", "keywords", K_STRS);
	field(&c, plan, "", "languages", K_STRS);
	field(&c, plan, "", "columns", K_STRS);
	field(&c, plan, "", "labels", K_LABELS);
	field(&c, plan, "", "sources", K_OBJ);
	srcs = ads_json_get(plan, "sources");
	if (jv_get_kind(srcs) == JV_KIND_OBJECT)
		jv_object_foreach(srcs, k, s) {
			char *p = xasprintf("sources.%s.", jv_string_value(k));

			if (jv_get_kind(s) != JV_KIND_OBJECT)
				bad(&c, "sources.%s: %s", jv_string_value(k),
				    kindmsg[K_OBJ]);
			else {
				field(&c, s, p, "queries", K_STRS);
				field(&c, s, p, "limit", K_COUNT);
				field(&c, s, p, "lang", K_STRS);
			}
			free(p);
			jv_free(k);
			jv_free(s);
		}
	jv_free(srcs);
	return c.n;
}

/*
 * plan_effective -- the plan the driver runs, from the text of one
 * (name for messages): checked, with target_rows set to rows (0: its
 * own, or 1000), a sources object, and for each source of names that
 * it lacks a section whose queries are the first three of its keywords
 * and prompt.  Invalid: the reasons are told, and the value is invalid.
 */
jv
plan_effective(const char *text, size_t len, const char *name,
    long long rows, jv names)
{
	jv_parser *p = jv_parser_new(0);
	jv plan = jv_invalid(), v, srcs;
	int n = 0;
	struct check c = { name, 0 };

	jv_parser_set_buf(p, text, (int)len, 0);
	while (jv_is_valid(v = jv_parser_next(p))) {
		jv_free(plan);
		plan = v;
		n++;
	}
	if (jv_invalid_has_msg(jv_copy(v))) {
		jv m = jv_invalid_get_msg(v);

		bad(&c, "not JSON: %s%s", jv_string_value(m), "");
		jv_free(m);
		n = -1;
	} else
		jv_free(v);
	jv_parser_free(p);
	if (n == 0 || n > 1)
		bad(&c, "%s%s", "not one JSON value", "");
	else if (n == 1 && jv_get_kind(plan) != JV_KIND_OBJECT)
		bad(&c, "%s%s", "not a JSON object", "");
	else if (n == 1)
		c.n += plan_check(plan, name);
	if (c.n > 0) {
		jv_free(plan);
		jv_free(names);
		return jv_invalid();
	}
	if (rows == 0) {
		double d = PLAN_DEFROWS;

		ads_json_num(plan, "target_rows", &d);
		rows = d >= 1 ? (long long)floor(d) : PLAN_DEFROWS;
	}
	plan = ads_json_set(plan, "target_rows", jv_number((double)rows));
	srcs = ads_json_get(plan, "sources");
	if (jv_get_kind(srcs) != JV_KIND_OBJECT) {
		jv_free(srcs);
		srcs = jv_object();
	}
	plan = ads_json_set(plan, "sources", jv_copy(srcs));
	jv_array_foreach(names, i, s) {
		jv have = jv_object_get(jv_copy(srcs), jv_copy(s));

		if (jv_get_kind(have) == JV_KIND_INVALID ||
		    jv_get_kind(have) == JV_KIND_NULL ||
		    jv_get_kind(have) == JV_KIND_FALSE) {
			jv q = ads_json_get(plan, "keywords"), pr;

			if (jv_get_kind(q) != JV_KIND_ARRAY) {
				jv_free(q);
				q = jv_array();
			}
			pr = ads_json_get(plan, "prompt");
			if (jv_get_kind(pr) != JV_KIND_NULL &&
			    jv_get_kind(pr) != JV_KIND_FALSE)
				q = jv_array_append(q, pr);
			else
				jv_free(pr);
			if (jv_array_length(jv_copy(q)) > 3)
				q = jv_array_slice(q, 0, 3);
			srcs = jv_object_set(srcs, jv_copy(s),
			    JV_OBJECT(jv_string("queries"), q));
		}
		jv_free(have);
		jv_free(s);
	}
	jv_free(names);
	return ads_json_set(plan, "sources", srcs);
}
