/*
 * scan.c -- a fast check of one compact JSON record and the lookup of
 * one top-level string member, without building a jv
 *
 * Parsing every record with libjq costs more than everything else
 * ads-dedup does; most records need only one field read.  The scanner
 * accepts a strict subset of what libjq accepts (RFC 8259 grammar, no
 * white space outside strings, valid UTF-8, no surrogate escapes, no
 * escapes in top-level keys, nesting up to 64, and the string members
 * "id", "source" and "text" that ads-record(5) requires), so a line it
 * accepts is a record libjq would read the same way and the reader's
 * checks (ads_record_check) would pass.  Anything else goes to libjq
 * and those checks, which give the error message or the value.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../../common/buf.h"
#include "../../common/utf8.h"
#include "../../common/util.h"
#include "dedup.h"

#define MAXDEPTH 64

struct scan {
	const unsigned char	*p;
	const unsigned char	*e;
};

static int value(struct scan *s, int depth);

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

/*
 * plain8 -- 1 when none of the 8 bytes at p ends a plain run: a quote,
 * a backslash, a control character or a byte above 0x7f (SWAR).
 */
static inline int
plain8(const unsigned char *p)
{
	uint64_t v, q, b;

	memcpy(&v, p, 8);
	q = v ^ (ONES * '"');
	b = v ^ (ONES * '\\');
	return ((v | ((v - ONES * 0x20) & ~v) | ((q - ONES) & ~q) |
	    ((b - ONES) & ~b)) & HIGHS) == 0;
}

/*
 * string -- scan a string whose opening quote is at s->p; on success
 * s->p is past the closing quote, *esc tells whether it held escapes.
 */
static int
string(struct scan *s, int *esc)
{
	const unsigned char *p = s->p + 1, *e = s->e;
	size_t l;
	int i, cp;

	*esc = 0;
	for (;;) {
		/* The common case: a run of plain ASCII. */
#if defined(__SSE2__)
		while (e - p >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)
			    (const void *)p);
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
			    _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
			    _mm_cmplt_epi8(v, _mm_set1_epi8(0x20))));

			if (m != 0) {
				p += __builtin_ctz(m);
				break;
			}
			p += 16;
		}
#endif
		while (e - p >= 8 && plain8(p))
			p += 8;
		while (p < e && *p >= 0x20 && *p < 0x80 && *p != '"' &&
		    *p != '\\')
			p++;
		if (p >= e)
			return 0;
		if (*p == '"') {
			s->p = p + 1;
			return 1;
		}
		if (*p == '\\') {
			*esc = 1;
			if (e - p < 2)
				return 0;
			switch (p[1]) {
			case '"': case '\\': case '/': case 'b': case 'f':
			case 'n': case 'r': case 't':
				p += 2;
				break;
			case 'u':
				if (e - p < 6)
					return 0;
				cp = 0;
				for (i = 2; i < 6; i++) {
					if (ads_hexval(p[i]) < 0)
						return 0;
					cp = cp * 16 + ads_hexval(p[i]);
				}
				if (cp >= 0xd800 && cp <= 0xdfff)
					return 0;
				p += 6;
				break;
			default:
				return 0;
			}
			continue;
		}
		if (*p < 0x20)
			return 0;
		/* A run of non-ASCII characters, as in most scripts. */
		do {
			l = ads_utf8_seqlen(p, e);
			if (l == 0)
				return 0;
			p += l;
		} while (p < e && *p >= 0x80);
	}
}

