/*
 * address.c -- street addresses
 *
 * An address is found from an anchor and then grown.  The anchors are
 * one PCRE2 pattern (UTF, Unicode properties, JIT) with these forms:
 *
 *	24 Clarke Avenue, 1819 St. John Street	number, words, suffix (US/UK/CA)
 *	29 Rue de Tanger, Via dei Fiorentini 17	street-type word first
 *	Kiannonkatu 98, Koepenicker Str. 74	street-type ending, number
 *	28030 Edeby 55				number, Name, number, line end
 *	Apt. 864, Suite 056			a unit
 *	PSC 3294, Box 9168, APO AA 61487	military and post boxes
 *
 * and a second pattern of cue phrases ("lives at", "address is",
 * "located at") after which the rest of the sentence is the address
 * when it holds a house number.  Growing takes the house number before
 * the anchor, then the unit, city, state or province, postcode and
 * country that follow, part by part (", " or a line break between
 * them), while each part looks like one: short, no '@' or ':', and no
 * finding of another kind.
 */
#define _GNU_SOURCE	/* memmem */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "scrub.h"

#define NUM "\\d{1,6}[A-Za-z]?(?:[-/]\\d{1,5}[A-Za-z]?)?"
#define CW "\\p{Lu}[\\p{L}'\\x{2019}.-]*"
#define W "[\\p{L}\\d][\\p{L}\\d'\\x{2019}.-]*"
#define SUF "(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|" \
	"Drive|Dr|Court|Ct|Place|Pl|Square|Sq|Terrace|Way|Parkway|Pkwy|" \
	"Highway|Hwy|Circle|Cir|Trail|Crescent|Close|Grove|Gardens|Row|" \
	"Mews|Hill|Park|Route|Union|Point|Forges?|Prairie|Alley|Bend|" \
	"Bridge|Brooks?|Bypass|Canyon|Causeway|Centre|Center|Cliffs?|" \
	"Common|Corners?|Cove|Creek|Crossing|Dale|Divide|Estates?|" \
	"Expressway|Falls|Ferry|Fields?|Flats?|Fords?|Forest|Fork|Fort|" \
	"Freeway|Gateway|Glen|Greens?|Harbou?r|Haven|Heights|Hollow|Inlet|" \
	"Island|Isle|Junction|Keys?|Knolls?|Lakes?|Landing|Lights?|Locks?|" \
	"Lodge|Loop|Mall|Manor|Meadows?|Mills?|Mission|Motorway|Mount|" \
	"Mountain|Neck|Orchard|Oval|Parade|Pass|Path|Pike|Pines?|Plains?|" \
	"Plaza|Ports?|Quay|Radial|Ranch|Rapids?|Ridge|River|Shoals?|" \
	"Shores?|Skyway|Springs?|Spurs?|Station|Stravenue|Stream|Summit|" \
	"Throughway|Trace|Track|Trafficway|Tunnel|Turnpike|Underpass|" \
	"Valley|Viaduct|View|Villages?|Ville|Vista|Walk|Wall|Wharf|Wells?|" \
	"Esplanade|Crest|Rise|Vale|Wynd)\\b\\.?"
#define PRE "(?i:Rue|Via|Viale|Rua|Avenida|Av\\.|Calle|Carrer|Piazza|" \
	"Piazzale|Corso|Largo|Strada|Chemin|All\\x{e9}e|Boulevard|Place|" \
	"Plaza|Pra\\x{e7}a|Travessa|Ulica|ul\\.|Aleja|Rruga|R\\x{fa}a|C/|" \
	"\\x{39f}\\x{3b4}\\x{3cc}\\x{3c2}|" \
	"\\x{39b}\\x{3b5}\\x{3c9}\\x{3c6}\\x{3cc}\\x{3c1}\\x{3bf}\\x{3c2}|" \
	"\\x{3a0}\\x{3bb}\\x{3b1}\\x{3c4}\\x{3b5}\\x{3af}\\x{3b1})"
#define MORPH "(?i:katu|tie|kuja|polku|kaari|gatan|v\\x{e4}gen|v\\x{e4}g|" \
	"gr\\x{e4}nd|torg|vej|veien|vegen|gata|gade|stra\\x{df}e|strasse|" \
	"str\\.|weg|gasse|platz|allee|damm|ufer|utca|\\x{fa}t|t\\x{e9}r|" \
	"k\\x{f6}r\\x{fa}t|laan|straat|gracht|plein|kade|ulica|aleja|cesta|" \
	"ulice|n\\x{e1}m\\x{11b}st\\x{ed}|v\\x{e4}ljak|iela|gatv\\x{117}|u(?=\\.))"

/* 1: number, capitalized words, suffix */
#define ALT1 "\\b(" NUM "),?[ \\t]+(?:" CW "[ \\t]+){1,4}" SUF
/* 2: number, street-type word, words, a capitalized name */
#define ALT2 "\\b(" NUM "),?[ \\t]+" PRE "[ \\t]+(?:" W "[ \\t]+){0,3}?" CW
/* 3: street-type word, words, number */
#define ALT3 "\\b" PRE "[ \\t]+(?:" W "[ \\t]+){0,4}?(" NUM ")\\b"
/* 4: a street-type ending, then the number */
#define ALT4 "(?<![\\p{L}])(?:\\p{L}[\\p{L}'\\x{2019}.-]*[ \\t]+){0,2}" \
	"(?:\\p{L}[\\p{L}'\\x{2019}-]*?)?" MORPH "\\b\\.?[ \\t]+(" NUM ")\\b"
/* 5: number, capitalized name, number at the end of a part */
#define ALT5 "\\b(\\d{2,6})[ \\t]+(?:" CW "[ \\t]+){1,3}" \
	"(\\d{1,4}[A-Za-z]?)\\b" \
	"(?=[ \\t]*(?:$|,|\\.|(?i:apt|suite|ste|unit)\\b))"
/* 6: a unit */
#define ALT6 "\\b(?i:apt|apartment|suite|ste)\\.?[ \\t]*#?\\d{1,5}[A-Za-z]?\\b"
/* 7: military and post boxes */
#define ALT7 "\\b(?i:(?:psc|unit|cmr)[ \\t]+\\d{3,5},?[ \\t]+box[ \\t]+\\d{1,5}" \
	"|(?:uss|usns|usnv|uscgc)[ \\t]+\\p{L}+(?=\\s*(?:fpo|apo|dpo)\\b)" \
	"|(?:apo|fpo|dpo)[ \\t]+(?:aa|ae|ap)[ \\t]+\\d{5}" \
	"|p\\.?[ \\t]?o\\.?[ \\t]+box[ \\t]+\\d{1,6})"

static const char anchor_re[] =
    ALT1 "|" ALT2 "|" ALT3 "|" ALT4 "|" ALT5 "|" ALT6 "|" ALT7;

/*
 * Form 4 costs the most: it may start at any letter and tries every
 * ending there.  It cannot match without its tail, a street-type
 * ending before a number: where morph_re finds none, the anchors are
 * searched with the other forms only (anchor_re less form 4), which
 * finds the same matches: anchored, at the places one can start
 * (anchors3).
 */
static const char anchor3_re[] =
    ALT1 "|" ALT2 "|" ALT3 "|" ALT5 "|" ALT6 "|" ALT7;
static const char morph_re[] = MORPH "\\b\\.?[ \\t]+\\d";

/* A named street after "on", "at", "of": on Marina Fort Street. */
static const char named_re[] =
    "(?<=\\bon |\\bat |\\bof |\\balong )(?:" CW "[ \\t]+){1,3}"
    "(?:Street|Road|Avenue|Boulevard|Lane|Drive)\\b";

