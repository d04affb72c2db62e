/*
 * wiki.c -- MediaWiki Action API answers into titles, pages and text
 * (wiki.h)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "wiki.h"

static int
truthy(jv v)
{
	jv_kind k = jv_get_kind(v);

	/* formatversion 1 flags are "" when set; 2 uses true. */
	return k == JV_KIND_TRUE || k == JV_KIND_STRING || k == JV_KIND_NUMBER;
}

/* textof -- rev's "content" (formatversion 2) or "*" (1), or jv_null(). */
static jv
textof(jv rev)
{
	jv v;

	v = ads_json_get(rev, "content");
	if (jv_get_kind(v) == JV_KIND_STRING)
		return v;
	jv_free(v);
	v = ads_json_get(rev, "*");
	if (jv_get_kind(v) == JV_KIND_STRING)
		return v;
	jv_free(v);
	return jv_null();
}

/* content -- a revision's text, in the revision or its main slot. */
static jv
content(jv rev)
{
	jv v, slots, main;

	v = textof(rev);
	if (jv_get_kind(v) == JV_KIND_STRING)
		return v;
	jv_free(v);
	slots = ads_json_get(rev, "slots");
	main = ads_json_get(slots, "main");
	jv_free(slots);
	v = textof(main);
	jv_free(main);
	return v;
}

static int
looks_html(const char *s)
{
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	return *s == '<';
}

/* onepage -- a page object of either shape into the normalized one. */
static jv
onepage(jv p)
{
	jv out = jv_object(), v, revs, rev, c;
	const char *s;
	size_t n;

	v = ads_json_get(p, "title");
	if (jv_get_kind(v) != JV_KIND_STRING) {
		jv_free(v);
		jv_free(out);
		return jv_null();
	}
	out = ads_json_set(out, "title", v);
	out = ads_fetch_copy(out, "pageid", p, "pageid", JV_KIND_NUMBER);
	v = ads_json_get(p, "missing");
	c = ads_json_get(p, "invalid");
	if (truthy(v) || truthy(c) || !ads_json_has(p, "pageid"))
		out = ads_json_set(out, "missing", jv_true());
	jv_free(v);
	jv_free(c);
	v = ads_json_get(p, "canonicalurl");
	if (jv_get_kind(v) != JV_KIND_STRING) {
		jv_free(v);
		v = ads_json_get(p, "fullurl");
	}
	if (jv_get_kind(v) == JV_KIND_STRING)
		out = ads_json_set(out, "url", v);
	else
		jv_free(v);
	if (ads_json_has(p, "extract"))
		out = ads_json_set(out, "hasextract", jv_true());
	s = ads_json_str(p, "extract", &n);
	if (s != NULL && n > 0)
		out = ads_json_set(out, "text", looks_html(s) ?
		    wiki_html_text(s, n) : wiki_plain(s, n));
	revs = ads_json_get(p, "revisions");
	if (s == NULL && jv_get_kind(revs) == JV_KIND_ARRAY &&
	    jv_array_length(jv_copy(revs)) > 0) {
		rev = jv_array_get(jv_copy(revs), 0);
		c = content(rev);
		if (jv_get_kind(c) == JV_KIND_STRING) {
			s = jv_string_value(c);
			n = jv_string_length_bytes(jv_copy(c));
			if (n > 0)
				out = ads_json_set(out, "text", looks_html(s) ?
				    wiki_html_text(s, n) : wiki_plain(s, n));
		}
		jv_free(c);
		jv_free(rev);
	}
	jv_free(revs);
	out = ads_fetch_copy(out, "lastrevid", p, "lastrevid", JV_KIND_NUMBER);
	out = ads_fetch_copy(out, "touched", p, "touched", JV_KIND_STRING);
	out = ads_fetch_copy(out, "length", p, "length", JV_KIND_NUMBER);
	return out;
}

static void
renames(jv list, jv *map)
{
	jv from, to;

	if (jv_get_kind(list) != JV_KIND_ARRAY) {
		jv_free(list);
		return;
	}
	jv_array_foreach(list, i, e) {
		from = ads_json_get(e, "from");
		to = ads_json_get(e, "to");
		if (jv_get_kind(from) == JV_KIND_STRING &&
		    jv_get_kind(to) == JV_KIND_STRING)
			*map = jv_object_set(*map, from, to);
		else {
			jv_free(from);
			jv_free(to);
		}
		jv_free(e);
	}
	jv_free(list);
}

