/*
 * hf.c -- Hugging Face Hub and dataset viewer answers into records
 * (hf.h)
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "hf.h"

/*
 * dsfacts -- what a record takes from its dataset ds (borrowed): the
 * language when the dataset names one only, the license, the date.
 */
static void
dsfacts(jv *rec, jv ds)
{
	static const char *const keys[] = { "license", "created", NULL };
	jv langs;

	langs = ads_json_get(ds, "langs");
	if (jv_get_kind(langs) == JV_KIND_ARRAY &&
	    jv_array_length(jv_copy(langs)) == 1)
		*rec = ads_json_set(*rec, "lang", jv_array_get(jv_copy(langs),
		    0));
	jv_free(langs);
	*rec = ads_fetch_keep(*rec, ds, keys);
}

static const struct {
	const char	*tag;
	const char	*spdx;
} licenses[] = {
	{ "mit", "MIT" }, { "apache-2.0", "Apache-2.0" },
	{ "bsd", "BSD-3-Clause" }, { "bsd-2-clause", "BSD-2-Clause" },
	{ "bsd-3-clause", "BSD-3-Clause" }, { "bsl-1.0", "BSL-1.0" },
	{ "gpl", "GPL-3.0" }, { "gpl-2.0", "GPL-2.0" }, { "gpl-3.0", "GPL-3.0" },
	{ "lgpl-2.1", "LGPL-2.1" }, { "lgpl-3.0", "LGPL-3.0" },
	{ "agpl-3.0", "AGPL-3.0" }, { "mpl-2.0", "MPL-2.0" },
	{ "epl-2.0", "EPL-2.0" }, { "afl-3.0", "AFL-3.0" },
	{ "artistic-2.0", "Artistic-2.0" }, { "ecl-2.0", "ECL-2.0" },
	{ "isc", "ISC" }, { "unlicense", "Unlicense" }, { "wtfpl", "WTFPL" },
	{ "odbl", "ODbL-1.0" }, { "odc-by", "ODC-By-1.0" },
	{ "pddl", "PDDL-1.0" }, { "cdla-permissive-1.0", "CDLA-Permissive-1.0" },
	{ "cdla-permissive-2.0", "CDLA-Permissive-2.0" },
	{ "cdla-sharing-1.0", "CDLA-Sharing-1.0" }, { "gfdl", "GFDL-1.3" },
	{ "c-uda", "C-UDA-1.0" }, { "llama2", NULL }, { "openrail", NULL },
	{ "other", NULL }, { "unknown", NULL }
};

const char *
hf_spdx(const char *tag, char *buf, size_t len)
{
	size_t i, n;

	if (tag == NULL)
		return NULL;
	for (i = 0; i < sizeof(licenses) / sizeof(licenses[0]); i++)
		if (strcasecmp(tag, licenses[i].tag) == 0)
			return licenses[i].spdx;
	/* Creative Commons: cc-by-nc-sa-4.0 -> CC-BY-NC-SA-4.0. */
	if (strncasecmp(tag, "cc", 2) == 0 && (tag[2] == '-' ||
	    tag[2] == '0')) {
		n = strlen(tag);
		if (n >= len)
			return NULL;
		for (i = 0; i <= n; i++)
			buf[i] = (char)toupper((unsigned char)tag[i]);
		return buf;
	}
	return NULL;
}

/* tagged -- the values of the tags "prefix:value" in tags, an array. */
static jv
tagged(jv tags, const char *prefix)
{
	jv out = jv_array();
	size_t pl = strlen(prefix);

	if (jv_get_kind(tags) != JV_KIND_ARRAY)
		return out;
	jv_array_foreach(tags, i, t) {
		if (jv_get_kind(t) == JV_KIND_STRING &&
		    strncmp(jv_string_value(t), prefix, pl) == 0)
			out = jv_array_append(out,
			    jv_string(jv_string_value(t) + pl));
		jv_free(t);
	}
	return out;
}