static const char cue_re[] =
    "(?i)\\b(?:address(?:\\s+is|\\s*:|\\s+of\\s+[^.?!\\n]{1,60}?\\s+is)"
    "|lives?\\s+(?:at|on)|located\\s+(?:at|on)|meet\\s+me\\s+at"
    "|drops?\\s+you\\s+off\\s+at|station\\s+is\\s+on|it'?s\\s+(?:in|at)"
    "|(?:sent|send|ship|mail|deliver)\\s+(?:it\\s+)?to|moved\\s+to"
    "|to\\s+the\\s+same:|the\\s+corner\\s+of|(?:is|are)\\s+at)\\s+";

/*
 * An address after a cue starts within CUESPAN bytes of the cue's end
 * (cue_span) and cue phrases are short: a cue starts at most CUEBACK
 * bytes before its house number.
 */
#define CUESPAN	160
#define CUEBACK	(CUESPAN + 160)

static pcre2_code *anchor, *anchor3, *morph, *cue, *named;
static pcre2_match_context *cmc;	/* the offset limit of morph_near() */
static size_t *ev;		/* offsets of evidence words */
static size_t nev, capev;

static void evinit(void);
static void a3init(void);
static void wsinit(void);
static pcre2_match_data *amd;

/* The patterns, compiled and freed in this order. */
#define AFLAGS	(PCRE2_UTF | PCRE2_MATCH_INVALID_UTF)
static const struct {
	pcre2_code	**re;
	const char	 *src;
	uint32_t	  flags;
} pats[] = {
	{ &anchor, anchor_re, AFLAGS | PCRE2_UCP | PCRE2_MULTILINE },
	{ &anchor3, anchor3_re,
	    AFLAGS | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_ANCHORED },
	{ &morph, morph_re,
	    AFLAGS | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_USE_OFFSET_LIMIT },
	{ &cue, cue_re, AFLAGS | PCRE2_ANCHORED },
	{ &named, named_re, AFLAGS | PCRE2_UCP | PCRE2_ANCHORED }
};
#define NPATS	(sizeof(pats) / sizeof(pats[0]))

int
address_compile(char *err, size_t errlen)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	size_t i;
	int ec;

	if (anchor != NULL)
		return 0;
	for (i = 0; i < NPATS; i++) {
		*pats[i].re = pcre2_compile((PCRE2_SPTR)pats[i].src,
		    PCRE2_ZERO_TERMINATED, pats[i].flags, &ec, &off, NULL);
		if (*pats[i].re == NULL) {
			pcre2_get_error_message(ec, msg, sizeof(msg));
			snprintf(err, errlen, "address pattern: %s at %zu",
			    (char *)msg, (size_t)off);
			return -1;
		}
		(void)pcre2_jit_compile(*pats[i].re, PCRE2_JIT_COMPLETE);
	}
	evinit();
	a3init();
	wsinit();
	amd = pcre2_match_data_create_from_pattern(anchor, NULL);
	cmc = pcre2_match_context_create(NULL);
	if (amd == NULL || cmc == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void
address_free(void)
{
	size_t i;

	for (i = 0; i < NPATS; i++) {
		pcre2_code_free(*pats[i].re);
		*pats[i].re = NULL;
	}
	pcre2_match_data_free(amd);
	pcre2_match_context_free(cmc);
	cmc = NULL;
	free(ev);
	ev = NULL;
	nev = capev = 0;
	amd = NULL;
}

#if defined(__SSE2__)
/*
 * street_next -- the first place in [i, n) after a blank (' ' or
 * '\\t') where one of the named streets' words can start: S R A B L D
 * (named_re's Street, Road, Avenue, Boulevard, Lane, Drive); n when
 * there is none.  SSE2 passes over 16 bytes at a time.
 */
static size_t
street_next(const char *p, size_t n, size_t i)
{
	__m128i x, y;
	unsigned m;

	if (i == 0)
		i = 1;
	for (; i < n && n - i >= 16; i += 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		y = _mm_loadu_si128((const __m128i *)(const void *)
		    (p + i - 1));
		y = _mm_or_si128(_mm_cmpeq_epi8(y, _mm_set1_epi8(' ')),
		    _mm_cmpeq_epi8(y, _mm_set1_epi8('\t')));
		x = _mm_or_si128(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('S')),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('R'))),
		    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('A')),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('B')))),
		    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('L')),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('D'))));
		m = (unsigned)_mm_movemask_epi8(_mm_and_si128(x, y));
		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
	for (; i < n; i++)
		if (p[i - 1] == ' ' || p[i - 1] == '\t')
			switch (p[i]) {
			case 'S': case 'R': case 'A': case 'B': case 'L':
			case 'D':
				return i;
			}
	return n;
}
#endif

/*
 * A set of words, looked up by an FNV-1a hash with open addressing
 * (WSETSIZE slots, at least twice the words) instead of bsearch: one
 * comparison for most words of a text.  val holds the caller's index.
 */
#define WSETSIZE 1024
struct wset {
	const char	*w[WSETSIZE];
	unsigned char	 len[WSETSIZE];
	short		 val[WSETSIZE];
};

static unsigned
wshash(const char *w, size_t n)
{
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h & (WSETSIZE - 1);
}

/* wsput -- add the first n bytes of w to t as val. */
static void
wsput(struct wset *t, const char *w, size_t n, int val)
{
	unsigned h = wshash(w, n);

	while (t->w[h] != NULL)
		h = (h + 1) & (WSETSIZE - 1);
	t->w[h] = w;
	t->len[h] = (unsigned char)n;
	t->val[h] = (short)val;
}

static void
wsadd(struct wset *t, const char *w, int val)
{
	wsput(t, w, strlen(w), val);
}

/* wsfind -- the val of the word w (n bytes), or -1. */
static int wsfind(const struct wset *t, const char *w, size_t n);

/*
 * wsprefixes -- add w and its non-empty prefixes to t (once each):
 * the ASCII letters that may go on with a longer character.
 */
static void
wsprefixes(struct wset *t, const char *w)
{
	size_t n;

	for (n = strlen(w); n > 0; n--)
		if (wsfind(t, w, n) < 0)
			wsput(t, w, n, 0);
}

static int
wsfind(const struct wset *t, const char *w, size_t n)
{
	unsigned h = wshash(w, n);

	for (; t->w[h] != NULL; h = (h + 1) & (WSETSIZE - 1))
		if (t->len[h] == n && memcmp(t->w[h], w, n) == 0)
			return t->val[h];
	return -1;
}

static struct wset evset, a3set, a3pre, cueset, cuepre;

/*
 * Words that can make a number part of an address (lowercase, found
 * through evset): street suffixes, street-type words, units, boxes.  A
 * number with none of them (or of the street-type endings below)
 * within EVIDENCE bytes is not tried against the anchor pattern: this
 * pre-check is what keeps the pattern off most of a text.
 */
