/*
 * cc.c -- Common Crawl's index answers, and WARC records made ads
 * records (cc.h)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>

#include "../../common/article.h"
#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "cc.h"

#define MAXFIELD	4096
/* Common Crawl caps a capture at 1 MiB; a range answer is smaller. */
#define MAXLENGTH	(8LL << 20)
#define MAXTEXT		(1 << 20)

/* str -- o[k] as a new string when it is a short string, else NULL. */
static char *
str(jv o, const char *k)
{
	jv v = jv_object_get(jv_copy(o), jv_string(k));
	char *s = NULL;

	if (jv_get_kind(v) == JV_KIND_STRING &&
	    jv_string_length_bytes(jv_copy(v)) < MAXFIELD)
		s = xstrdup(jv_string_value(v));
	jv_free(v);
	return s;
}

/* num -- o[k], a number or a string of digits, or -1. */
static long long
num(jv o, const char *k)
{
	jv v = jv_object_get(jv_copy(o), jv_string(k));
	long long r = -1;
	const char *e;

	if (jv_get_kind(v) == JV_KIND_NUMBER && jv_number_value(v) >= 0 &&
	    jv_number_value(v) < 9e15)
		r = (long long)jv_number_value(v);
	else if (jv_get_kind(v) == JV_KIND_STRING) {
		r = ads_strtonum(jv_string_value(v), 0, 9000000000000000LL, &e);
		if (e != NULL)
			r = -1;
	}
	jv_free(v);
	return r;
}

/* safename -- a WARC file name of the crawl's data host, nothing else. */
static int
safename(const char *s)
{
	size_t i;

	if (strncmp(s, "crawl-data/", 11) != 0 || strstr(s, "..") != NULL ||
	    strstr(s, "//") != NULL)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '/'))
			return 0;
	}
	return 1;
}

void
cc_capture_free(struct cc_capture *c)
{
	free(c->url);
	free(c->filename);
	free(c->digest);
	free(c->timestamp);
	free(c->mime);
	free(c->languages);
	memset(c, 0, sizeof(*c));
}

int
cc_capture_parse(const char *line, size_t n, struct cc_capture *c)
{
	jv o = jv_parse_sized(line, n > 1 << 20 ? 0 : (int)n);

	memset(c, 0, sizeof(*c));
	if (jv_get_kind(o) != JV_KIND_OBJECT) {
		jv_free(o);
		return -1;
	}
	c->url = str(o, "url");
	c->filename = str(o, "filename");
	c->digest = str(o, "digest");
	c->timestamp = str(o, "timestamp");
	c->mime = str(o, "mime-detected");
	if (c->mime == NULL)
		c->mime = str(o, "mime");
	c->languages = str(o, "languages");
	c->offset = num(o, "offset");
	c->length = num(o, "length");
	c->status = (int)num(o, "status");
	jv_free(o);
	if (c->url == NULL || c->filename == NULL ||
	    !safename(c->filename) || c->offset < 0 || c->length <= 0 ||
	    c->length > MAXLENGTH) {
		cc_capture_free(c);
		return -1;
	}
	return 0;
}

int
cc_capture_html(const struct cc_capture *c)
{
	return c->status == 200 && c->mime != NULL &&
	    (strcasecmp(c->mime, "text/html") == 0 ||
	    strcasecmp(c->mime, "application/xhtml+xml") == 0);
}

jv
cc_crawls(const char *body, size_t n)
{
	jv a = jv_parse_sized(body, n > 1 << 24 ? 0 : (int)n), out;
	char *id;

	if (jv_get_kind(a) != JV_KIND_ARRAY) {
		jv_free(a);
		return jv_invalid();
	}
	out = jv_array();
	jv_array_foreach(a, i, c) {
		(void)i;
		id = jv_get_kind(c) == JV_KIND_OBJECT ? str(c, "id") : NULL;
		/* CC-MAIN-2025-43: letters, digits and dashes only. */
		if (id != NULL && strncmp(id, "CC-MAIN-", 8) == 0 &&
		    strspn(id, "CMAIN-0123456789") == strlen(id))
			out = jv_array_append(out, jv_string(id));
		free(id);
		jv_free(c);
	}
	jv_free(a);
	return out;
}

