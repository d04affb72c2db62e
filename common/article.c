/*
 * article.c -- the main text of an article page, with libxml2's HTML
 * parser
 *
 * The method is the one Readability popularised (Arc90, 2009; kept in
 * Mozilla's readability.js): throw away what is never content (script,
 * style, navigation, headers, footers, asides, forms), give every
 * paragraph's parent the paragraph's length less its link text and its
 * grandparent half of that, take the block with the highest score, and
 * write its paragraphs out one per line pair.  Title, site name,
 * publication date and language come from the usual meta tags.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include <jv.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>

#include "article.h"
#include "buf.h"
#include "json.h"
#include "util.h"

/* Elements that never hold the article's text. */
static const char *const dropnames[] = {
	"aside", "button", "canvas", "embed", "footer", "form", "header",
	"iframe", "input", "menu", "nav", "noscript", "object", "script",
	"select", "style", "svg", "template", "textarea", NULL
};
/* Class or id fragments of page furniture. */
static const char *const dropclass[] = {
	"breadcrumb", "comment", "cookie", "newsletter", "advert", "social",
	"share", "sidebar", "related", "promo", "byline", NULL
};
/* Blocks written as paragraphs. */
static const char *const blocknames[] = {
	"address", "article", "blockquote", "dd", "div", "dl", "dt",
	"figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "li",
	"main", "ol", "p", "pre", "section", "table", "tbody", "td", "th",
	"tr", "ul", NULL
};

struct score {
	xmlNode	*node;
	double	 score;
};

struct ctx {
	struct score	*s;
	size_t		 ns;
	size_t		 caps;
};

/*
 * The arena: with article_arena(), libxml2 allocates a page's tree from
 * one region per thread, bumped and reset after each page, instead of
 * from malloc node by node (most of the time the HTML parser spends
 * outside parsing).  A pointer inside the region is never given to
 * free(); a region is reserved, not committed, and what a large page
 * made resident beyond ARENA_KEEP is given back after it.  Not under
 * AddressSanitizer, which must see every allocation.
 */
#define ARENA_SIZE	((size_t)1 << 30)	/* reserved per thread */
#define ARENA_KEEP	((size_t)32 << 20)	/* resident between pages */
#define ARENA_ALIGN	16

struct arena {
	char	*base;
	size_t	 used, high;
	int	 on;		/* inside article_extract */
	int	 failed;	/* no region: malloc */
};

static int arena_enabled;
static _Thread_local struct arena arena;

static int
inarena(const void *p)
{
	return arena.base != NULL && (const char *)p >= arena.base &&
	    (const char *)p < arena.base + ARENA_SIZE;
}

static void *
arena_malloc(size_t n)
{
	size_t *h, need;

	if (!arena.on || arena.failed)
		return malloc(n);
	if (arena.base == NULL) {
		void *m = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

		if (m == MAP_FAILED) {
			arena.failed = 1;
			return malloc(n);
		}
		arena.base = m;
	}
	need = (n + sizeof(size_t) * 2 + ARENA_ALIGN - 1) &
	    ~(size_t)(ARENA_ALIGN - 1);
	if (n > ARENA_SIZE || need > ARENA_SIZE - arena.used)
		return malloc(n);
	/* The size before the block, for realloc; 16-byte aligned. */
	h = (size_t *)(void *)(arena.base + arena.used);
	h[1] = n;
	arena.used += need;
	if (arena.used > arena.high)
		arena.high = arena.used;
	return h + 2;
}

static void
arena_free(void *p)
{
	if (p != NULL && !inarena(p))
		free(p);
}

static void *
arena_realloc(void *p, size_t n)
{
	void *q;
	size_t old;

	if (p == NULL)
		return arena_malloc(n);
	if (!inarena(p))
		return realloc(p, n);
	old = ((size_t *)p)[-1];
	if (n <= old)
		return p;
	q = arena_malloc(n);
	if (q != NULL)
		memcpy(q, p, old);
	return q;
}

static char *
arena_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = arena_malloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

