/*
 * rawjson.c -- a zero-copy scanner over one JSON Lines record
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <jv.h>

#include "buf.h"
#include "json.h"
#include "rawjson.h"
#include "utf8.h"
#include "util.h"

/*
 * Byte classes inside a string: plain bytes the writer copies, the
 * quote, the backslash, bytes the writer escapes, and UTF-8 bytes.
 */
enum { C_PLAIN, C_QUOTE, C_BSLASH, C_CTRL, C_HIGH };

static unsigned char cls[256];

struct scan {
	const unsigned char	*p;	/* the next byte */
	const unsigned char	*b;	/* the start of the line */
	const unsigned char	*e;	/* one past its end */
	struct ads_raw		*r;
	int			 canon;
	int			 bad;	/* a string libjq would repair */
	int			 ctrl;	/* a raw byte below 0x20: libjq rejects */
	int			 space;	/* white space outside strings */
	int			 pair;	/* a surrogate pair escape */
};

static void
initcls(void)
{
	int c;

	if (cls[0] == C_CTRL)
		return;
	for (c = 0; c < 256; c++)
		cls[c] = c < 0x20 || c == 0x7f ? C_CTRL :
		    c >= 0x80 ? C_HIGH : C_PLAIN;
	cls['"'] = C_QUOTE;
	cls['\\'] = C_BSLASH;
}

void
ads_raw_init(struct ads_raw *r)
{
	memset(r, 0, sizeof(*r));
}

void
ads_raw_free(struct ads_raw *r)
{
	free(r->m);
	free(r->ks);
	ads_buf_free(&r->num);
	ads_raw_init(r);
}

/* ws -- skip white space; any is enough to make the line not canonical. */
static inline void
ws(struct scan *s)
{
	/* One test for the usual case: no white space at all. */
	if (s->p >= s->e || *s->p > ' ')
		return;
	while (s->p < s->e && (*s->p == ' ' || *s->p == '\t' ||
	    *s->p == '\n' || *s->p == '\r')) {
		s->p++;
		s->canon = 0;
		s->space = 1;
	}
}

/* esc1 -- the byte a one-letter escape \c stands for, or -1. */
static int
esc1(int c)
{
	switch (c) {
	case '"': case '\\': case '/':
		return c;
	case 'b':
		return '\b';
	case 'f':
		return '\f';
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 't':
		return '\t';
	default:
		return -1;
	}
}

/* hex4 -- the value of four hex digits at p (bounds checked), or -1. */
static long
hex4(const unsigned char *p, const unsigned char *e)
{
	long v = 0;
	int i, d;

	if (e - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		d = ads_hexval(p[i]);
		if (d < 0)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

/*
 * canonu -- 1 when "\uXXXX" at p (after the 'u') is what the writer
 * prints for code point v: only bytes it must escape and that have no
 * short escape, in lower-case hex.
 */
static int
canonu(const unsigned char *p, long v)
{
	static const char hex[] = "0123456789abcdef";

	if (!(v < 0x20 || v == 0x7f) || v == '\b' || v == '\t' ||
	    v == '\n' || v == '\f' || v == '\r')
		return 0;
	return p[0] == '0' && p[1] == '0' && p[2] == hex[v >> 4] &&
	    p[3] == hex[v & 0xf];
}

/*
 * str -- scan a string at s->p (its opening quote).  *esc is set when
 * it holds a backslash.  Returns 0, or -1 when libjq would reject it.
 */
static inline __attribute__((always_inline)) int
str(struct scan *s, int *esc)
{
	const unsigned char *p = s->p + 1, *e = s->e;
	long v, lo;
	size_t n;

	*esc = 0;
	for (;;) {
		/* The hot loop: runs of bytes copied as they are. */
#if defined(__SSE2__)
		while (e - p >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)
			    (const void *)p);
			/* Signed compare: bytes above 0x7f are below 0x20. */
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))),
			    _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)))));

			if (m != 0) {
				p += __builtin_ctz(m);
				goto stop;
			}
			p += 16;
		}
