/*
 * kaggle.c -- Kaggle dataset lists and metadata into records
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/markdown.h"
#include "../../common/util.h"
#include "kaggle.h"

const char *
kaggle_spdx(const char *name)
{
	/* Kaggle's license names (short and long forms) and their ids. */
	static const char *const map[][2] = {
		{ "CC0", "CC0-1.0" },
		{ "Public Domain", "CC0-1.0" },
		{ "CC BY-NC-SA", "CC-BY-NC-SA-4.0" },
		{ "BY-NC-SA", "CC-BY-NC-SA-4.0" },
		{ "CC BY-NC-ND", "CC-BY-NC-ND-4.0" },
		{ "CC BY-ND", "CC-BY-ND-4.0" },
		{ "NoDerivatives", "CC-BY-ND-4.0" },
		{ "CC BY-NC", "CC-BY-NC-4.0" },
		{ "Attribution-NonCommercial 4.0", "CC-BY-NC-4.0" },
		{ "CC BY-SA 3.0", "CC-BY-SA-3.0" },
		{ "CC BY-SA", "CC-BY-SA-4.0" },
		{ "BY-SA", "CC-BY-SA-4.0" },
		{ "CC BY 3.0", "CC-BY-3.0" },
		{ "CC BY", "CC-BY-4.0" },
		{ "Attribution 4.0", "CC-BY-4.0" },
		{ "Community Data License Agreement - Permissive",
		    "CDLA-Permissive-1.0" },
		{ "Community Data License Agreement - Sharing",
		    "CDLA-Sharing-1.0" },
		{ "ODbL", "ODbL-1.0" },
		{ "Open Database", "ODbL-1.0" },
		{ "Open Data Commons Attribution", "ODC-By-1.0" },
		{ "PDDL", "PDDL-1.0" },
		{ "Apache 2.0", "Apache-2.0" },
		{ "Apache-2.0", "Apache-2.0" },
		{ "GPL 2", "GPL-2.0-only" },
		{ "GPL-2", "GPL-2.0-only" },
		{ "GPL-3", "GPL-3.0-only" },
		{ "LGPL-3", "LGPL-3.0-only" },
		{ "AGPL-3", "AGPL-3.0-only" },
		{ "MIT", "MIT" },
		{ "BSD-3", "BSD-3-Clause" },
	};
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strstr(name, map[i][0]) != NULL)
			return map[i][1];
	return NULL;
}

jv
kaggle_text(jv rec, const char *description)
{
	struct ads_buf b = ADS_BUF_INIT;
	const char *title, *sub;
	char *d = NULL;
	jv meta;

	title = ads_json_str(rec, "title", NULL);
	meta = ads_json_get(rec, "meta");
	sub = ads_json_str(meta, "subtitle", NULL);
	if (title != NULL)
		ads_buf_adds(&b, title);
	if (description != NULL)
		d = ads_md_walk(description, strlen(description), NULL,
		    NULL, NULL);
	if (sub != NULL && *sub != '\0' && (d == NULL ||
	    strstr(d, sub) == NULL)) {
		if (b.len > 0)
			ads_buf_adds(&b, "\n\n");
		ads_buf_adds(&b, sub);
	}
	if (d != NULL && *d != '\0') {
		if (b.len > 0)
			ads_buf_adds(&b, "\n\n");
		ads_buf_adds(&b, d);
	}
	free(d);
	jv_free(meta);
	rec = ads_json_set(rec, "text", jv_string(b.p != NULL ? b.p : ""));
	ads_buf_free(&b);
	return rec;
}

/* tagnames -- the names of a dataset's tags as an array. */
static jv
tagnames(jv tags)
{
	jv out = jv_array();
	const char *s;

	if (jv_get_kind(tags) != JV_KIND_ARRAY) {
		jv_free(tags);
		return out;
	}
	jv_array_foreach(tags, i, t) {
		if (i >= 50) {
			jv_free(t);
			break;
		}
		s = ads_json_str(t, "name", NULL);
		if (s == NULL && jv_get_kind(t) == JV_KIND_STRING)
			s = jv_string_value(t);
		if (s != NULL)
			out = jv_array_append(out, jv_string(s));
		jv_free(t);
	}
	jv_free(tags);
	return out;
}

static jv
num(jv d, const char *key)
{
	double v;

	if (ads_json_num(d, key, &v) == 0)
		return jv_number(v);
	/* kagglesdk sends 64-bit counts as strings. */
	if (ads_json_str(d, key, NULL) != NULL)
		return jv_number(strtod(ads_json_str(d, key, NULL), NULL));
	return jv_null();
}