void
article_arena(void)
{
#if defined(__SANITIZE_ADDRESS__)
	return;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	return;
#endif
#endif
	if (xmlMemSetup(arena_free, arena_malloc, arena_realloc,
	    arena_strdup) == 0)
		arena_enabled = 1;
	xmlInitParser();
}

/* arena_begin, arena_end -- around the life of one page's tree. */
static void
arena_begin(void)
{
	if (arena_enabled)
		arena.on = 1;
}

static void
arena_end(void)
{
	if (!arena_enabled)
		return;
	arena.on = 0;
	arena.used = 0;
	if (arena.base != NULL && arena.high > ARENA_KEEP) {
		madvise(arena.base + ARENA_KEEP, arena.high - ARENA_KEEP,
		    MADV_DONTNEED);
		arena.high = ARENA_KEEP;
	}
}

/*
 * sameword -- strcasecmp(a, b) == 0 for a lower-case b, with the first
 * letters compared before the call: most names differ there, and these
 * compares run for every element of every page.
 */
static inline int
sameword(const xmlChar *a, const char *b)
{
	return (a[0] | 0x20) == b[0] &&
	    strcasecmp((const char *)a + 1, b + 1) == 0;
}

static int
inlist(const xmlChar *name, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (sameword(name, list[i]))
			return 1;
	return 0;
}

static int
isel(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && sameword(n->name, name);
}

static char *
prop(xmlNode *n, const char *name)
{
	xmlChar *v;
	char *s;

	v = xmlGetProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/*
 * attrval -- the value of n's first attribute named name, as
 * xmlGetProp() gives it, but borrowed when it is one text node (as
 * the HTML parser makes it); else a copy in *copy (xmlFree it), or
 * NULL when there is no such attribute.
 */
static const char *
attrval(xmlNode *n, const char *name, xmlChar **copy)
{
	xmlAttr *a;

	*copy = NULL;
	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL || strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children == NULL)
			return "";
		if (a->children->type == XML_TEXT_NODE &&
		    a->children->next == NULL)
			return a->children->content != NULL ?
			    (const char *)a->children->content : "";
		*copy = xmlNodeListGetString(n->doc, a->children, 1);
		return *copy != NULL ? (const char *)*copy : "";
	}
	return NULL;
}

/* furniture -- 1 when class or id names page furniture. */
static int
furniture(xmlNode *n)
{
	static const char *const attrs[] = { "class", "id", "role", NULL };
	const char *v;
	xmlChar *copy;
	char small[256], *low;
	size_t i, j, k;
	int hit = 0;

	if (n->properties == NULL || isel(n, "body") || isel(n, "html") ||
	    isel(n, "article") || isel(n, "main"))
		return 0;
	for (i = 0; attrs[i] != NULL && !hit; i++) {
		v = attrval(n, attrs[i], &copy);
		if (v == NULL)
			continue;
		/* Case-blind. */
		if (i == 2)
			hit = strcasecmp(v, "navigation") == 0 ||
			    strcasecmp(v, "banner") == 0 ||
			    strcasecmp(v, "contentinfo") == 0 ||
			    strcasecmp(v, "complementary") == 0;
		else {
			k = strlen(v);
			low = k < sizeof(small) ? small : xmalloc(k + 1);
			for (j = 0; j <= k; j++)
				low[j] = (char)tolower((unsigned char)v[j]);
			for (j = 0; dropclass[j] != NULL && !hit; j++)
				hit = strstr(low, dropclass[j]) != NULL;
			if (low != small)
				free(low);
		}
		xmlFree(copy);
	}
	return hit;
}

/* setmeta -- keep the first value seen for a field. */
static void
setmeta(char **field, xmlNode *n, const char *attr)
{
	char *v;

	if (*field != NULL)
		return;
	v = prop(n, attr);
	if (v != NULL && *article_space(v) == '\0') {
		free(v);
		v = NULL;
	}
	*field = v;
}

struct meta {
	char	*ogtitle, *title, *h1, *site, *published, *timeel, *lang;
	char	*ldpublished, *ldsite;	/* from JSON-LD */
};