/* crawlid -- 1 when s[0..n) is a crawl id: CC-MAIN-2024-22. */
static int
crawlid(const char *s, size_t n)
{
	size_t i;

	if (n < 12 || n > 32 || strncmp(s, "CC-MAIN-", 8) != 0)
		return 0;
	for (i = 8; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

char *
cc_warcinfo_crawl(const char *block, size_t n)
{
	const char *p, *e, *end = block + n;
	size_t k;

	for (p = block; block != NULL && p < end; p = e + 1) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (e == NULL)
			e = end;
		if ((size_t)(e - p) > 9 && strncasecmp(p, "isPartOf:", 9) == 0) {
			p += 9;
			while (p < e && *p == ' ')
				p++;
			k = (size_t)(e - p);
			while (k > 0 && (p[k - 1] == '\r' || p[k - 1] == ' '))
				k--;
			return crawlid(p, k) ? xstrndup(p, k) : NULL;
		}
	}
	return NULL;
}

/* crawlof -- the crawl id in a WARC file name, or NULL. */
static jv
crawlof(const char *file)
{
	const char *p = strstr(file, "CC-MAIN-");
	size_t n;

	if (p == NULL)
		return jv_null();
	n = strspn(p + 8, "0123456789-");
	/* CC-MAIN-2024-22: the crawl; CC-MAIN-20240517...: a file. */
	if (n >= 7 && p[8 + 4] == '-' && (n == 7 || p[8 + 7] == '/'))
		return jv_string_sized(p, 15);
	return jv_null();
}

int
cc_html(const struct warc_record *w, const char **body, size_t *bodylen,
    char *cs, size_t cslen, const char **charset, const char **reason)
{
	char ctype[256];
	int status;

	*reason = "skip";
	*charset = NULL;
	if (w->truncated && w->block == NULL) {
		*reason = "truncated";
		return -1;
	}
	if (strcmp(w->type, "conversion") == 0)
		return w->block != NULL ? 0 : -1;
	if (strcmp(w->type, "response") != 0)
		return -1;
	if (w->block == NULL || warc_http(w->block, w->blocklen, &status,
	    ctype, sizeof(ctype), body, bodylen) != 0)
		return -1;
	if (status != 200) {
		*reason = "status";
		return -1;
	}
	if (strncasecmp(ctype, "text/html", 9) != 0 &&
	    strncasecmp(ctype, "application/xhtml", 17) != 0 &&
	    (w->ptype == NULL || strcasecmp(w->ptype, "text/html") != 0)) {
		*reason = "not_html";
		return -1;
	}
	*charset = article_charset(ctype, cs, cslen);
	if (*bodylen > CC_MAXHTML)
		*bodylen = CC_MAXHTML;
	return 1;
}

jv
cc_build(const struct warc_record *w, const struct article *a,
    const char *crawl, const char *file, long long offset, long long length,
    const char **reason)
{
	const char *id;
	jv rec, meta, text, title = jv_null(), created = jv_null(), lang;

	*reason = "skip";
	if (a != NULL) {
		text = jv_string_sized(a->text, strlen(a->text) > MAXTEXT ?
		    MAXTEXT : (int)strlen(a->text));
		if (a->title != NULL && a->title[0] != '\0')
			title = jv_string(a->title);
		if (a->published != NULL)
			created = jv_string(a->published);
		lang = a->lang != NULL ? jv_string(a->lang) : jv_null();
	} else {
		if (w->block == NULL)
			return jv_invalid();
		text = ads_fetch_squeeze(w->block, w->blocklen > MAXTEXT ?
		    MAXTEXT : w->blocklen);
		if (jv_string_length_bytes(jv_copy(text)) < ARTICLE_MINTEXT) {
			jv_free(text);
			*reason = "no_text";
			return jv_invalid();
		}
		lang = jv_null();
	}
	if (jv_get_kind(created) == JV_KIND_NULL && w->date != NULL)
		created = jv_string(w->date);
	id = w->digest != NULL ? w->digest : w->id != NULL ? w->id : "";
	if (strncasecmp(id, "sha1:", 5) == 0)
		id += 5;
	meta = JV_OBJECT(jv_string("crawl"), crawl != NULL ?
	    jv_string(crawl) : crawlof(file), jv_string("warc_file"),
	    jv_string(file), jv_string("warc_type"), jv_string(w->type),
	    jv_string("page_terms"),
	    jv_string("the page's own terms apply beside Common Crawl's"));
	if (offset >= 0) {
		meta = ads_json_set(meta, "offset", jv_number((double)offset));
		meta = ads_json_set(meta, "length", jv_number((double)length));
	} else
		meta = ads_json_set(meta, "record_offset",
		    jv_number((double)w->offset));
	if (w->date != NULL)
		meta = ads_json_set(meta, "warc_date", jv_string(w->date));
	if (a != NULL && a->site != NULL)
		meta = ads_json_set(meta, "site", jv_string(a->site));
	rec = JV_OBJECT(jv_string("id"), jv_string_fmt("commoncrawl:%s", id),
	    jv_string("source"), jv_string("commoncrawl"), jv_string("text"),
	    text);
	if (jv_get_kind(title) == JV_KIND_STRING)
		rec = ads_json_set(rec, "title", title);
	else
		jv_free(title);
	if (w->uri != NULL)
		rec = ads_json_set(rec, "url", jv_string(w->uri));
	if (jv_get_kind(lang) == JV_KIND_STRING)
		rec = ads_json_set(rec, "lang", lang);
	else
		jv_free(lang);
	rec = ads_json_set(rec, "license",
	    jv_string("LicenseRef-CommonCrawl-ToU"));
	if (jv_get_kind(created) == JV_KIND_STRING)
		rec = ads_json_set(rec, "created", created);
	else
		jv_free(created);
	return ads_json_set(rec, "meta", meta);
}

jv
cc_record(const struct warc_record *w, const char *crawl, const char *file,
    long long offset, long long length, const char **reason)
{
	struct article a;
	const char *body = NULL, *charset;
	char cs[64];
	size_t bodylen = 0;
	jv rec;
	int k;

	k = cc_html(w, &body, &bodylen, cs, sizeof(cs), &charset, reason);
	if (k < 0)
		return jv_invalid();
	if (k == 0)
		return cc_build(w, NULL, crawl, file, offset, length, reason);
	if (article_extract(body, bodylen, charset, &a) != 0) {
		article_free(&a);
		*reason = "no_text";
		return jv_invalid();
	}
	rec = cc_build(w, &a, crawl, file, offset, length, reason);
	article_free(&a);
	return rec;
}