static jv
dataset(jv d)
{
	jv out, tags, v, card;
	const char *id, *lic;
	char buf[64];

	id = ads_json_str(d, "id", NULL);
	if (id == NULL)
		return jv_null();
	v = ads_json_get(d, "disabled");
	if (jv_get_kind(v) == JV_KIND_TRUE) {
		jv_free(v);
		return jv_null();
	}
	jv_free(v);
	v = ads_json_get(d, "private");
	if (jv_get_kind(v) == JV_KIND_TRUE) {
		jv_free(v);
		return jv_null();
	}
	jv_free(v);
	out = jv_object();
	out = ads_json_set(out, "id", jv_string(id));
	tags = ads_json_get(d, "tags");
	v = tagged(tags, "license:");
	card = ads_json_get(d, "cardData");
	lic = jv_array_length(jv_copy(v)) > 0 ? NULL :
	    ads_json_str(card, "license", NULL);
	if (jv_array_length(jv_copy(v)) > 0) {
		jv first = jv_array_get(jv_copy(v), 0);

		lic = hf_spdx(jv_string_value(first), buf, sizeof(buf));
		if (lic != NULL)
			out = ads_json_set(out, "license", jv_string(lic));
		jv_free(first);
	} else if (lic != NULL) {
		lic = hf_spdx(lic, buf, sizeof(buf));
		if (lic != NULL)
			out = ads_json_set(out, "license", jv_string(lic));
	}
	jv_free(v);
	jv_free(card);
	out = ads_json_set(out, "langs", tagged(tags, "language:"));
	out = ads_json_set(out, "tasks", tagged(tags, "task_categories:"));
	out = ads_json_set(out, "task_ids", tagged(tags, "task_ids:"));
	jv_free(tags);
	out = ads_fetch_copy(out, "created", d, "createdAt", JV_KIND_STRING);
	out = ads_fetch_copy(out, "description", d, "description",
	    JV_KIND_STRING);
	out = ads_fetch_copy(out, "downloads", d, "downloads", JV_KIND_NUMBER);
	v = ads_json_get(d, "gated");
	if (jv_get_kind(v) == JV_KIND_STRING || jv_get_kind(v) == JV_KIND_TRUE)
		out = ads_json_set(out, "gated", jv_true());
	jv_free(v);
	return out;
}

jv
hf_search(const char *body, size_t n)
{
	jv root, out, x;

	root = ads_json_parse(body, n);
	if (!jv_is_valid(root))
		return root;
	if (jv_get_kind(root) != JV_KIND_ARRAY) {
		jv_free(root);
		return jv_invalid_with_msg(jv_string("not a JSON array"));
	}
	out = jv_array();
	jv_array_foreach(root, i, d) {
		x = dataset(d);
		jv_free(d);
		if (jv_get_kind(x) == JV_KIND_OBJECT)
			out = jv_array_append(out, x);
		else
			jv_free(x);
	}
	jv_free(root);
	return out;
}

/* jvunit_has -- units already hold config c. */
static int
jvunit_has(jv units, const char *c)
{
	int r = 0;

	jv_array_foreach(units, i, u) {
		const char *x = ads_json_str(u, "config", NULL);

		(void)i;
		if (x != NULL && strcmp(x, c) == 0)
			r = 1;
		jv_free(u);
	}
	return r;
}

/* addunit -- append {config, split[, features]} to units. */
static jv
addunit(jv units, const char *config, const char *split, jv feats,
    double rows)
{
	jv u = jv_object();

	u = ads_json_set(u, "config", jv_string(config));
	u = ads_json_set(u, "split", jv_string(split));
	if (rows >= 0)
		u = ads_json_set(u, "rows", jv_number(rows));
	if (jv_get_kind(feats) == JV_KIND_OBJECT ||
	    jv_get_kind(feats) == JV_KIND_ARRAY)
		u = ads_json_set(u, "features", feats);
	else
		jv_free(feats);
	return jv_array_append(units, u);
}

