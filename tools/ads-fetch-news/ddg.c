/*
 * ddg.c -- DuckDuckGo HTML result pages (html.duckduckgo.com/html/)
 *
 * There is no documented API for web results; this follows the page
 * shape every recorded sample shares (tests/fixtures/http/news and
 * ../shared/fixtures/ddg): div.result > a.result__a (title, link),
 * .result__snippet, .result__url, a "Next" POST form in div.nav-link,
 * and a result--no-result block at the end.  Links are either direct
 * (2021, 2025) or redirect links //duckduckgo.com/l/?uddg=<target>
 * (2020).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "../../common/buf.h"
#include "../../common/http.h"
#include "../../common/util.h"
#include "news.h"

#define MAXRESULTS	200

/* hasclass -- 1 when node's class attribute holds the token cls. */
static int
hasclass(xmlNode *node, const char *cls)
{
	xmlChar *v;
	const char *p, *q;
	size_t n = strlen(cls);
	int found = 0;

	v = xmlGetProp(node, (const xmlChar *)"class");
	if (v == NULL)
		return 0;
	for (p = (const char *)v; *p != '\0' && !found; p = q) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		q = p;
		while (*q != '\0' && *q != ' ' && *q != '\t' && *q != '\n')
			q++;
		if ((size_t)(q - p) == n && memcmp(p, cls, n) == 0)
			found = 1;
	}
	xmlFree(v);
	return found;
}

static int
isname(xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE &&
	    strcasecmp((const char *)node->name, name) == 0;
}

/* textof -- the text content of node, spaces collapsed; caller frees. */
static char *
textof(xmlNode *node)
{
	xmlChar *t;
	char *s;

	t = xmlNodeGetContent(node);
	s = xstrdup(t != NULL ? (const char *)t : "");
	xmlFree(t);
	return article_space(s);
}

/* unescape -- decode %XX (and '+' as space) of s[0..n) into a new string. */
static char *
unescape(const char *s, size_t n)
{
	struct ads_buf b = ADS_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && ads_hexval(s[i + 1]) >= 0 &&
		    ads_hexval(s[i + 2]) >= 0) {
			ads_buf_addc(&b, (char)(ads_hexval(s[i + 1]) * 16 +
			    ads_hexval(s[i + 2])));
			i += 2;
		} else if (s[i] == '+')
			ads_buf_addc(&b, ' ');
		else
			ads_buf_addc(&b, s[i]);
	}
	return ads_buf_detach(&b, NULL);
}

char *
ddg_uddg(const char *href)
{
	const char *q, *e;
	char *t;

	if (href == NULL)
		return NULL;
	q = strstr(href, "duckduckgo.com/l/?");
	if (q != NULL) {
		q = strstr(q, "uddg=");
		if (q == NULL)
			return NULL;
		q += 5;
		e = strchr(q, '&');
		t = unescape(q, e != NULL ? (size_t)(e - q) : strlen(q));
		if (strncmp(t, "http://", 7) == 0 ||
		    strncmp(t, "https://", 8) == 0)
			return t;
		free(t);
		return NULL;
	}
	if (strncmp(href, "http://", 7) == 0 ||
	    strncmp(href, "https://", 8) == 0)
		return xstrdup(href);
	if (strncmp(href, "//", 2) == 0)
		return xasprintf("https:%s", href);
	return NULL;
}

/* addesc -- append s URL-encoded (a form field's name or value). */
static void
addesc(struct ads_buf *b, const char *s)
{
	char *e = ads_http_escape(s);

	ads_buf_adds(b, e);
	free(e);
}

/*
 * nextform -- when form is the "Next" form (a submit input valued
 * "Next"), its hidden fields as a POST body; else NULL.
 */
static void
forminputs(xmlNode *node, struct ads_buf *b, int *isnext)
{
	xmlNode *c;
	xmlChar *type, *name, *value;

	for (c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (isname(c, "input")) {
			type = xmlGetProp(c, (const xmlChar *)"type");
			name = xmlGetProp(c, (const xmlChar *)"name");
			value = xmlGetProp(c, (const xmlChar *)"value");
			if (type != NULL && strcasecmp((char *)type,
			    "submit") == 0) {
				if (value != NULL && strcasecmp((char *)value,
				    "next") == 0)
					*isnext = 1;
			} else if (name != NULL) {
				if (b->len > 0)
					ads_buf_addc(b, '&');
				addesc(b, (const char *)name);
				ads_buf_addc(b, '=');
				addesc(b, value != NULL ? (char *)value : "");
			}
			xmlFree(type);
			xmlFree(name);
			xmlFree(value);
		} else
			forminputs(c, b, isnext);
	}
}

