/*
 * markdown.c -- Markdown and HTML fragments made plain text (markdown.h)
 *
 * md4c parses; the callbacks below write what a reader sees.  Blocks
 * raise a pending separator (a space, a line break or a blank line)
 * that the next text writes, so empty blocks and images leave no
 * stray lines.  Entities are decoded with libxml2's HTML entity table,
 * HTML blocks read by libxml2's HTML parser.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <md4c.h>

#include "buf.h"
#include "markdown.h"
#include "util.h"

/* Pending separators, weakest first. */
enum { SEP_NONE, SEP_SPACE, SEP_LINE, SEP_PARA };

/* Deepest HTML element looked into (libxml2 stops at 256 itself). */
#define HTML_MAXDEPTH	256

struct md {
	struct ads_buf	 out;
	struct ads_buf	 code;		/* the code block being read */
	struct ads_buf	 html;		/* the HTML block being read */
	ads_md_code_fn	 fn;
	void		*arg;
	const char	*lang;		/* the code block's info word */
	size_t		 langlen;
	size_t		 pstart, pend;	/* the explanation, in out */
	size_t		 cell;		/* cells seen in this table row */
	int		 sep;
	int		 img;		/* depth inside images */
	int		 lists;		/* depth inside lists */
	int		 incode, inhtml, fenced;
	int		 mark;		/* next text starts an explanation */
	int		 para;		/* pstart..pend holds one */
	int		 lastcode;	/* the last text written was code */
	int		 stop;
};

static void
sep(struct md *m, int s)
{
	if (s >= SEP_LINE && !m->lastcode)
		while (m->out.len > 0 && m->out.p[m->out.len - 1] == ' ')
			m->out.p[--m->out.len] = '\0';
	if (s > m->sep)
		m->sep = s;
}

static void
put(struct md *m, const char *s, size_t n, int code)
{
	static const char *const seps[] = { "", " ", "\n", "\n\n" };

	if (n == 0 || m->img > 0)
		return;
	if (!code) {
		/* No space at a line's start, and never two in a row. */
		if (m->sep >= SEP_LINE || m->out.len == 0 ||
		    m->out.p[m->out.len - 1] == ' ')
			while (n > 0 && *s == ' ') {
				s++;
				n--;
			}
		if (n == 0)
			return;
	}
	if (m->out.len > 0)
		ads_buf_adds(&m->out, seps[m->sep]);
	m->sep = SEP_NONE;
	if (m->mark) {
		m->pstart = m->out.len;
		m->para = 1;
		m->mark = 0;
	}
	ads_buf_add(&m->out, s, n);
	m->lastcode = code;
}

/* puttext -- normal text, without zero-width spaces (U+200B). */
static void
puttext(struct md *m, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 2 < n; i++)
		if (memcmp(s + i, "\xe2\x80\x8b", 3) == 0) {
			put(m, s, i, 0);
			s += i + 3;
			n -= i + 3;
			i = (size_t)-1;
		}
	put(m, s, n, 0);
}

/* entity -- an entity or character reference ("&amp;", "&#39;"). */
static void
entity(struct md *m, const char *s, size_t n)
{
	const htmlEntityDesc *d;
	unsigned long c = 0xfffd;
	xmlChar name[40], u[8];
	char *e;
	int k;

	if (n < 3 || n >= sizeof(name) || s[n - 1] != ';') {
		puttext(m, s, n);
		return;
	}
	memcpy(name, s + 1, n - 2);
	name[n - 2] = '\0';
	if (name[0] == '#') {
		if (name[1] == 'x' || name[1] == 'X')
			c = strtoul((char *)name + 2, &e, 16);
		else
			c = strtoul((char *)name + 1, &e, 10);
		if (*e != '\0' || c == 0 || c > 0x10ffff ||
		    (c >= 0xd800 && c < 0xe000))
			c = 0xfffd;
	} else if ((d = htmlEntityLookup(name)) != NULL)
		c = d->value;
	else {
		puttext(m, s, n);
		return;
	}
	if (c == 0x200b)
		return;
	k = xmlCopyCharMultiByte(u, (int)c);
	if (k > 0)
		put(m, (const char *)u, (size_t)k, 0);
}

