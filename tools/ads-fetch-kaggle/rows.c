/*
 * rows.c -- the rows of a Kaggle file (CSV, JSON lines or a JSON
 * array of objects) mapped onto the plan's task columns and labels
 * (kaggle.h, kaggle_table)
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "../../common/columns.h"
#include "../../common/json.h"
#include "../../common/labels.h"
#include "../../common/util.h"
#include "csv.h"
#include "kaggle.h"

#define SAMPLE	200	/* rows that tell the column types and labels */

/* The rows of one file, as objects, whatever its format. */
struct reader {
	int		 kind;		/* 'c' CSV, 'l' JSON lines, 'a' array */
	struct csv	 csv;
	jv		 header;	/* CSV: the column names */
	const char	*p;
	size_t		 n, off;
	jv		 array;		/* 'a': the parsed array */
	int		 idx;
	unsigned long	 line;
};

static int
suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcasecmp(s + a - b, suf) == 0;
}

int
kaggle_readable(const char *file)
{
	return suffix(file, ".csv") || suffix(file, ".tsv") ||
	    suffix(file, ".jsonl") || suffix(file, ".ndjson") ||
	    suffix(file, ".json");
}

/* rd_open -- 0, or -1 with why. */
static int
rd_open(struct reader *r, const char *file, const char *p, size_t n,
    char *why, size_t len)
{
	size_t i;
	jv v;

	memset(r, 0, sizeof(*r));
	r->p = p;
	r->n = n;
	r->header = jv_null();
	r->array = jv_null();
	for (i = 0; i < n && isspace((unsigned char)p[i]); i++)
		;
	if (suffix(file, ".json") && i < n && p[i] == '[') {
		r->kind = 'a';
		r->array = ads_json_parse(p, n);
		if (jv_get_kind(r->array) != JV_KIND_ARRAY) {
			jv_free(r->array);
			r->array = jv_null();
			snprintf(why, len, "not a JSON array of objects");
			return -1;
		}
		return 0;
	}
	if (suffix(file, ".json") || suffix(file, ".jsonl") ||
	    suffix(file, ".ndjson")) {
		r->kind = 'l';
		return 0;
	}
	r->kind = 'c';
	csv_init(&r->csv, p, n);
	if (suffix(file, ".tsv"))
		r->csv.sep = '\t';
	if (csv_row(&r->csv, &v, why, len) != 1) {
		if (why[0] == '\0')
			snprintf(why, len, "no header line");
		return -1;
	}
	r->header = v;
	return 0;
}

/*
 * rd_next -- the next row as an object: 1, 0 at the end, -1 for a row
 * that cannot be read (why).
 */
static int
rd_next(struct reader *r, jv *row, char *why, size_t len)
{
	const char *nl;
	size_t end, start;
	int k, n;
	jv v;

	*row = jv_null();
	switch (r->kind) {
	case 'a':
		if (r->idx >= jv_array_length(jv_copy(r->array)))
			return 0;
		*row = jv_array_get(jv_copy(r->array), r->idx++);
		r->line = (unsigned long)r->idx;
		break;
	case 'l':
		for (;;) {
			if (r->off >= r->n)
				return 0;
			nl = memchr(r->p + r->off, '\n', r->n - r->off);
			end = nl != NULL ? (size_t)(nl - r->p) : r->n;
			start = r->off;
			r->off = end + 1;
			r->line++;
			while (start < end && isspace((unsigned char)r->p[start]))
				start++;
			if (start < end)
				break;
		}
		v = ads_json_parse(r->p + start, end - start);
		if (!jv_is_valid(v)) {
			jv m = jv_invalid_get_msg(v);

			snprintf(why, len, "invalid JSON: %.*s",
			    jv_get_kind(m) == JV_KIND_STRING ?
			    (int)strcspn(jv_string_value(m), "(") : 0,
			    jv_get_kind(m) == JV_KIND_STRING ?
			    jv_string_value(m) : "");
			jv_free(m);
			return -1;
		}
		*row = v;
		break;
	default:
		k = csv_row(&r->csv, &v, why, len);
		r->line = r->csv.line;
		if (k != 1)
			return k;
		n = jv_array_length(jv_copy(v));
		if (n != jv_array_length(jv_copy(r->header))) {
			snprintf(why, len, "%d fields, the header has %d", n,
			    jv_array_length(jv_copy(r->header)));
			jv_free(v);
			return -1;
		}
		*row = jv_object();
		for (k = 0; k < n; k++) {
			jv name = jv_array_get(jv_copy(r->header), k);

			*row = jv_object_set(*row, name, jv_array_get(
			    jv_copy(v), k));
		}
		jv_free(v);
		return 1;
	}
	if (jv_get_kind(*row) != JV_KIND_OBJECT) {
		jv_free(*row);
		*row = jv_null();
		snprintf(why, len, "not a JSON object");
		return -1;
	}
	return 1;
}

