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
#include <ctype.h>
#include <stdio.h>
#include <string.h>

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
	"Plaza|Pra\\x{e7}a|Travessa|Ulica|ul\\.|Aleja|Rruga|" \
	"\\x{39f}\\x{3b4}\\x{3cc}\\x{3c2}|" \
	"\\x{39b}\\x{3b5}\\x{3c9}\\x{3c6}\\x{3cc}\\x{3c1}\\x{3bf}\\x{3c2}|" \
	"\\x{3a0}\\x{3bb}\\x{3b1}\\x{3c4}\\x{3b5}\\x{3af}\\x{3b1})"
#define MORPH "(?i:katu|tie|kuja|polku|kaari|gatan|v\\x{e4}gen|v\\x{e4}g|" \
	"gr\\x{e4}nd|torg|vej|veien|vegen|gata|gade|stra\\x{df}e|strasse|" \
	"str\\.|weg|gasse|platz|allee|damm|ufer|utca|\\x{fa}t|t\\x{e9}r|" \
	"k\\x{f6}r\\x{fa}t|laan|straat|gracht|plein|kade|ulica|aleja|cesta|" \
	"ulice|n\\x{e1}m\\x{11b}st\\x{ed}|v\\x{e4}ljak|iela|gatv\\x{117})"

static const char anchor_re[] =
    /* 1: number, capitalized words, suffix */
    "\\b(" NUM "),?[ \\t]+(?:" CW "[ \\t]+){0,4}" SUF
    /* 2: number, street-type word, words, a capitalized name */
    "|\\b(" NUM "),?[ \\t]+" PRE "[ \\t]+(?:" W "[ \\t]+){0,3}?" CW
    /* 3: street-type word, words, number */
    "|\\b" PRE "[ \\t]+(?:" W "[ \\t]+){0,4}?(" NUM ")\\b"
    /* 4: a street-type ending, then the number */
    "|(?<![\\p{L}])(?:" CW "[ \\t]+){0,2}\\p{L}[\\p{L}'\\x{2019}-]*?" MORPH
    "\\b\\.?[ \\t]+(" NUM ")\\b"
    /* 5: number, capitalized name, number at the end of a part */
    "|\\b(\\d{2,6})[ \\t]+(?:" CW "[ \\t]+){1,3}(\\d{1,4}[A-Za-z]?)\\b"
    "(?=[ \\t]*(?:$|,|\\.|(?i:apt|suite|ste|unit)\\b))"
    /* 6: a unit */
    "|\\b(?i:apt|apartment|suite|ste)\\.?[ \\t]*#?\\d{1,5}[A-Za-z]?\\b"
    /* 7: military and post boxes */
    "|\\b(?i:(?:psc|unit|cmr)[ \\t]+\\d{3,5},?[ \\t]+box[ \\t]+\\d{1,5}"
    "|(?:uss|usns|usnv|uscgc)[ \\t]+\\p{L}+(?=\\s*(?:fpo|apo|dpo)\\b)"
    "|(?:apo|fpo|dpo)[ \\t]+(?:aa|ae|ap)[ \\t]+\\d{5}"
    "|p\\.?[ \\t]?o\\.?[ \\t]+box[ \\t]+\\d{1,6})";

static const char cue_re[] =
    "(?i)\\b(?:address(?:\\s+is|\\s*:|\\s+of\\s+[^.?!\\n]{1,60}?\\s+is)"
    "|lives?\\s+(?:at|on)|located\\s+(?:at|on)|meet\\s+me\\s+at"
    "|drops?\\s+you\\s+off\\s+at|station\\s+is\\s+on|it'?s\\s+(?:in|at)"
    "|(?:sent|send|ship|mail|deliver)\\s+(?:it\\s+)?to|moved\\s+to"
    "|to\\s+the\\s+same:|the\\s+corner\\s+of)[ \\t]+";

static pcre2_code *anchor, *cue;
static pcre2_match_data *amd;

int
address_compile(char *err, size_t errlen)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int ec;

	if (anchor != NULL)
		return 0;
	anchor = pcre2_compile((PCRE2_SPTR)anchor_re, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE,
	    &ec, &off, NULL);
	if (anchor != NULL)
		cue = pcre2_compile((PCRE2_SPTR)cue_re, PCRE2_ZERO_TERMINATED,
		    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ec, &off, NULL);
	if (anchor == NULL || cue == NULL) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		snprintf(err, errlen, "address pattern: %s at %zu",
		    (char *)msg, (size_t)off);
		return -1;
	}
	(void)pcre2_jit_compile(anchor, PCRE2_JIT_COMPLETE);
	(void)pcre2_jit_compile(cue, PCRE2_JIT_COMPLETE);
	amd = pcre2_match_data_create_from_pattern(anchor, NULL);
	return 0;
}