static int
number(struct scan *s)
{
	const unsigned char *p = s->p, *e = s->e;

	if (p < e && *p == '-')
		p++;
	if (p >= e)
		return 0;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	else
		return 0;
	if (p < e && *p == '.') {
		p++;
		if (p >= e || *p < '0' || *p > '9')
			return 0;
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (p >= e || *p < '0' || *p > '9')
			return 0;
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	s->p = p;
	return 1;
}

static int
literal(struct scan *s, const char *w, size_t n)
{
	if ((size_t)(s->e - s->p) < n || memcmp(s->p, w, n) != 0)
		return 0;
	s->p += n;
	/* "nullx" would be one bad token to libjq. */
	if (s->p < s->e && ((*s->p >= 'a' && *s->p <= 'z') ||
	    (*s->p >= '0' && *s->p <= '9')))
		return 0;
	return 1;
}

static int
array(struct scan *s, int depth)
{
	s->p++;
	if (s->p < s->e && *s->p == ']') {
		s->p++;
		return 1;
	}
	for (;;) {
		if (!value(s, depth))
			return 0;
		if (s->p >= s->e)
			return 0;
		if (*s->p == ']') {
			s->p++;
			return 1;
		}
		if (*s->p != ',')
			return 0;
		s->p++;
	}
}

static int
object(struct scan *s, int depth)
{
	int esc;

	s->p++;
	if (s->p < s->e && *s->p == '}') {
		s->p++;
		return 1;
	}
	for (;;) {
		if (s->p >= s->e || *s->p != '"' || !string(s, &esc))
			return 0;
		if (s->p >= s->e || *s->p != ':')
			return 0;
		s->p++;
		if (!value(s, depth))
			return 0;
		if (s->p >= s->e)
			return 0;
		if (*s->p == '}') {
			s->p++;
			return 1;
		}
		if (*s->p != ',')
			return 0;
		s->p++;
	}
}

static int
value(struct scan *s, int depth)
{
	int esc;

	if (s->p >= s->e)
		return 0;
	switch (*s->p) {
	case '"':
		return string(s, &esc);
	case '{':
		return depth < MAXDEPTH && object(s, depth + 1);
	case '[':
		return depth < MAXDEPTH && array(s, depth + 1);
	case 't':
		return literal(s, "true", 4);
	case 'f':
		return literal(s, "false", 5);
	case 'n':
		return literal(s, "null", 4);
	default:
		return number(s);
	}
}

/*
 * skipstring -- move past the string whose opening quote is at s->p
 * without looking at its contents: its end is the first quote that does
 * not follow an odd number of backslashes.
 */
static int
skipstring(struct scan *s)
{
	const unsigned char *p = s->p + 1, *q, *b;

	for (;;) {
		q = memchr(p, '"', (size_t)(s->e - p));
		if (q == NULL)
			return 0;
		for (b = q; b > s->p + 1 && b[-1] == '\\'; b--)
			continue;
		if (((q - b) & 1) == 0) {
			s->p = q + 1;
			return 1;
		}
		p = q + 1;
	}
}

/*
 * required -- the bit of a top-level key among the members every record
 * must have as strings (common/jsonl.c's ads_record_required), or 0.
 */
static int
required(const unsigned char *k, size_t n)
{
	switch (n) {
	case 2:
		return memcmp(k, "id", 2) == 0 ? 1 : 0;
	case 4:
		return memcmp(k, "text", 4) == 0 ? 2 : 0;
	case 6:
		return memcmp(k, "source", 6) == 0 ? 4 : 0;
	default:
		return 0;
	}
}

#define REQUIRED	7	/* all three bits */

static int
scan(const char *line, size_t n, const char *key, size_t keylen,
    const char **val, size_t *vlen, int *esc, int lazy)
{
	struct scan s;
	const unsigned char *k, *v;
	int kesc, vesc, match, req, have = 0;

	s.p = (const unsigned char *)line;
	s.e = s.p + n;
	*val = NULL;
	*vlen = 0;
	*esc = 0;
	if (s.p >= s.e || *s.p != '{')
		return 0;
	s.p++;
	if (s.p < s.e && *s.p == '}')
		return 0;	/* no required member */
	for (;;) {
		if (s.p >= s.e || *s.p != '"')
			return 0;
		k = s.p + 1;
		if (!string(&s, &kesc) || kesc)
			return 0;
		match = (size_t)(s.p - 1 - k) == keylen &&
		    memcmp(k, key, keylen) == 0;
		/* The last of repeated keys counts, as in libjq. */
		req = required(k, (size_t)(s.p - 1 - k));
		if (req != 0)
			have = s.p + 1 < s.e && s.p[1] == '"' ? have | req :
			    have & ~req;
		if (s.p >= s.e || *s.p != ':')
			return 0;
		s.p++;
		v = s.p;
		/* A value the later one replaces is checked after all. */
		if (match && lazy && *val != NULL &&
		    !scan_string(*val, *vlen, &vesc))
			return 0;
		if (s.p < s.e && *s.p == '"') {
			if (match && lazy) {
				if (!skipstring(&s))
					return 0;
			} else if (!string(&s, &vesc))
				return 0;
			if (match) {
				*val = (const char *)v + 1;
				*vlen = (size_t)(s.p - v - 2);
				*esc = lazy ? 0 : vesc;
			}
		} else {
			if (!value(&s, 1))
				return 0;
			if (match) {
				*val = NULL;
				*vlen = 0;
				*esc = 0;
			}
		}
		if (s.p >= s.e)
			return 0;
		if (*s.p == '}')
			return s.p + 1 == s.e && have == REQUIRED;
		if (*s.p != ',')
			return 0;
		s.p++;
	}
}

int
scan_record(const char *line, size_t n, const char *key, size_t keylen,
    const char **val, size_t *vlen, int *esc)
{
	return scan(line, n, key, keylen, val, vlen, esc, 0);
}

int
scan_record_lazy(const char *line, size_t n, const char *key,
    size_t keylen, const char **val, size_t *vlen)
{
	int esc;

	return scan(line, n, key, keylen, val, vlen, &esc, 1);
}

int
scan_string(const char *str, size_t n, int *esc)
{
	struct scan s;

	/* The quotes around the body are there, in the line. */
	s.p = (const unsigned char *)str - 1;
	s.e = (const unsigned char *)str + n + 1;
	return string(&s, esc) && s.p == s.e;
}

/* pututf8 -- append code point c as UTF-8. */
static void
pututf8(struct ads_buf *b, unsigned c)
{
	char u[4];

	if (c < 0x80) {
		ads_buf_addc(b, (char)c);
		return;
	}
	if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		ads_buf_add(b, u, 2);
		return;
	}
	u[0] = (char)(0xe0 | (c >> 12));
	u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
	u[2] = (char)(0x80 | (c & 0x3f));
	ads_buf_add(b, u, 3);
}

void
scan_unescape(const char *s, size_t n, struct ads_buf *out)
{
	const char *e;
	size_t i = 0, j;
	unsigned cp;

	ads_buf_reset(out);
	ads_buf_grow(out, n);
	while (i < n) {
		e = memchr(s + i, '\\', n - i);
		j = e != NULL ? (size_t)(e - s) : n;
		ads_buf_add(out, s + i, j - i);
		i = j;
		if (i + 1 >= n)
			break;
		switch (s[i + 1]) {
		case 'b': ads_buf_addc(out, '\b'); break;
		case 'f': ads_buf_addc(out, '\f'); break;
		case 'n': ads_buf_addc(out, '\n'); break;
		case 'r': ads_buf_addc(out, '\r'); break;
		case 't': ads_buf_addc(out, '\t'); break;
		case 'u':
			cp = 0;
			for (j = i + 2; j < i + 6 && j < n; j++)
				cp = cp * 16 + (unsigned)ads_hexval(s[j]);
			pututf8(out, cp);
			i += 6;
			continue;
		default:
			ads_buf_addc(out, s[i + 1]);
			break;
		}
		i += 2;
	}
}