static void
rd_close(struct reader *r)
{
	jv_free(r->header);
	jv_free(r->array);
}

/* numberlike -- s reads as a number. */
static int
numberlike(const char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return 0;
	(void)strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	return *end == '\0';
}

/* kindof -- the column type a value suggests, or -1 for none (empty). */
static int
kindof(jv v)
{
	jv e;
	int k;

	switch (jv_get_kind(v)) {
	case JV_KIND_STRING:
		if (jv_string_length_bytes(jv_copy(v)) == 0)
			return -1;
		return numberlike(jv_string_value(v)) ? ADS_CT_NUMBER :
		    ADS_CT_STRING;
	case JV_KIND_NUMBER:
		return ADS_CT_NUMBER;
	case JV_KIND_TRUE:
	case JV_KIND_FALSE:
		return ADS_CT_BOOL;
	case JV_KIND_OBJECT:
		return ADS_CT_OBJECT;
	case JV_KIND_ARRAY:
		if (jv_array_length(jv_copy(v)) == 0)
			return -1;
		e = jv_array_get(jv_copy(v), 0);
		k = jv_get_kind(e) == JV_KIND_STRING ? ADS_CT_STRLIST :
		    jv_get_kind(e) == JV_KIND_OBJECT ? ADS_CT_OBJLIST :
		    ADS_CT_OTHER;
		jv_free(e);
		return k;
	default:
		return -1;
	}
}

/* columns -- the typed columns of the sampled rows. */
static struct ads_column *
columns(jv rows, size_t *n)
{
	struct ads_column *c = NULL;
	size_t i;
	int k;

	*n = 0;
	jv_array_foreach(rows, j, row) {
		(void)j;
		jv_object_foreach(row, key, val) {
			for (i = 0; i < *n; i++)
				if (strcmp(c[i].name, jv_string_value(key)) == 0)
					break;
			if (i == *n && *n < CSV_MAXCOLS) {
				c = xreallocarray(c, *n + 1, sizeof(*c));
				c[i].name = xstrdup(jv_string_value(key));
				c[i].type = ADS_CT_OTHER;
				c[i].names = jv_null();
				(*n)++;
				c[i].type = (enum ads_coltype)-1;
			}
			if (i < *n) {
				k = kindof(val);
				/* A column is a number when all its values are. */
				if (k >= 0 && (int)c[i].type == -1)
					c[i].type = (enum ads_coltype)k;
				else if (k >= 0 && (int)c[i].type != k)
					c[i].type = c[i].type == ADS_CT_NUMBER &&
					    k == ADS_CT_STRING ? ADS_CT_STRING :
					    c[i].type;
			}
			jv_free(key);
			jv_free(val);
		}
		jv_free(row);
	}
	for (i = 0; i < *n; i++)
		if ((int)c[i].type == -1)
			c[i].type = ADS_CT_STRING;
	return c;
}

