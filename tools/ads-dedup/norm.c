/*
 * norm.c -- text normalization, word hashing and MinHash for ads-dedup
 *
 * Normal form: Unicode NFKC with full case folding (utf8proc's
 * NFKC_Casefold without the removal of default ignorables), white space
 * and control characters collapsed, format characters (soft hyphen,
 * zero-width joiner) removed.  Runs of ASCII, most of any text, take a
 * path that gives the same result without utf8proc, 16 bytes at a time
 * where the processor has SSE2; other characters are normalized alone
 * through a cache unless they join the one before (combining marks and
 * the like), and only then is the text cut into segments for utf8proc.
 * The key of a record is normalized from its JSON body in the pass that
 * checks it, escapes and all.
 *
 * MinHash (Broder 1997) over word n-gram shingles, K = 128 values by
 * one permutation hashing with densification; each minimum is kept as
 * 8 bits of its hash (b-bit MinHash, Li and Konig 2010), 128 bytes per
 * signature.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <utf8proc.h>

#include "../../common/buf.h"
#include "../../common/util.h"
#include "dedup.h"

enum { C_WORD, C_UPPER, C_SPACE, C_PUNCT, C_DROP, C_CJK };

#define FNV_PRIME	0x100000001b3ULL
#define FNV_BASIS	0xcbf29ce484222325ULL

static unsigned char asciicls[128];
/*
 * ASCII to key bytes: lower case, a space for white space and control
 * characters; keytabp also maps punctuation to 0, dropped.
 */
static unsigned char keytab[128], keytabp[128];

static void
initcls(void)
{
	int c;

	for (c = 0; c < 128; c++) {
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			asciicls[c] = C_WORD;
		else if (c >= 'A' && c <= 'Z')
			asciicls[c] = C_UPPER;
		else if (c < 0x20 || c == ' ' || c == 0x7f)
			asciicls[c] = C_SPACE;
		else
			asciicls[c] = C_PUNCT;
		keytab[c] = (unsigned char)c;
		if (asciicls[c] == C_UPPER)
			keytab[c] = (unsigned char)(c + 'a' - 'A');
		else if (asciicls[c] == C_SPACE)
			keytab[c] = ' ';
		keytabp[c] = asciicls[c] == C_PUNCT ? 0 : keytab[c];
	}
}

/* cpclass -- the class of code point c (not ASCII). */
static int
cpclass(utf8proc_int32_t c)
{
	utf8proc_category_t cat;

	if ((c >= 0x2e80 && c <= 0x2fdf) || (c >= 0x3040 && c <= 0x30ff) ||
	    (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff))
		return C_CJK;
	/* utf8proc numbers the categories in order: Zs Zl Zp Cc, P* S*. */
	cat = utf8proc_category(c);
	if (cat >= UTF8PROC_CATEGORY_ZS && cat <= UTF8PROC_CATEGORY_CC)
		return C_SPACE;
	if (cat == UTF8PROC_CATEGORY_CF)
		return C_DROP;
	if (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_SO)
		return C_PUNCT;
	return C_WORD;
}

static void
pushword(struct words *w, uint64_t h)
{
	w->h = xgrowarray(w->h, w->n, &w->cap, 256, sizeof(*w->h));
	w->h[w->n++] = fmix64(h);
}

/*
 * The state of one normalization pass: the key being written, whether
 * a space is pending, and the word being hashed.
 */
struct np {
	struct ads_buf	*kb;		/* the key */
	char		*k;		/* next byte of the key */
	char		*k0;
	int		 pend;
	int		 inword;
	int		 roomy;		/* room made for non-ASCII */
	uint64_t	 wh;
	int		 flags;
	struct words	*w;
};

/*
 * np_room -- room in the key for what n more bytes of text can become:
 * ASCII maps to at most itself, and NFKC with case folding makes at
 * most 11 bytes of one (U+FDFA, 3 bytes, becomes 33); and 16 bytes
 * more for the 16-byte stores of the ASCII path.
 */