/* dataset -- one dataset object as a record, or jv_null(). */
static jv
dataset(jv d, const char *site)
{
	const char *ref, *title, *sub, *url, *lic, *upd, *owner, *spdx;
	jv rec, meta, v;

	ref = ads_json_str(d, "ref", NULL);
	title = ads_json_str(d, "title", NULL);
	if (ref == NULL || *ref == '\0' || title == NULL ||
	    strchr(ref, '/') == NULL)
		return jv_null();
	sub = ads_json_str(d, "subtitle", NULL);
	url = ads_json_str(d, "url", NULL);
	lic = ads_json_str(d, "licenseName", NULL);
	upd = ads_json_str(d, "lastUpdated", NULL);
	owner = ads_json_str(d, "ownerRef", NULL);
	spdx = kaggle_spdx(lic);

	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_fmt("kaggle:%s", ref));
	rec = ads_json_set(rec, "source", jv_string("kaggle"));
	rec = ads_json_set(rec, "text", jv_string(""));
	rec = ads_json_set(rec, "title", jv_string(title));
	if (url != NULL && strncmp(url, "https://", 8) == 0)
		rec = ads_json_set(rec, "url", jv_string(url));
	else
		rec = ads_json_set(rec, "url",
		    jv_string_fmt("%s/datasets/%s", site, ref));
	if (spdx != NULL)
		rec = ads_json_set(rec, "license", jv_string(spdx));
	if (upd != NULL && strlen(upd) >= 10)
		rec = ads_json_set(rec, "created", jv_string(upd));
	meta = jv_object();
	meta = ads_json_set(meta, "ref", jv_string(ref));
	if (owner != NULL)
		meta = ads_json_set(meta, "owner", jv_string(owner));
	if (sub != NULL)
		meta = ads_json_set(meta, "subtitle", jv_string(sub));
	meta = ads_json_set(meta, "tags", tagnames(ads_json_get(d, "tags")));
	meta = ads_json_set(meta, "size", num(d, "totalBytes"));
	if (lic != NULL)
		meta = ads_json_set(meta, "license_name", jv_string(lic));
	meta = ads_json_set(meta, "votes", num(d, "voteCount"));
	meta = ads_json_set(meta, "downloads", num(d, "downloadCount"));
	v = num(d, "usabilityRating");
	if (jv_get_kind(v) == JV_KIND_NUMBER)
		meta = ads_json_set(meta, "usability", v);
	else
		jv_free(v);
	rec = ads_json_set(rec, "meta", meta);
	return kaggle_text(rec, ads_json_str(d, "description", NULL));
}

jv
kaggle_list(const char *p, size_t n, const char *site, long *bad)
{
	jv v, arr, rec, out;
	const char *m;

	*bad = 0;
	v = ads_json_parse(p, n);
	if (jv_get_kind(v) == JV_KIND_OBJECT) {
		arr = ads_json_get(v, "datasets");
		if (jv_get_kind(arr) != JV_KIND_ARRAY) {
			m = ads_json_str(v, "message", NULL);
			if (m == NULL)
				m = ads_json_str(v, "errorMessage", NULL);
			out = jv_invalid_with_msg(jv_string(m != NULL ? m :
			    "not a dataset list"));
			jv_free(arr);
			jv_free(v);
			return out;
		}
		jv_free(v);
	} else if (jv_get_kind(v) == JV_KIND_ARRAY)
		arr = v;
	else {
		jv_free(v);
		return jv_invalid_with_msg(jv_string("not a dataset list"));
	}
	out = jv_array();
	jv_array_foreach(arr, i, d) {
		rec = dataset(d, site);
		if (jv_get_kind(rec) == JV_KIND_OBJECT)
			out = jv_array_append(out, rec);
		else {
			jv_free(rec);
			(*bad)++;
		}
		jv_free(d);
	}
	jv_free(arr);
	return out;
}

char *
kaggle_description(const char *p, size_t n)
{
	jv v, info;
	const char *s;
	char *r = NULL;

	v = ads_json_parse(p, n);
	info = ads_json_get(v, "info");
	s = ads_json_str(info, "description", NULL);
	if (s != NULL && *s != '\0')
		r = xstrdup(s);
	jv_free(info);
	jv_free(v);
	return r;
}

int
kaggle_reusable(const char *name)
{
	const char *id = kaggle_spdx(name);

	/* Known, and allowing changed copies: no NoDerivatives. */
	return id != NULL && strstr(id, "-ND") == NULL;
}

jv
kaggle_files(const char *p, size_t n)
{
	jv root, files, out;
	const char *name, *m;
	double size;

	root = ads_json_parse(p, n);
	if (!jv_is_valid(root))
		return root;
	m = ads_json_str(root, "errorMessage", NULL);
	if (m == NULL)
		m = ads_json_str(root, "message", NULL);
	if (m != NULL && *m != '\0') {
		out = jv_invalid_with_msg(jv_string(m));
		jv_free(root);
		return out;
	}
	files = ads_json_get(root, "datasetFiles");
	if (jv_get_kind(files) != JV_KIND_ARRAY) {
		jv_free(files);
		files = ads_json_get(root, "files");
	}
	jv_free(root);
	if (jv_get_kind(files) != JV_KIND_ARRAY) {
		jv_free(files);
		return jv_invalid_with_msg(jv_string("no datasetFiles array"));
	}
	out = jv_array();
	jv_array_foreach(files, i, f) {
		(void)i;
		name = ads_json_str(f, "name", NULL);
		if (name != NULL && *name != '\0') {
			if (ads_json_num(f, "totalBytes", &size) != 0)
				size = -1;
			out = jv_array_append(out, jv_object_set(jv_object_set(
			    jv_object(), jv_string("name"), jv_string(name)),
			    jv_string("size"), jv_number(size)));
		}
		jv_free(f);
	}
	jv_free(files);
	return out;
}
