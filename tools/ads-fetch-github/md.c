/*
 * md.c -- Markdown reduced to readable plain text (gh.h)
 *
 * Not a Markdown renderer: a line filter that keeps what a reader sees
 * and drops what only the renderer needs.  Block structure is taken
 * line by line (fences, headings, quotes, lists, tables, rules, link
 * definitions, HTML comments); inline markup is then removed in one
 * pass (images and badges dropped, links reduced to their text, code
 * spans, emphasis, HTML tags, entities and backslash escapes).
 */
#include <ctype.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "gh.h"

#define MAXDEPTH	8

/* findmem -- memmem(3), which needs _GNU_SOURCE. */
static const char *
findmem(const char *h, size_t hn, const char *n, size_t nn)
{
	size_t i;

	if (nn == 0)
		return h;
	for (i = 0; i + nn <= hn; i++)
		if (h[i] == n[0] && memcmp(h + i, n, nn) == 0)
			return h + i;
	return NULL;
}

static int
isword(int c)
{
	return isalnum((unsigned char)c) || (c & 0x80);
}

/* closing -- index of the bracket closing s[i] (open/close), or -1. */
static long
closing(const char *s, size_t n, size_t i, char open, char close)
{
	int depth = 0;

	for (; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			continue;
		}
		if (s[i] == open)
			depth++;
		else if (s[i] == close && --depth == 0)
			return (long)i;
	}
	return -1;
}

static const struct {
	const char	*name;
	const char	*text;
} entities[] = {
	{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
	{ "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" },
	{ "&nbsp;", " " }, { "&copy;", "\xc2\xa9" }, { "&mdash;", "\xe2\x80\x94" },
	{ "&ndash;", "\xe2\x80\x93" }, { "&hellip;", "\xe2\x80\xa6" }
};

static void
inl(const char *s, size_t n, struct ads_buf *b, int depth)
{
	size_t i, j, k, e;
	long c, d;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && ispunct((unsigned char)s[i + 1])) {
			ads_buf_addc(b, s[++i]);
			continue;
		}
		if (s[i] == '`') {
			for (j = i; j < n && s[j] == '`'; j++)
				;
			/* The matching run of as many backticks. */
			for (k = j; k < n; k++) {
				if (s[k] != '`')
					continue;
				for (e = k; e < n && s[e] == '`'; e++)
					;
				if (e - k == j - i)
					break;
				k = e - 1;
			}
			if (k < n) {
				ads_buf_add(b, s + j, k - j);
				i = k + (j - i) - 1;
				continue;
			}
			ads_buf_add(b, s + i, j - i);
			i = j - 1;
			continue;
		}
		if ((s[i] == '!' && i + 1 < n && s[i + 1] == '[') ||
		    s[i] == '[') {
			k = s[i] == '!' ? i + 1 : i;
			c = closing(s, n, k, '[', ']');
			if (c >= 0) {
				d = -1;
				if ((size_t)c + 1 < n && s[c + 1] == '(')
					d = closing(s, n, c + 1, '(', ')');
				else if ((size_t)c + 1 < n && s[c + 1] == '[')
					d = closing(s, n, c + 1, '[', ']');
				if (d >= 0 || s[i] == '[') {
					/* Images vanish; links keep their text. */
					if (s[i] != '!' && depth < MAXDEPTH)
						inl(s + k + 1, c - k - 1, b,
						    depth + 1);
					i = d >= 0 ? (size_t)d : (size_t)c;
					continue;
				}
			}
		}
		if (s[i] == '<') {
			for (j = i + 1; j < n && s[j] != '>' && s[j] != '<'; j++)
				;
			if (j < n && s[j] == '>') {
				if (strncmp(s + i + 1, "http://", 7) == 0 ||
				    strncmp(s + i + 1, "https://", 8) == 0) {
					ads_buf_add(b, s + i + 1, j - i - 1);
					i = j;
					continue;
				}
				if (i + 1 < n && (isalpha((unsigned char)s[i + 1]) ||
				    s[i + 1] == '/' || s[i + 1] == '!')) {
					i = j;
					continue;
				}
			}
		}
		if (s[i] == '&') {
			for (k = 0; k < sizeof(entities) / sizeof(entities[0]);
			    k++) {
				e = strlen(entities[k].name);
				if (n - i >= e && strncmp(s + i,
				    entities[k].name, e) == 0)
					break;
			}
			if (k < sizeof(entities) / sizeof(entities[0])) {
				ads_buf_adds(b, entities[k].text);
				i += strlen(entities[k].name) - 1;
				continue;
			}
		}
		if (s[i] == '*' || (s[i] == '~' && i + 1 < n &&
		    s[i + 1] == '~'))
			continue;
		if (s[i] == '_') {
			for (j = i; j < n && s[j] == '_'; j++)
				;
			/* snake_case stays; _emphasis_ loses its marks. */
			if (i > 0 && isword(s[i - 1]) && j < n && isword(s[j])) {
				ads_buf_add(b, s + i, j - i);
			}
			i = j - 1;
			continue;
		}
		ads_buf_addc(b, s[i]);
	}
}

static int
allof(const char *s, size_t n, const char *set)
{
	size_t i;
	int seen = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (strchr(set, s[i]) == NULL)
			return 0;
		seen++;
	}
	return seen;
}

