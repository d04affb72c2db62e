/*
 * field.c -- jq-style paths to a record's text (field.h)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "buf.h"
#include "field.h"
#include "json.h"
#include "util.h"

/*
 * quoted -- the name of a quoted step at *pp (on its '"'), with \" and
 * \\ for a quote and a backslash, into a new string; *pp moves past the
 * closing quote.  NULL when the quote is not closed before e.
 */
static char *
quoted(const char **pp, const char *e)
{
	struct ads_buf b = ADS_BUF_INIT;
	const char *p = *pp + 1;

	for (; p < e && *p != '"'; p++) {
		if (*p == '\\' && p + 1 < e && (p[1] == '"' || p[1] == '\\'))
			p++;
		ads_buf_addc(&b, *p);
	}
	if (p == e) {
		ads_buf_free(&b);
		return NULL;
	}
	*pp = p + 1;
	ads_buf_addc(&b, '\0');
	return ads_buf_detach(&b, NULL);
}

/*
 * pathend -- the end of the path that starts at p: the first comma
 * outside quotes, or the end of the string.
 */
static const char *
pathend(const char *p)
{
	int q = 0;

	for (; *p != '\0'; p++) {
		if (q && *p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '"')
			q = !q;
		else if (*p == ',' && !q)
			break;
	}
	return p;
}

/* parseone -- one path of n bytes at p into f.  Returns 0 or -1. */
static int
parseone(struct ads_field *f, const char *p, size_t n, char *err,
    size_t errlen)
{
	const char *e = p + n, *q;
	struct ads_step st;
	char *end;

	f->nstep = 0;
	f->step = NULL;
	if (n == 0) {
		snprintf(err, errlen, "empty path");
		return -1;
	}
	if (*p != '.' && *p != '[') {
		/* "text": a bare name is ".text". */
		q = p;
		goto name;
	}
	while (p < e) {
		if ((*p == '.' || *p == '[') && p + 1 < e && p[1] == '"') {
			/* ."name" or ["name"] */
			int bracket = *p++ == '[';

			st.kind = ADS_STEP_KEY;
			st.index = 0;
			if ((st.name = quoted(&p, e)) == NULL) {
				snprintf(err, errlen, "missing \" in path");
				return -1;
			}
			if (bracket && (p == e || *p != ']')) {
				free(st.name);
				snprintf(err, errlen, "missing ] in path");
				return -1;
			}
			p += bracket;
		} else if (*p == '.') {
			q = ++p;
name:
			while (p < e && *p != '.' && *p != '[' && *p != ']' &&
			    *p != '"')
				p++;
			if (p == q) {
				snprintf(err, errlen, "empty name in path");
				return -1;
			}
			st.kind = ADS_STEP_KEY;
			st.name = xstrndup(q, (size_t)(p - q));
			st.index = 0;
		} else if (*p == '[') {
			p++;
			st.name = NULL;
			st.index = 0;
			if (p < e && *p == ']') {
				st.kind = ADS_STEP_ALL;
			} else {
				if (p == e || *p < '0' || *p > '9') {
					snprintf(err, errlen, "expected [] or "
					    "[N] in path");
					return -1;
				}
				st.kind = ADS_STEP_INDEX;
				st.index = strtol(p, &end, 10);
				p = end;
				if (p > e || st.index < 0 || st.index > 1L << 30) {
					snprintf(err, errlen, "bad index in path");
					return -1;
				}
			}
			if (p == e || *p != ']') {
				snprintf(err, errlen, "missing ] in path");
				return -1;
			}
			p++;
		} else {
			snprintf(err, errlen, "unexpected '%c' in path", *p);
			return -1;
		}
		f->step = xreallocarray(f->step, (size_t)f->nstep + 1,
		    sizeof(*f->step));
		f->step[f->nstep++] = st;
	}
	return 0;
}

static void
freeone(struct ads_field *f)
{
	int i;

	for (i = 0; i < f->nstep; i++)
		free(f->step[i].name);
	free(f->step);
	f->step = NULL;
	f->nstep = 0;
}

int
ads_fields_parse(struct ads_fields *fs, const char *spec, char *err,
    size_t errlen)
{
	const char *p, *c;
	struct ads_buf b = ADS_BUF_INIT;

	for (p = spec;; p = c + 1) {
		c = pathend(p);
		if (fs->n == ADS_FIELD_MAX) {
			snprintf(err, errlen, "too many paths (limit %d)",
			    ADS_FIELD_MAX);
			return -1;
		}
		if (parseone(&fs->f[fs->n], p, (size_t)(c - p), err,
		    errlen) == -1) {
			freeone(&fs->f[fs->n]);
			return -1;
		}
		fs->n++;
		if (*c == '\0')
			break;
	}
	if (fs->spec != NULL) {
		ads_buf_addf(&b, "%s,", fs->spec);
		free(fs->spec);
	}
	ads_buf_adds(&b, spec);
	fs->spec = ads_buf_detach(&b, NULL);
	return 0;
}

void
ads_fields_opt(struct ads_fields *fs, const char *opt, const char *spec)
{
	char err[128];

	if (ads_fields_parse(fs, spec, err, sizeof(err)) == -1)
		ads_die(ADS_USAGE, "%s: %s: %s", opt, spec, err);
}