static void
np_room(struct np *s, size_t n, int unicode)
{
	size_t off = (size_t)(s->k - s->kb->p), off0 = (size_t)(s->k0 -
	    s->kb->p);

	s->kb->len = off;
	ads_buf_grow(s->kb, (unicode ? 12 * n : n) + 16);
	s->k = s->kb->p + off;
	s->k0 = s->kb->p + off0;
	s->roomy = unicode;
}

static inline void
np_key(struct np *s, const unsigned char *p, size_t n)
{
	if (s->pend && s->k > s->k0)
		*s->k++ = ' ';
	s->pend = 0;
	memcpy(s->k, p, n);
	s->k += n;
}

static inline void
np_endword(struct np *s)
{
	if (s->inword && s->w != NULL)
		pushword(s->w, s->wh);
	s->inword = 0;
	s->wh = FNV_BASIS;
}

static inline void
np_wordbytes(struct np *s, const unsigned char *p, size_t n)
{
	size_t i;

	if (!(s->flags & NORM_RAW))
		np_key(s, p, n);
	if (s->w != NULL)
		for (i = 0; i < n; i++)
			s->wh = (s->wh ^ p[i]) * FNV_PRIME;
	s->inword = 1;
}

/*
 * np_other -- a character that is not part of a word.  Punctuation
 * inside a word is dropped from it ("don't" is the word "dont", so that
 * a copy without punctuation has the same words); space ends it.
 */
static inline void
np_other(struct np *s, int cls, const unsigned char *p, size_t n)
{
	if (cls == C_SPACE) {
		np_endword(s);
		s->pend = 1;
	} else if (cls == C_PUNCT && !(s->flags & (NORM_PUNCT | NORM_RAW)))
		np_key(s, p, n);
}

#if defined(__SSE2__)
/*
 * fold16 -- the key bytes of the 16 bytes x, as keytab maps them: upper
 * case made lower, control characters made spaces; *sp receives a bit
 * for each byte that is then a space.  Bytes that are not ASCII give
 * nothing of use, and the caller drops them.
 */
static inline __m128i
fold16(__m128i x, unsigned *sp)
{
	const __m128i sp16 = _mm_set1_epi8(' ');
	__m128i up, ctl;

	up = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
	    _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
	x = _mm_add_epi8(x, _mm_and_si128(up, sp16));
	ctl = _mm_or_si128(_mm_cmplt_epi8(x, sp16),
	    _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)));
	x = _mm_or_si128(_mm_andnot_si128(ctl, x), _mm_and_si128(ctl, sp16));
	*sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, sp16));
	return x;
}

/*
 * stops16 -- a bit for each of the 16 bytes x that ends a run of ASCII
 * text: a byte that is not ASCII and, with json, a backslash or a
 * control character (invalid in a JSON string).
 */
static inline unsigned
stops16(__m128i x, int json)
{
	if (json)
		x = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
	return (unsigned)_mm_movemask_epi8(x);
}
#endif

/* stop1 -- stops16 for one byte. */
static inline int
stop1(unsigned char c, int json)
{
	return c >= 0x80 || (json && (c < 0x20 || c == '\\'));
}

/*
 * asciirun -- the number of bytes that p (n bytes) starts with before
 * one that stops a run of ASCII text.
 */
static size_t
asciirun(const unsigned char *p, size_t n, int json)
{
	size_t i = 0;

#if defined(__SSE2__)
	for (; n - i >= 16; i += 16) {
		unsigned m = stops16(_mm_loadu_si128((const __m128i *)
		    (const void *)(p + i)), json);

		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < n && !stop1(p[i], json))
		i++;
	return i;
}

/*
 * asciikey -- the key of the ASCII text that p (n bytes) starts with,
 * when no words are hashed; returns the number of bytes taken, up to
 * the first that stops a run.  16 bytes at a time while they hold no
 * run of spaces (nor a space at the start of the key), else through a
 * table, letting a space overwrite the space before it.  A trailing
 * space waits for the next word.
 */