static void
codeblock(struct md *m)
{
	struct ads_md_code c;

	if (m->code.len > 0 && m->code.p[m->code.len - 1] == '\n')
		m->code.len--;
	put(m, m->code.p, m->code.len, 1);
	if (m->fn != NULL && !m->stop) {
		memset(&c, 0, sizeof(c));
		c.code = m->code.len > 0 ? m->code.p : "";
		c.codelen = m->code.len;
		c.lang = m->lang != NULL ? m->lang : "";
		c.langlen = m->langlen;
		c.fenced = m->fenced;
		if (m->para && m->pend > m->pstart) {
			c.para = m->out.p + m->pstart;
			c.paralen = m->pend - m->pstart;
		}
		m->stop = m->fn(&c, m->arg) != 0;
	}
	m->para = m->mark = 0;
}

static void
htmlblock(struct md *m)
{
	char *t;
	size_t n;

	t = ads_html_text(m->html.len > 0 ? m->html.p : "", m->html.len, &n);
	if (n > 0) {
		sep(m, SEP_PARA);
		m->mark = 1;
		puttext(m, t, n);
		if (m->para && !m->mark)
			m->pend = m->out.len;
		m->mark = 0;
	}
	free(t);
}

static int
enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct md *m = arg;
	MD_BLOCK_CODE_DETAIL *cd;
	MD_BLOCK_LI_DETAIL *li;

	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		sep(m, m->lists++ > 0 ? SEP_LINE : SEP_PARA);
		break;
	case MD_BLOCK_LI:
	case MD_BLOCK_P:
		sep(m, m->lists > 0 ? SEP_LINE : SEP_PARA);
		m->mark = 1;
		/* A task list item keeps its mark: "[x] done", "[ ] open". */
		li = type == MD_BLOCK_LI ? detail : NULL;
		if (li != NULL && li->is_task)
			puttext(m, li->task_mark == ' ' ? "[ ] " : "[x] ", 4);
		break;
	case MD_BLOCK_QUOTE:
		sep(m, SEP_PARA);
		break;
	case MD_BLOCK_HR:
	case MD_BLOCK_H:
	case MD_BLOCK_TABLE:
		sep(m, SEP_PARA);
		m->para = m->mark = 0;
		break;
	case MD_BLOCK_CODE:
		cd = detail;
		sep(m, SEP_PARA);
		m->incode = 1;
		m->fenced = cd->fence_char != 0;
		m->lang = cd->lang.text;
		m->langlen = cd->lang.text != NULL ? cd->lang.size : 0;
		ads_buf_reset(&m->code);
		m->mark = 0;
		break;
	case MD_BLOCK_HTML:
		m->inhtml = 1;
		ads_buf_reset(&m->html);
		break;
	case MD_BLOCK_TR:
		sep(m, SEP_LINE);
		m->cell = 0;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		if (m->cell++ > 0)
			sep(m, SEP_SPACE);
		break;
	default:
		break;
	}
	return m->stop;
}

static int
leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct md *m = arg;

	(void)detail;
	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		sep(m, --m->lists > 0 ? SEP_LINE : SEP_PARA);
		break;
	case MD_BLOCK_LI:
	case MD_BLOCK_P:
		sep(m, m->lists > 0 ? SEP_LINE : SEP_PARA);
		break;
	case MD_BLOCK_H:
		sep(m, SEP_PARA);
		m->para = m->mark = 0;
		break;
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_TABLE:
		sep(m, SEP_PARA);
		break;
	case MD_BLOCK_CODE:
		m->incode = 0;
		codeblock(m);
		sep(m, SEP_PARA);
		break;
	case MD_BLOCK_HTML:
		m->inhtml = 0;
		htmlblock(m);
		sep(m, SEP_PARA);
		break;
	default:
		break;
	}
	return m->stop;
}

static int
enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct md *m = arg;

	(void)detail;
	if (type == MD_SPAN_IMG)
		m->img++;
	return m->stop;
}

static int
leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct md *m = arg;

	(void)detail;
	if (type == MD_SPAN_IMG && m->img > 0)
		m->img--;
	return m->stop;
}

static int
text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *arg)
{
	struct md *m = arg;

	if (m->incode) {
		if (type == MD_TEXT_NULLCHAR)
			ads_buf_adds(&m->code, "\xef\xbf\xbd");
		else
			ads_buf_add(&m->code, s, n);
		return m->stop;
	}
	if (m->inhtml) {
		ads_buf_add(&m->html, s, n);
		return m->stop;
	}
	switch (type) {
	case MD_TEXT_NORMAL:
	case MD_TEXT_CODE:
	case MD_TEXT_LATEXMATH:
		puttext(m, s, n);
		break;
	case MD_TEXT_ENTITY:
		entity(m, s, n);
		break;
	case MD_TEXT_NULLCHAR:
		put(m, "\xef\xbf\xbd", 3, 0);
		break;
	case MD_TEXT_BR:
		sep(m, SEP_LINE);
		break;
	case MD_TEXT_SOFTBR:
		sep(m, SEP_SPACE);
		break;
	default:
		/* Inline HTML: the tags go (<br> as a line break). */
		if (n >= 3 && strncasecmp(s, "<br", 3) == 0)
			sep(m, SEP_LINE);
		break;
	}
	if (!m->para || m->mark)
		return m->stop;
	m->pend = m->out.len;
	return m->stop;
}