void
ads_fields_default(struct ads_fields *fs, const char *spec)
{
	if (fs->n == 0)
		ads_fields_opt(fs, "default", spec);
}

void
ads_fields_free(struct ads_fields *fs)
{
	int i;

	for (i = 0; i < fs->n; i++)
		freeone(&fs->f[i]);
	free(fs->spec);
	memset(fs, 0, sizeof(*fs));
}

const char *
ads_field_key(const struct ads_field *f)
{
	return f->nstep == 1 && f->step[0].kind == ADS_STEP_KEY ?
	    f->step[0].name : NULL;
}

const char *
ads_fields_key(const struct ads_fields *fs)
{
	return fs->n == 1 ? ads_field_key(&fs->f[0]) : NULL;
}

const char *const *
ads_fields_require(struct ads_fields *fs)
{
	const char *k;
	int i, n = 0;

	fs->require[n++] = "id";
	fs->require[n++] = "source";
	for (i = 0; i < fs->n; i++) {
		k = ads_field_key(&fs->f[i]);
		if (k != NULL && strcmp(k, "text") == 0) {
			fs->require[n++] = "text";
			break;
		}
	}
	fs->require[n] = NULL;
	return fs->require;
}

/*
 * walk -- visit the strings that steps i.. of f reach from v (borrowed):
 * with fn NULL, append them to b; otherwise rewrite them.  Consumes v
 * when rewriting and returns the new value; returns v otherwise.
 */
struct walk {
	struct ads_buf	*b;
	jv		(*fn)(jv, void *);
	void		 *ctx;
	size_t		  n;
};

static jv
walk(struct walk *w, const struct ads_field *f, int i, jv v)
{
	const struct ads_step *st;
	jv sub;
	int k, len;

	if (i == f->nstep) {
		if (jv_get_kind(v) != JV_KIND_STRING)
			return v;
		if (w->fn != NULL) {
			w->n++;
			return w->fn(v, w->ctx);
		}
		if (w->b == NULL) {
			w->n++;
			return v;
		}
		if (w->n++ > 0)
			ads_buf_addc(w->b, '\n');
		ads_buf_add(w->b, jv_string_value(v),
		    (size_t)jv_string_length_bytes(jv_copy(v)));
		return v;
	}
	st = &f->step[i];
	switch (jv_get_kind(v)) {
	case JV_KIND_OBJECT:
		if (st->kind == ADS_STEP_INDEX)
			return v;
		if (st->kind == ADS_STEP_KEY) {
			if (!ads_json_has(v, st->name))
				return v;
			sub = walk(w, f, i + 1, ads_json_get(v, st->name));
			if (w->fn == NULL) {
				jv_free(sub);
				return v;
			}
			return ads_json_set(v, st->name, sub);
		}
		{
			jv keys = jv_keys_unsorted(jv_copy(v));

			jv_array_foreach(keys, ki, key) {
				sub = walk(w, f, i + 1, jv_object_get(
				    jv_copy(v), jv_copy(key)));
				/* The key itself: a name may hold NUL. */
				if (w->fn != NULL)
					v = jv_object_set(v, jv_copy(key),
					    sub);
				else
					jv_free(sub);
				jv_free(key);
			}
			jv_free(keys);
		}
		return v;
	case JV_KIND_ARRAY:
		if (st->kind == ADS_STEP_KEY)
			return v;
		len = jv_array_length(jv_copy(v));
		for (k = 0; k < len; k++) {
			if (st->kind == ADS_STEP_INDEX && k != st->index)
				continue;
			sub = walk(w, f, i + 1, jv_array_get(jv_copy(v), k));
			if (w->fn == NULL)
				jv_free(sub);
			else
				v = jv_array_set(v, k, sub);
		}
		return v;
	default:
		return v;
	}
}

size_t
ads_fields_text(const struct ads_fields *fs, jv rec, struct ads_buf *b)
{
	struct walk w = { b, NULL, NULL, 0 };
	int i;

	for (i = 0; i < fs->n; i++)
		walk(&w, &fs->f[i], 0, rec);
	return w.n;
}

size_t
ads_fields_count(const struct ads_fields *fs, jv rec)
{
	struct walk w = { NULL, NULL, NULL, 0 };
	int i;

	for (i = 0; i < fs->n; i++)
		walk(&w, &fs->f[i], 0, rec);
	return w.n;
}

jv
ads_fields_map(const struct ads_fields *fs, jv rec, jv (*fn)(jv, void *),
    void *ctx, size_t *nreached)
{
	struct walk w = { NULL, fn, ctx, 0 };
	int i;

	for (i = 0; i < fs->n; i++)
		rec = walk(&w, &fs->f[i], 0, rec);
	if (nreached != NULL)
		*nreached = w.n;
	return rec;
}

void
ads_fields_missing(const struct ads_fields *fs, unsigned long nrec,
    unsigned long nhave)
{
	if (nrec == 0 || nhave > 0)
		return;
	ads_warn("no record has a string at %s (-T names where the text "
	    "is)", fs->spec != NULL ? fs->spec : "text");
	ads_raise(ADS_DATA);
}