static size_t
asciikey(struct np *s, const unsigned char *p, size_t n, int json)
{
	const unsigned char *tab = (s->flags & NORM_PUNCT) ? keytabp : keytab;
	unsigned char *o = (unsigned char *)s->k, t;
	unsigned char *k0 = (unsigned char *)s->k0;
	int sp = s->pend || o == k0;
	size_t i = 0, j;

	if (s->pend && o > k0)
		*o++ = ' ';
	while (i < n) {
#if defined(__SSE2__)
		while (!(s->flags & NORM_PUNCT) && n - i >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)
			    (const void *)(p + i));
			unsigned m, sm, k;

			m = stops16(x, json);
			k = m != 0 ? (unsigned)__builtin_ctz(m) : 16;
			x = fold16(x, &sm);
			sm &= (unsigned)((1UL << k) - 1);
			if ((sm & ((sm << 1) | (unsigned)sp)) != 0)
				break;
			_mm_storeu_si128((__m128i *)(void *)o, x);
			o += k;
			i += k;
			if (k > 0)
				sp = (sm >> (k - 1)) & 1;
			if (k < 16)
				goto out;
		}
#endif
		for (j = n - i > 16 ? i + 16 : n; i < j; i++) {
			if (stop1(p[i], json))
				goto out;
			t = tab[p[i]];
			*o = t;
			o += t != 0 && !(sp && t == ' ');
			sp = t == ' ' ? 1 : (t == 0 ? sp : 0);
		}
	}
out:
	s->pend = 0;
	if (o > k0 && o[-1] == ' ') {
		o--;
		s->pend = 1;
	}
	s->k = (char *)o;
	return i;
}

/* asciiwords -- n ASCII bytes at p, when words are hashed. */
static void
asciiwords(struct np *s, const unsigned char *p, size_t n)
{
	unsigned char c;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c = p[i];
		k = asciicls[c];
		if (k == C_UPPER) {
			c += 'a' - 'A';
			k = C_WORD;
		}
		if (k == C_WORD) {
			if (!(s->flags & NORM_RAW)) {
				if (s->pend && s->k > s->k0)
					*s->k++ = ' ';
				s->pend = 0;
				*s->k++ = (char)c;
			}
			s->wh = (s->wh ^ c) * FNV_PRIME;
			s->inword = 1;
		} else
			np_other(s, k, &c, 1);
	}
}

/* ascii -- n bytes of ASCII text at p. */
static void
ascii(struct np *s, const unsigned char *p, size_t n)
{
	if (s->w == NULL && !(s->flags & NORM_RAW))
		asciikey(s, p, n, 0);
	else
		asciiwords(s, p, n);
}

/*
 * unescape1 -- the JSON escape at p (n bytes) when it stands for an
 * ASCII character, into *b; returns its length, or 0 for anything else.
 */
static size_t
unescape1(const unsigned char *p, size_t n, unsigned char *b)
{
	int i, v, h;

	if (n < 2 || p[0] != '\\')
		return 0;
	switch (p[1]) {
	case '"': case '\\': case '/':
		*b = p[1];
		return 2;
	case 'b': *b = '\b'; return 2;
	case 'f': *b = '\f'; return 2;
	case 'n': *b = '\n'; return 2;
	case 'r': *b = '\r'; return 2;
	case 't': *b = '\t'; return 2;
	case 'u':
		if (n < 6)
			return 0;
		for (v = 0, i = 2; i < 6; i++) {
			h = ads_hexval(p[i]);
			if (h < 0)
				return 0;
			v = v * 16 + h;
		}
		if (v >= 0x80)
			return 0;
		*b = (unsigned char)v;
		return 6;
	default:
		return 0;
	}
}

/*
 * joins1 -- 1 when code point c may combine with what precedes it under
 * NFKC, so that it must be normalized together with the character
 * before it: a non-starter; a character of a script whose starters can
 * be the second of a composition (Indic, Hangul jamo, the historic
 * scripts from U+11000); or one whose compatibility decomposition
 * starts with a non-starter or a Hangul vowel or final (U+FF9E, the
 * halfwidth voiced sound mark, is U+3099).
 */
