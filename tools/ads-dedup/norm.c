/*
 * norm.c -- text normalization, word hashing and MinHash for ads-dedup
 *
 * Normal form: Unicode NFKC with full case folding (utf8proc's
 * NFKC_Casefold without the removal of default ignorables), white space
 * and control characters collapsed, format characters (soft hyphen,
 * zero-width joiner) removed.  Pure ASCII text, the common case, takes a
 * table-driven path that gives the same result without utf8proc.
 *
 * MinHash (Broder 1997) over word n-gram shingles, K = 128 values by
 * one permutation hashing with densification; each minimum is kept as
 * 8 bits of its hash (b-bit MinHash, Li and Konig 2010), 128 bytes per
 * signature.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

static uint64_t
fmix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

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
	if ((c >= 0x2e80 && c <= 0x2fdf) || (c >= 0x3040 && c <= 0x30ff) ||
	    (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff))
		return C_CJK;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return C_SPACE;
	case UTF8PROC_CATEGORY_CF:
		return C_DROP;
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
	case UTF8PROC_CATEGORY_SM:
	case UTF8PROC_CATEGORY_SC:
	case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
		return C_PUNCT;
	default:
		return C_WORD;
	}
}

static void
pushword(struct words *w, uint64_t h)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->h = xreallocarray(w->h, w->cap, sizeof(*w->h));
	}
	w->h[w->n++] = fmix64(h);
}

/*
 * The state of one normalization pass: the key being written, whether
 * a space is pending, and the word being hashed.
 */
struct np {
	char		*k;		/* next byte of the key */
	char		*k0;
	int		 pend;
	int		 inword;
	uint64_t	 wh;
	int		 flags;
	struct words	*w;
};

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

static void
ascii(struct np *s, const unsigned char *p, size_t n)
{
	unsigned char c;
	size_t i;
	int k;

	if (s->w == NULL && !(s->flags & NORM_RAW)) {
		/*
		 * The key alone, no words to hash: map each byte through a
		 * table and let a space overwrite the space before it.
		 */
		const unsigned char *tab = (s->flags & NORM_PUNCT) ?
		    keytabp : keytab;
		unsigned char *o = (unsigned char *)s->k, t;
		int sp = s->pend || o == (unsigned char *)s->k0;

		if (s->pend && o > (unsigned char *)s->k0)
			*o++ = ' ';
		for (i = 0; i < n; i++) {
			t = tab[p[i]];
			*o = t;
			o += t != 0 && !(sp && t == ' ');
			sp = t == ' ' ? 1 : (t == 0 ? sp : 0);
		}
		/* A trailing space waits for the next word. */
		s->pend = 0;
		if (o > (unsigned char *)s->k0 && o[-1] == ' ') {
			o--;
			s->pend = 1;
		}
		s->k = (char *)o;
		return;
	}
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

/*
 * joins -- 1 when code point c may combine with what precedes it under
 * NFKC (a non-starter, or a script whose starters can be the second of
 * a composition: Indic, Hangul jamo, and the like), so that it must be
 * normalized together with the character before it.
 */
static int
joins(utf8proc_int32_t c)
{
	if (c < 0x300)
		return 0;
	if ((c >= 0x900 && c <= 0x1cff) || c >= 0x11000)
		return 1;
	return utf8proc_get_property(c)->combining_class != 0;
}

/*
 * The normal form of each BMP code point seen alone, computed once:
 * where its bytes are in cachebytes, and its class when it maps to one
 * code point (CMULTI otherwise).
 */
#define CMULTI	0x7f
static struct centry {
	uint32_t	off;
	uint8_t		len;
	uint8_t		cls;
	uint8_t		filled;
} cache[0x10000];
static struct ads_buf cachebytes;

/* classify -- feed normalized text m (n bytes) to the key and words. */
static void
classify(struct np *s, const unsigned char *m, size_t n)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t l;
	unsigned char u;
	size_t i = 0;
	int k;

	while (i < n) {
		if (m[i] < 0x80) {
			ascii(s, m + i, 1);
			i++;
			continue;
		}
		l = utf8proc_iterate(m + i, (utf8proc_ssize_t)(n - i), &c);
		if (l <= 0) {
			/* A stray byte: part of a word, as itself. */
			u = m[i];
			np_wordbytes(s, &u, 1);
			i++;
			continue;
		}
		k = cpclass(c);
		if (k == C_WORD)
			np_wordbytes(s, m + i, (size_t)l);
		else if (k == C_CJK) {
			np_endword(s);
			np_wordbytes(s, m + i, (size_t)l);
			np_endword(s);
		} else if (k != C_DROP)
			np_other(s, k, m + i, (size_t)l);
		i += (size_t)l;
	}
}