/* configunits -- the splits of one /info config, train first. */
static jv
configunits(jv units, const char *config, jv info)
{
	jv splits = ads_json_get(info, "splits"), feats;
	int pass;

	if (jv_get_kind(splits) != JV_KIND_OBJECT) {
		jv_free(splits);
		return units;
	}
	feats = ads_json_get(info, "features");
	for (pass = 0; pass < 2; pass++) {
		jv_object_foreach(splits, k, v) {
			int train = strcmp(jv_string_value(k), "train") == 0;

			double rows = -1;

			/* A split the viewer says is empty is not read. */
			if (ads_json_num(v, "num_examples", &rows) != 0)
				rows = -1;
			if (train == (pass == 0) && rows != 0)
				units = addunit(units, config,
				    jv_string_value(k), jv_copy(feats), rows);
			jv_free(k);
			jv_free(v);
		}
	}
	jv_free(feats);
	jv_free(splits);
	return units;
}

jv
hf_units(const char *body, size_t n)
{
	jv root, info, units = jv_array(), s;
	const char *c, *sp, *cfg = NULL;
	int pass;

	root = ads_json_parse(body, n);
	if (!jv_is_valid(root)) {
		jv_free(units);
		return root;
	}
	info = ads_json_get(root, "dataset_info");
	if (jv_get_kind(info) == JV_KIND_OBJECT) {
		/* /info: one config's object, or {config: object}. */
		if (ads_json_has(info, "features")) {
			c = ads_json_str(info, "config_name", NULL);
			units = configunits(units, c != NULL ? c : "default",
			    info);
		} else {
			jv_object_foreach(info, key, v) {
				if (jv_get_kind(v) == JV_KIND_OBJECT)
					units = configunits(units,
					    jv_string_value(key), v);
				jv_free(key);
				jv_free(v);
			}
		}
		jv_free(info);
		jv_free(root);
		return units;
	}
	jv_free(info);
	s = ads_json_get(root, "splits");
	jv_free(root);
	if (jv_get_kind(s) != JV_KIND_ARRAY) {
		jv_free(s);
		jv_free(units);
		return jv_invalid_with_msg(jv_string("no splits array"));
	}
	/* /splits: configs in order, train first in each. */
	jv_array_foreach(s, i, e) {
		c = ads_json_str(e, "config", NULL);
		sp = ads_json_str(e, "split", NULL);
		if (c != NULL && sp != NULL && (cfg == NULL ||
		    !jvunit_has(units, c))) {
			cfg = c;
			for (pass = 0; pass < 2; pass++)
				jv_array_foreach(s, j, x) {
					const char *xc = ads_json_str(x,
					    "config", NULL);
					const char *xs = ads_json_str(x,
					    "split", NULL);

					if (xc != NULL && xs != NULL &&
					    strcmp(xc, c) == 0 &&
					    (strcmp(xs, "train") == 0) ==
					    (pass == 0))
						units = addunit(units, xc, xs,
						    jv_null(), -1);
					jv_free(x);
				}
		}
		jv_free(e);
	}
	jv_free(s);
	return units;
}

/* Column names that hold the main text, best first. */
static const char *const textnames[] = {
	"text", "sentence", "content", "review", "review_body", "document",
	"tweet", "comment", "body", "utterance", "dialogue", "article",
	"abstract", "transcription", "transcript", "normalized_text",
	"raw_text", "question", "prompt", "instruction", "input", "title",
	NULL
};
/* Column names that hold a label, best first. */
static const char *const labelnames[] = {
	"label", "labels", "sentiment", "class", "category", "emotion",
	"intent", "target", "rating", "stars", "score", NULL
};

static int
inlist(const char *name, const char *const *list)
{
	int i;

	for (i = 0; list[i] != NULL; i++)
		if (strcasecmp(name, list[i]) == 0)
			return i;
	return -1;
}

static int
idlike(const char *name)
{
	size_t n = strlen(name);

	return strcasecmp(name, "id") == 0 || strcasecmp(name, "idx") == 0 ||
	    strcasecmp(name, "url") == 0 || strcasecmp(name, "uuid") == 0 ||
	    (n > 3 && strcasecmp(name + n - 3, "_id") == 0) ||
	    (n > 4 && strcasecmp(name + n - 4, "_url") == 0);
}

