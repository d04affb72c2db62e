/*
 * signals.c -- the text signals of ads-score, in one pass
 *
 * The pass decodes UTF-8, classifies each code point (white space,
 * letter, upper case, digit, punctuation), cuts words at white space
 * (every CJK ideograph or kana is a word of its own), lines at '\n' and
 * paragraphs at runs of two or more '\n', and keeps per word only a
 * hash and a length, which is what the repetition measures of Gopher
 * need.  Phrase counts (URLs, boilerplate, lorem ipsum, C4's line
 * filters) are substring scans of an ASCII-lower-cased copy.
 */
#define _GNU_SOURCE	/* memmem */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "../../common/hash.h"
#include "../../common/utf8.h"
#include "../../common/util.h"
#include "score.h"

#define SEED	0xad5c0deULL

struct word {
	uint64_t	h;	/* hash of the raw bytes */
	uint32_t	nchar;
	uint32_t	uslot;	/* its counter in tabs[0], or NOSLOT */
};
#define NOSLOT	UINT32_MAX

struct line {
	size_t		off, len;	/* bytes, white space trimmed */
	size_t		nchar;
	uint32_t	nwords;
	uint32_t	nsent;		/* sentence ends in the line */
	uint32_t	maxword;	/* longest word, in code points */
	unsigned	endpunct : 1;
	unsigned	bad : 1;	/* C4: javascript or a policy phrase */
};

/*
 * A set or counter of 64-bit keys with open addressing; a generation
 * number per slot empties it in O(1) between texts.  One slot is one
 * cache line's quarter: key, count and generation together.
 */
struct slot {
	uint64_t	key;
	uint32_t	val;
	uint32_t	gen;
};

struct htab {
	struct slot	*s;
	unsigned	 grown;	/* times it grew: old slots are void */
	size_t		 cap;	/* slots in use, a prefix for the text */
	size_t		 alloc;	/* slots allocated */
	size_t		 n;	/* keys of the current generation */
	uint32_t	 cur;
};

static struct word *words;
static size_t nwordsalloc;
static struct line *lines;
static size_t nlinesalloc;
static char *low;
static size_t lowalloc;
static char *rawc;	/* the text, padded for sig_hash() */
static size_t rawcalloc;
static struct htab tabs[4];	/* words, lines/paragraphs, n-grams */

/* An n-gram at a word position, extended one word per round. */
struct gram {
	uint64_t	 h;
	uint32_t	 slot;	/* its counter's slot in this round */
	uint32_t	 len;	/* code points of its words */
};
static struct gram *grams;
static size_t ngramsalloc;
static uint32_t *live;		/* positions still candidates, sorted */
static size_t nlivealloc;
static size_t *cands;		/* byte pairs that may open a phrase */
static size_t ncandsalloc;

/* Character classes of ASCII bytes. */
#define C_SPACE	0x01
#define C_ALPHA	0x02
#define C_UPPER	0x04
#define C_DIGIT	0x08
#define C_PUNCT	0x10
static unsigned char cls[256];	/* 0 above 0x7f: decode those */

/*
 * The fast path's byte-parallel tests on eight bytes of a uint64_t
 * (little-endian order: the first byte is the lowest): BETWEEN sets the
 * top bit of each byte b with lo < b < hi and b < 0x80 (Anderson's "Bit
 * Twiddling Hacks", hasbetween), exactly, as no byte carries into the
 * next.
 */
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL
#define BETWEEN(x, lo, hi) \
	((ONES * (127 + (hi)) - ((x) & ONES * 127)) & ~(x) & \
	(((x) & ONES * 127) + ONES * (127 - (lo))) & HIGHS)