/*
 * ldfind -- in a JSON-LD value (an object, an array of them, or an
 * object with @graph), the first datePublished and publisher.name,
 * depth-first, at most 8 levels down.
 */
static void
ldfind(jv v, struct meta *m, int depth)
{
	jv t, pub;
	const char *s;

	if (depth > 8)
		return;
	if (jv_get_kind(v) == JV_KIND_ARRAY) {
		jv_array_foreach(v, i, x) {
			if (i < 64)
				ldfind(x, m, depth + 1);
			jv_free(x);
		}
		return;
	}
	if (jv_get_kind(v) != JV_KIND_OBJECT)
		return;
	s = ads_json_str(v, "datePublished", NULL);
	if (m->ldpublished == NULL && s != NULL && *s != '\0' &&
	    strlen(s) < 64)
		m->ldpublished = xstrdup(s);
	pub = ads_json_get(v, "publisher");
	s = ads_json_str(pub, "name", NULL);
	if (m->ldsite == NULL && s != NULL && *s != '\0' && strlen(s) < 200)
		m->ldsite = article_space(xstrdup(s));
	jv_free(pub);
	t = ads_json_get(v, "@graph");
	ldfind(t, m, depth + 1);
	jv_free(t);
}

/* jsonld -- read a <script type="application/ld+json"> element. */
static void
jsonld(xmlNode *n, struct meta *m)
{
	xmlChar *t;
	char *type;
	jv v;

	type = prop(n, "type");
	if (type == NULL || strcasecmp(article_space(type),
	    "application/ld+json") != 0) {
		free(type);
		return;
	}
	free(type);
	t = xmlNodeGetContent(n);
	if (t != NULL) {
		v = ads_json_parse((const char *)t, strlen((const char *)t));
		ldfind(v, m, 0);
		jv_free(v);
	}
	xmlFree(t);
}

/* spaced -- the text of n with its white space made single spaces. */
static char *
spaced(xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *s = article_space(xstrdup(t != NULL ? (char *)t : ""));

	xmlFree(t);
	return s;
}

/*
 * prune -- collect metadata, then unlink and free what is never
 * content.  Recursion depth is bounded by libxml2's own nesting limit.
 */
static void
prune(xmlNode *node, struct meta *m)
{
	xmlNode *c, *next;
	char *k;

	for (c = node; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (isel(c, "html"))
			setmeta(&m->lang, c, "lang");
		if (isel(c, "meta")) {
			k = prop(c, "property");
			if (k == NULL)
				k = prop(c, "name");
			if (k == NULL)
				k = prop(c, "itemprop");
			if (k != NULL) {
				if (strcasecmp(k, "og:title") == 0)
					setmeta(&m->ogtitle, c, "content");
				else if (strcasecmp(k, "og:site_name") == 0 ||
				    strcasecmp(k, "application-name") == 0)
					setmeta(&m->site, c, "content");
				else if (strcasecmp(k,
				    "article:published_time") == 0 ||
				    strcasecmp(k, "datePublished") == 0 ||
				    strcasecmp(k, "pubdate") == 0 ||
				    strcasecmp(k, "date") == 0 ||
				    strcasecmp(k, "DC.date.issued") == 0 ||
				    strcasecmp(k, "parsely-pub-date") == 0)
					setmeta(&m->published, c, "content");
				free(k);
			}
		}
		if (isel(c, "title") && m->title == NULL)
			m->title = spaced(c);
		if (isel(c, "time"))
			setmeta(&m->timeel, c, "datetime");
		if (isel(c, "script") && (m->ldpublished == NULL ||
		    m->ldsite == NULL))
			jsonld(c, m);
		if (inlist(c->name, dropnames) || furniture(c) ||
		    isel(c, "head")) {
			if (isel(c, "head"))
				prune(c->children, m);
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			continue;
		}
		if (isel(c, "h1") && m->h1 == NULL)
			m->h1 = spaced(c);
		prune(c->children, m);
	}
}