#endif
		while (p + 8 <= e) {
			uint64_t w, t;

			memcpy(&w, p, 8);
			/*
			 * A lane is interesting when it is below 0x20, is
			 * '"', '\\', 0x7f or has its top bit set.
			 */
			t = (w - 0x2020202020202020ULL) |
			    ((w ^ 0x2222222222222222ULL) -
			    0x0101010101010101ULL) |
			    ((w ^ 0x5c5c5c5c5c5c5c5cULL) -
			    0x0101010101010101ULL) |
			    ((w ^ 0x7f7f7f7f7f7f7f7fULL) -
			    0x0101010101010101ULL) | w;
			if ((t & 0x8080808080808080ULL) != 0)
				break;
			p += 8;
		}
		while (p < e && cls[*p] == C_PLAIN)
			p++;
#if defined(__SSE2__)
stop:
#endif
		if (p >= e)
			return -1;
		switch (cls[*p]) {
		case C_PLAIN:
			p++;
			break;
		case C_QUOTE:
			s->p = p + 1;
			return 0;
		case C_CTRL:
			/* The writer would escape it; libjq takes only 0x7f. */
			s->canon = 0;
			s->ctrl |= *p != 0x7f;
			p++;
			break;
		case C_HIGH:
			n = ads_utf8_seqlen(p, e);
			if (n == 0) {
				s->canon = 0;
				s->bad = 1;
				p++;
			} else
				p += n;
			break;
		case C_BSLASH:
			*esc = 1;
			if (p + 1 >= e)
				return -1;
			switch (p[1]) {
			case '"': case '\\': case 'b': case 'f': case 'n':
			case 'r': case 't':
				p += 2;
				break;
			case '/':
				s->canon = 0;
				p += 2;
				break;
			case 'u':
				v = hex4(p + 2, e);
				if (v < 0)
					return -1;
				if (!canonu(p + 2, v))
					s->canon = 0;
				p += 6;
				if (v >= 0xd800 && v <= 0xdbff) {
					/* libjq wants the low half next. */
					if (e - p < 6 || p[0] != '\\' ||
					    p[1] != 'u')
						return -1;
					lo = hex4(p + 2, e);
					if (lo < 0xdc00 || lo > 0xdfff)
						return -1;
					p += 6;
					s->pair = 1;
				} else if (v >= 0xdc00 && v <= 0xdfff)
					s->bad = 1;
				break;
			default:
				return -1;
			}
			break;
		}
	}
}

/* delim -- 1 when the byte at p may follow a number or a literal. */
static int
delim(const struct scan *s, const unsigned char *p)
{
	if (p >= s->e)
		return 1;
	return *p == ',' || *p == '}' || *p == ']' || *p == ' ' ||
	    *p == '\t' || *p == '\n' || *p == '\r';
}

/*
 * num -- scan a number; a strict JSON one, else -1 (libjq is more
 * lenient, and the jv path will judge).  Plain short integers are
 * canonical at once; other forms are checked against the writer.
 */
