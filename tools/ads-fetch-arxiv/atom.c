/*
 * atom.c -- the arXiv export API's Atom feed into records (atom.h)
 *
 * The feed is read with libxml2 into a tree and walked by local name and
 * namespace URI.  The 2016 feeds declare the OpenSearch namespace on each
 * element and hard-wrap the summary; current ones declare everything on
 * the root and order an entry's children differently.  Neither matters
 * here: every child is recognised by what it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../../common/fetch.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "atom.h"

#define NS_ATOM		"http://www.w3.org/2005/Atom"
#define NS_OPENSEARCH	"http://a9.com/-/spec/opensearch/1.1/"
#define NS_ARXIV	"http://arxiv.org/schemas/atom"

/* Caps on what one entry may put in a record (atom.h). */
#define CAP_FIELD	4096		/* id, title, dates, doi, ... */
#define CAP_SUMMARY	(64 * 1024)
#define CAP_LIST	1000		/* authors, categories */

/* is -- node is an element named name in namespace ns. */
static int
is(const xmlNode *node, const char *ns, const char *name)
{
	if (node->type != XML_ELEMENT_NODE)
		return 0;
	if (strcmp((const char *)node->name, name) != 0)
		return 0;
	if (node->ns == NULL || node->ns->href == NULL)
		return 0;
	return strcmp((const char *)node->ns->href, ns) == 0;
}

/*
 * text -- the squeezed text content of node, at most max bytes of it,
 * a new jv string.
 */
static jv
text(const xmlNode *node, size_t max)
{
	xmlChar *s = xmlNodeGetContent(node);
	size_t n;
	jv r;

	if (s == NULL)
		return jv_string("");
	n = strlen((const char *)s);
	r = ads_fetch_squeeze((const char *)s, ads_utf8_cut((const char *)s,
	    n, max));
	xmlFree(s);
	return r;
}

static long
number(const xmlNode *node)
{
	xmlChar *s = xmlNodeGetContent(node);
	const char *err, *p;
	long long v;

	if (s == NULL)
		return -1;
	p = (const char *)s;
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	v = ads_strtonum(p, 0, 1000000000, &err);
	xmlFree(s);
	return err != NULL ? -1 : (long)v;
}

/* attr -- the attribute name of node as a jv string, or jv_null(). */
static jv
attr(const xmlNode *node, const char *name)
{
	xmlChar *s = xmlGetNoNsProp(node, (const xmlChar *)name);
	size_t n;
	jv r;

	if (s == NULL)
		return jv_null();
	n = strlen((const char *)s);
	r = jv_string_sized((const char *)s, (int)ads_utf8_cut(
	    (const char *)s, n, CAP_FIELD));
	xmlFree(s);
	return r;
}

static int
attris(const xmlNode *node, const char *name, const char *want)
{
	xmlChar *s = xmlGetNoNsProp(node, (const xmlChar *)name);
	int r;

	if (s == NULL)
		return 0;
	r = strcmp((const char *)s, want) == 0;
	xmlFree(s);
	return r;
}

/*
 * nativeid -- "2202.12139v1" from "http://arxiv.org/abs/2202.12139v1",
 * "astro-ph/0601001v1" from an old-style one.  Borrows id.
 */
static jv
nativeid(jv id)
{
	const char *s = jv_string_value(id), *p;

	p = strstr(s, "/abs/");
	if (p != NULL)
		return jv_string(p + 5);
	return jv_string(s);
}

/*
 * The children of an entry that hold one value, by the key they are
 * kept under: a text content of at most cap bytes, or (cap 0) the term
 * attribute.  The last of each counts.
 */
static const struct {
	const char	*ns;
	const char	*name;
	size_t		 cap;
} fields[] = {
	{ NS_ATOM, "id", CAP_FIELD }, { NS_ATOM, "title", CAP_FIELD },
	{ NS_ATOM, "summary", CAP_SUMMARY },
	{ NS_ATOM, "published", CAP_FIELD }, { NS_ATOM, "updated", CAP_FIELD },
	{ NS_ARXIV, "primary_category", 0 }, { NS_ARXIV, "doi", CAP_FIELD },
	{ NS_ARXIV, "journal_ref", CAP_FIELD }, { NS_ARXIV, "comment", CAP_FIELD }
};

/*
 * entry -- one <entry> into a record, or into feed->error when it is the
 * API's error entry (its id under /api/errors).
 */