static const char *const evwords[] = {
	"allee", "alley", "allée", "apartment", "apo", "apt", "av", "ave",
	"avenida", "avenue", "bend", "blvd", "boulevard", "box", "bridge",
	"brook", "brooks", "bypass", "c", "calle", "canyon", "carrer",
	"causeway", "center", "centre", "chemin", "cir", "circle", "cliff",
	"cliffs", "close", "cmr", "common", "corner", "corners", "corso",
	"court", "cove", "creek", "crescent", "crest", "crossing", "ct",
	"dale", "divide", "dpo", "dr", "drive", "esplanade", "estate",
	"estates", "expressway", "falls", "ferry", "field", "fields",
	"flat", "flats", "ford", "fords", "forest", "forge", "forges",
	"fork", "fort", "fpo", "freeway", "gateway", "glen", "green",
	"greens", "grove", "harbor", "harbour", "haven", "heights",
	"highway", "hill", "hollow", "hwy", "inlet", "island", "isle",
	"junction", "key", "keys", "knoll", "knolls", "lake", "lakes",
	"landing", "lane", "largo", "light", "lights", "ln", "lock",
	"locks", "lodge", "loop", "mall", "manor", "meadow", "meadows",
	"mews", "mill", "mills", "mission", "motorway", "mount",
	"mountain", "neck", "o", "orchard", "oval", "p", "parade", "park",
	"parkway", "pass", "path", "piazza", "piazzale", "pike", "pine",
	"pines", "pkwy", "pl", "place", "plain", "plains", "plaza", "po",
	"point", "port", "ports", "prairie", "praça", "psc", "quay",
	"radial", "ranch", "rapid", "rapids", "rd", "ridge", "rise",
	"river", "road", "route", "row", "rruga", "rua", "rue", "rúa",
	"shoal", "shoals", "shore", "shores", "skyway", "spring",
	"springs", "spur", "spurs", "sq", "square", "st", "station", "ste",
	"str", "strada", "stravenue", "stream", "street", "suite",
	"summit", "terrace", "throughway", "trace", "track", "trafficway",
	"trail", "travessa", "tunnel", "turnpike", "tér", "u", "ul",
	"ulica", "underpass", "union", "unit", "uscgc", "usns", "usnv",
	"uss", "utca", "vale", "valley", "via", "viaduct", "viale", "view",
	"village", "villages", "ville", "vista", "walk", "wall", "way",
	"wells", "wharf", "wynd", "út", "Λεωφόρος", "Οδός", "Πλατεία",
	"λεωφόρος", "οδός", "πλατεία"
};

/* Street-type endings of compound names: Kiannonkatu, Hauptstraße. */
static const char *const evtails[] = {
	"katu", "tie", "kuja", "polku", "kaari", "gatan", "vägen", "väg",
	"gränd", "torg", "vej", "veien", "vegen", "gata", "gade", "straße",
	"strasse", "weg", "gasse", "platz", "allee", "damm", "ufer", "utca",
	"körút", "laan", "straat", "gracht", "plein", "kade", "ulica",
	"cesta", "ulice", "náměstí", "väljak", "iela", "gatvė", NULL
};

#define EVIDENCE 72

/*
 * An 8192-bit filter over (length, first, second and last byte) of the
 * evidence words: most words of a text fail it and never reach
 * the word set.  The key is computed from the lower-cased bytes.
 */
static unsigned char evbloom[1024];
static size_t evtaillen[64];
/* The last two bytes of the endings: most names end otherwise. */
static unsigned char evtail2[65536 / 8];

#define TAIL2(a, b) ((unsigned)(unsigned char)(a) << 8 | (unsigned char)(b))

static unsigned
evkey(int first, int second, int last, size_t n)
{
	return ((unsigned)first * 31u + (unsigned)second * 131u +
	    (unsigned)last * 7u + (unsigned)n) & 8191u;
}

/* LC -- the byte c lower-cased, as an unsigned value. */
#define LC(c) (evlc[(unsigned char)(c)])
/*
 * evlc, evletter -- tolower(3) of each byte, and whether it continues
 * a word (isalpha(3) or a byte of a longer character): tables filled
 * once, for the scans of find_evidence().
 */
static unsigned char evlc[256], evletter[256];

static void
evinit(void)
{
	size_t i, n;
	unsigned k;

	for (i = 0; i < 256; i++) {
		evlc[i] = (unsigned char)tolower((int)i);
		evletter[i] = isalpha((int)i) || i >= 0x80;
	}
	memset(&evset, 0, sizeof(evset));
	for (i = 0; i < sizeof(evwords) / sizeof(evwords[0]); i++) {
		wsadd(&evset, evwords[i], (int)i);
		n = strlen(evwords[i]);
		k = evkey(LC(evwords[i][0]), n > 1 ? LC(evwords[i][1]) : 0,
		    LC(evwords[i][n - 1]), n);
		evbloom[k >> 3] |= (unsigned char)(1u << (k & 7));
	}
	for (i = 0; evtails[i] != NULL; i++) {
		evtaillen[i] = strlen(evtails[i]);
		k = TAIL2(evtails[i][evtaillen[i] - 2],
		    evtails[i][evtaillen[i] - 1]);
		evtail2[k >> 3] |= (unsigned char)(1u << (k & 7));
	}
}

/* evword -- the word p[a, b) is address evidence. */
static int
evword(const char *p, size_t a, size_t b)
{
	char w[40];
	size_t i, n = b - a, tl;
	unsigned key;
	int k;

	if (n >= sizeof(w))
		return 0;
	/* The filters first: the lower-cased copy only for the few left. */
	key = evkey(LC(p[a]), n > 1 ? LC(p[a + 1]) : 0, LC(p[b - 1]), n);
	if (evbloom[key >> 3] & (1u << (key & 7))) {
		for (i = 0; i < n; i++)
			w[i] = (char)LC(p[a + i]);
		if (wsfind(&evset, w, n) >= 0)
			return 1;
	}
	/* Endings only on names: Kiannonkatu, not "tie" in prose. */
	if (n < 5 || !(isupper((unsigned char)p[a]) ||
	    (unsigned char)p[a] >= 0x80))
		return 0;
	key = TAIL2(LC(p[b - 2]), LC(p[b - 1]));
	if (!(evtail2[key >> 3] & (1u << (key & 7))))
		return 0;
	for (i = 0; i < n; i++)
		w[i] = (char)LC(p[a + i]);
	w[n] = '\0';
	for (k = 0; evtails[k] != NULL; k++) {
		tl = evtaillen[k];
		if (tl < n && memcmp(w + n - tl, evtails[k], tl) == 0)
			return 1;
	}
	return 0;
}

#if defined(__SSE2__)
/* letters16 -- a bit per byte of the 16 at p that continues a word. */
static inline unsigned
letters16(const char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i l = _mm_or_si128(x, _mm_set1_epi8(0x20));

	/* Signed compares: the bytes above 0x7f are below zero. */
	l = _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8('a' - 1)),
	    _mm_cmplt_epi8(l, _mm_set1_epi8('z' + 1)));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(l,
	    _mm_cmplt_epi8(x, _mm_setzero_si128())));
}
#endif

/*
 * word_next, word_end -- the first byte at or after i that continues a
 * word (evletter) before to, or to; the first that does not before n,
 * or n.  With SSE2, 16 bytes at a time: no branch per byte.
 */
static size_t
word_next(const char *p, size_t n, size_t i, size_t to)
{
#if defined(__SSE2__)
	unsigned m;

	for (; i < to && n - i >= 16; i += 16)
		if ((m = letters16(p + i)) != 0) {
			i += (size_t)__builtin_ctz(m);
			return i < to ? i : to;
		}
#else
	(void)n;
#endif
	while (i < to && !evletter[(unsigned char)p[i]])
		i++;
	return i < to ? i : to;
}

static size_t
word_end(const char *p, size_t n, size_t i)
{
#if defined(__SSE2__)
	unsigned m;

	for (; i < n && n - i >= 16; i += 16)
		if ((m = ~letters16(p + i) & 0xffff) != 0)
			return i + (size_t)__builtin_ctz(m);
#endif
	while (i < n && evletter[(unsigned char)p[i]])
		i++;
	return i;
}

/*
 * find_evidence -- append the offsets of evidence words that start in
 * [from, to) to ev; the caller moves forward through the text, so ev
 * stays sorted.  Returns where the scan stopped (a word end >= to).
 */
static size_t
find_evidence(const char *p, size_t n, size_t from, size_t to)
{
	size_t i = from, a;

	while (i < to) {
		if ((i = word_next(p, n, i, to)) == to)
			break;
		a = i;
		i = word_end(p, n, i);
		if (!evword(p, a, i))
			continue;
		if (nev == capev) {
			capev = capev ? 2 * capev : 64;
			ev = realloc(ev, capev * sizeof(*ev));
			if (ev == NULL) {
				capev = nev = 0;
				return i;
			}
		}
		ev[nev++] = a;
	}
	return i;
}