static void
addpage(struct wiki_answer *a, jv p)
{
	jv np = onepage(p);

	if (jv_get_kind(np) == JV_KIND_OBJECT)
		a->pages = jv_array_append(a->pages, np);
	else
		jv_free(np);
}

int
wiki_parse(const char *body, size_t n, struct wiki_answer *a, char *why,
    size_t len)
{
	jv root, q, v, e, qc;
	const char *code, *info;
	long long c;

	memset(a, 0, sizeof(*a));
	a->titles = jv_array();
	a->pages = jv_array();
	a->renames = jv_object();
	a->cont = jv_null();
	a->totalhits = -1;
	root = ads_json_parse(body, n);
	if (!jv_is_valid(root)) {
		v = jv_invalid_get_msg(root);
		/* jq appends the whole input: keep the message only. */
		snprintf(why, len, "invalid JSON: %.*s",
		    jv_get_kind(v) == JV_KIND_STRING ?
		    (int)strcspn(jv_string_value(v), "(\n") : 5,
		    jv_get_kind(v) == JV_KIND_STRING ? jv_string_value(v) :
		    "empty");
		jv_free(v);
		wiki_free(a);
		return -1;
	}
	if (jv_get_kind(root) != JV_KIND_OBJECT) {
		snprintf(why, len, "not a JSON object");
		jv_free(root);
		wiki_free(a);
		return -1;
	}
	e = ads_json_get(root, "error");
	if (jv_get_kind(e) == JV_KIND_OBJECT) {
		code = ads_json_str(e, "code", NULL);
		info = ads_json_str(e, "info", NULL);
		a->error = xasprintf("%s: %s", code != NULL ? code : "error",
		    info != NULL ? info : "no details");
	}
	jv_free(e);

	q = ads_json_get(root, "query");
	v = ads_json_get(q, "search");
	if (jv_get_kind(v) == JV_KIND_ARRAY) {
		jv_array_foreach(v, i, hit) {
			if (ads_json_str(hit, "title", NULL) != NULL)
				a->titles = jv_array_append(a->titles,
				    ads_json_get(hit, "title"));
			jv_free(hit);
		}
	}
	jv_free(v);
	v = ads_json_get(q, "searchinfo");
	if (ads_json_count(v, "totalhits", &c) == 0)
		a->totalhits = (long)c;
	jv_free(v);
	v = ads_json_get(q, "pages");
	if (jv_get_kind(v) == JV_KIND_ARRAY) {
		jv_array_foreach(v, i, page) {
			addpage(a, page);
			jv_free(page);
		}
	} else if (jv_get_kind(v) == JV_KIND_OBJECT) {
		jv_object_foreach(v, key, val) {
			addpage(a, val);
			jv_free(key);
			jv_free(val);
		}
	}
	jv_free(v);
	renames(ads_json_get(q, "normalized"), &a->renames);
	renames(ads_json_get(q, "redirects"), &a->renames);
	jv_free(q);

	v = ads_json_get(root, "continue");
	if (jv_get_kind(v) == JV_KIND_OBJECT)
		a->cont = v;
	else {
		jv_free(v);
		qc = ads_json_get(root, "query-continue");
		if (jv_get_kind(qc) == JV_KIND_OBJECT) {
			a->cont = jv_object();
			jv_object_foreach(qc, mod, params) {
				if (jv_get_kind(params) == JV_KIND_OBJECT)
					a->cont = jv_object_merge(a->cont,
					    jv_copy(params));
				jv_free(mod);
				jv_free(params);
			}
			if (jv_object_length(jv_copy(a->cont)) == 0) {
				jv_free(a->cont);
				a->cont = jv_null();
			}
		}
		jv_free(qc);
	}
	jv_free(root);
	return 0;
}

void
wiki_free(struct wiki_answer *a)
{
	jv_free(a->titles);
	jv_free(a->pages);
	jv_free(a->renames);
	jv_free(a->cont);
	free(a->error);
	memset(a, 0, sizeof(*a));
	a->titles = a->pages = a->renames = a->cont = jv_null();
}

jv
wiki_resolve(jv renames, jv title)
{
	jv next;
	int hops;

	for (hops = 0; hops < 4; hops++) {
		if (jv_get_kind(renames) != JV_KIND_OBJECT ||
		    jv_get_kind(title) != JV_KIND_STRING)
			break;
		next = jv_object_get(jv_copy(renames), jv_copy(title));
		if (jv_get_kind(next) != JV_KIND_STRING) {
			jv_free(next);
			break;
		}
		jv_free(title);
		title = next;
	}
	jv_free(renames);
	return title;
}

