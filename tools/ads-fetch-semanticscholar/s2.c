/*
 * s2.c -- reading Semantic Scholar Graph API answers (s2.h)
 *
 * A paper becomes a record when it has a paperId, a title and an
 * abstract: its text is "TITLE\n\nABSTRACT", as arXiv's, and its facts
 * (venue, year, authors, citation count, fields of study, external ids,
 * the open-access PDF) go into meta.  A paper without an abstract has
 * no text to offer and is dropped, counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "s2.h"

/* Longest title and abstract kept, in bytes. */
#define MAXTITLE	2048
#define MAXABSTRACT	65536
#define MAXAUTHORS	100

const char *
s2_license(const char *s)
{
	static const char *const map[][2] = {
		{ "CCBY", "CC-BY-4.0" }, { "CCBYSA", "CC-BY-SA-4.0" },
		{ "CCBYNC", "CC-BY-NC-4.0" }, { "CCBYND", "CC-BY-ND-4.0" },
		{ "CCBYNCSA", "CC-BY-NC-SA-4.0" },
		{ "CCBYNCND", "CC-BY-NC-ND-4.0" }, { "CC0", "CC0-1.0" },
		{ "PUBLIC-DOMAIN", "LicenseRef-Public-Domain" },
	};
	char up[32];
	size_t i, j;

	for (i = j = 0; s[i] != '\0' && j < sizeof(up) - 1; i++) {
		if (s[i] == '-' && strncmp(s, "public", 6) != 0)
			continue;	/* "CC-BY" as "CCBY" */
		up[j++] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 :
		    s[i]);
	}
	up[j] = '\0';
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(up, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* text -- o[k] squeezed to one line and cut at max bytes, or invalid. */
static jv
text(jv o, const char *k, size_t max)
{
	jv v = ads_json_get(o, k), s;
	int n;

	if (jv_get_kind(v) != JV_KIND_STRING) {
		jv_free(v);
		return jv_invalid();
	}
	n = jv_string_length_bytes(jv_copy(v));
	s = ads_fetch_squeeze(jv_string_value(v),
	    (size_t)n > max ? max : (size_t)n);
	jv_free(v);
	if (jv_string_length_bytes(jv_copy(s)) == 0) {
		jv_free(s);
		return jv_invalid();
	}
	return s;
}

/* setif -- m[k] = v when v is of kind, else drop v. */
static jv
setif(jv m, const char *k, jv v, jv_kind kind)
{
	if (jv_get_kind(v) == kind)
		return jv_object_set(m, jv_string(k), v);
	jv_free(v);
	return m;
}

/* authors -- the names of a paper's authors. */
static jv
authors(jv paper)
{
	jv a = ads_json_get(paper, "authors"), out = jv_array(), name;

	if (jv_get_kind(a) != JV_KIND_ARRAY) {
		jv_free(a);
		return out;
	}
	jv_array_foreach(a, i, x) {
		if (i >= MAXAUTHORS) {
			jv_free(x);
			break;
		}
		name = text(x, "name", 256);
		if (jv_is_valid(name))
			out = jv_array_append(out, name);
		else
			jv_free(name);
		jv_free(x);
	}
	jv_free(a);
	return out;
}

/* fields -- the categories of s2FieldsOfStudy, each once. */
static jv
fields(jv paper)
{
	jv a = ads_json_get(paper, "s2FieldsOfStudy"), out = jv_array(), c;
	int dup;

	if (jv_get_kind(a) != JV_KIND_ARRAY) {
		jv_free(a);
		return out;
	}
	jv_array_foreach(a, i, x) {
		if (i >= 32) {
			jv_free(x);
			break;
		}
		c = text(x, "category", 64);
		jv_free(x);
		if (!jv_is_valid(c)) {
			jv_free(c);
			continue;
		}
		dup = 0;
		jv_array_foreach(out, j, y) {
			(void)j;
			if (!dup)
				dup = jv_equal(y, jv_copy(c));	/* frees y */
			else
				jv_free(y);
		}
		out = dup ? (jv_free(c), out) : jv_array_append(out, c);
	}
	jv_free(a);
	return out;
}

/*
 * record -- the record for paper, or invalid with *reason: 'm' missing,
 * 'a' no abstract, 'x' on arXiv (with skiparxiv).
 */
static jv
record(jv paper, int skiparxiv, char *reason)
{
	jv id = text(paper, "paperId", 128), title, abs, rec, meta, ext, x, pdf;
	jv u, l, d;
	struct ads_buf b = ADS_BUF_INIT;
	const char *lic = NULL;

	if (!jv_is_valid(id)) {
		*reason = 'm';
		jv_free(id);
		return jv_invalid();
	}
	ext = ads_json_get(paper, "externalIds");
	x = ads_json_get(ext, "ArXiv");
	if (skiparxiv && jv_get_kind(x) == JV_KIND_STRING) {
		*reason = 'x';
		jv_free(x);
		jv_free(ext);
		jv_free(id);
		return jv_invalid();
	}
	title = text(paper, "title", MAXTITLE);
	abs = text(paper, "abstract", MAXABSTRACT);
	if (!jv_is_valid(title) || !jv_is_valid(abs)) {
		*reason = 'a';
		jv_free(title);
		jv_free(abs);
		jv_free(x);
		jv_free(ext);
		jv_free(id);
		return jv_invalid();
	}
	ads_buf_addf(&b, "%s\n\n%s", jv_string_value(title),
	    jv_string_value(abs));
	jv_free(abs);
	rec = JV_OBJECT(jv_string("id"), jv_string_fmt("semanticscholar:%s",
	    jv_string_value(id)), jv_string("source"),
	    jv_string("semanticscholar"), jv_string("text"),
	    jv_string_sized(b.p, (int)b.len), jv_string("title"), title);
	ads_buf_free(&b);
	u = text(paper, "url", 2048);
	if (jv_is_valid(u) && strncmp(jv_string_value(u), "https://", 8) == 0)
		rec = ads_json_set(rec, "url", u);
	else {
		jv_free(u);
		rec = ads_json_set(rec, "url", jv_string_fmt(
		    "https://www.semanticscholar.org/paper/%s",
		    jv_string_value(id)));
	}
	pdf = ads_json_get(paper, "openAccessPdf");
	l = ads_json_get(pdf, "license");
	if (jv_get_kind(l) == JV_KIND_STRING)
		lic = s2_license(jv_string_value(l));
	rec = ads_json_set(rec, "license", jv_string(lic != NULL ? lic :
	    "unknown"));
	meta = JV_OBJECT(jv_string("paper_id"), id);
	meta = setif(meta, "license_s2", l, JV_KIND_STRING);
	d = ads_json_get(paper, "publicationDate");
	if (jv_get_kind(d) == JV_KIND_STRING &&
	    jv_string_length_bytes(jv_copy(d)) == 10)
		rec = ads_json_set(rec, "created", jv_string_fmt("%sT00:00:00Z",
		    jv_string_value(d)));
	jv_free(d);
	meta = setif(meta, "corpus_id", ads_json_get(paper, "corpusId"),
	    JV_KIND_NUMBER);
	meta = setif(meta, "venue", text(paper, "venue", 512),
	    JV_KIND_STRING);
	meta = setif(meta, "year", ads_json_get(paper, "year"), JV_KIND_NUMBER);
	meta = ads_json_set(meta, "authors", authors(paper));
	meta = setif(meta, "citation_count",
	    ads_json_get(paper, "citationCount"), JV_KIND_NUMBER);
	meta = ads_json_set(meta, "fields_of_study", fields(paper));
	meta = setif(meta, "arxiv", x, JV_KIND_STRING);
	meta = setif(meta, "doi", ads_json_get(ext, "DOI"), JV_KIND_STRING);
	meta = setif(meta, "open_access_pdf", text(pdf, "url", 2048),
	    JV_KIND_STRING);
	jv_free(pdf);
	jv_free(ext);
	return ads_json_set(rec, "meta", meta);
}

int
s2_parse(const char *body, size_t n, int skiparxiv, struct s2_page *p,
    char *why, size_t whylen)
{
	jv top, data, v;

	memset(p, 0, sizeof(*p));
	p->records = jv_array();
	p->next = -1;
	p->total = -1;
	top = jv_parse_sized(body, n > (size_t)1 << 30 ? 0 : (int)n);
	if (jv_get_kind(top) == JV_KIND_ARRAY) {
		data = top;	/* a batch answer */
	} else if (jv_get_kind(top) == JV_KIND_OBJECT) {
		v = ads_json_get(top, "error");
		if (jv_get_kind(v) != JV_KIND_STRING) {
			jv_free(v);
			v = ads_json_get(top, "message");
		}
		if (jv_get_kind(v) == JV_KIND_STRING)
			p->error = xstrndup(jv_string_value(v), 300);
		jv_free(v);
		(void)ads_json_count(top, "total", &p->total);
		v = ads_json_get(top, "next");
		if (jv_get_kind(v) == JV_KIND_NUMBER &&
		    jv_number_value(v) >= 0 && jv_number_value(v) < 1e9)
			p->next = (long)jv_number_value(v);
		jv_free(v);
		v = ads_json_get(top, "token");
		if (jv_get_kind(v) == JV_KIND_STRING &&
		    jv_string_length_bytes(jv_copy(v)) > 0 &&
		    jv_string_length_bytes(jv_copy(v)) < 4096)
			p->token = xstrdup(jv_string_value(v));
		jv_free(v);
		data = ads_json_get(top, "data");
		jv_free(top);
		if (jv_get_kind(data) == JV_KIND_NULL) {
			/* "No results": no data key at all. */
			jv_free(data);
			return 0;
		}
	} else {
		snprintf(why, whylen, "not a JSON answer of papers");
		jv_free(top);
		return -1;
	}
	if (jv_get_kind(data) != JV_KIND_ARRAY) {
		snprintf(why, whylen, "\"data\" is not an array");
		jv_free(data);
		return -1;
	}
	jv_array_foreach(data, i, paper) {
		jv rec;
		char reason = 'm';

		(void)i;
		p->nitems++;
		if (jv_get_kind(paper) == JV_KIND_NULL) {
			p->nmissing++;
			jv_free(paper);
			continue;
		}
		if (jv_get_kind(paper) != JV_KIND_OBJECT) {
			p->nmalformed++;
			jv_free(paper);
			continue;
		}
		rec = record(paper, skiparxiv, &reason);
		jv_free(paper);
		if (jv_is_valid(rec)) {
			p->records = jv_array_append(p->records, rec);
			continue;
		}
		jv_free(rec);
		if (reason == 'a')
			p->nnotext++;
		else if (reason == 'x')
			p->nonarxiv++;
		else
			p->nmissing++;
	}
	jv_free(data);
	return 0;
}

void
s2_free(struct s2_page *p)
{
	jv_free(p->records);
	p->records = jv_invalid();
	free(p->token);
	free(p->error);
	p->token = p->error = NULL;
}