/* mapseg -- normalize one segment (n bytes) and classify it. */
static void
mapseg(struct np *s, const unsigned char *p, size_t n)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t ml;

	ml = utf8proc_map(p, (utf8proc_ssize_t)n, &m, UTF8PROC_STABLE |
	    UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (ml >= 0)
		classify(s, m, (size_t)ml);
	else
		classify(s, p, n);
	free(m);
}

/* single -- one BMP code point c (l bytes at p) standing alone. */
static void
single(struct np *s, utf8proc_int32_t c, const unsigned char *p, size_t l)
{
	struct centry *e = &cache[c];
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t ml;
	utf8proc_int32_t c2;
	const unsigned char *q;

	if (!e->filled) {
		ml = utf8proc_map(p, (utf8proc_ssize_t)l, &m,
		    UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
		    UTF8PROC_CASEFOLD);
		if (ml < 0 || ml > 255) {
			free(m);
			mapseg(s, p, l);
			return;
		}
		e->off = (uint32_t)cachebytes.len;
		e->len = (uint8_t)ml;
		ads_buf_add(&cachebytes, m, (size_t)ml);
		e->cls = CMULTI;
		if (ml > 0 && utf8proc_iterate(m, ml, &c2) == ml && c2 >= 0x80)
			e->cls = (uint8_t)cpclass(c2);
		e->filled = 1;
		free(m);
	}
	q = (const unsigned char *)cachebytes.p + e->off;
	switch (e->cls) {
	case C_WORD:
		np_wordbytes(s, q, e->len);
		break;
	case C_CJK:
		np_endword(s);
		np_wordbytes(s, q, e->len);
		np_endword(s);
		break;
	case C_DROP:
		break;
	case CMULTI:
		classify(s, q, e->len);
		break;
	default:
		np_other(s, e->cls, q, e->len);
		break;
	}
}

/*
 * unicode -- text with some non-ASCII: cut it into segments that
 * normalize independently (a starter and the characters that join it),
 * and normalize each, single BMP characters through the cache.
 */
static void
unicode(struct np *s, const unsigned char *p, size_t n)
{
	utf8proc_int32_t c, c0;
	utf8proc_ssize_t l;
	size_t i = 0, j, l0;

	while (i < n) {
		/* A run of ASCII, but for its last character. */
		for (j = i; j + 1 < n && p[j] < 0x80 && p[j + 1] < 0x80; j++)
			continue;
		if (j > i) {
			ascii(s, p + i, j - i);
			i = j;
		}
		if (p[i] < 0x80 && (i + 1 == n || p[i + 1] < 0x80)) {
			ascii(s, p + i, 1);
			i++;
			continue;
		}
		l = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c0);
		if (l <= 0) {
			classify(s, p + i, 1);
			i++;
			continue;
		}
		l0 = (size_t)l;
		/* The characters that join this one. */
		j = i + l0;
		while (j < n && p[j] >= 0x80) {
			l = utf8proc_iterate(p + j, (utf8proc_ssize_t)(n - j),
			    &c);
			if (l <= 0 || !joins(c))
				break;
			j += (size_t)l;
		}
		if (j == i + l0 && c0 < 0x10000 && c0 >= 0x80)
			single(s, c0, p + i, l0);
		else if (j == i + l0 && c0 < 0x80)
			ascii(s, p + i, 1);
		else
			mapseg(s, p + i, j - i);
		i = j;
	}
}

void
norm_text(const char *str, size_t n, int flags, struct ads_buf *key,
    struct words *w)
{
	const unsigned char *p = (const unsigned char *)str;
	struct np s;
	size_t i;

	if (asciicls['a'] != C_WORD || asciicls[0] != C_SPACE)
		initcls();
	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t v;

		memcpy(&v, p + i, 8);
		if (v & 0x8080808080808080ULL)
			break;
	}
	for (; i < n && p[i] < 0x80; i++)
		continue;
	ads_buf_reset(key);
	if (flags & NORM_RAW)
		ads_buf_add(key, str, n);
	/*
	 * NFKC with case folding makes at most 11 bytes of one (U+FDFA,
	 * 3 bytes, becomes 33); ASCII maps to itself.
	 */
	ads_buf_grow(key, (i < n ? 12 * n : n) + 1);
	if (w != NULL)
		w->n = 0;
	memset(&s, 0, sizeof(s));
	s.k = s.k0 = key->p + key->len;
	s.wh = FNV_BASIS;
	s.flags = flags;
	s.w = (flags & NORM_WORDS) ? w : NULL;
	if (i < n)
		unicode(&s, p, n);
	else
		ascii(&s, p, n);
	np_endword(&s);
	if (!(flags & NORM_RAW)) {
		key->len = (size_t)(s.k - key->p);
		key->p[key->len] = '\0';
	}
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