/* A table separator row: pipes, dashes, colons and spaces only. */
static int
tablesep(const char *s, size_t n)
{
	return allof(s, n, "|-:") > 0 && memchr(s, '-', n) != NULL &&
	    memchr(s, '|', n) != NULL;
}

static void
addline(struct ads_buf *out, const char *s, size_t n, int *blank)
{
	size_t i;
	int sp = 0, any = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
			sp = any;
			continue;
		}
		if (!any) {
			if (out->len > 0)
				ads_buf_adds(out, *blank ? "\n\n" : "\n");
			*blank = 0;
			any = 1;
		} else if (sp)
			ads_buf_addc(out, ' ');
		sp = 0;
		ads_buf_addc(out, s[i]);
	}
	if (!any && out->len > 0)
		*blank = 1;
}

jv
md_text(const char *md, size_t n)
{
	struct ads_buf out = ADS_BUF_INIT, line = ADS_BUF_INIT;
	struct ads_buf txt = ADS_BUF_INIT;
	const char *p = md, *e = md + n, *nl, *s, *c;
	size_t len, i;
	int fence = 0, comment = 0, blank = 0;
	char fch = '`';
	jv r;

	while (p < e) {
		nl = memchr(p, '\n', e - p);
		if (nl == NULL)
			nl = e;
		s = p;
		len = nl - p;
		p = nl + 1;
		/* Fenced code keeps its text as it is. */
		for (i = 0; i < len && i < 4 && s[i] == ' '; i++)
			;
		if (len - i >= 3 && (strncmp(s + i, "```", 3) == 0 ||
		    strncmp(s + i, "~~~", 3) == 0)) {
			if (!fence) {
				fence = 1;
				fch = s[i];
			} else if (s[i] == fch)
				fence = 0;
			blank = out.len > 0;
			continue;
		}
		if (fence) {
			if (len > 0 && s[len - 1] == '\r')
				len--;
			if (len > 0) {
				if (out.len > 0)
					ads_buf_adds(&out, blank ? "\n\n" : "\n");
				blank = 0;
				ads_buf_add(&out, s, len);
			}
			continue;
		}
		/* HTML comments, possibly over several lines. */
		ads_buf_reset(&line);
		while (len > 0) {
			if (comment) {
				c = findmem(s, len, "-->", 3);
				if (c == NULL) {
					len = 0;
					break;
				}
				comment = 0;
				len -= c + 3 - s;
				s = c + 3;
				continue;
			}
			c = findmem(s, len, "<!--", 4);
			if (c == NULL) {
				ads_buf_add(&line, s, len);
				break;
			}
			ads_buf_add(&line, s, c - s);
			comment = 1;
			len -= c + 4 - s;
			s = c + 4;
		}
		s = line.len > 0 ? line.p : "";
		len = line.len;
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		    s[len - 1] == '\r'))
			len--;
		if (len == 0) {
			blank = out.len > 0;
			continue;
		}
		/* Rules, setext underlines, table separators, definitions. */
		if (allof(s, len, "-") > 0 || allof(s, len, "=") > 0 ||
		    allof(s, len, "*") >= 3 || allof(s, len, "_") >= 3 ||
		    tablesep(s, len)) {
			blank = out.len > 0;
			continue;
		}
		if (s[0] == '[' && (c = memchr(s, ']', len)) != NULL &&
		    (size_t)(c - s) + 1 < len && c[1] == ':')
			continue;
		while (len > 0 && *s == '>') {
			s++;
			len--;
			while (len > 0 && *s == ' ') {
				s++;
				len--;
			}
		}
		if (len > 0 && *s == '#') {
			while (len > 0 && *s == '#') {
				s++;
				len--;
			}
			while (len > 0 && s[len - 1] == '#')
				len--;
		} else if (len > 1 && (*s == '-' || *s == '*' || *s == '+') &&
		    s[1] == ' ') {
			s += 2;
			len -= 2;
		} else {
			for (i = 0; i < len && i < 9 && isdigit((unsigned char)s[i]);
			    i++)
				;
			if (i > 0 && i + 1 < len && (s[i] == '.' ||
			    s[i] == ')') && s[i + 1] == ' ') {
				s += i + 2;
				len -= i + 2;
			}
		}
		if (len >= 4 && s[0] == '[' && (s[1] == ' ' || s[1] == 'x' ||
		    s[1] == 'X') && s[2] == ']' && s[3] == ' ') {
			s += 4;
			len -= 4;
		}
		ads_buf_reset(&txt);
		inl(s, len, &txt, 0);
		/* Table rows: cells apart by spaces. */
		if (line.len > 0 && memchr(s, '|', len) != NULL &&
		    (line.p[0] == '|' || s[0] == '|'))
			for (i = 0; i < txt.len; i++)
				if (txt.p[i] == '|')
					txt.p[i] = ' ';
		addline(&out, txt.len > 0 ? txt.p : "", txt.len, &blank);
	}
	r = jv_string_sized(out.len > 0 ? out.p : "", (int)out.len);
	ads_buf_free(&out);
	ads_buf_free(&line);
	ads_buf_free(&txt);
	return r;
}