int
hf_columns(jv features, struct hf_columns *c)
{
	jv f, type, strs = jv_array();
	const char *name, *kind, *dtype;
	int i, k, best = -1, bestrank = 1000, lrank = 1000, r;
	char *bestname = NULL;

	memset(c, 0, sizeof(*c));
	c->text = jv_array();
	c->names = jv_null();
	k = jv_get_kind(features) == JV_KIND_ARRAY ?
	    jv_array_length(jv_copy(features)) : 0;
	for (i = 0; i < k; i++) {
		f = jv_array_get(jv_copy(features), i);
		name = ads_json_str(f, "name", NULL);
		type = ads_json_get(f, "type");
		kind = ads_json_str(type, "_type", NULL);
		dtype = ads_json_str(type, "dtype", NULL);
		if (name == NULL || kind == NULL) {
			jv_free(type);
			jv_free(f);
			continue;
		}
		if (strcmp(kind, "ClassLabel") == 0) {
			r = inlist(name, labelnames);
			if (r < 0)
				r = 100;
			if (r < lrank) {
				lrank = r;
				free(c->label);
				c->label = xstrdup(name);
				jv_free(c->names);
				c->names = ads_json_get(type, "names");
			}
		} else if (strcmp(kind, "Value") == 0 && dtype != NULL &&
		    (strcmp(dtype, "string") == 0 ||
		    strcmp(dtype, "large_string") == 0)) {
			if (!idlike(name) && inlist(name, labelnames) < 0)
				strs = jv_array_append(strs, jv_string(name));
			r = inlist(name, textnames);
			if (r >= 0 && r < bestrank) {
				bestrank = r;
				best = i;
				free(bestname);
				bestname = xstrdup(name);
			}
		}
		/* A plain "label" column without class names. */
		if (strcmp(kind, "Value") == 0 && c->label == NULL &&
		    inlist(name, labelnames) >= 0 && inlist(name,
		    labelnames) < lrank) {
			lrank = inlist(name, labelnames) + 50;
			free(c->label);
			c->label = xstrdup(name);
		}
		jv_free(type);
		jv_free(f);
	}
	(void)best;
	if (bestname != NULL) {
		/* One obvious text column ("text", "review"...). */
		c->text = jv_array_append(c->text, jv_string(bestname));
		jv_free(strs);
	} else {
		/* Pairs and the like: every string column, named. */
		jv_free(c->text);
		c->text = strs;
	}
	free(bestname);
	if (jv_array_length(jv_copy(c->text)) == 0) {
		hf_columns_free(c);
		return -1;
	}
	return 0;
}

void
hf_columns_free(struct hf_columns *c)
{
	jv_free(c->text);
	jv_free(c->names);
	free(c->label);
	c->text = c->names = jv_null();
	c->label = NULL;
}

int
hf_rows(const char *body, size_t n, jv *features, jv *rows, long *total,
    char *why, size_t len)
{
	jv root, msg;
	long long c;

	*features = jv_null();
	*rows = jv_null();
	*total = -1;
	root = ads_json_parse(body, n);
	if (!jv_is_valid(root)) {
		msg = jv_invalid_get_msg(root);
		snprintf(why, len, "invalid JSON: %.*s",
		    jv_get_kind(msg) == JV_KIND_STRING ?
		    (int)strcspn(jv_string_value(msg), "(") : 0,
		    jv_get_kind(msg) == JV_KIND_STRING ?
		    jv_string_value(msg) : "");
		jv_free(msg);
		return -1;
	}
	*features = ads_json_get(root, "features");
	*rows = ads_json_get(root, "rows");
	if (ads_json_count(root, "num_rows_total", &c) == 0)
		*total = (long)c;
	jv_free(root);
	if (jv_get_kind(*rows) != JV_KIND_ARRAY ||
	    jv_get_kind(*features) != JV_KIND_ARRAY) {
		snprintf(why, len, "no rows or features");
		jv_free(*features);
		jv_free(*rows);
		*features = *rows = jv_null();
		return -1;
	}
	return 0;
}

/* cell -- a cell's text: a string, or strings of an array joined. */
static int
cell(jv v, struct ads_buf *b)
{
	int any = 0;

	if (jv_get_kind(v) == JV_KIND_STRING) {
		ads_buf_adds(b, jv_string_value(v));
		return jv_string_length_bytes(jv_copy(v)) > 0;
	}
	if (jv_get_kind(v) != JV_KIND_ARRAY)
		return 0;
	jv_array_foreach(v, i, e) {
		if (jv_get_kind(e) == JV_KIND_STRING) {
			if (any)
				ads_buf_addc(b, '\n');
			ads_buf_adds(b, jv_string_value(e));
			any = 1;
		}
		jv_free(e);
	}
	return any;
}