/* year -- the n bytes at p are a year 1800-2099 (not a house number). */
static int
year(const char *p, size_t n)
{
	return n == 4 && (p[0] == '1' || p[0] == '2') &&
	    ((p[0] == '1' && (p[1] == '8' || p[1] == '9')) ||
	    (p[0] == '2' && p[1] == '0'));
}

static int
busy(const struct scrub *s, size_t a, size_t b)
{
	return memchr(s->occ + a, 1, b - a) != NULL;
}

/* abbrev -- the word ending at e (before a '.') is a short form. */
static int
abbrev(const char *p, size_t q, size_t e)
{
	static const char *const ab[] = {
		"apt", "st", "ave", "rd", "dr", "blvd", "str", "u", "ste",
		"no", "mt", "ft", "jr", "av", "pl", "ln", "ct", NULL
	};
	size_t w = e, k;
	int i;

	while (w > q && isalpha((unsigned char)p[w - 1]))
		w--;
	if (e - w == 1)
		return 1;	/* an initial */
	for (i = 0; ab[i] != NULL; i++) {
		if (strlen(ab[i]) != e - w)
			continue;
		for (k = 0; k < e - w; k++)
			if (tolower((unsigned char)p[w + k]) != ab[i][k])
				break;
		if (k == e - w)
			return 1;
	}
	return 0;
}

/*
 * part_end -- the end of the address part starting at q: the next ',',
 * line break, sentence end or text end; 0 when the part is too long.
 */
static size_t
part_end(const char *p, size_t n, size_t q)
{
	size_t e;

	for (e = q; e < n && e - q <= 48; e++) {
		if (p[e] == ',' || p[e] == '\n' || p[e] == '?' ||
		    p[e] == '!' || p[e] == ';' || p[e] == '(' || p[e] == ')')
			return e;
		if (p[e] == '.' && (e + 1 == n || p[e + 1] == ' ') &&
		    !abbrev(p, q, e))
			return e;
	}
	return e == n ? e : 0;
}

/* part_ok -- p[q, e) looks like a unit, town, region, postcode or country. */
static int
part_ok(const struct scrub *s, const char *p, size_t q, size_t e, int lower)
{
	size_t i, words = 1, run = 0;
	unsigned char c = (unsigned char)p[q];

	if (e <= q || e - q > 48 || busy(s, q, e))
		return 0;
	if (!(isupper(c) || isdigit(c) || c >= 0x80 || (lower && islower(c))))
		return 0;
	for (i = q; i < e; i++) {
		c = (unsigned char)p[i];
		if (c == '@' || c == ':' || c == '/' || c == '=' || c == '"')
			return 0;
		if (c == ' ')
			words++;
		run = isdigit(c) ? run + 1 : 0;
		if (run > 6)
			return 0;
	}
	return words <= 5;
}

static int
hasdigit(const char *p, size_t q, size_t e)
{
	for (; q < e; q++)
		if (isdigit((unsigned char)p[q]))
			return 1;
	return 0;
}

/*
 * grow -- extend the finding [*a, *b) over the house number before it
 * and the parts after it.  A blank line is crossed only to a part with
 * a number in it (the postcode line of a letter's address block).
 */
static void
grow(const struct scrub *s, const char *p, size_t n, size_t *a, size_t *b)
{
	size_t q, e, k;
	int i, lower, blank;

	/* A number just before, on the same line: "28030 Edeby 55". */
	q = *a;
	while (q > 0 && (p[q - 1] == ' ' || p[q - 1] == '\t'))
		q--;
	k = q;
	while (k > 0 && isdigit((unsigned char)p[k - 1]))
		k--;
	if (k < q && q - k <= 6 && (k == 0 || isspace((unsigned char)p[k - 1]) ||
	    p[k - 1] == '>' || p[k - 1] == '?') && !busy(s, k, q))
		*a = k;
	lower = islower((unsigned char)p[*a]) != 0;
	for (i = 0; i < 6; i++) {
		q = *b;
		blank = 0;
		while (q < n && (p[q] == ' ' || p[q] == '\t' || p[q] == '.'))
			q++;
		if (q < n && (p[q] == ',' || p[q] == '\n')) {
			if (p[q] == '\n' && q + 1 < n && p[q + 1] == '\n') {
				blank = 1;
				q++;
			}
			q++;
			while (q < n && (p[q] == ' ' || p[q] == '\t' ||
			    p[q] == '>' || p[q] == '?'))
				q++;
		} else if (q == *b || p[q - 1] == '.')
			break;
		if (q >= n)
			break;
		e = part_end(p, n, q);
		while (e > q && (p[e - 1] == ' ' || p[e - 1] == '\t'))
			e--;
		if (e == 0 || !part_ok(s, p, q, e, lower) ||
		    (blank && !hasdigit(p, q, e)))
			break;
		*b = e;
	}
}

static int
house_ok(const char *p, PCRE2_SIZE *ov, int rc, int g5)
{
	int g;

	/* The numbers of forms 1 and 5 (groups 1, g5 and g5 + 1). */
	for (g = 1; g < rc; g++)
		if ((g == 1 || g >= g5) && ov[2 * g] != PCRE2_UNSET &&
		    year(p + ov[2 * g], ov[2 * g + 1] - ov[2 * g]))
			return 0;
	return 1;
}

/* month -- the word before offset i (in [q, i)) names a month. */
static int
month(const char *p, size_t q, size_t i)
{
	static const char m[] = "jan feb mar apr may jun jul aug sep oct "
	    "nov dec ";
	char w[5];
	size_t e = i, a;

	while (e > q && p[e - 1] == ' ')
		e--;
	a = e;
	while (a > q && isalpha((unsigned char)p[a - 1]))
		a--;
	if (e - a < 3)
		return 0;
	w[0] = (char)tolower((unsigned char)p[a]);
	w[1] = (char)tolower((unsigned char)p[a + 1]);
	w[2] = (char)tolower((unsigned char)p[a + 2]);
	w[3] = ' ';
	w[4] = '\0';
	return strstr(m, w) != NULL && (strstr(m, w) - m) % 4 == 0;
}

/*
 * housenum -- the digit run p[i - run, i) can be a house number: not a
 * year, time, decimal, price, percentage, rank, phone part or date.
 */
static int
housenum(const char *p, size_t q, size_t e, size_t i, size_t run)
{
	size_t a = i - run;

	if (run < 1 || run > 6 || year(p + a, run))
		return 0;
	if (i < e && strchr(":%)-/", p[i]) != NULL)
		return 0;
	if (i + 1 < e && (p[i] == '.' || p[i] == ',') &&
	    isdigit((unsigned char)p[i + 1]))
		return 0;
	if (a > q && strchr(".,$#(+-/", p[a - 1]) != NULL)
		return 0;
	if (i + 2 < e && p[i] == ' ' && strchr("aApP", p[i + 1]) != NULL &&
	    (p[i + 2] == 'm' || p[i + 2] == 'M'))
		return 0;
	return !month(p, q, a);
}

/*
 * cue_span -- after a cue, the rest of the sentence when it is short
 * (at most 12 words) and holds a house number and a name.
 */