static void
entry(const xmlNode *e, struct atom_feed *feed)
{
	static const char *const metakeys[] = { "updated", "pdf", "doi",
	    "journal_ref", "comment", NULL };
	const xmlNode *c, *a;
	jv v = jv_object(), id, title, summary, url, primary;
	jv authors = jv_array(), cats = jv_array(), rec, meta, t;
	size_t i;

	for (c = e->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			if (is(c, fields[i].ns, fields[i].name))
				v = ads_json_set(v, fields[i].name,
				    fields[i].cap > 0 ? text(c, fields[i].cap) :
				    attr(c, "term"));
		if (is(c, NS_ATOM, "link")) {
			if (attris(c, "rel", "alternate"))
				v = ads_json_set(v, "url", attr(c, "href"));
			else if (attris(c, "title", "pdf"))
				v = ads_json_set(v, "pdf", attr(c, "href"));
		} else if (is(c, NS_ATOM, "author")) {
			for (a = c->children; a != NULL; a = a->next)
				if (is(a, NS_ATOM, "name") &&
				    jv_array_length(jv_copy(authors)) <
				    CAP_LIST)
					authors = jv_array_append(authors,
					    text(a, CAP_FIELD));
		} else if (is(c, NS_ATOM, "category")) {
			t = attr(c, "term");
			if (jv_get_kind(t) == JV_KIND_STRING &&
			    jv_array_length(jv_copy(cats)) < CAP_LIST)
				cats = jv_array_append(cats, t);
			else
				jv_free(t);
		}
	}
	id = ads_json_get(v, "id");
	title = ads_json_get(v, "title");
	summary = ads_json_get(v, "summary");
	url = ads_json_get(v, "url");
	primary = ads_json_get(v, "primary_category");
	feed->nentries++;
	if (jv_get_kind(id) == JV_KIND_STRING &&
	    strstr(jv_string_value(id), "/api/errors") != NULL) {
		if (feed->error == NULL)
			feed->error = xstrdup(jv_get_kind(summary) ==
			    JV_KIND_STRING ? jv_string_value(summary) :
			    jv_string_value(id));
		goto out;
	}
	if (jv_get_kind(id) != JV_KIND_STRING ||
	    jv_string_length_bytes(jv_copy(id)) == 0 ||
	    jv_get_kind(title) != JV_KIND_STRING) {
		feed->malformed++;
		goto out;
	}
	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_concat(jv_string("arxiv:"),
	    nativeid(id)));
	if (jv_get_kind(summary) == JV_KIND_STRING &&
	    jv_string_length_bytes(jv_copy(summary)) > 0)
		rec = ads_json_set(rec, "text", jv_string_concat(
		    jv_string_concat(jv_copy(title), jv_string("\n\n")),
		    jv_copy(summary)));
	else
		rec = ads_json_set(rec, "text", jv_copy(title));
	rec = ads_json_set(rec, "title", jv_copy(title));
	rec = ads_json_set(rec, "url", jv_copy(jv_get_kind(url) ==
	    JV_KIND_STRING ? url : id));
	rec = ads_json_set(rec, "lang", jv_string("en"));
	/* arXiv's descriptive metadata (title, abstract) is CC0 1.0. */
	rec = ads_json_set(rec, "license", jv_string("CC0-1.0"));
	rec = ads_fetch_copy(rec, "created", v, "published", JV_KIND_STRING);
	meta = jv_object();
	meta = ads_json_set(meta, "arxiv_id", nativeid(id));
	meta = ads_json_set(meta, "authors", jv_copy(authors));
	meta = ads_json_set(meta, "categories", jv_copy(cats));
	if (jv_get_kind(primary) == JV_KIND_STRING)
		meta = ads_json_set(meta, "primary_category", jv_copy(primary));
	else if (jv_array_length(jv_copy(cats)) > 0)
		meta = ads_json_set(meta, "primary_category",
		    jv_array_get(jv_copy(cats), 0));
	meta = ads_fetch_keep(meta, v, metakeys);
	rec = ads_json_set(rec, "meta", meta);
	feed->records = jv_array_append(feed->records, rec);
out:
	jv_free(id);
	jv_free(title);
	jv_free(summary);
	jv_free(url);
	jv_free(primary);
	jv_free(v);
	jv_free(authors);
	jv_free(cats);
}

int
atom_parse(const char *xml, size_t n, struct atom_feed *feed, char *why,
    size_t len)
{
	xmlDoc *doc;
	xmlNode *root, *c;
	const xmlError *err;

	memset(feed, 0, sizeof(*feed));
	feed->total = feed->start = feed->perpage = -1;
	feed->records = jv_array();
	if (n > 0x7fffffff) {
		snprintf(why, len, "feed too large");
		return -1;
	}
	/*
	 * Atom has no DTD: one that declares entities is hostile (a few
	 * kilobytes that expand into gigabytes).  Entities are never
	 * substituted (no XML_PARSE_NOENT) and no DTD is loaded.
	 */
	if (ads_xml_entities(xml, n)) {
		snprintf(why, len, "refused: a DOCTYPE declaring entities");
		return -1;
	}
	doc = xmlReadMemory(xml, (int)n, "feed.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		err = xmlGetLastError();
		snprintf(why, len, "invalid XML%s%.*s",
		    err != NULL && err->message != NULL ? ": " : "",
		    err != NULL && err->message != NULL ?
		    (int)strcspn(err->message, "\n") : 0,
		    err != NULL && err->message != NULL ? err->message : "");
		return -1;
	}
	if (doc != NULL && doc->intSubset != NULL &&
	    doc->intSubset->entities != NULL) {
		snprintf(why, len, "refused: a DOCTYPE declaring entities");
		xmlFreeDoc(doc);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is(root, NS_ATOM, "feed")) {
		snprintf(why, len, "not an Atom feed");
		xmlFreeDoc(doc);
		return -1;
	}
	for (c = root->children; c != NULL; c = c->next) {
		if (is(c, NS_OPENSEARCH, "totalResults"))
			feed->total = number(c);
		else if (is(c, NS_OPENSEARCH, "startIndex"))
			feed->start = number(c);
		else if (is(c, NS_OPENSEARCH, "itemsPerPage"))
			feed->perpage = number(c);
		else if (is(c, NS_ATOM, "entry"))
			entry(c, feed);
	}
	xmlFreeDoc(doc);
	return 0;
}

void
atom_free(struct atom_feed *feed)
{
	jv_free(feed->records);
	feed->records = jv_null();
	free(feed->error);
	feed->error = NULL;
}