static int
joins1(utf8proc_int32_t c)
{
	utf8proc_int32_t d[18];
	utf8proc_ssize_t k;
	int b = 0;

	if ((c >= 0x900 && c <= 0x1cff) || (c >= 0x11000 && c < 0x1c000))
		return 1;
	if (utf8proc_get_property(c)->combining_class != 0)
		return 1;
	k = utf8proc_decompose_char(c, d, 18, UTF8PROC_DECOMPOSE |
	    UTF8PROC_COMPAT, &b);
	if (k <= 0 || k > 18 || d[0] == c)
		return 0;
	return utf8proc_get_property(d[0])->combining_class != 0 ||
	    (d[0] >= 0x1161 && d[0] <= 0x11ff);
}

/*
 * The normal form of each code point seen alone, computed once: where
 * its bytes are, its class when it maps to one code point (CMULTI
 * otherwise), and whether it joins the character before it.  BMP code
 * points have a slot each and their bytes in cachebytes; the others
 * share a small table that keeps the last one seen per slot, with its
 * bytes in the entry.
 */
#define CMULTI	0x7f
#define SUPSLOTS 4096
struct centry {
	uint32_t	off;
	uint8_t		len;
	uint8_t		cls;
	uint8_t		filled;
	uint8_t		jn;		/* 0 unknown, 1 + joins1() */
	uint8_t		kv;		/* KV_*: the key keeps it as it is */
};
#define KV_ALWAYS	1
#define KV_UNLESSP	2		/* punctuation: unless NORM_PUNCT */
static struct centry cache[0x10000];
static struct ads_buf cachebytes;
static struct supentry {
	utf8proc_int32_t cp;		/* 0 for an empty slot */
	struct centry	 e;
	unsigned char	 b[20];
} supcache[SUPSLOTS];

static int
joins(utf8proc_int32_t c)
{
	if (c < 0x300)
		return 0;
	if (c >= 0x10000)
		return joins1(c);
	if (cache[c].jn == 0)
		cache[c].jn = (uint8_t)(1 + joins1(c));
	return cache[c].jn - 1;
}

/*
 * dec -- decode the UTF-8 sequence at p (n > 0 bytes) into *c and
 * return its length, or 0 when it is invalid: one and two and three
 * byte sequences inline, the rest through utf8proc, which agrees on
 * what is valid.
 */