/* textlen -- bytes of text under n, and of link text into *links. */
static size_t
textlen(xmlNode *n, int inlink, size_t *links)
{
	xmlNode *c;
	size_t len = 0, k;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			k = 0;
			if (c->content != NULL) {
				const unsigned char *p = c->content;
				int sp = 1;

				for (; *p != '\0'; p++) {
					if (isspace(*p)) {
						k += !sp;
						sp = 1;
					} else {
						k++;
						sp = 0;
					}
				}
			}
			len += k;
			if (inlink)
				*links += k;
		} else if (c->type == XML_ELEMENT_NODE)
			len += textlen(c, inlink || isel(c, "a"), links);
	}
	return len;
}

static void
addscore(struct ctx *x, xmlNode *n, double v)
{
	size_t i;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return;
	/* _private holds 1 + the index into x->s. */
	i = (size_t)(uintptr_t)n->_private;
	if (i == 0) {
		x->s = xgrowarray(x->s, x->ns, &x->caps, 64, sizeof(*x->s));
		x->s[x->ns].node = n;
		x->s[x->ns].score = 0;
		n->_private = (void *)(uintptr_t)++x->ns;
		i = x->ns;
	}
	x->s[i - 1].score += v;
}

/* score -- credit the parents of every paragraph. */
static void
score(xmlNode *node, struct ctx *x)
{
	xmlNode *c;
	size_t len, links;
	double v;

	for (c = node; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (isel(c, "p") || isel(c, "pre") || isel(c, "td") ||
		    isel(c, "blockquote")) {
			links = 0;
			len = textlen(c, 0, &links);
			/*
			 * A table cell mostly of links is a menu; a paragraph
			 * may link most of its words (an encyclopedia's do)
			 * and still be prose: it counts at half weight for
			 * its link text, as long as some text is its own.
			 */
			if (len >= 25 && (isel(c, "td") ? links * 2 < len :
			    links * 5 < len * 4)) {
				v = isel(c, "td") ? (double)(len - links) :
				    (double)len - (double)links / 2;
				addscore(x, c->parent, v);
				if (c->parent != NULL)
					addscore(x, c->parent->parent, v / 2);
			}
			continue;
		}
		score(c->children, x);
	}
}

static int
hasblock(xmlNode *n)
{
	xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (inlist(c->name, blocknames) || hasblock(c)))
			return 1;
	return 0;
}

/* inlinetext -- append the text of node n, <br> as a space. */
static void
inlinetext(xmlNode *n, struct ads_buf *b)
{
	xmlNode *c;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			ads_buf_adds(b, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (isel(n, "br")) {
		ads_buf_addc(b, ' ');
		return;
	}
	for (c = n->children; c != NULL; c = c->next)
		inlinetext(c, b);
}

/* flush -- write the run of inline text as a paragraph when it has any. */
static void
flush(struct ads_buf *run, struct ads_buf *out, size_t *np)
{
	char *s;

	if (run->len == 0)
		return;
	s = article_space(run->p);
	if (*s != '\0') {
		if (out->len > 0)
			ads_buf_adds(out, "\n\n");
		ads_buf_adds(out, s);
		(*np)++;
	}
	ads_buf_reset(run);
}

/* emit -- paragraphs of the blocks under node. */
static void
emit(xmlNode *node, struct ads_buf *out, size_t *np)
{
	struct ads_buf run = ADS_BUF_INIT;
	size_t len, links;
	xmlNode *c;

	for (c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    (inlist(c->name, blocknames) || hasblock(c))) {
			flush(&run, out, np);
			if (hasblock(c)) {
				emit(c, out, np);
				continue;
			}
			/*
			 * Short lines made of links are menus, but a
			 * paragraph of sentences is prose however linked.
			 */
			links = 0;
			len = textlen(c, isel(c, "a"), &links);
			if (len > 0 && links * 2 > len && len < 200 &&
			    !(isel(c, "p") && links * 5 < len * 4))
				continue;
			inlinetext(c, &run);
			flush(&run, out, np);
		} else
			inlinetext(c, &run);
	}
	flush(&run, out, np);
	ads_buf_free(&run);
}