static void
cue_span(struct scrub *s, const char *p, size_t n, size_t q, int lower)
{
	size_t e, i, run = 0, words = 1;
	int num = 0, name = 0;

	for (e = q; e < n && e - q < CUESPAN; e++) {
		if (p[e] == '?' || p[e] == '!' || (p[e] == '\n' && e + 1 < n &&
		    p[e + 1] == '\n'))
			break;
		if (p[e] == '.' && (e + 1 == n || isspace((unsigned char)p[e + 1])) &&
		    !abbrev(p, q, e) && !isdigit((unsigned char)p[e - 1]))
			break;
	}
	while (e > q && strchr(" \t\n.,", p[e - 1]) != NULL)
		e--;
	for (i = q; i <= e; i++) {
		if (i < e && isdigit((unsigned char)p[i])) {
			run++;
			continue;
		}
		if (run > 0 && housenum(p, q, e, i, run))
			num = 1;
		run = 0;
		if (i < e && isspace((unsigned char)p[i]))
			words++;
		if (i < e && (i == q || p[i - 1] == ' ') &&
		    (isupper((unsigned char)p[i]) ||
		    (unsigned char)p[i] >= 0xC0))
			name = 1;
	}
	if (lower)
		name = 1;	/* a text all in lower case has no names */
	if (num && name && words <= 12 && e > q && !busy(s, q, e))
		scrub_add_span(s, q, e, K_ADDRESS);
}

/*
 * a3start -- an anchor3_re match can start at p[i]: every form of it
 * opens with \\b and a digit (forms 1, 2, 5), a street-type word of PRE
 * (r v a c p l s b t u, Greek) or a unit or box word (a s p u c f d),
 * in either case.  Any byte that starts a non-ASCII character is taken
 * too (Unicode digits, letters that fold to these: long s), and a \\b
 * needs no ASCII word character before.
 */
static unsigned char a3tab[256];	/* A3_* of each byte */
#define A3_WORD		1	/* an ASCII \\w byte */
#define A3_FIRST	2	/* can open a match after a non-word byte */
#define A3_ALWAYS	4	/* can open a match after anything */
#define A3_CUE		8	/* the first letter of a cue phrase */
/*
 * The lead bytes of the characters of \\p{Nd} beyond ASCII: U+0660,
 * U+06F0 and U+07C0 (D9, DB, DF), and the blocks U+0800-1FFF (E0,
 * E1), U+A000-AFFF (EA), U+F000-FFFF (EF) and the planes above; the
 * other blocks hold no decimal digit (Unicode 14, PCRE2 10.42; later
 * versions add digits only above U+FFFF).
 */
#define A3_ND		16

static void
a3init(void)
{
	const char *l = "abcdflprstuvABCDFLPRSTUV";
	int c;

	for (c = 0; c < 256; c++) {
		if (c < 0x80 && (isalnum(c) || c == '_'))
			a3tab[c] |= A3_WORD;
		if (c < 0x80 && (isdigit(c) || (c != 0 && strchr(l, c))))
			a3tab[c] |= A3_FIRST;
		/*
		 * Of the longer characters, those that can open a form:
		 * long s (C5 BF, folds to s), Greek (CE, CF) and the
		 * lead bytes of the blocks that hold decimal digits
		 * (\\p{Nd}: A3_ND).  No other character folds to the
		 * first letter of a form.
		 */
		if (c == 0xd9 || c == 0xdb || c == 0xdf || c == 0xe0 ||
		    c == 0xe1 || c == 0xea || c == 0xef || c >= 0xf0)
			a3tab[c] |= A3_ND | A3_ALWAYS;
		if (c == 0xc5 || c == 0xce || c == 0xcf)
			a3tab[c] |= A3_ALWAYS;
		if (c != 0 && strchr("adilmstADILMST", c) != NULL)
			a3tab[c] |= A3_CUE;
	}
}

/*
 * The ASCII words that open a form at a letter: the street-type words
 * of PRE (Av. ul. C/ by their letters), the units of form 6 and the
 * boxes of form 7 (p.o., po box).  The pattern's case-less
 * comparison folds ASCII letters only to ASCII letters or to characters
 * of two or more bytes, so a word of ASCII letters opens a match only
 * when it is one of these.
 */
static const char *const a3words[] = {
	"aleja", "apartment", "apo", "apt", "av", "avenida",
	"boulevard", "c", "calle", "carrer", "chemin", "cmr", "corso",
	"dpo", "fpo", "largo", "p", "piazza", "piazzale", "place",
	"plaza", "po", "psc", "rruga", "rua", "rue", "ste", "strada",
	"suite", "travessa", "ul", "ulica", "unit", "uscgc", "usns",
	"usnv", "uss", "via", "viale"
};

#define ASCIIALPHA(c) (((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z')

/*
 * a3word -- the letters at p[i] (subject end len) can open a match: a
 * word of a3words, or a prefix of one (or of Allée, Praça, Rúa) that
 * goes on with a longer character (é, long s), or letters that reach
 * the subject's end (left to the pattern).
 */
static int
a3word(const char *p, size_t i, size_t len)
{
	char w[12];
	size_t k;

	for (k = 0; i + k < len && k < sizeof(w) - 1 &&
	    ASCIIALPHA(p[i + k]); k++)
		w[k] = (char)(p[i + k] | 0x20);
	if (i + k == len)
		return 1;
	if (k == sizeof(w) - 1)
		return 0;	/* longer than every word */
	if ((unsigned char)p[i + k] >= 0x80)
		return wsfind(&a3pre, w, k) >= 0;
	return wsfind(&a3set, w, k) >= 0;
}

/*
 * a3num -- forms 1, 2 and 5 at the ASCII digit p[i]: the number (digits,
 * letters, '-' and '/'), maybe a ',', blanks, then a capital (\\p{Lu})
 * or a street-type word; a byte of a longer character anywhere is
 * left to the pattern.
 */
static int
a3num(const char *p, size_t i, size_t len)
{
	size_t k;
	unsigned char c;

	for (k = i; k < len && k - i < 20; k++) {
		c = (unsigned char)p[k];
		if (c >= 0x80)
			return 1;
		if (!(isdigit(c) || ASCIIALPHA(c) || c == '-' || c == '/'))
			break;
	}
	if (k < len && p[k] == ',')
		k++;
	if (k == len || (p[k] != ' ' && p[k] != '\t'))
		return k == len;
	while (k < len && (p[k] == ' ' || p[k] == '\t'))
		k++;
	if (k == len)
		return 1;
	c = (unsigned char)p[k];
	return c >= 0x80 || (c >= 'A' && c <= 'Z') ||
	    (ASCIIALPHA(c) && a3word(p, k, len));
}

static int
a3start(const char *p, size_t i, size_t len)
{
	unsigned t = a3tab[(unsigned char)p[i]], c2;

	if (t & A3_ALWAYS) {
		if (t & A3_ND)
			return 1;
		/* Long s, and the Greek first letters in either case. */
		c2 = i + 1 < len ? (unsigned char)p[i + 1] : 0;
		if (p[i] == '\xc5')
			return c2 == 0xbf;
		if (p[i] == '\xce')
			return c2 == 0x9f || c2 == 0xbf || c2 == 0x9b ||
			    c2 == 0xbb || c2 == 0xa0;
		return c2 == 0x80 || c2 == 0x96;
	}
	if (!(t & A3_FIRST) || (i > 0 &&
	    (a3tab[(unsigned char)p[i - 1]] & A3_WORD)))
		return 0;
	return isdigit((unsigned char)p[i]) ? a3num(p, i, len) :
	    a3word(p, i, len);
}

#if defined(__SSE2__)
/* RANGE16 -- the bytes of x in [lo, hi], compared as signed chars. */
#define RANGE16(x, lo, hi) _mm_and_si128(_mm_cmpgt_epi8((x), \
	_mm_set1_epi8((char)((lo) - 1))), _mm_cmplt_epi8((x), \
	_mm_set1_epi8((char)((hi) + 1))))
#define EQ16(x, c) _mm_cmpeq_epi8((x), _mm_set1_epi8((char)(c)))