static char *
nextform(xmlNode *form)
{
	struct ads_buf b = ADS_BUF_INIT;
	int isnext = 0;

	forminputs(form, &b, &isnext);
	if (!isnext || b.len == 0) {
		ads_buf_free(&b);
		return NULL;
	}
	return ads_buf_detach(&b, NULL);
}

/* isdate -- "2025-06-23..." */
static int
isdate(const char *s)
{
	return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
	    s[4] == '-' && isdigit((unsigned char)s[5]);
}

/* resultparts -- find title link, snippet and date inside one result. */
static void
resultparts(xmlNode *node, struct ddg_result *r)
{
	xmlNode *c;
	xmlChar *href;
	char *t;

	for (c = node->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (r->title == NULL && hasclass(c, "result__a")) {
			href = xmlGetProp(c, (const xmlChar *)"href");
			r->url = ddg_uddg((const char *)href);
			xmlFree(href);
			r->title = textof(c);
			continue;
		}
		if (r->snippet == NULL && hasclass(c, "result__snippet")) {
			r->snippet = textof(c);
			continue;
		}
		if (r->date == NULL && isname(c, "span") &&
		    c->children != NULL && c->children->next == NULL &&
		    c->children->type == XML_TEXT_NODE) {
			t = textof(c);
			if (isdate(t)) {
				r->date = t;
				continue;
			}
			free(t);
		}
		resultparts(c, r);
	}
}

static void
result_free(struct ddg_result *r)
{
	free(r->url);
	free(r->title);
	free(r->snippet);
	free(r->date);
	memset(r, 0, sizeof(*r));
}

/* keep -- 0 for results to leave out (no link, the fake "EOF"). */
static int
keep(const struct ddg_result *r)
{
	const char *h;

	if (r->url == NULL || r->title == NULL || r->title[0] == '\0')
		return 0;
	if (strcmp(r->title, "EOF") == 0) {
		h = strstr(r->url, "://");
		h = h != NULL ? h + 3 : r->url;
		if (strncmp(h, "www.google.", 11) == 0 ||
		    strncmp(h, "google.", 7) == 0)
			return 0;
	}
	return 1;
}

static void
walk(xmlNode *node, struct ddg_page *pg)
{
	struct ddg_result r;
	xmlNode *c;

	for (c = node; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (hasclass(c, "anomaly-modal__title") ||
		    hasclass(c, "anomaly-modal__modal"))
			pg->blocked = 1;
		if (hasclass(c, "result") || hasclass(c, "web-result")) {
			if (hasclass(c, "result--no-result")) {
				pg->noresults = 1;
				continue;
			}
			if (hasclass(c, "result--ad"))
				continue;
			memset(&r, 0, sizeof(r));
			resultparts(c, &r);
			if (keep(&r) && pg->nres < MAXRESULTS) {
				if (r.snippet == NULL)
					r.snippet = xstrdup("");
				pg->res = xreallocarray(pg->res, pg->nres + 1,
				    sizeof(*pg->res));
				pg->res[pg->nres++] = r;
			} else
				result_free(&r);
			continue;
		}
		if (isname(c, "form") && pg->next == NULL) {
			pg->next = nextform(c);
			if (pg->next != NULL)
				continue;
		}
		walk(c->children, pg);
	}
}

size_t
ddg_parse(const char *p, size_t n, struct ddg_page *pg)
{
	htmlDocPtr doc;

	memset(pg, 0, sizeof(*pg));
	if (n == 0 || n > 0x7fffffff)
		return 0;
	doc = htmlReadMemory(p, (int)n, NULL, "UTF-8", HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc == NULL)
		return 0;
	walk(xmlDocGetRootElement(doc), pg);
	xmlFreeDoc(doc);
	/* The last page has no Next form; no-results pages neither. */
	if (pg->noresults && pg->next != NULL) {
		free(pg->next);
		pg->next = NULL;
	}
	return pg->nres;
}

void
ddg_page_free(struct ddg_page *pg)
{
	size_t i;

	for (i = 0; i < pg->nres; i++)
		result_free(&pg->res[i]);
	free(pg->res);
	free(pg->next);
	memset(pg, 0, sizeof(*pg));
}