static void
clearprivate(struct ctx *x)
{
	size_t i;

	for (i = 0; i < x->ns; i++)
		x->s[i].node->_private = NULL;
}

const char *
article_charset(const char *ctype, char *buf, size_t len)
{
	const char *p, *e;

	for (p = ctype; (p = strchr(p, ';')) != NULL; ) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset=", 8) != 0)
			continue;
		p += 8;
		if (*p == '"')
			p++;
		e = p + strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
		    "qrstuvwxyz0123456789-_.:");
		if (e == p || (size_t)(e - p) >= len || (*e != '\0' &&
		    *e != '"' && *e != ';' && *e != ' ' && *e != '\t'))
			return NULL;
		memcpy(buf, p, (size_t)(e - p));
		buf[e - p] = '\0';
		return buf;
	}
	return NULL;
}

int
article_extract(const char *p, size_t n, const char *charset,
    struct article *a)
{
	struct meta m;
	struct ctx x;
	struct ads_buf out = ADS_BUF_INIT;
	htmlDocPtr doc;
	xmlNode *root, *best = NULL;
	double bestv = 0;
	size_t i;

	memset(a, 0, sizeof(*a));
	memset(&m, 0, sizeof(m));
	memset(&x, 0, sizeof(x));
	if (n == 0 || n > 0x7fffffff)
		return -1;
	/* A charset libxml2 cannot convert from is as good as none. */
	if (charset != NULL && xmlParseCharEncoding(charset) ==
	    XML_CHAR_ENCODING_ERROR) {
		xmlCharEncodingHandlerPtr eh;

		eh = xmlFindCharEncodingHandler(charset);
		if (eh == NULL)
			charset = NULL;
		else
			xmlCharEncCloseFunc(eh);
	}
	arena_begin();
	doc = htmlReadMemory(p, (int)n, NULL, charset, HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc == NULL && charset != NULL)
		doc = htmlReadMemory(p, (int)n, NULL, NULL,
		    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		    HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc == NULL) {
		arena_end();
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root != NULL)
		prune(root, &m);
	root = xmlDocGetRootElement(doc);
	if (root != NULL)
		score(root, &x);
	for (i = 0; i < x.ns; i++)
		if (x.s[i].score > bestv) {
			bestv = x.s[i].score;
			best = x.s[i].node;
		}
	clearprivate(&x);
	free(x.s);
	if (best != NULL)
		emit(best, &out, &a->nparas);
	xmlFreeDoc(doc);
	arena_end();

	a->title = m.ogtitle != NULL ? m.ogtitle : m.title != NULL ? m.title :
	    m.h1;
	if (a->title == m.ogtitle) {
		free(m.title);
		free(m.h1);
	} else if (a->title == m.title)
		free(m.h1);
	a->site = m.site != NULL ? m.site : m.ldsite;
	if (a->site != m.ldsite)
		free(m.ldsite);
	a->published = m.published != NULL ? m.published : m.ldpublished !=
	    NULL ? m.ldpublished : m.timeel;
	if (a->published != m.timeel)
		free(m.timeel);
	if (a->published != m.ldpublished)
		free(m.ldpublished);
	a->lang = m.lang;
	if (out.len < ARTICLE_MINTEXT) {
		ads_buf_free(&out);
		a->nparas = 0;
		return -1;
	}
	a->text = ads_buf_detach(&out, NULL);
	return 0;
}

void
article_free(struct article *a)
{
	free(a->title);
	free(a->site);
	free(a->published);
	free(a->lang);
	free(a->text);
	memset(a, 0, sizeof(*a));
}

char *
article_space(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = (unsigned char *)s;
	int sp = 0;

	while (*r != '\0') {
		if (isspace(*r) || (r[0] == 0xc2 && r[1] == 0xa0)) {
			r += *r == 0xc2 ? 2 : 1;
			sp = 1;
			continue;
		}
		if (sp && w != (unsigned char *)s)
			*w++ = ' ';
		sp = 0;
		*w++ = *r++;
	}
	*w = '\0';
	return s;
}