static inline size_t
dec(const unsigned char *p, size_t n, utf8proc_int32_t *c)
{
	utf8proc_ssize_t l;

	if (p[0] < 0x80) {
		*c = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf && n >= 2 && (p[1] & 0xc0) == 0x80) {
		*c = (p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		return 2;
	}
	if ((p[0] & 0xf0) == 0xe0 && n >= 3 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		*c = (p[0] & 0x0f) << 12 | (p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		if (*c >= 0x800 && (*c < 0xd800 || *c > 0xdfff))
			return 3;
	}
	l = utf8proc_iterate(p, (utf8proc_ssize_t)n, c);
	return l > 0 ? (size_t)l : 0;
}

/* classify -- feed normalized text m (n bytes) to the key and words. */
static void
classify(struct np *s, const unsigned char *m, size_t n)
{
	utf8proc_int32_t c;
	size_t i = 0, l;
	unsigned char u;
	int k;

	while (i < n) {
		if (m[i] < 0x80) {
			ascii(s, m + i, 1);
			i++;
			continue;
		}
		l = dec(m + i, n - i, &c);
		if (l == 0) {
			/* A stray byte: part of a word, as itself. */
			u = m[i];
			np_wordbytes(s, &u, 1);
			i++;
			continue;
		}
		k = cpclass(c);
		if (k == C_WORD)
			np_wordbytes(s, m + i, l);
		else if (k == C_CJK) {
			np_endword(s);
			np_wordbytes(s, m + i, l);
			np_endword(s);
		} else if (k != C_DROP)
			np_other(s, k, m + i, l);
		i += l;
	}
}

static utf8proc_ssize_t
nfkc(const unsigned char *p, size_t n, utf8proc_uint8_t **m)
{
	return utf8proc_map(p, (utf8proc_ssize_t)n, m, UTF8PROC_STABLE |
	    UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

/* mapseg -- normalize one segment (n bytes) and classify it. */
static void
mapseg(struct np *s, const unsigned char *p, size_t n)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t ml;

	ml = nfkc(p, n, &m);
	if (ml >= 0)
		classify(s, m, (size_t)ml);
	else
		classify(s, p, n);
	free(m);
}

/*
 * fill -- compute the cache entry e of code point c (l bytes at p), in
 * slot se for a code point beyond the BMP, and set *q to its normal
 * form; NULL when that is not kept (too long, or an error).
 */
static const struct centry *
fill(struct centry *e, struct supentry *se, utf8proc_int32_t c,
    const unsigned char *p, size_t l, const unsigned char **q)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t ml;
	utf8proc_int32_t c2;

	ml = nfkc(p, l, &m);
	if (ml < 0 || ml > (se != NULL ? (utf8proc_ssize_t)sizeof(se->b) :
	    255)) {
		free(m);
		return NULL;
	}
	e->len = (uint8_t)ml;
	e->cls = CMULTI;
	if (ml > 0 && utf8proc_iterate(m, ml, &c2) == ml && c2 >= 0x80)
		e->cls = (uint8_t)cpclass(c2);
	e->jn = (uint8_t)(1 + joins1(c));
	e->kv = 0;
	if (e->jn == 1 && (size_t)ml == l && memcmp(m, p, l) == 0) {
		if (e->cls == C_WORD || e->cls == C_CJK)
			e->kv = KV_ALWAYS;
		else if (e->cls == C_PUNCT)
			e->kv = KV_UNLESSP;
	}
	e->filled = 1;
	if (se != NULL) {
		memcpy(se->b, m, (size_t)ml);
		se->cp = c;
		*q = se->b;
	} else {
		e->off = (uint32_t)cachebytes.len;
		ads_buf_add(&cachebytes, m, (size_t)ml);
		*q = (const unsigned char *)cachebytes.p + e->off;
	}
	free(m);
	return e;
}

/*
 * lookup -- the cache entry of code point c (l bytes at p, not ASCII),
 * filled if need be, and in *q its normal form; NULL when that is not
 * kept.
 */
static inline const struct centry *
lookup(utf8proc_int32_t c, const unsigned char *p, size_t l,
    const unsigned char **q)
{
	struct supentry *se;

	if (c < 0x10000) {
		if (!cache[c].filled)
			return fill(&cache[c], NULL, c, p, l, q);
		*q = (const unsigned char *)cachebytes.p + cache[c].off;
		return &cache[c];
	}
	se = &supcache[(c ^ (c >> 12)) & (SUPSLOTS - 1)];
	if (se->cp != c)
		return fill(&se->e, se, c, p, l, q);
	*q = se->b;
	return &se->e;
}

/* emit -- the normal form q (len bytes) of one character, of class cls. */
static inline void
emit(struct np *s, int cls, const unsigned char *q, size_t len)
{
	switch (cls) {
	case C_WORD:
		np_wordbytes(s, q, len);
		break;
	case C_CJK:
		np_endword(s);
		np_wordbytes(s, q, len);
		np_endword(s);
		break;
	case C_DROP:
		break;
	case CMULTI:
		classify(s, q, len);
		break;
	default:
		np_other(s, cls, q, len);
		break;
	}
}

/* single -- code point c (l bytes at p, not ASCII) standing alone. */
static void
single(struct np *s, utf8proc_int32_t c, const unsigned char *p, size_t l)
{
	const struct centry *e;
	const unsigned char *q;

	e = lookup(c, p, l, &q);
	if (e == NULL)
		mapseg(s, p, l);
	else
		emit(s, e->cls, q, e->len);
}

/*
 * unicode -- text with some non-ASCII: cut it into segments that
 * normalize independently (a starter and the characters that join it),
 * and normalize each, single characters through the cache.
 */
static void
unicode(struct np *s, const unsigned char *p, size_t n)
{
	utf8proc_int32_t c, c0;
	size_t i = 0, j, l, l0, r;

	np_room(s, n, 1);
	while (i < n) {
		r = asciirun(p + i, n - i, 0);
		if (r == n - i) {
			ascii(s, p + i, r);
			return;
		}
		/* The last ASCII character may take a combining mark. */
		if (r > 1) {
			ascii(s, p + i, r - 1);
			i += r - 1;
		}
		l0 = dec(p + i, n - i, &c0);
		if (l0 == 0) {
			classify(s, p + i, 1);
			i++;
			continue;
		}
		/* The characters that join this one. */
		j = i + l0;
		while (j < n && p[j] >= 0x80) {
			l = dec(p + j, n - j, &c);
			if (l == 0 || !joins(c))
				break;
			j += l;
		}
		if (j == i + l0 && c0 < 0x80)
			ascii(s, p + i, 1);
		else if (j == i + l0)
			single(s, c0, p + i, l0);
		else
			mapseg(s, p + i, j - i);
		i = j;
	}
}

/*
 * quick -- the same in one pass for text in which no character joins
 * the one before, the common case: each ASCII run whole, each other
 * character alone through the cache, no look ahead.  With json, p is
 * the body of a JSON string, escapes and all: escapes of ASCII
 * characters are taken as those characters.  Returns 0, or -1 as soon
 * as it meets a character that joins or anything it cannot take (with
 * json, that includes whatever is not valid in a JSON string), and the
 * caller starts over another way.
 */
static int
quick(struct np *s, const unsigned char *p, size_t n, int json)
{
	const struct centry *e;
	const unsigned char *q;
	utf8proc_int32_t c;
	unsigned char b;
	size_t i = 0, j, l;
	int keyonly = s->w == NULL && !(s->flags & NORM_RAW);
	int kvmask = (s->flags & NORM_PUNCT) ? KV_ALWAYS :
	    KV_ALWAYS | KV_UNLESSP;

	for (;;) {
		if (keyonly)
			i += asciikey(s, p + i, n - i, json);
		else {
			l = asciirun(p + i, n - i, json);
			asciiwords(s, p + i, l);
			i += l;
		}
		if (i == n)
			return 0;
		if (p[i] < 0x80) {
			/* A JSON escape, or a control character. */
			l = unescape1(p + i, n - i, &b);
			if (l == 0)
				return -1;
			ascii(s, &b, 1);
			i += l;
			continue;
		}
		if (!s->roomy)
			np_room(s, n - i, 1);
		/*
		 * For the key alone, a run of characters that are their own
		 * normal form is copied whole.
		 */
		for (j = i; keyonly && j < n && p[j] >= 0x80; j += l) {
			l = dec(p + j, n - j, &c);
			if (l == 0)
				break;
			e = lookup(c, p + j, l, &q);
			if (e == NULL || !(e->kv & kvmask))
				break;
		}
		if (j > i) {
			np_key(s, p + i, j - i);
			i = j;
			continue;
		}
		l = dec(p + i, n - i, &c);
		if (l == 0)
			return -1;
		e = lookup(c, p + i, l, &q);
		if (e == NULL || e->jn != 1)
			return -1;
		emit(s, e->cls, q, e->len);
		i += l;
	}
}

/* start -- a normalization pass into key, which is reset. */
static void
start(struct np *s, struct ads_buf *key, size_t n, int flags,
    struct words *w)
{
	if (asciicls['a'] != C_WORD || asciicls[0] != C_SPACE)
		initcls();
	if (w != NULL)
		w->n = 0;
	memset(s, 0, sizeof(*s));
	s->kb = key;
	/* An empty buffer has no memory yet: no pointer into it before. */
	ads_buf_grow(key, n + 16);
	s->k = s->k0 = key->p + key->len;
	s->wh = FNV_BASIS;
	s->flags = flags;
	s->w = (flags & NORM_WORDS) ? w : NULL;
	np_room(s, n, 0);
}

/* finish -- end a pass: the last word, and the key's length. */
static void
finish(struct np *s)
{
	np_endword(s);
	if (!(s->flags & NORM_RAW)) {
		s->kb->len = (size_t)(s->k - s->kb->p);
		s->kb->p[s->kb->len] = '\0';
	}
}

void
norm_text(const char *str, size_t n, int flags, struct ads_buf *key,
    struct words *w)
{
	const unsigned char *p = (const unsigned char *)str;
	struct np s;

	ads_buf_reset(key);
	if (flags & NORM_RAW) {
		ads_buf_add(key, str, n);
		if (!(flags & NORM_WORDS))
			return;
	}
	start(&s, key, n, flags, w);
	if (quick(&s, p, n, 0) == -1) {
		if (flags & NORM_RAW)
			key->len = n;
		else
			ads_buf_reset(key);
		start(&s, key, n, flags, w);
		unicode(&s, p, n);
	}
	finish(&s);
}

int
norm_json(const char *str, size_t n, int flags, struct ads_buf *key,
    struct words *w)
{
	struct np s;

	if (flags & NORM_RAW)
		return -1;
	ads_buf_reset(key);
	start(&s, key, n, flags, w);
	if (quick(&s, (const unsigned char *)str, n, 1) == -1)
		return -1;
	finish(&s);
	return 0;
}

void
words_free(struct words *w)
{
	free(w->h);
	memset(w, 0, sizeof(*w));
}

/*
 * minhash -- one permutation hashing (Li, Owen and Zhang 2012): each
 * shingle's hash picks one of the MH_K bins by its top bits and
 * competes for the minimum there, so a text costs one hash per shingle
 * rather than MH_K.  Empty bins borrow the value of a bin chosen by a
 * hash of their index and the attempt (optimal densification,
 * Shrivastava 2017), the same choice for every text, which keeps the
 * estimate of the Jaccard similarity unbiased.
 */
size_t
minhash(const struct words *w, int ngram, uint8_t sig[MH_K])
{
	uint32_t mins[MH_K];
	uint8_t full[MH_K];
	uint64_t h, a;
	size_t i, j, nsh, len;
	int k, bin;

	if (w->n == 0)
		return 0;
	len = (size_t)ngram;
	if (w->n < len)
		len = w->n;
	nsh = w->n - len + 1;
	memset(full, 0, sizeof(full));
	for (k = 0; k < MH_K; k++)
		mins[k] = UINT32_MAX;
	for (i = 0; i < nsh; i++) {
		h = 0x736869e676c65ULL;
		for (j = 0; j < len; j++)
			h = (h ^ w->h[i + j]) * 0x9e3779b97f4a7c15ULL;
		h = fmix64(h);
		bin = (int)(h >> 57);
		if ((uint32_t)h <= mins[bin])
			mins[bin] = (uint32_t)h;
		full[bin] = 1;
	}
	for (k = 0; k < MH_K; k++) {
		bin = k;
		for (a = 1; !full[bin]; a++)
			bin = (int)(fmix64(((uint64_t)k << 32 | a) ^
			    0x64656e7365ULL) >> 57);
		/* Mix the low bits: the minima share small values. */
		sig[k] = (uint8_t)fmix64(mins[bin]);
	}
	return nsh;
}

double
mh_similar(const uint8_t *a, const uint8_t *b)
{
	double e;
	int k, m = 0;

	for (k = 0; k < MH_K; k++)
		m += a[k] == b[k];
	/* Unequal minima still agree in 8 bits one time in 256. */
	e = ((double)m / MH_K - 1.0 / 256) / (1 - 1.0 / 256);
	return e < 0 ? 0 : e;
}