/* asciiword16 -- the bytes of y that are A3_WORD: [A-Za-z0-9_]. */
static inline __m128i
asciiword16(__m128i y)
{
	__m128i l = _mm_or_si128(y, _mm_set1_epi8(0x20));

	return _mm_or_si128(_mm_or_si128(RANGE16(l, 'a', 'z'),
	    RANGE16(y, '0', '9')), EQ16(y, '_'));
}
#endif

/*
 * a3_next -- the first place in [i, we) where a3start() can be true:
 * a byte of A3_ALWAYS, or of A3_FIRST not after an A3_WORD byte; we
 * when there is none.  With SSE2, 16 bytes at a time.
 */
static size_t
a3_next(const char *p, size_t i, size_t we)
{
#if defined(__SSE2__)
	__m128i x, l, c;
	unsigned m;

	if (i == 0 && i < we) {
		if (a3tab[(unsigned char)p[0]] & (A3_FIRST | A3_ALWAYS))
			return 0;
		i = 1;
	}
	for (; i < we && we - i >= 16; i += 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		l = _mm_or_si128(x, _mm_set1_epi8(0x20));
		/* A3_FIRST: digits, and a-d f l p r-v in either case. */
		c = _mm_or_si128(_mm_or_si128(RANGE16(x, '0', '9'),
		    RANGE16(l, 'a', 'd')), _mm_or_si128(
		    _mm_or_si128(EQ16(l, 'f'), EQ16(l, 'l')),
		    _mm_or_si128(EQ16(l, 'p'), RANGE16(l, 'r', 'v'))));
		c = _mm_andnot_si128(asciiword16(_mm_loadu_si128(
		    (const __m128i *)(const void *)(p + i - 1))), c);
		/* A3_ALWAYS: C5 CE CF D9 DB DF E0 E1 EA, EF and above. */
		c = _mm_or_si128(c, _mm_or_si128(_mm_or_si128(
		    _mm_or_si128(EQ16(x, 0xc5), EQ16(x, 0xce)),
		    _mm_or_si128(EQ16(x, 0xcf), EQ16(x, 0xd9))),
		    _mm_or_si128(_mm_or_si128(EQ16(x, 0xdb),
		    RANGE16(x, -0x21, -0x1f)), _mm_or_si128(EQ16(x, 0xea),
		    RANGE16(x, -0x11, -1)))));
		m = (unsigned)_mm_movemask_epi8(c);
		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i < we; i++)
		if ((a3tab[(unsigned char)p[i]] & A3_ALWAYS) ||
		    ((a3tab[(unsigned char)p[i]] & A3_FIRST) && (i == 0 ||
		    !(a3tab[(unsigned char)p[i - 1]] & A3_WORD))))
			return i;
	return we;
}

/*
 * take -- the anchor match in amd (rc from pcre2_match) grown into an
 * address and added, unless it is empty, meets a finding or its house
 * number fails house_ok() (g5: the group of form 5).  Returns where the
 * next match may start.
 */
static size_t
take(struct scrub *s, const char *p, size_t n, int rc, int g5)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(amd);
	size_t a = ov[0], b = ov[1], off = b > a ? b : a + 1;

	if (b <= a || busy(s, a, b) || !house_ok(p, ov, rc, g5))
		return off;
	grow(s, p, n, &a, &b);
	return scrub_add_span(s, a, b, K_ADDRESS) ? b : off;
}

/*
 * anchors3 -- anchors() with anchor3_re: the anchored form tried at
 * each place a match can start (a3start), in order, which finds what
 * the search finds without running the pattern's alternatives at
 * every byte.
 */
static void
anchors3(struct scrub *s, const char *p, size_t n, size_t ws, size_t we,
    size_t len)
{
	size_t off = ws, i;
	int rc;

	for (i = ws; (i = a3_next(p, i < off ? off : i, we)) < we; i++) {
		if (!a3start(p, i, len))
			continue;
		rc = pcre2_match(anchor3, (PCRE2_SPTR)p, len, i, 0, amd,
		    NULL);
		if (rc >= 0)
			off = take(s, p, n, rc, 4);
	}
}

/*
 * morph_near -- morph_re matches in p[ws, len).  A match ends in blanks
 * and a digit (\\d: ASCII, or a character of \\p{Nd}: A3_ND), a word
 * that can end in a street-type ending before the blanks (morph_tail), and
 * its street-type ending is at most MORPHLEN bytes long: the pattern is
 * tried only from MORPHLEN bytes before such blanks (PCRE2's offset
 * limit), not over the whole window.
 */
#define MORPHLEN	32

/*
 * The endings of MORPH written in ASCII letters; the others hold a
 * longer character, str. ends in '.', and u stands before a '.'.
 */
#define MA(w) { w, sizeof(w) - 1 }
static const struct {
	const char	*w;
	size_t		 len;
} morph_ascii[] = {
	MA("katu"), MA("tie"), MA("kuja"), MA("polku"), MA("kaari"),
	MA("gatan"), MA("torg"), MA("vej"), MA("veien"), MA("vegen"),
	MA("gata"), MA("gade"), MA("strasse"), MA("weg"), MA("gasse"),
	MA("platz"), MA("allee"), MA("damm"), MA("ufer"), MA("utca"),
	MA("laan"), MA("straat"), MA("gracht"), MA("plein"), MA("kade"),
	MA("ulica"), MA("aleja"), MA("cesta"), MA("ulice"), MA("iela")
};
#undef MA

/*
 * morph_tail -- a street-type ending of MORPH can end at e, before
 * the blanks at p[b] (or the '.' before them): it is one of
 * morph_ascii (ignoring ASCII case), or the ten bytes before hold a
 * byte of a longer character (the other endings, and the characters
 * that fold to ASCII letters: long s, Kelvin sign), or a '.' or 'u.'
 * ends it.  A cheap necessary condition for a morph_re match whose
 * blanks start at b.
 */
static int
morph_tail(const char *p, size_t ws, size_t b)
{
	size_t e, k, l;
	int t, dot;

	for (dot = 0; dot < 2; dot++) {
		if (dot && !(b > ws + 1 && p[b - 1] == '.'))
			break;
		e = b - (size_t)dot;
		if (e <= ws)
			continue;
		if (p[e - 1] == '.' || (dot && (p[e - 1] | 0x20) == 'u'))
			return 1;
		for (k = e; k > ws && e - k < 10; k--)
			if ((unsigned char)p[k - 1] >= 0x80)
				return 1;
		for (t = 0; t < (int)(sizeof(morph_ascii) /
		    sizeof(morph_ascii[0])); t++) {
			l = morph_ascii[t].len;
			if (e - ws < l || (p[e - 1] | 0x20) !=
			    morph_ascii[t].w[l - 1])
				continue;
			for (k = 0; k < l; k++)
				if ((p[e - l + k] | 0x20) != morph_ascii[t].w[k])
					break;
			if (k == l)
				return 1;
		}
	}
	return 0;
}

static int
morph_near(const char *p, size_t ws, size_t len)
{
	size_t d, b, a;
	unsigned char c;

	for (d = ws + 1; d < len; d++) {
		c = (unsigned char)p[d];
		if ((!isdigit(c) && !(a3tab[c] & A3_ND)) || (p[d - 1] != ' ' &&
		    p[d - 1] != '\t'))
			continue;
		for (b = d - 1; b > ws && (p[b - 1] == ' ' || p[b - 1] == '\t');
		    b--)
			;
		if (!morph_tail(p, ws, b))
			continue;
		a = b > ws + MORPHLEN ? b - MORPHLEN : ws;
		while (a > ws && ((unsigned char)p[a] & 0xC0) == 0x80)
			a--;
		pcre2_set_offset_limit(cmc, d);
		if (pcre2_match(morph, (PCRE2_SPTR)p, len, a, 0, amd, cmc) >= 0)
			return 1;
	}
	return 0;
}