static int
num(struct scan *s)
{
	const unsigned char *p = s->p, *start = s->p, *d;
	int simple = 1;
	char tmp[64];
	size_t n;

	if (p < s->e && *p == '-')
		p++;
	d = p;
	if (p < s->e && *p == '0')
		p++;
	else if (p < s->e && *p >= '1' && *p <= '9')
		while (p < s->e && *p >= '0' && *p <= '9')
			p++;
	else
		return -1;
	if (p - d > 15 || (*d == '0' && start != d))
		simple = 0;	/* past 2^53, or -0 */
	if (p < s->e && *p == '.') {
		simple = 0;
		p++;
		if (p >= s->e || *p < '0' || *p > '9')
			return -1;
		while (p < s->e && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < s->e && (*p == 'e' || *p == 'E')) {
		simple = 0;
		p++;
		if (p < s->e && (*p == '+' || *p == '-'))
			p++;
		if (p >= s->e || *p < '0' || *p > '9')
			return -1;
		while (p < s->e && *p >= '0' && *p <= '9')
			p++;
	}
	if (!delim(s, p))
		return -1;
	s->p = p;
	if (simple || !s->canon)
		return 0;
	n = (size_t)(p - start);
	if (n >= sizeof(tmp)) {
		s->canon = 0;
		return 0;
	}
	memcpy(tmp, start, n);
	tmp[n] = '\0';
	ads_buf_reset(&s->r->num);
	ads_json_emit_number(&s->r->num, strtod(tmp, NULL));
	if (s->r->num.len != n || memcmp(s->r->num.p, start, n) != 0)
		s->canon = 0;
	return 0;
}

static int
lit(struct scan *s, const char *w, size_t n)
{
	if ((size_t)(s->e - s->p) < n || memcmp(s->p, w, n) != 0 ||
	    !delim(s, s->p + n))
		return -1;
	s->p += n;
	return 0;
}

static int value(struct scan *, int, int *, int *);

/*
 * dupkey -- 1 when the key at [k, k+n) equals one already seen in the
 * object whose keys start at base in the scratch list; the key is then
 * added.  Equal bytes are equal keys only in canonical text, which is
 * the only case it is asked about.
 */
static int
dupkey(struct scan *s, size_t base, size_t k, size_t n, uint64_t *seen)
{
	struct ads_raw *r = s->r;
	uint64_t bit;
	size_t i;

	if ((r->nks - base) / 2 >= ADS_RAW_MAXKEYS) {
		s->canon = 0;
		return 0;
	}
	/*
	 * seen has a bit for the length and first letter of each key of
	 * the object so far: keys mostly differ in one or the other, and
	 * only a key whose bit is set is compared with the others.
	 */
	bit = (uint64_t)1 << ((n * 8 + s->b[k + 1]) & 63);
	if (*seen & bit)
		for (i = base; i < r->nks; i += 2)
			if (r->ks[i + 1] == n &&
			    memcmp(s->b + r->ks[i], s->b + k, n) == 0)
				return 1;
	*seen |= bit;
	if (r->nks + 2 > r->kscap) {
		r->kscap = r->kscap ? r->kscap * 2 : 64;
		r->ks = xreallocarray(r->ks, r->kscap, sizeof(*r->ks));
	}
	r->ks[r->nks++] = k;
	r->ks[r->nks++] = n;
	return 0;
}

static void
addmember(struct ads_raw *r, const struct ads_raw_member *m)
{
	r->m = xgrowarray(r->m, r->n, &r->mcap, 16, sizeof(*r->m));
	r->m[r->n++] = *m;
}

/*
 * skipquoted -- move past the string at s->p without checking its
 * contents: it ends at the first quote after an even number of
 * backslashes.  Returns 0, or -1 when it does not end.
 */
static int
skipquoted(struct scan *s)
{
	const unsigned char *p = s->p + 1, *q, *b;

	for (;;) {
		q = memchr(p, '"', (size_t)(s->e - p));
		if (q == NULL)
			return -1;
		for (b = q; b > s->p + 1 && b[-1] == '\\'; b--)
			continue;
		if (((q - b) & 1) == 0) {
			s->p = q + 1;
			return 0;
		}
		p = q + 1;
	}
}

/* lazykey -- 1 when member m of the record is the one only delimited. */
static int
lazykey(const struct scan *s, const struct ads_raw_member *m)
{
	const struct ads_raw *r = s->r;

	return r->lazy != NULL && m->keylen == r->lazylen + 2 &&
	    s->p < s->e && *s->p == '"' &&
	    memcmp(s->b + m->key + 1, r->lazy, r->lazylen) == 0;
}

/* obj -- scan an object at s->p ('{'); depth 1 is the record itself. */
static int
obj(struct scan *s, int depth)
{
	struct ads_raw_member m;
	size_t base = s->r->nks;
	uint64_t seen = 0;
	int esc;

	s->p++;
	ws(s);
	if (s->p < s->e && *s->p == '}') {
		s->p++;
		return 0;
	}
	for (;;) {
		ws(s);
		if (s->p >= s->e || *s->p != '"')
			return -1;
		m.key = (size_t)(s->p - s->b);
		if (str(s, &esc) == -1)
			return -1;
		m.keylen = (size_t)(s->p - s->b) - m.key;
		if (s->canon && dupkey(s, base, m.key, m.keylen, &seen))
			s->canon = 0;
		ws(s);
		if (s->p >= s->e || *s->p != ':')
			return -1;
		s->p++;
		ws(s);
		m.val = (size_t)(s->p - s->b);
		m.lazy = depth == 1 && lazykey(s, &m);
		if (m.lazy) {
			m.kind = '"';
			m.esc = 1;	/* unknown */
			if (skipquoted(s) == -1)
				return -1;
		} else if (value(s, depth, &m.kind, &m.esc) == -1)
			return -1;
		m.vallen = (size_t)(s->p - s->b) - m.val;
		if (depth == 1)
			addmember(s->r, &m);
		ws(s);
		if (s->p >= s->e)
			return -1;
		if (*s->p == '}') {
			s->p++;
			s->r->nks = base;
			return 0;
		}
		if (*s->p != ',')
			return -1;
		s->p++;
	}
}

static int
arr(struct scan *s, int depth)
{
	int kind, esc;

	s->p++;
	ws(s);
	if (s->p < s->e && *s->p == ']') {
		s->p++;
		return 0;
	}
	for (;;) {
		ws(s);
		if (value(s, depth, &kind, &esc) == -1)
			return -1;
		ws(s);
		if (s->p >= s->e)
			return -1;
		if (*s->p == ']') {
			s->p++;
			return 0;
		}
		if (*s->p != ',')
			return -1;
		s->p++;
	}
}

/* value -- scan any value at s->p inside a container at depth. */
static int
value(struct scan *s, int depth, int *kind, int *esc)
{
	*esc = 0;
	if (s->p >= s->e)
		return -1;
	*kind = *s->p;
	switch (*s->p) {
	case '"':
		return str(s, esc);
	case '{':
		if (depth >= ADS_RAW_MAXDEPTH)
			return -1;
		return obj(s, depth + 1);
	case '[':
		if (depth >= ADS_RAW_MAXDEPTH)
			return -1;
		return arr(s, depth + 1);
	case 't':
		return lit(s, "true", 4);
	case 'f':
		return lit(s, "false", 5);
	case 'n':
		*kind = 'z';
		return lit(s, "null", 4);
	default:
		*kind = 'n';
		return num(s);
	}
}

int
ads_raw_scan(struct ads_raw *r, const char *p, size_t n)
{
	struct scan s;

	initcls();
	r->n = 0;
	r->nks = 0;
	r->repair = r->ctrl = r->space = r->pair = 0;
	/* ads_json_parse() refuses these; so must the fast path. */
	if (n > INT_MAX)
		return ADS_RAW_INVALID;
	s.b = s.p = (const unsigned char *)p;
	s.e = s.b + n;
	s.r = r;
	s.canon = 1;
	s.bad = 0;
	s.ctrl = 0;
	s.space = 0;
	s.pair = 0;
	ws(&s);
	if (s.p >= s.e || *s.p != '{')
		return ADS_RAW_INVALID;
	if (obj(&s, 1) == -1)
		return ADS_RAW_INVALID;
	ws(&s);
	if (s.p != s.e)
		return ADS_RAW_INVALID;
	r->repair = s.bad;
	r->ctrl = s.ctrl;
	r->space = s.space;
	r->pair = s.pair;
	return s.canon ? ADS_RAW_CANONICAL : ADS_RAW_VALID;
}

int
ads_raw_check_string(const char *p, size_t n, int *esc)
{
	struct scan s;

	initcls();
	s.b = s.p = (const unsigned char *)p;
	s.e = s.b + n;
	s.r = NULL;
	s.canon = 1;
	s.bad = 0;
	s.ctrl = 0;
	s.space = 0;
	s.pair = 0;
	*esc = 0;
	if (n < 2 || *s.p != '"' || str(&s, esc) == -1 || s.p != s.e ||
	    s.bad || s.ctrl)
		return ADS_RAW_INVALID;
	return s.canon ? ADS_RAW_CANONICAL : ADS_RAW_VALID;
}

int
ads_raw_number(const char *p, size_t n, double *d)
{
	char tmp[64];

	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	*d = strtod(tmp, NULL);
	return 0;
}

long
ads_raw_find(const struct ads_raw *r, const char *p, const char *key)
{
	size_t n = strlen(key), i;

	for (i = r->n; i-- > 0; )
		if (r->m[i].keylen == n + 2 &&
		    memcmp(p + r->m[i].key + 1, key, n) == 0)
			return (long)i;
	return -1;
}

/* put8 -- append code point c as UTF-8. */
static void
put8(struct ads_buf *b, long c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | c >> 18);
		u[1] = (char)(0x80 | (c >> 12 & 0x3f));
		u[2] = (char)(0x80 | (c >> 6 & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	ads_buf_add(b, u, n);
}

int
ads_raw_string(const char *str8, size_t n, struct ads_buf *out)
{
	const unsigned char *p = (const unsigned char *)str8;
	const unsigned char *e = p + n, *run;
	long v, lo;
	size_t k;
	int d;

	initcls();
	ads_buf_reset(out);
	ads_buf_grow(out, n);
	if (n < 2 || p[0] != '"' || e[-1] != '"')
		return -1;
	p++;
	e--;
	while (p < e) {
		/* One copy per run between escapes. */
		run = p;
		while (p < e) {
			if (cls[*p] == C_PLAIN || cls[*p] == C_CTRL)
				p++;
			else if (cls[*p] == C_HIGH) {
				k = ads_utf8_seqlen(p, e);
				if (k == 0)
					return -1;
				p += k;
			} else
				break;
		}
		ads_buf_add(out, run, (size_t)(p - run));
		if (p >= e)
			break;
		if (cls[*p] == C_QUOTE)
			return -1;
		if (p + 1 >= e)
			return -1;
		if (p[1] != 'u') {
			if ((d = esc1(p[1])) < 0)
				return -1;
			ads_buf_addc(out, (char)d);
			p += 2;
			continue;
		}
		v = hex4(p + 2, e);
		if (v < 0)
			return -1;
		p += 6;
		if (v >= 0xd800 && v <= 0xdbff) {
			if (e - p < 6 || p[0] != '\\' || p[1] != 'u')
				return -1;
			lo = hex4(p + 2, e);
			if (lo < 0xdc00 || lo > 0xdfff)
				return -1;
			v = 0x10000 + ((v - 0xd800) << 10) +
			    (lo - 0xdc00);
			p += 6;
		} else if (v >= 0xdc00 && v <= 0xdfff)
			v = 0xfffd;	/* as libjq does */
		put8(out, v);
	}
	return 0;
}

int
ads_raw_canon_string(const char *s, size_t n, struct ads_buf *out)
{
	const char *p = s + 1, *e = s + n - 1, *q;
	long v;
	int d;

	ads_buf_reset(out);
	ads_buf_grow(out, n);
	while (p < e) {
		q = memchr(p, '\\', (size_t)(e - p));
		if (q == NULL)
			q = e;
		ads_buf_add(out, p, (size_t)(q - p));
		if (q == e || q + 1 == e)
			return q == e ? 0 : -1;
		if (q[1] == 'u') {
			v = hex4((const unsigned char *)q + 2,
			    (const unsigned char *)e);
			if (v < 0 || v >= 0x80)
				return -1;
			ads_buf_addc(out, (char)v);
			p = q + 6;
			continue;
		}
		if ((d = esc1(q[1])) < 0)
			return -1;
		ads_buf_addc(out, (char)d);
		p = q + 2;
	}
	return 0;
}

long
ads_raw_utf8_check(const char *s, size_t n, const char **what)
{
	const unsigned char *b = (const unsigned char *)s, *p = b, *e = b + n;
	uint64_t w;
	long v;
	size_t k;

	for (;;) {
		/* Plain ASCII without a backslash: 16 or 8 bytes at a time. */
#if defined(__SSE2__)
		while (e - p >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)
			    (const void *)p);
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(x,
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));

			if (m != 0) {
				p += __builtin_ctz(m);
				break;
			}
			p += 16;
		}
#endif
		while (e - p >= 8) {
			memcpy(&w, p, 8);
			w |= (w ^ 0x5c5c5c5c5c5c5c5cULL) - 0x0101010101010101ULL;
			if ((w & 0x8080808080808080ULL) != 0)
				break;
			p += 8;
		}
		while (p < e && *p < 0x80 && *p != '\\')
			p++;
		if (p >= e)
			return -1;
		if (*p == '\\') {
			if (e - p >= 6 && p[1] == 'u') {
				v = hex4(p + 2, e);
				if (v >= 0xdc00 && v <= 0xdfff) {
					*what = "lone surrogate escape";
					return (long)(p - b);
				}
				if (v >= 0xd800 && v <= 0xdbff && e - p >= 12 &&
				    p[6] == '\\' && p[7] == 'u') {
					/* A pair: skip its low half too. */
					v = hex4(p + 8, e);
					p += v >= 0xdc00 && v <= 0xdfff ? 12 : 6;
					continue;
				}
				p += 6;
			} else
				p += e - p >= 2 ? 2 : 1;
			continue;
		}
		/* A run of non-ASCII characters, as in most scripts. */
		do {
			k = ads_utf8_seqlen(p, e);
			if (k == 0) {
				*what = "invalid UTF-8";
				return (long)(p - b);
			}
			p += k;
		} while (p < e && *p >= 0x80);
	}
}