void
address_free(void)
{
	pcre2_code_free(anchor);
	pcre2_code_free(cue);
	pcre2_match_data_free(amd);
	anchor = cue = NULL;
	amd = NULL;
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
		    e > q && !(e - q >= 2 && isupper((unsigned char)p[e - 2]) &&
		    !isalpha((unsigned char)p[e - 3 < q ? q : e - 3])))
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

/*
 * grow -- extend the finding [*a, *b) over the house number before it
 * and the parts after it.
 */
static void
grow(const struct scrub *s, const char *p, size_t n, size_t *a, size_t *b)
{
	size_t q, e, k;
	int i, lower;

	/* A number just before, on the same line: "28030 Edeby 55". */
	q = *a;
	while (q > 0 && (p[q - 1] == ' ' || p[q - 1] == '\t'))
		q--;
	k = q;
	while (k > 0 && isdigit((unsigned char)p[k - 1]))
		k--;
	if (k < q && q - k <= 6 && (k == 0 || isspace((unsigned char)p[k - 1]) ||
	    p[k - 1] == '>') && !busy(s, k, q))
		*a = k;
	lower = islower((unsigned char)p[*a]) != 0;
	for (i = 0; i < 6; i++) {
		q = *b;
		while (q < n && (p[q] == ' ' || p[q] == '\t'))
			q++;
		if (q < n && (p[q] == ',' || p[q] == '\n')) {
			if (p[q] == '\n' && q + 1 < n && p[q + 1] == '\n')
				break;
			q++;
			while (q < n && (p[q] == ' ' || p[q] == '\t' ||
			    p[q] == '>'))
				q++;
		} else if (q == *b)
			break;
		if (q >= n)
			break;
		e = part_end(p, n, q);
		while (e > q && (p[e - 1] == ' ' || p[e - 1] == '\t'))
			e--;
		if (e == 0 || !part_ok(s, p, q, e, lower))
			break;
		*b = e;
	}
}

static int
house_ok(const char *p, PCRE2_SIZE *ov, int rc)
{
	int g;

	for (g = 1; g < rc; g++)
		if (ov[2 * g] != PCRE2_UNSET &&
		    year(p + ov[2 * g], ov[2 * g + 1] - ov[2 * g]))
			return 0;
	return 1;
}

/* cue_span -- after a cue, the rest of the sentence when it has a number. */
static void
cue_span(struct scrub *s, const char *p, size_t n, size_t q)
{
	size_t e, i, run = 0;
	int num = 0;

	for (e = q; e < n && e - q < 160; e++) {
		if (p[e] == '?' || p[e] == '!' || (p[e] == '\n' && e + 1 < n &&
		    p[e + 1] == '\n'))
			break;
		if (p[e] == '.' && (e + 1 == n || isspace((unsigned char)p[e + 1])) &&
		    e >= q + 3 && islower((unsigned char)p[e - 1]) &&
		    islower((unsigned char)p[e - 2]) &&
		    islower((unsigned char)p[e - 3]))
			break;
	}
	while (e > q && strchr(" \t\n.,", p[e - 1]) != NULL)
		e--;
	for (i = q; i <= e; i++) {
		if (i < e && isdigit((unsigned char)p[i])) {
			run++;
			continue;
		}
		if (run >= 1 && run <= 6 && !year(p + i - run, run))
			num = 1;
		run = 0;
	}
	if (num && e > q && !busy(s, q, e))
		scrub_add_span(s, q, e, K_ADDRESS);
}

/* scan_addresses -- anchors grown into addresses, then cue phrases. */
void
scan_addresses(struct scrub *s, const char *p, size_t n)
{
	PCRE2_SIZE *ov, a, b;
	size_t off = 0, sa, sb;
	int rc;

	if (anchor == NULL)
		return;
	while (off < n) {
		rc = pcre2_match(anchor, (PCRE2_SPTR)p, n, off, 0, amd, NULL);
		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(amd);
		a = ov[0];
		b = ov[1];
		off = b > a ? b : a + 1;
		if (b <= a || busy(s, a, b) || !house_ok(p, ov, rc))
			continue;
		sa = a;
		sb = b;
		grow(s, p, n, &sa, &sb);
		if (scrub_add_span(s, sa, sb, K_ADDRESS))
			off = sb;
	}
	off = 0;
	while (off < n) {
		rc = pcre2_match(cue, (PCRE2_SPTR)p, n, off, 0, amd, NULL);
		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(amd);
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		cue_span(s, p, n, ov[1]);
	}
}