/* le64 -- x read from or for little-endian memory. */
static inline uint64_t
le64(uint64_t x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/* nbytes -- the number of bytes of x with their top bit set. */
static inline unsigned
nbytes(uint64_t x)
{
	return (unsigned)(((x >> 7) * ONES) >> 56);
}

/* runlen -- how many leading bytes (0..8) have their top bit set in x. */
static inline size_t
runlen(uint64_t x)
{
	uint64_t t = ~x & HIGHS;
	size_t r = 0;

	if (t == 0)
		return 8;
#if defined(__GNUC__)
	r = (size_t)__builtin_ctzll(t) / 8;
#else
	while (!(t & 0x80)) {
		t >>= 8;
		r++;
	}
#endif
	return r;
}

static void
initcls(void)
{
	int c;

	for (c = 0; c < 128; c++) {
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			cls[c] = C_SPACE;
		else if (c >= 'a' && c <= 'z')
			cls[c] = C_ALPHA;
		else if (c >= 'A' && c <= 'Z')
			cls[c] = C_ALPHA | C_UPPER;
		else if (c >= '0' && c <= '9')
			cls[c] = C_DIGIT;
		else if (c > ' ' && c < 127)
			cls[c] = C_PUNCT;
	}
}

static void
htab_alloc(struct htab *t, size_t cap)
{
	t->s = xcalloc(cap, sizeof(*t->s));
	t->cap = t->alloc = cap;
}

/* htab_reset -- empty t, with room for want keys before it grows. */
static void
htab_reset(struct htab *t, size_t want)
{
	size_t cap = 64;

	while (cap < want * 2)
		cap <<= 1;
	if (cap > t->alloc) {
		free(t->s);
		htab_alloc(t, cap);
		t->cur = 0;
	}
	/*
	 * Only a prefix the size of this text is used, so that one long
	 * text does not spread every later short one over a large table:
	 * the slots of the prefix all belong to older generations.
	 */
	t->cap = cap;
	t->n = 0;
	if (++t->cur == 0) {
		memset(t->s, 0, t->alloc * sizeof(*t->s));
		t->cur = 1;
	}
}

static inline uint32_t *htab_add(struct htab *, uint64_t);

/* htab_grow -- double the table, keeping the current keys. */
static void
htab_grow(struct htab *t)
{
	struct htab o = *t;
	size_t i;

	htab_alloc(t, o.cap * 2);
	t->grown = o.grown + 1;
	t->cur = 1;
	t->n = 0;
	for (i = 0; i < o.cap; i++)
		if (o.s[i].gen == o.cur)
			*htab_add(t, o.s[i].key) = o.s[i].val;
	free(o.s);
}

/*
 * htab_add -- the counter of key, created at 0; returns its address.
 * Inline: it runs a few times per word.
 */
static inline uint32_t *
htab_add(struct htab *t, uint64_t key)
{
	struct slot *e;
	size_t m, i;

	if ((t->n + 1) * 2 > t->cap)
		htab_grow(t);
	m = t->cap - 1;
	i = (size_t)(key ^ (key >> 29)) & m;
	/*
	 * The first probe in one branch, not one on whether it found the
	 * key or an empty slot: whether a word was seen before is data,
	 * and mispredictions cost more here than the instructions.  used
	 * is all ones when the slot holds a key of this generation (masks,
	 * as the compiler makes two branches of a || or even a |).
	 */
	e = &t->s[i];
	{
		uint64_t used = -(uint64_t)(e->gen == t->cur);

		if (((e->key ^ key) & used) == 0) {
			e->val &= (uint32_t)used;
			e->key = key;
			e->gen = t->cur;
			t->n += (size_t)(used + 1);
			return &e->val;
		}
	}
	i = (i + 1) & m;
	for (;;) {
		e = &t->s[i];
		if (e->gen != t->cur)
			break;
		if (e->key == key)
			return &e->val;
		i = (i + 1) & m;
	}
	e->gen = t->cur;
	e->key = key;
	e->val = 0;
	t->n++;
	return &e->val;
}

/* htab_slotof -- the slot of a counter that htab_add() returned. */
static inline size_t
htab_slotof(const struct htab *t, const uint32_t *c)
{
	return (size_t)((const struct slot *)(const void *)((const char *)c -
	    offsetof(struct slot, val)) - t->s);
}

/*
 * wordhash -- sig_hash(p, n), the same value, without a loop for the
 * words of up to 16 bytes (nearly all): their length is data, and the
 * loop's exit was mispredicted often.  Reads p[0..16) as well: the
 * copies are padded for it (PAD).
 */
#define PAD	17
static inline uint64_t
wordhash(const char *p, size_t n)
{
	uint64_t h, h1, w0, w1;
	size_t n0, n1;

	if (n - 1 >= 16)
		return sig_hash(p, n);
	n0 = n < 8 ? n : 8;
	n1 = 8 - ((16 - n) & 7);	/* n - 8 when n > 8, else unused */
	memcpy(&w0, p, 8);
	memcpy(&w1, p + 8, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w0 >>= 8 * (8 - n0);
	w1 >>= 8 * (8 - n1);
#else
	w0 &= ~0ULL >> (8 * (8 - n0));
	w1 &= ~0ULL >> (8 * (8 - n1));
#endif
	h = 0x9e3779b97f4a7c15ULL ^ n;
	h = (h ^ w0) * 0xff51afd7ed558ccdULL;
	h ^= h >> 29;
	h1 = (h ^ w1) * 0xff51afd7ed558ccdULL;
	h1 ^= h1 >> 29;
	h = n > 8 ? h1 : h;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 32);
}

static void *
grow(void *p, size_t *alloc, size_t want, size_t size)
{
	if (want <= *alloc)
		return p;
	while (*alloc < want)
		*alloc = *alloc ? *alloc * 2 : 256;
	return xreallocarray(p, *alloc, size);
}

/* decode -- the code point at p (n > 0 bytes left), its length in *len. */
static int32_t
decode(const unsigned char *p, size_t n, size_t *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t r;

	r = utf8proc_iterate(p, n > 4 ? 4 : (utf8proc_ssize_t)n, &cp);
	if (r <= 0) {
		*len = 1;
		return 0xFFFD;
	}
	*len = (size_t)r;
	return cp;
}

static int
isspacecp(int32_t c)
{
	return c == 0x85 || c == 0xA0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static int
iscjk(int32_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0x20000 && c <= 0x2FFFF);
}

/* Classes of a non-ASCII code point. */
static unsigned
cpclass(int32_t c)
{
	utf8proc_category_t cat;

	if (isspacecp(c))
		return C_SPACE;
	/* utf8proc numbers the categories in order: Lu Ll Lt Lm Lo M*, N*. */
	cat = utf8proc_category(c);
	if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
		return C_ALPHA | C_UPPER;
	if (cat >= UTF8PROC_CATEGORY_LL && cat <= UTF8PROC_CATEGORY_ME)
		return C_ALPHA;
	if (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO)
		return C_DIGIT;
	if (cat >= UTF8PROC_CATEGORY_ZS && cat <= UTF8PROC_CATEGORY_ZP)
		return C_SPACE;
	if (cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF)
		return 0;
	return C_PUNCT;
}

static int
isbullet(int32_t c)
{
	return c == '-' || c == '*' || c == 0x2022 || c == 0x2023 ||
	    c == 0x25E6 || c == 0x25CF || c == 0x25AA || c == 0xB7 ||
	    c == 0x2013 || c == 0x2043 || c == 0x25A0;
}

static int
isterminal(int32_t c)
{
	return c == '.' || c == '!' || c == '?' || c == '"' || c == '\'' ||
	    c == 0x201D || c == 0x2019 || c == 0x3002 || c == 0xFF01 ||
	    c == 0xFF1F || c == 0x2026;
}

static int
issentend(int32_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x3002 ||
	    c == 0xFF01 || c == 0xFF1F;
}

/*
 * The phrases counted, lower case, at least three bytes each; what
 * says which counts each adds to (P_C4 marks its line for C4).
 */
#define P_URL		0x01
#define P_MARKUP	0x02
#define P_LOREM		0x04
#define P_BOILER	0x08
#define P_C4		0x10
static struct phrase {
	const char	*s;
	unsigned	 what;
	size_t		 len;
	int		 next;	/* next phrase with the same key, or -1 */
	uint32_t	 pre;	/* its first three bytes, as PRE3 keeps them */
} phrases[] = {
	{ "http://", P_URL, 0, 0, 0 },
	{ "https://", P_URL, 0, 0, 0 },
	{ "www.", P_URL, 0, 0, 0 },
	{ "```", P_MARKUP, 0, 0, 0 },
	{ "&nbsp;", P_MARKUP, 0, 0, 0 },
	{ "&amp;", P_MARKUP, 0, 0, 0 },
	{ "lorem ipsum", P_LOREM, 0, 0, 0 },
	{ "dolor sit amet", P_LOREM, 0, 0, 0 },
	{ "placeholder text", P_LOREM, 0, 0, 0 },
	{ "your text here", P_LOREM, 0, 0, 0 },
	{ "insert text here", P_LOREM, 0, 0, 0 },
	{ "sample text", P_LOREM, 0, 0, 0 },
	{ "under construction", P_LOREM, 0, 0, 0 },
	{ "coming soon", P_LOREM, 0, 0, 0 },
	{ "all rights reserved", P_BOILER, 0, 0, 0 },
	{ "privacy policy", P_BOILER | P_C4, 0, 0, 0 },
	{ "terms of use", P_BOILER | P_C4, 0, 0, 0 },
	{ "terms of service", P_BOILER, 0, 0, 0 },
	{ "cookie", P_BOILER, 0, 0, 0 },
	{ "subscribe", P_BOILER, 0, 0, 0 },
	{ "sign in", P_BOILER, 0, 0, 0 },
	{ "log in", P_BOILER, 0, 0, 0 },
	{ "click here", P_BOILER, 0, 0, 0 },
	{ "javascript", P_BOILER | P_C4, 0, 0, 0 },
	{ "skip to content", P_BOILER, 0, 0, 0 },
	{ "contact us", P_BOILER, 0, 0, 0 },
	{ "copyright", P_BOILER, 0, 0, 0 },
	{ "cookie policy", P_C4, 0, 0, 0 },
	{ "uses cookies", P_C4, 0, 0, 0 },
	{ "use of cookies", P_C4, 0, 0, 0 },
	{ "use cookies", P_C4, 0, 0, 0 },
};
#define NPHRASES	(sizeof(phrases) / sizeof(phrases[0]))
/* phead[] and next hold phrase numbers in a signed char. */
_Static_assert(sizeof(phrases) / sizeof(phrases[0]) < 128, "too many phrases");
/* The first three bytes of four read from memory, in either byte order. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define PRE3	0xffffff00u
#else
#define PRE3	0x00ffffffu
#endif
#define PKEYBITS	12
static signed char phead[1 << PKEYBITS];	/* -1: none */
/*
 * Byte pairs (first | second << 8) that open a phrase, or that follow
 * its first byte.
 */
#define PAIR_FIRST	0x01
#define PAIR_SECOND	0x02
/*
 * Two bits a pair, four pairs a byte: 16 KB, a third of a level 1
 * cache, where a byte a pair took all of it and missed it often.
 */
static unsigned char pairtab[1 << 14];
#define PAIRSET(k, f)	(pairtab[(k) >> 2] |= (f) << ((k) & 3) * 2)

/* pairflags -- the PAIR_* flags of the two bytes at p. */
static inline unsigned
pairflags(const char *p)
{
	unsigned k = (unsigned char)p[0] | (unsigned char)p[1] << 8;

	return (unsigned)pairtab[k >> 2] >> (k & 3) * 2 & 3;
}

static unsigned
pkey(const char *p)
{
	unsigned k = (unsigned char)p[0] | (unsigned char)p[1] << 8 |
	    (unsigned)(unsigned char)p[2] << 16;

	return (k * 2654435761u) >> (32 - PKEYBITS);
}

static void
initphrases(void)
{
	size_t i;
	unsigned k;

	for (i = 0; i < (1 << PKEYBITS); i++)
		phead[i] = -1;
	for (i = 0; i < NPHRASES; i++) {
		phrases[i].len = strlen(phrases[i].s);
		memcpy(&phrases[i].pre, phrases[i].s, 4);	/* len >= 3 */
		phrases[i].pre &= PRE3;
		k = (unsigned char)phrases[i].s[0] |
		    (unsigned char)phrases[i].s[1] << 8;
		PAIRSET(k, PAIR_FIRST);
		k = (unsigned char)phrases[i].s[1] |
		    (unsigned char)phrases[i].s[2] << 8;
		PAIRSET(k, PAIR_SECOND);
		k = pkey(phrases[i].s);
		phrases[i].next = phead[k];
		phead[k] = (signed char)i;
	}
}

/* phraseat -- count the phrases starting at low[i]. */
static void
phraseat(struct sig *s, size_t i, size_t n, size_t nl, size_t *li)
{
	uint32_t w;
	int j;

	if (i + 3 > n)
		return;
	memcpy(&w, low + i, 4);		/* low is padded */
	for (j = phead[pkey(low + i)]; j >= 0; j = phrases[j].next) {
		const struct phrase *ph = &phrases[j];

		/* The first three bytes, then the rest. */
		if ((w & PRE3) != ph->pre || ph->len > n - i ||
		    memcmp(low + i + 3, ph->s + 3, ph->len - 3))
			continue;
		if (ph->what & P_URL)
			s->urls++;
		if (ph->what & P_MARKUP)
			s->markup++;
		if (ph->what & P_LOREM)
			s->lorem++;
		if (ph->what & P_BOILER)
			s->boiler++;
		if (ph->what & P_C4) {
			while (*li < nl && lines[*li].off + lines[*li].len <= i)
				(*li)++;
			if (*li < nl && lines[*li].off <= i)
				lines[*li].bad = 1;
		}
	}
}

/*
 * scanphrases -- count the phrases in low[0..n) in one pass and flag
 * the lines that hold a C4 phrase.  The pass looks at the byte pairs
 * at even offsets only: a phrase (three bytes or more) starting at i
 * has its first pair there when i is even and its second pair at i + 1
 * when i is odd, and pairtab says which of the two a pair can be.
 */
static void
scanphrases(struct sig *s, size_t n, size_t nl)
{
	size_t i, j, k, li = 0;
	unsigned f;

	/*
	 * Two passes: the first notes the offsets of the pairs that may
	 * matter without a branch on each (a pair is a candidate or not
	 * at random, and mispredictions cost more than the stores), the
	 * second looks at those.
	 */
	cands = grow(cands, &ncandsalloc, n / 2 + 1, sizeof(*cands));
	for (i = k = 0; i < n; i += 2) {
		/* low[n] is padding, so the pair at n - 1 is readable. */
		f = pairflags(low + i);
		cands[k] = i;
		k += f != 0;
	}
	for (j = 0; j < k; j++) {
		i = cands[j];
		f = pairflags(low + i);
		if ((f & PAIR_SECOND) && i > 0)
			phraseat(s, i - 1, n, nl, &li);
		if (f & PAIR_FIRST)
			phraseat(s, i, n, nl, &li);
	}
}

static uint64_t
mix(uint64_t h, uint64_t w)
{
	h ^= w + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h;
}

/*
 * ngrams -- Gopher's top and duplicate n-gram fractions.
 *
 * The n-gram hash and length at each position are extended by one word
 * per round (n = 2, 3, ...), and a round only counts the positions
 * whose two (n-1)-grams were both seen twice or more: an n-gram can
 * repeat only if both do, and an n-gram seen once changes neither the
 * top count (which must be 2 or more) nor datatrove's duplicate walk.
 * On prose the candidates thin out after n = 2 or 3.
 */
static void
ngrams(struct sig *s, size_t nw, int grown)
{
	struct htab *t = &tabs[2];
	size_t n, i, j, k, m, rep, next, total = s->chars;
	uint32_t *c, best, bestlen, len, at;

	if (total == 0 || nw < SIG_TOPN_MIN)
		return;
	grams = grow(grams, &ngramsalloc, nw, sizeof(*grams));
	live = grow(live, &nlivealloc, nw, sizeof(*live));
	/*
	 * Round 1: the words that may repeat.  A word seen once (its
	 * lower-cased form is counted in tabs[0]) starts no repeated
	 * n-gram; when that table grew during the text its slot numbers
	 * are void, and every word stays a candidate.
	 */
	for (i = k = 0; i < nw; i++) {
		grams[i].h = mix(1, words[i].h);
		grams[i].len = words[i].nchar;
		if (grown || words[i].uslot == NOSLOT ||
		    tabs[0].s[words[i].uslot].val >= 2)
			live[k++] = (uint32_t)i;
	}
	for (n = 2; n <= SIG_DUPN_MAX && n <= nw; n++) {
		/*
		 * Keep the positions whose (n-1)-gram and the next one both
		 * repeat (live[] is sorted), and extend them by a word.
		 */
		m = nw - n + 1;
		/*
		 * Without a branch on which positions stay (that is data):
		 * a dropped position never comes back, so extending its
		 * n-gram as well does no harm (the word index is clamped).
		 */
		for (i = j = 0; i + 1 < k; i++) {
			size_t wi;

			at = live[i];
			wi = at + n - 1 < nw ? at + n - 1 : nw - 1;
			grams[at].h = mix(grams[at].h, words[wi].h);
			grams[at].len += words[wi].nchar;
			live[j] = at;
			j += (at < m) & (live[i + 1] == at + 1);
		}
		k = j;
		if (k == 0)
			break;
		/* Sized so that it does not grow: the counters stay put. */
		htab_reset(t, k);
		best = bestlen = 0;
		for (i = 0; i < k; i++) {
			struct gram *g = &grams[live[i]];

			c = htab_add(t, g->h);
			g->slot = (uint32_t)(htab_slotof(t, c));
			++*c;
			/* Counted with the spaces that join its words. */
			len = g->len + (uint32_t)(n - 1);
			{
				int better = (*c > best) |
				    ((*c == best) & (len > bestlen));

				best = better ? *c : best;
				bestlen = better ? len : bestlen;
			}
		}
		/* Only an n-gram seen twice or more counts as repeated. */
		if (best < 2)
			break;	/* no longer n-gram can repeat either */
		for (i = j = 0; i < k; i++) {
			live[j] = live[i];
			j += t->s[grams[live[i]].slot].val >= 2;
		}
		k = j;
		/* CJK words have no spaces between them: cap at the text. */
		if (n <= SIG_TOPN_MAX)
			s->top_ngram[n] = fmin(1,
			    (double)best * bestlen / total);
		if (n < SIG_DUPN_MIN)
			continue;
		/*
		 * datatrove's find_all_duplicate: walk the n-grams; a repeated
		 * one adds its characters and skips past itself.  The n-grams
		 * seen once are never found again, so the walk visits only
		 * the repeated ones.
		 */
		htab_reset(t, k);
		rep = 0;
		next = 0;
		for (i = 0; i < k; i++) {
			at = live[i];
			if (at < next)
				continue;
			c = htab_add(t, grams[at].h);
			if (*c) {
				rep += grams[at].len;
				next = at + n;
			} else
				*c = 1;
		}
		s->dup_ngram[n] = (double)rep / total;
		if (rep == 0)
			break;	/* nor can a longer one */
	}
}

/* para -- account one paragraph text[a..b), trimmed of white space. */
static void
para(struct sig *s, const char *t, size_t a, size_t b)
{
	uint32_t *c;

	while (a < b && (unsigned char)t[a] < 0x80 &&
	    (cls[(unsigned char)t[a]] & C_SPACE))
		a++;
	while (b > a && (unsigned char)t[b - 1] < 0x80 &&
	    (cls[(unsigned char)t[b - 1]] & C_SPACE))
		b--;
	if (a >= b)
		return;
	s->paras++;
	c = htab_add(&tabs[3], ads_hash64(t + a, b - a, SEED));
	if (++*c > 1) {
		s->dup_paras++;
		s->dup_para_chars += ads_utf8_chars(t + a, b - a);
	}
}

/*
 * The state of sig_compute()'s pass: the word, the line and the
 * paragraph being read.  The steps below take it by address and are
 * inlined into the loop, so that it lives in registers as locals did.
 */
struct pass {
	struct sig		*s;
	const unsigned char	*p;	/* the text */
	size_t			 n;
	const struct stoptab	*st;
	size_t			 nw, nl;	/* words and lines so far */
	size_t			 ls, ps;	/* the line's, the paragraph's start */
	/* The word: its start, code points and bytes; what it holds. */
	size_t			 ws, wchars, sl;
	int			 inword, walpha, wnonsym, wcolon, wupper;
	int			 cased;	/* the last character was lower-cased */
	/* The line: its first and last characters, counts and extent. */
	int32_t			 last, prev1, prev2, first;
	size_t			 lchars, lwords, lsent, lmax;
	size_t			 lfirst, llast;
	int			 lhas, lhashonly;
};

#if defined(__GNUC__)
#define STEP	static inline __attribute__((always_inline))
#else
#define STEP	static inline
#endif

/* wordstart -- a word opens at text[i]. */
STEP void
wordstart(struct pass *a, size_t i)
{
	a->inword = 1;
	a->ws = i;
	a->wchars = 0;
	a->sl = 0;
	a->walpha = 0;
	a->wnonsym = 0;
	a->wcolon = 0;
	a->wupper = 0;
	words = grow(words, &nwordsalloc, a->nw + 2, sizeof(*words));
}

/*
 * asciirun -- the run of ASCII letters and digits at text[i], the bulk
 * of most texts, eight bytes at a time (SWAR): rawc and low are padded,
 * and the bytes stored past the run are rewritten when their turn
 * comes.  Returns the offset past the run.
 */
STEP size_t
asciirun(struct pass *a, size_t i)
{
	struct sig *s = a->s;
	size_t i0 = i, r;
	uint64_t w, lo, up, dg, m;

	if (!a->inword)
		wordstart(a, i);
	if (!a->lhas) {
		a->lhas = 1;
		a->first = a->p[i];
		a->lfirst = i;
	}
	do {
		memcpy(&w, rawc + i, 8);
		w = le64(w);
		/*
		 * Letters are the bytes in a..z with the case bit (0x20)
		 * set; upper case ones had it clear, and w << 2 brings it
		 * to the top bit.
		 */
		lo = BETWEEN(w | ONES * 0x20, 'a' - 1, 'z' + 1);
		up = lo & ~(w << 2);
		dg = BETWEEN(w, '0' - 1, '9' + 1);
		r = runlen(lo | dg);
		m = r == 8 ? ~0ULL : (1ULL << (8 * r)) - 1;
		lo &= m;
		up &= m;
		/* 0x80 >> 2 is the case bit. */
		w = le64(w | up >> 2);
		memcpy(low + i, &w, 8);
		s->letters += nbytes(lo);
		s->upper += nbytes(up);
		s->digits += nbytes(dg & m);
		if (lo)
			a->walpha = 1;
		if (up)
			a->wupper = 1;
		i += r;
	} while (r == 8);
	/*
	 * The last three characters, for ellipses at line ends: a letter
	 * or digit ends the run, and every window of three holding it
	 * fails the test anyway.
	 */
	a->last = a->prev1 = a->prev2 = a->p[i - 1];
	s->chars += i - i0;
	s->nonspace += i - i0;
	a->lchars += i - i0;
	a->wchars += i - i0;
	a->sl += i - i0;
	a->wnonsym = 1;
	a->lhashonly = 0;
	a->llast = i;
	return i;
}

/*
 * character -- the code point at text[i] (a '\n' at the end), its
 * length in *clen and its class in *k; writes its lower-cased bytes to
 * low and counts it.
 */
STEP int32_t
character(struct pass *a, size_t i, size_t *clen, unsigned *k)
{
	struct sig *s = a->s;
	const unsigned char *p = a->p;
	int32_t c;

	if (i == a->n) {
		*clen = 1;
		*k = C_SPACE;
		return '\n';
	}
	if (p[i] < 0x80) {
		c = p[i];
		*clen = 1;
		*k = cls[c];
		low[i] = (*k & C_UPPER) ? (char)(c + 32) : (char)c;
	} else {
		c = decode(p + i, a->n - i, clen);
		*k = cpclass(c);
		/* Four bytes (low and rawc are padded): no memcpy call. */
		memcpy(low + i, rawc + i, 4);
		/* Lower-case it where that keeps its length: Ü, É. */
		if (*k & C_UPPER) {
			utf8proc_uint8_t lc[4];
			int32_t l = utf8proc_tolower(c);

			if (l != c && (size_t)utf8proc_encode_char(l, lc) ==
			    *clen) {
				memcpy(low + i, lc, *clen);
				a->cased = 1;
			}
		}
	}
	s->chars++;
	s->nonspace += !(*k & C_SPACE);
	s->letters += (*k & C_ALPHA) != 0;
	s->upper += (*k & C_UPPER) != 0;
	s->digits += (*k & C_DIGIT) != 0;
	a->lchars++;
	return c;
}

/* punctuation -- count the punctuation c at text[i]. */
STEP void
punctuation(struct pass *a, size_t i, int32_t c)
{
	struct sig *s = a->s;
	const unsigned char *p = a->p;
	size_t n = a->n;

	s->punct++;
	if (c == '#') {
		s->hashes++;
		if (!a->lhas || a->lhashonly)
			s->head_hashes++;
	}
	else if (c == 0x2026)
		s->ellipses++;
	else if (c == '.' && i + 2 < n && p[i + 1] == '.' &&
	    p[i + 2] == '.' && (i == 0 || p[i - 1] != '.'))
		s->ellipses++;
	else if (c == '{' || c == '}') {
		s->braces++;
		if (c == '{' && i + 1 < n && p[i + 1] == '{')
			s->markup++;
	} else if ((c == '[' || c == ']') && i + 1 < n &&
	    p[i + 1] == (c == '[' ? '[' : '('))
		s->markup++;
	else if (c == '<' && i + 1 < n &&
	    (cls[p[i + 1] & 0x7f] & C_ALPHA || p[i + 1] == '/' ||
	    p[i + 1] == '!'))
		s->markup++;
}

/* wordend -- the word text[ws..i) ends. */
STEP void
wordend(struct pass *a, size_t i)
{
	struct sig *s = a->s;
	struct word *w = &words[a->nw++];
	size_t ws = a->ws, b = a->sl, f = 0;
	const char *lw;
	uint32_t *cnt;
	unsigned sf;

	w->h = wordhash(rawc + ws, i - ws);
	w->nchar = (uint32_t)a->wchars;
	w->uslot = NOSLOT;
	a->lwords++;
	if (a->wchars > a->lmax)
		a->lmax = a->wchars;
	if (a->walpha)
		s->alpha_words++;
	if (a->wnonsym) {
		s->nonsym_words++;
		s->nonsym_chars += a->wchars;
	}
	/* Rare, so tested first. */
	if (a->wcolon) {
		if (a->sl > 3 && memmem(low + ws, a->sl, "://", 3)) {
			s->url_words++;
			s->url_chars += a->wchars;
		}
	}
	/* Lower-cased, trimmed of ASCII punctuation. */
	lw = low + ws;
	while (f < b && (unsigned char)lw[f] < 0x80 &&
	    (cls[(unsigned char)lw[f]] & C_PUNCT))
		f++;
	while (b > f && (unsigned char)lw[b - 1] < 0x80 &&
	    (cls[(unsigned char)lw[b - 1]] & C_PUNCT))
		b--;
	if (b > f) {
		/* Often the raw word's bytes. */
		uint64_t lh = f == 0 && b == i - ws && !a->wupper ? w->h :
		    wordhash(lw + f, b - f);

		sf = stop_flags(a->st, lh);
		/* Sums, not branches on the words. */
		s->stop_words += (sf & STOP_LIST) != 0;
		s->gopher_stop += (sf & STOP_GOPHER) != 0;
		cnt = htab_add(&tabs[0], lh);
		w->uslot = (uint32_t)htab_slotof(&tabs[0], cnt);
		s->uniq_words += ++*cnt == 1;
	}
	a->inword = 0;
}

/* cjkword -- the CJK character at text[i] (clen bytes), a word by itself. */
STEP void
cjkword(struct pass *a, size_t i, size_t clen)
{
	struct sig *s = a->s;
	struct word *w;
	uint32_t *cnt;

	words = grow(words, &nwordsalloc, a->nw + 2, sizeof(*words));
	w = &words[a->nw++];
	w->h = sig_hash(rawc + i, clen);
	w->nchar = 1;
	w->uslot = NOSLOT;
	a->lwords++;
	s->alpha_words++;
	s->nonsym_words++;
	s->nonsym_chars++;
	s->cjk_words++;
	cnt = htab_add(&tabs[0], w->h);
	w->uslot = (uint32_t)htab_slotof(&tabs[0], cnt);
	if (++*cnt == 1)
		s->uniq_words++;
	if (a->lmax < 1)
		a->lmax = 1;
}

/* inword -- the character c (class k, clen bytes) continues a word. */
STEP void
inword(struct pass *a, size_t i, int32_t c, unsigned k, size_t clen)
{
	if (!a->inword)
		wordstart(a, i);
	if (c == ':')
		a->wcolon = 1;
	if (a->cased) {
		a->wupper = 1;
		a->cased = 0;
	}
	a->wchars++;
	a->sl += clen;
	if (k & C_ALPHA)
		a->walpha = 1;
	if (!(k & C_PUNCT))
		a->wnonsym = 1;
}

/* lineend -- a '\n' at text[i], or the end of the text, ends a line. */
STEP void
lineend(struct pass *a, size_t i)
{
	struct sig *s = a->s;
	size_t n = a->n;

	if (i < n)
		s->newlines++;
	if (a->lhas) {
		struct line *l;
		uint32_t *cnt;

		lines = grow(lines, &nlinesalloc, a->nl + 1, sizeof(*lines));
		l = &lines[a->nl++];
		l->off = a->lfirst;
		l->len = a->llast - a->lfirst;
		l->nchar = a->lchars - (i < n ? 1 : 0);
		l->nwords = (uint32_t)a->lwords;
		l->maxword = (uint32_t)a->lmax;
		l->endpunct = isterminal(a->last);
		l->nsent = (uint32_t)a->lsent;
		if (l->endpunct && !issentend(a->last) && a->lsent == 0)
			l->nsent = 1;
		l->bad = 0;
		if (isbullet(a->first))
			s->bullet_lines++;
		if (a->last == 0x2026 || (a->last == '.' &&
		    a->prev1 == '.' && a->prev2 == '.'))
			s->ellipsis_lines++;
		if (l->endpunct)
			s->punct_lines++;
		if (l->nchar <= 30)
			s->short_lines++;
		cnt = htab_add(&tabs[1], ads_hash64(a->p + l->off, l->len,
		    SEED + 2));
		if (++*cnt > 1) {
			s->dup_lines++;
			s->dup_line_chars += l->nchar;
		}
	}
	/* An empty line ends a paragraph. */
	if (i < n && i == a->ls && a->ls > 0) {
		para(s, (const char *)a->p, a->ps, a->ls - 1);
		a->ps = i + 1;
	}
	a->ls = i + 1;
	a->lchars = 0;
	a->lwords = 0;
	a->lsent = 0;
	a->lmax = 0;
	a->lhas = 0;
	a->last = a->prev1 = a->prev2 = 0;
}

/* visible -- the character c (clen bytes) at text[i] is not white space. */
STEP void
visible(struct pass *a, size_t i, int32_t c, size_t clen)
{
	const unsigned char *p = a->p;

	if (!a->lhas) {
		a->lhas = 1;
		a->first = c;
		a->lfirst = i;
		a->lhashonly = c == '#';
	} else if (c != '#')
		a->lhashonly = 0;
	a->llast = i + clen;
	a->prev2 = a->prev1;
	a->prev1 = a->last;
	a->last = c;
	if (issentend(c) && (i + clen >= a->n ||
	    (p[i + clen] < 0x80 && (cls[p[i + clen]] & C_SPACE))))
		a->lsent++;
}

/* setup -- prepare the tables and the padded copies for text. */
static void
setup(struct sig *s, const char *text, size_t n, const char *lang,
    struct pass *a)
{
	memset(s, 0, sizeof(*s));
	memset(a, 0, sizeof(*a));
	if (cls['a'] == 0) {
		initcls();
		initphrases();
	}
	a->s = s;
	a->p = (const unsigned char *)text;
	a->n = n;
	a->st = stop_table(lang);
	s->has_stoplist = a->st->haslist;
	s->lang_unknown = lang == NULL || strcmp(lang, "und") == 0;
	/* Both copies padded: wordhash() reads 16 bytes at a time. */
	low = grow(low, &lowalloc, n + PAD, 1);
	rawc = grow(rawc, &rawcalloc, n + PAD, 1);
	memcpy(rawc, text, n);
	memset(rawc + n, 0, PAD);
	memset(low + n, 0, PAD);
	/*
	 * About one word per five bytes, fewer distinct ones; a long text
	 * starts small and grows the table as it needs.
	 */
	htab_reset(&tabs[0], n / 8 + 16 < 4096 ? n / 8 + 16 : 4096);
	htab_reset(&tabs[1], n / 64 + 16);
	htab_reset(&tabs[3], 16);
}

void
sig_compute(struct sig *s, const char *text, size_t n, const char *lang)
{
	struct pass a;
	size_t i, clen;
	unsigned grown, k;
	int32_t c;

	setup(s, text, n, lang, &a);
	grown = tabs[0].grown;
	for (i = 0; i <= n; i += clen) {
		if (i < n && (cls[a.p[i]] & (C_ALPHA | C_DIGIT))) {
			i = asciirun(&a, i);
			clen = 0;
			continue;
		}
		c = character(&a, i, &clen, &k);
		/* Only punctuation needs the character itself. */
		if (k & C_PUNCT)
			punctuation(&a, i, c);
		/* Words. */
		if ((k & C_SPACE) || iscjk(c)) {
			if (a.inword)
				wordend(&a, i);
			if (!(k & C_SPACE))
				cjkword(&a, i, clen);
		} else
			inword(&a, i, c, k, clen);
		/* Lines. */
		if (c == '\n' || i == n) {
			lineend(&a, i);
			continue;
		}
		if (!(k & C_SPACE))
			visible(&a, i, c, clen);
	}
	para(s, text, a.ps, n);
	s->words = a.nw;
	s->lines = a.nl;
	low[n] = '\0';

	/* Phrases, and C4's line filters (Raffel et al. 2020, 2.2). */
	scanphrases(s, n, a.nl);
	for (i = 0; i < a.nl; i++) {
		struct line *l = &lines[i];

		if (!l->endpunct || l->nwords < 5 || l->maxword > 1000 ||
		    l->bad)
			continue;
		s->c4_lines++;
		s->c4_sentences += l->nsent;
	}
	ngrams(s, a.nw, tabs[0].grown != grown);
}

double
sig_ratio(size_t a, size_t b)
{
	return b == 0 ? 0 : (double)a / (double)b;
}

double
sig_mean_word_len(const struct sig *s)
{
	return sig_ratio(s->nonsym_chars, s->nonsym_words);
}

void
sig_free(void)
{
	size_t i;

	free(words);
	free(grams);
	free(live);
	free(cands);
	cands = NULL;
	ncandsalloc = 0;
	free(lines);
	free(low);
	free(rawc);
	words = NULL;
	grams = NULL;
	live = NULL;
	ngramsalloc = nlivealloc = 0;
	lines = NULL;
	low = rawc = NULL;
	nwordsalloc = nlinesalloc = lowalloc = rawcalloc = 0;
	for (i = 0; i < sizeof(tabs) / sizeof(tabs[0]); i++) {
		free(tabs[i].s);
		memset(&tabs[i], 0, sizeof(tabs[i]));
	}
}