char *
ads_md_walk(const char *md, size_t n, size_t *len, ads_md_code_fn fn,
    void *arg)
{
	MD_PARSER p;
	struct md m;
	char *r;

	memset(&m, 0, sizeof(m));
	m.fn = fn;
	m.arg = arg;
	memset(&p, 0, sizeof(p));
	p.flags = MD_DIALECT_GITHUB | MD_FLAG_COLLAPSEWHITESPACE;
	p.enter_block = enter_block;
	p.leave_block = leave_block;
	p.enter_span = enter_span;
	p.leave_span = leave_span;
	p.text = text;
	if (n > INT_MAX / 2)
		n = INT_MAX / 2;
	if (n > 0) {
		/*
		 * md4c 0.4.8 reads a byte past the end of an unclosed link
		 * destination ("[a](b" at the end) and, when that byte
		 * closes it, hands back text that runs past the end: it
		 * parses a copy followed by NUL bytes.
		 */
		char *doc = xmalloc(n + 16);

		memcpy(doc, md, n);
		memset(doc + n, 0, 16);
		md_parse(doc, (MD_SIZE)n, &p, &m);
		free(doc);
	}
	ads_buf_free(&m.code);
	ads_buf_free(&m.html);
	r = ads_buf_detach(&m.out, len);
	return r;
}

jv
ads_md_text(const char *md, size_t n)
{
	size_t len;
	char *s;
	jv r;

	s = ads_md_walk(md, n, &len, NULL, NULL);
	r = jv_string_sized(s, len < INT_MAX ? (int)len : INT_MAX - 1);
	free(s);
	return r;
}

static int
isblock(const xmlChar *name)
{
	static const char *const blocks[] = { "p", "div", "br", "li", "tr",
	    "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "ul",
	    "ol", "table", "dl", "dt", "dd", "hr", "section", "article",
	    "header", "footer", "details", "summary", "figure", NULL };
	size_t i;

	for (i = 0; blocks[i] != NULL; i++)
		if (xmlStrcasecmp(name, (const xmlChar *)blocks[i]) == 0)
			return 1;
	return 0;
}

static void
htmlwalk(const xmlNode *node, struct ads_buf *b, int depth)
{
	const xmlNode *c;

	for (c = node; c != NULL; c = c->next) {
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL) {
			ads_buf_adds(b, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE ||
		    xmlStrcasecmp(c->name, (const xmlChar *)"script") == 0 ||
		    xmlStrcasecmp(c->name, (const xmlChar *)"style") == 0)
			continue;
		if (depth < HTML_MAXDEPTH)
			htmlwalk(c->children, b, depth + 1);
		if (isblock(c->name))
			ads_buf_addc(b, '\n');
	}
}

/* tidy -- white space runs as one space, lines trimmed, no empty lines. */
static size_t
tidy(char *s, size_t n)
{
	size_t i, w = 0;
	int sp = 0, nl = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
		    s[i] == '\f' || s[i] == '\v') {
			sp = 1;
			continue;
		}
		if (s[i] == '\n') {
			nl = 1;
			continue;
		}
		if (w > 0 && nl)
			s[w++] = '\n';
		else if (w > 0 && sp)
			s[w++] = ' ';
		sp = nl = 0;
		s[w++] = s[i];
	}
	s[w] = '\0';
	return w;
}

char *
ads_html_text(const char *s, size_t n, size_t *len)
{
	struct ads_buf b = ADS_BUF_INIT;
	htmlDocPtr doc = NULL;
	size_t k;

	if (n > 0 && n < INT_MAX)
		doc = htmlReadMemory(s, (int)n, NULL, "UTF-8",
		    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		    HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
		    HTML_PARSE_NOIMPLIED);
	if (doc != NULL) {
		htmlwalk(doc->children, &b, 0);
		xmlFreeDoc(doc);
	}
	ads_buf_addc(&b, '\0');
	k = tidy(b.p, b.len - 1);
	b.len = k;
	return ads_buf_detach(&b, len);
}