/* one -- a row into a record (or a drop) for emit. */
static int
one(const struct ads_task *t, const char *ref, const char *file,
    unsigned long line, const struct ads_column *c,
    const struct ads_colmap *m, const struct ads_labelmap *lm,
    const char *src, jv base, jv row, kaggle_emit_fn emit, void *arg)
{
	const char *drop = NULL;
	jv rec, meta, v;
	int r;

	rec = ads_json_set(jv_object(), "id", jv_string_fmt("kaggle:%s:%s:%lu",
	    ref, file, line));
	rec = ads_colmap_record(m, t, c, lm, src, row, rec, &drop);
	jv_free(row);
	if (jv_get_kind(rec) != JV_KIND_OBJECT) {
		jv_free(rec);
		return emit(arg, jv_null(), drop != NULL ? drop : "no_text");
	}
	jv_object_foreach(base, k, x) {
		if (!ads_json_has(rec, jv_string_value(k)))
			rec = jv_object_set(rec, k, x);
		else {
			jv_free(k);
			jv_free(x);
		}
	}
	meta = ads_json_set(jv_object(), "ref", jv_string(ref));
	meta = ads_json_set(meta, "file", jv_string(file));
	meta = ads_json_set(meta, "row", jv_number((double)line));
	meta = ads_json_set(meta, "columns", ads_colmap_names(m, c));
	v = ads_json_get(rec, "meta");
	jv_free(v);
	rec = ads_json_set(rec, "meta", meta);
	r = emit(arg, rec, NULL);
	return r;
}

long
kaggle_table(const struct ads_task *t, const char *ref, const char *file,
    const char *body, size_t len, jv base, kaggle_emit_fn emit, void *arg,
    char *why, size_t wlen)
{
	struct reader r;
	struct ads_column *c = NULL;
	struct ads_colmap m;
	struct ads_labelmap lm;
	char w[300], *src = NULL;
	unsigned long lines[SAMPLE];
	long n = 0;
	size_t nc = 0, ns = 0, i;
	int k, haslm = 0, stop = 0;
	jv sample, row, vals;

	why[0] = '\0';
	w[0] = '\0';
	if (rd_open(&r, file, body, len, why, wlen) != 0)
		return -1;
	/* A sample of rows tells the columns and the label scheme. */
	sample = jv_array();
	while (ns < SAMPLE && (k = rd_next(&r, &row, w, sizeof(w))) != 0) {
		if (k == 1) {
			lines[ns++] = r.line;
			sample = jv_array_append(sample, row);
		} else if (emit(arg, jv_null(), "malformed") != 0)
			break;
	}
	if (ns == 0) {
		snprintf(why, wlen, "no rows");
		goto out;
	}
	c = columns(sample, &nc);
	if (ads_colmap_choose(&m, t, c, nc, why, wlen) != 0)
		goto out;
	src = xasprintf("%s/%s", ref, m.col[ADS_R_LABEL] >= 0 ?
	    c[m.col[ADS_R_LABEL]].name : "label");
	if (t->labels != NULL && m.col[ADS_R_LABEL] >= 0 &&
	    t->kind == ADS_TASK_TEXTCLS) {
		vals = jv_array();
		jv_array_foreach(sample, j, x) {
			(void)j;
			vals = jv_array_append(vals, ads_json_get(x,
			    c[m.col[ADS_R_LABEL]].name));
			jv_free(x);
		}
		k = ads_labelmap_init(&lm, t->labels, jv_null(), vals, w,
		    sizeof(w));
		haslm = 1;
		jv_free(vals);
		if (k != 0) {
			snprintf(why, wlen, "labels of column %s: %s",
			    c[m.col[ADS_R_LABEL]].name, w);
			goto out;
		}
	}
	for (i = 0; i < ns && !stop; i++) {
		stop = one(t, ref, file, lines[i], c, &m, haslm ? &lm : NULL,
		    src, base, jv_array_get(jv_copy(sample), (int)i), emit,
		    arg);
		n++;
	}
	while (!stop && (k = rd_next(&r, &row, w, sizeof(w))) != 0) {
		if (k == -1) {
			stop = emit(arg, jv_null(), "malformed");
			continue;
		}
		stop = one(t, ref, file, r.line, c, &m, haslm ? &lm : NULL,
		    src, base, row, emit, arg);
		n++;
	}
out:
	if (haslm)
		ads_labelmap_free(&lm);
	if (c != NULL)
		ads_columns_free(c, nc);
	free(src);
	jv_free(sample);
	rd_close(&r);
	return why[0] != '\0' ? -1 : n;
}