/* Tidy lines: trim each, keep at most one empty line in a row. */
static jv
tidy(const char *s, size_t n)
{
	struct ads_buf b = ADS_BUF_INIT;
	const char *p = s, *e = s + n, *nl, *a, *z;
	int blank = 0;
	jv r;

	while (p < e) {
		nl = memchr(p, '\n', e - p);
		if (nl == NULL)
			nl = e;
		a = p;
		z = nl;
		while (a < z && (*a == ' ' || *a == '\t' || *a == '\r'))
			a++;
		while (z > a && (z[-1] == ' ' || z[-1] == '\t' ||
		    z[-1] == '\r'))
			z--;
		if (a == z) {
			blank = b.len > 0;
		} else {
			if (b.len > 0)
				ads_buf_adds(&b, blank ? "\n\n" : "\n");
			ads_buf_add(&b, a, z - a);
			blank = 0;
		}
		p = nl + 1;
	}
	r = jv_string_sized(b.len > 0 ? b.p : "", (int)b.len);
	ads_buf_free(&b);
	return r;
}

jv
wiki_plain(const char *s, size_t n)
{
	return tidy(s, n);
}

static int
skipclass(const char *cls)
{
	static const char *const drop[] = {
		"reference", "mw-editsection", "navbox", "infobox",
		"metadata", "toc", "thumb", "mw-empty-elt", "noprint",
		"mw-references", "ambox", "hatnote", "sistersitebox"
	};
	size_t i;

	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		if (strstr(cls, drop[i]) != NULL)
			return 1;
	return 0;
}

static int
isblock(const char *name)
{
	static const char *const blocks[] = {
		"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br",
		"dd", "dt", "dl", "blockquote", "pre", "ul", "ol", "tr",
		"section", "figcaption", "caption", "hr"
	};
	size_t i;

	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (strcasecmp(name, blocks[i]) == 0)
			return 1;
	return 0;
}

static void
walk(xmlNode *node, struct ads_buf *b, int depth)
{
	static const char *const skip[] = {
		"script", "style", "table", "sup", "noscript", "math",
		"head", "title", "link", "meta", "img", "audio", "video"
	};
	xmlNode *c;
	xmlChar *cls;
	const char *name, *t;
	size_t i;
	int block, drop;

	if (depth > 200)
		return;
	for (c = node; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			/* Runs of white space become one space. */
			for (t = (const char *)c->content; t != NULL &&
			    *t != '\0'; t++) {
				if (*t == ' ' || *t == '\n' || *t == '\t' ||
				    *t == '\r') {
					if (b->len > 0 && b->p[b->len - 1] !=
					    ' ' && b->p[b->len - 1] != '\n')
						ads_buf_addc(b, ' ');
				} else
					ads_buf_addc(b, *t);
			}
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)c->name;
		drop = 0;
		for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
			if (strcasecmp(name, skip[i]) == 0)
				drop = 1;
		cls = xmlGetProp(c, (const xmlChar *)"class");
		if (cls != NULL) {
			if (skipclass((const char *)cls))
				drop = 1;
			xmlFree(cls);
		}
		if (drop)
			continue;
		block = isblock(name);
		if (block && b->len > 0 && b->p[b->len - 1] != '\n')
			ads_buf_addc(b, '\n');
		walk(c->children, b, depth + 1);
		if (block && b->len > 0 && b->p[b->len - 1] != '\n')
			ads_buf_addc(b, '\n');
		/* Paragraphs and headings stand apart by an empty line. */
		if (strcasecmp(name, "p") == 0 || (name[0] == 'h' &&
		    name[1] >= '1' && name[1] <= '6' && name[2] == '\0'))
			ads_buf_addc(b, '\n');
	}
}

jv
wiki_html_text(const char *html, size_t n)
{
	struct ads_buf b = ADS_BUF_INIT;
	htmlDocPtr doc;
	xmlNode *root;
	jv r;

	if (n > 0x7fffffff)
		return jv_string("");
	doc = htmlReadMemory(html, (int)n, NULL, "UTF-8", HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER);
	if (doc == NULL)
		return jv_string("");
	root = xmlDocGetRootElement(doc);
	if (root != NULL)
		walk(root, &b, 0);
	xmlFreeDoc(doc);
	r = tidy(b.len > 0 ? b.p : "", b.len);
	ads_buf_free(&b);
	return r;
}