/*
 * anchors -- the anchor matches that start in [ws, we), grown.  The
 * subject ends a little after the window so that a match may finish
 * there; the window never cuts a UTF-8 sequence.
 */
static void
anchors(struct scrub *s, const char *p, size_t n, size_t ws, size_t we)
{
	size_t off, len;
	int rc;

	while (ws > 0 && ((unsigned char)p[ws] & 0xC0) == 0x80)
		ws--;
	len = we + 160 < n ? we + 160 : n;
	off = ws;
	if (!morph_near(p, ws, len)) {
		anchors3(s, p, n, ws, we, len);
		return;
	}
	while (off < we) {
		rc = pcre2_match(anchor, (PCRE2_SPTR)p, len, off, 0, amd,
		    NULL);
		if (rc < 0 || pcre2_get_ovector_pointer(amd)[0] >= we)
			break;
		off = take(s, p, n, rc, 5);
	}
}

/*
 * next_number -- another number follows within a few words after d,
 * with a capitalized word between (28030 Edeby 55).
 */
static int
next_number(const char *p, size_t n, size_t d)
{
	size_t k;
	int cap = 0;

	for (k = d; k < n && k - d < 48; k++) {
		unsigned char c = (unsigned char)p[k];

		if (isdigit(c))
			return cap;
		if (c == '\n' || c == ',' || c == '.')
			return 0;
		if (isupper(c) || c >= 0xC0)
			cap = 1;
	}
	return 0;
}

/*
 * cue_window -- a cue phrase can lead to the digit run r: its address
 * needs a house number (1 to 6 digits, no year, not after a
 * separator that housenum() refuses; the cue ends in white space).
 */
static int
cue_window(const char *p, const struct scrub_run *r)
{
	size_t len = r->end - r->start;

	return len <= 6 && !year(p + r->start, len) && (r->start == 0 ||
	    strchr(".,$#(+-/", p[r->start - 1]) == NULL);
}

/*
 * The first words of the cue phrases, and the word that must
 * follow some of them (after white space) for a cue ("to the same:",
 * "is at"), or "'" right after "it" (it's).  The pattern is caseless
 * and its \\w, \\s and \\b are ASCII (no UCP); an ASCII letter folds
 * to a longer character only for s (long s) and k (Kelvin sign).
 */
static const struct {
	const char	*w;
	const char	*next;
	const char	*next2;
} cuewords[] = {
	{ "address", NULL, NULL }, { "are", "at", NULL },
	{ "deliver", NULL, NULL }, { "drop", NULL, NULL },
	{ "drops", NULL, NULL }, { "is", "at", NULL }, { "it", "'", NULL },
	{ "its", "in", "at" }, { "live", NULL, NULL },
	{ "lives", NULL, NULL }, { "located", NULL, NULL },
	{ "mail", NULL, NULL }, { "meet", NULL, NULL },
	{ "moved", NULL, NULL }, { "send", NULL, NULL },
	{ "sent", NULL, NULL }, { "ship", NULL, NULL },
	{ "station", NULL, NULL }, { "the", "corner", NULL },
	{ "to", "the", NULL }
};

/* The lengths of the cue words, a bit each, by first letter. */
static unsigned cuelen[26];

/* wsinit -- the word sets of a3word() and cueword(). */
static void
wsinit(void)
{
	size_t i;

	static const char *const a3more[] = { "all", "pra", "r" };

	memset(&a3set, 0, sizeof(a3set));
	memset(&a3pre, 0, sizeof(a3pre));
	memset(&cueset, 0, sizeof(cueset));
	memset(&cuepre, 0, sizeof(cuepre));
	for (i = 0; i < sizeof(a3words) / sizeof(a3words[0]); i++) {
		wsadd(&a3set, a3words[i], (int)i);
		wsprefixes(&a3pre, a3words[i]);
	}
	for (i = 0; i < sizeof(a3more) / sizeof(a3more[0]); i++)
		wsprefixes(&a3pre, a3more[i]);
	for (i = 0; i < sizeof(cuewords) / sizeof(cuewords[0]); i++) {
		wsadd(&cueset, cuewords[i].w, (int)i);
		cuelen[cuewords[i].w[0] - 'a'] |= 1u << strlen(cuewords[i].w);
		wsprefixes(&cuepre, cuewords[i].w);
	}
}

/*
 * followed -- after p[e]: the word w of ASCII letters (ignoring case)
 * after white space, or w itself when it is "'"; or a byte of a
 * longer character where a letter of w is due (left to the pattern).
 */
static int
followed(const char *p, size_t n, size_t e, const char *w)
{
	size_t j = e, k;

	if (*w == '\'')
		return e < n && p[e] == '\'';
	while (j < n && (p[j] == ' ' || (p[j] >= '\t' && p[j] <= '\r')))
		j++;
	if (j == e)
		return 0;
	for (k = 0; w[k] != '\0'; k++) {
		if (j + k >= n)
			return 0;
		if ((unsigned char)p[j + k] >= 0x80)
			return 1;
		if ((p[j + k] | 0x20) != w[k])
			return 0;
	}
	return 1;
}

/*
 * cueword -- a cue phrase can start at the ASCII word p[i, e), which
 * is not after an ASCII word byte (\\b): its first word of ASCII
 * letters is one of cuewords (followed as the entry says), or a prefix
 * of one that goes on with a longer character (long s), or reaches the
 * text's end (left to the pattern).
 */
static int
cueword(const char *p, size_t n, size_t i, size_t e)
{
	char w[12];
	size_t k;
	int j;

	for (k = 0; i + k < e && k < sizeof(w) - 1 &&
	    ASCIIALPHA(p[i + k]); k++)
		w[k] = (char)(p[i + k] | 0x20);
	if (i + k == n)
		return 1;
	if (k == 0 || k == sizeof(w) - 1)
		return 0;
	if ((unsigned char)p[i + k] >= 0x80)
		return wsfind(&cuepre, w, k) >= 0;
	if (!(cuelen[w[0] - 'a'] & 1u << k) || (j = wsfind(&cueset, w, k)) < 0)
		return 0;
	return cuewords[j].next == NULL ||
	    followed(p, n, i + k, cuewords[j].next) ||
	    (cuewords[j].next2 != NULL &&
	    followed(p, n, i + k, cuewords[j].next2));
}

/*
 * cue_next -- the first place in [i, lim] where cues() tries a cue: a
 * first letter of a cue word (A3_CUE) not after an ASCII word byte
 * (\\b), or the lead byte of long s; lim + 1 when there is none.  Most
 * bytes are neither: SSE2 passes over them 16 at a time, and passes
 * over a first letter too when the byte after it rules out cueword():
 * an ASCII byte that does not make the first two letters of a cue word
 * (ad ar de dr is it li lo ma me mo se sh st th to).
 */