jv
hf_describe(jv rec, jv ds)
{
	const char *id = ads_json_str(ds, "id", NULL);

	rec = ads_json_set(rec, "title", jv_string(id != NULL ? id : ""));
	rec = ads_json_set(rec, "url",
	    jv_string_fmt("https://huggingface.co/datasets/%s", id != NULL ? id
	    : ""));
	dsfacts(&rec, ds);
	return rec;
}

jv
hf_record(jv row, jv ds, const char *config, const char *split,
    const struct hf_columns *c)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv cells, v, rec, meta, trunc;
	const char *id;
	double idx, lv;
	int any = 0, one;

	id = ads_json_str(ds, "id", NULL);
	cells = ads_json_get(row, "row");
	if (id == NULL || jv_get_kind(cells) != JV_KIND_OBJECT ||
	    ads_json_num(row, "row_idx", &idx) != 0) {
		jv_free(cells);
		return jv_null();
	}
	one = jv_array_length(jv_copy(c->text)) == 1;
	jv_array_foreach(c->text, i, name) {
		v = ads_json_get(cells, jv_string_value(name));
		if (jv_get_kind(v) == JV_KIND_STRING ||
		    jv_get_kind(v) == JV_KIND_ARRAY) {
			size_t mark = b.len;

			if (any)
				ads_buf_addc(&b, '\n');
			if (!one)
				ads_buf_addf(&b, "%s: ", jv_string_value(name));
			if (cell(v, &b))
				any = 1;
			else {
				b.len = mark;
				if (b.p != NULL)
					b.p[b.len] = '\0';
			}
		}
		jv_free(v);
		jv_free(name);
	}
	if (!any) {
		jv_free(cells);
		ads_buf_free(&b);
		return jv_null();
	}
	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_fmt("huggingface:%s:%s:%s:%.0f",
	    id, config, split, idx));
	rec = ads_json_set(rec, "text", jv_string_sized(b.p, (int)b.len));
	ads_buf_free(&b);
	rec = ads_json_set(rec, "title", jv_string(id));
	rec = ads_json_set(rec, "url",
	    jv_string_fmt("https://huggingface.co/datasets/%s", id));
	dsfacts(&rec, ds);
	if (c->label != NULL) {
		v = ads_json_get(cells, c->label);
		/* Class names where the features give them. */
		if (jv_get_kind(v) == JV_KIND_NUMBER &&
		    jv_get_kind(c->names) == JV_KIND_ARRAY) {
			lv = jv_number_value(v);
			if (lv >= 0 && lv < jv_array_length(jv_copy(c->names)) &&
			    lv == (double)(int)lv) {
				jv_free(v);
				v = jv_array_get(jv_copy(c->names), (int)lv);
			}
		}
		if (jv_get_kind(v) != JV_KIND_NULL &&
		    !(jv_get_kind(v) == JV_KIND_NUMBER &&
		    jv_number_value(v) < 0))
			rec = ads_json_set(rec, "label", v);
		else
			jv_free(v);
	}
	meta = jv_object();
	meta = ads_json_set(meta, "dataset", jv_string(id));
	meta = ads_json_set(meta, "config", jv_string(config));
	meta = ads_json_set(meta, "split", jv_string(split));
	meta = ads_json_set(meta, "row", jv_number(idx));
	meta = ads_json_set(meta, "text_columns", jv_copy(c->text));
	if (c->label != NULL)
		meta = ads_json_set(meta, "label_column", jv_string(c->label));
	trunc = ads_json_get(row, "truncated_cells");
	if (jv_get_kind(trunc) == JV_KIND_ARRAY &&
	    jv_array_length(jv_copy(trunc)) > 0)
		meta = ads_json_set(meta, "truncated_cells", trunc);
	else
		jv_free(trunc);
	rec = ads_json_set(rec, "meta", meta);
	jv_free(cells);
	return rec;
}