static size_t
cue_next(const char *p, size_t i, size_t lim)
{
#if defined(__SSE2__)
	const __m128i x20 = _mm_set1_epi8(0x20);
	__m128i x, y, w, c, h;
	unsigned m;

	if (i == 0 && lim > 0) {
		if ((a3tab[(unsigned char)p[0]] & A3_CUE) ||
		    (unsigned char)p[0] == 0xc5)
			return 0;
		i = 1;
	}
	/* The byte after each of the 16 is read too: up to lim. */
	for (; i <= lim && lim - i >= 16; i += 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		/* The bytes before: is each an ASCII letter, digit or _? */
		w = asciiword16(_mm_loadu_si128((const __m128i *)
		    (const void *)(p + i - 1)));
		/* The bytes after, in lower case, and those above 0x7f. */
		h = _mm_loadu_si128((const __m128i *)(const void *)
		    (p + i + 1));
		y = _mm_or_si128(h, x20);
		h = _mm_cmplt_epi8(h, _mm_setzero_si128());
		x = _mm_or_si128(x, x20);
		/* First letter, then the second letters it goes on with. */
#define PAIR(f, s1, s2) _mm_and_si128(EQ16(x, f), \
	_mm_or_si128(h, _mm_or_si128(EQ16(y, s1), EQ16(y, s2))))
		c = _mm_or_si128(_mm_or_si128(
		    _mm_or_si128(PAIR('a', 'd', 'r'), PAIR('d', 'e', 'r')),
		    _mm_or_si128(PAIR('i', 's', 't'), PAIR('l', 'i', 'o'))),
		    _mm_or_si128(_mm_or_si128(PAIR('m', 'a', 'e'),
		    PAIR('m', 'o', 'o')), _mm_or_si128(PAIR('s', 'e', 'h'),
		    _mm_or_si128(PAIR('s', 't', 't'), PAIR('t', 'h', 'o')))));
#undef PAIR
		m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_andnot_si128(w, c), EQ16(_mm_loadu_si128(
		    (const __m128i *)(const void *)(p + i)), 0xc5)));
		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i <= lim; i++)
		if (((a3tab[(unsigned char)p[i]] & A3_CUE) && (i == 0 ||
		    !(a3tab[(unsigned char)p[i - 1]] & A3_WORD))) ||
		    (unsigned char)p[i] == 0xc5)
			return i;
	return lim + 1;
}

/*
 * cues -- the cue phrases and the addresses after them.  An address
 * after a cue holds a house number within CUESPAN bytes, so the
 * pattern is tried only at starts up to CUEBACK bytes before a digit
 * run that can be one, and only where a cue can start (cuestart), not
 * all over the text.
 */
static void
cues(struct scrub *s, const char *p, size_t n)
{
	PCRE2_SIZE *ov;
	size_t r, i, ws, we, e, off = 0;
	unsigned char c;
	int lower = -1;

	for (r = 0; r < s->nruns; ) {
		if (!cue_window(p, &s->runs[r])) {
			r++;
			continue;
		}
		we = s->runs[r].start;
		ws = we > CUEBACK ? we - CUEBACK : 0;
		for (r++; r < s->nruns && s->runs[r].start <= we + CUEBACK;
		    r++)
			if (cue_window(p, &s->runs[r]))
				we = s->runs[r].start;
		if (off < ws)
			off = ws;
		while (off > 0 && ((unsigned char)p[off] & 0xC0) == 0x80)
			off--;
		/*
		 * The anchored pattern at each place a cue can start, in
		 * order, finds what a search from off finds that starts
		 * at we at the latest.
		 */
		while (off <= we && off < n) {
			off = cue_next(p, off, we < n - 1 ? we : n - 1);
			if (off > we || off >= n)
				break;
			c = (unsigned char)p[off];
			e = off + 1;
			if (a3tab[c] & A3_WORD) {
				/* Within the word no cue starts (no \\b). */
				while (e < n && (a3tab[(unsigned char)p[e]] &
				    A3_WORD))
					e++;
				if (!(a3tab[c] & A3_CUE) || (off > 0 &&
				    (a3tab[(unsigned char)p[off - 1]] &
				    A3_WORD)) || !cueword(p, n, off, e)) {
					off = e;
					continue;
				}
			} else if (c != 0xc5) {
				/* Of longer characters only long s folds
				 * to a first letter. */
				off++;
				continue;
			}
			if (pcre2_match(cue, (PCRE2_SPTR)p, n, off, 0, amd,
			    NULL) < 0) {
				off = e;
				continue;
			}
			ov = pcre2_get_ovector_pointer(amd);
			off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			if (lower == -1)
				for (lower = 1, i = 0; i < n && lower; i++)
					if (isupper((unsigned char)p[i]))
						lower = 0;
			cue_span(s, p, n, ov[1], lower);
		}
	}
}

/*
 * street_cands -- the places where a named street with its street
 * word at k can start: the one to three blank-delimited tokens before
 * it, when blanks come just before it.
 */
static void
street_cands(struct scrub *s, const char *p, size_t k)
{
	size_t d, r;

	for (r = 0; r < 3; r++) {
		for (d = k; d > 0 && (p[d - 1] == ' ' || p[d - 1] == '\t'); d--)
			;
		if (d == k || d == 0)
			break;
		for (k = d; k > 0 && p[k - 1] != ' ' && p[k - 1] != '\t'; k--)
			;
		scrub_cand(s, k);
	}
}

/*
 * scan_addresses -- cue phrases, then anchors grown into addresses,
 * then named streets.  Every anchor holds a number, so the anchor
 * pattern only runs in windows around numbers: prose without digits
 * costs nothing, and the pattern's many alternatives do not run at
 * every byte of a long text.
 */
void
scan_addresses(struct scrub *s, const char *p, size_t n)
{
	static const char *const streets[] = {
		"Street", "Road", "Avenue", "Boulevard", "Lane", "Drive", NULL
	};
	PCRE2_SIZE *ov;
	size_t off = 0, i, d, e, k, r, ws = 0, we = 0, lo, hi, scanned;
#if defined(__SSE2__)
	size_t j, len;
#else
	const char *q;
#endif
	int any = 0;

	if (anchor == NULL)
		return;
	cues(s, p, n);
	/* Evidence words are looked for only near numbers, lazily. */
	nev = 0;
	for (r = 0, e = 0, scanned = 0; r < s->nruns; r++) {
		i = s->runs[r].start;
		d = s->runs[r].end;
		if (d - i > 6)
			continue;
		lo = i > EVIDENCE ? i - EVIDENCE : 0;
		hi = d + EVIDENCE < n ? d + EVIDENCE : n;
		if (scanned < hi) {
			k = scanned > lo ? scanned : lo;
			while (k > scanned && (isalpha((unsigned char)p[k - 1]) ||
			    (unsigned char)p[k - 1] >= 0x80))
				k--;
			scanned = find_evidence(p, n, k, hi);
		}
		while (e < nev && ev[e] < lo)
			e++;
		if (!(e < nev && ev[e] < hi) && !next_number(p, n, d))
			continue;
		if (any && lo <= we) {
			we = hi;
			continue;
		}
		if (any)
			anchors(s, p, n, ws, we);
		ws = lo;
		we = hi;
		any = 1;
	}
	if (any)
		anchors(s, p, n, ws, we);
	/*
	 * A named street ends in a street word after blanks, with one to
	 * three capitalized words before it, each followed by blanks: it
	 * starts at one of the three blank-delimited tokens before an
	 * occurrence of a street word after a blank, where the anchored
	 * form is tried.
	 */
	s->ncands = 0;
#if defined(__SSE2__)
	for (j = street_next(p, n, 0); j < n; j = street_next(p, n, j + 1))
		for (i = 0; streets[i] != NULL; i++) {
			len = strlen(streets[i]);
			if (p[j] == streets[i][0] && n - j >= len &&
			    memcmp(p + j, streets[i], len) == 0)
				street_cands(s, p, j);
		}
#else
	for (i = 0; streets[i] != NULL; i++)
		for (q = p; (q = memmem(q, (size_t)(p + n - q), streets[i],
		    strlen(streets[i]))) != NULL; q++)
			street_cands(s, p, (size_t)(q - p));
#endif
	scrub_cands_sort(s);
	off = 0;
	for (r = 0; r < s->ncands; r++) {
		if (s->cands[r] < off || pcre2_match(named, (PCRE2_SPTR)p, n,
		    s->cands[r], 0, amd, NULL) < 0)
			continue;
		ov = pcre2_get_ovector_pointer(amd);
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		scrub_add_span(s, ov[0], ov[1], K_ADDRESS);
	}
}
