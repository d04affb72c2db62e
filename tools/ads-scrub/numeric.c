/*
 * numeric.c -- phone numbers, payment cards, SSNs and IPv4 addresses
 *
 * One scan cuts the text into number tokens: digit groups joined by
 * single separators (space, '-', '.', '/'), with an optional leading
 * '+', parenthesized groups ("(555)", the "(0)" of "+41 (0)71") and an
 * extension ("x123", "ext. 12").  Each token is classified once, in C:
 * the shape of its groups, checksums and, for the ambiguous shapes,
 * words around it.  Tokens glued to letters or to other numbers
 * ("v1.2.3", "1920x1080", "3f2a-...", "1,234,567", "$19.99", "-33.86")
 * are never findings: that is what keeps versions, hashes, UUIDs,
 * counts, prices and coordinates intact.
 */
#include <ctype.h>
#include <string.h>

#include "scrub.h"

#define MAXGROUP 12
#define MAXDIGIT 31

struct numtok {
	size_t	start;
	size_t	end;		/* after the digits (and extension) */
	size_t	numend;		/* after the digits, before the extension */
	int	plus;
	int	paren;		/* the first group is in parentheses */
	int	ngroups;
	int	glen[MAXGROUP];
	char	sep[MAXGROUP + 1];	/* separator before group i ('\0': none) */
	char	d[MAXDIGIT + 1];	/* the digits, without "(0)" */
	int	nd;
	int	ext;		/* digits in an extension */
	int	slash;		/* separators that are '/' */
};

/* Words that make a bare digit group a phone number. */
static const char *const phone_before[] = {
	"phone", "tel", "call", "mobile", "mob", "cell", "fax", "desk",
	"whatsapp", "sms", "text me", "reach", "contact", "dial", "answering",
	"registered", "messages to", "ring", "hotline", "landline",
	"telefon", "téléphone", "number is", NULL
};
static const char *const phone_after[] = {
	"office", "fax", "mobile", "cell", "home", "work", "desk", "phone",
	NULL
};
static const char *const ssn_before[] = {
	"ssn", "social security", "ss#", "ss no", NULL
};
static const char *const isbn_before[] = {
	"isbn", NULL
};

/* badprev -- a number cannot start after this byte. */
static int
badprev(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '.' || c == ',' || c == '-' ||
	    c == '/' || c == '+' || c == '@' || c == '#' || c == '$' ||
	    c == '\\' || c == '=' || c == '%' || c == '&' || c == '~';
}

/*
 * numtok_parse -- parse a number token starting at i.  Returns 0 when
 * the token is no candidate; *next is where the scan resumes.
 */
static int
numtok_parse(const char *p, size_t n, size_t i, struct numtok *t,
    size_t *next)
{
	size_t j = i, k;
	int g, ok = 1;

	memset(t, 0, sizeof(*t));
	t->start = i;
	if (p[j] == '+') {
		t->plus = 1;
		j++;
	}
	for (;;) {
		if (j < n && p[j] == '(') {
			k = j + 1;
			while (k < n && isdigit((unsigned char)p[k]) &&
			    k - j <= 5)
				k++;
			if (k == j + 1 || k >= n || p[k] != ')')
				break;
			if (k == j + 2 && p[j + 1] == '0') {
				/* "(0)": the trunk digit, not dialled */
			} else {
				if (t->ngroups == 0)
					t->paren = 1;
				g = (int)(k - j - 1);
				if (t->ngroups >= MAXGROUP ||
				    t->nd + g > MAXDIGIT) {
					ok = 0;
					break;
				}
				memcpy(t->d + t->nd, p + j + 1, g);
				t->nd += g;
				t->glen[t->ngroups++] = g;
			}
			j = k + 1;
			t->numend = j;
			if (j < n && (p[j] == ' ' || p[j] == '-') &&
			    j + 1 < n && isdigit((unsigned char)p[j + 1]))
				j++;
			if (j < n && (isdigit((unsigned char)p[j]) ||
			    p[j] == '('))
				continue;
			j = t->numend;
			break;
		}
		if (j >= n || !isdigit((unsigned char)p[j]))
			break;
		k = j;
		while (k < n && isdigit((unsigned char)p[k]))
			k++;
		g = (int)(k - j);
		if (t->ngroups >= MAXGROUP || t->nd + g > MAXDIGIT) {
			ok = 0;
			j = k;
			break;
		}
		memcpy(t->d + t->nd, p + j, g);
		t->nd += g;
		t->glen[t->ngroups++] = g;
		j = k;
		t->numend = j;
		if (j + 1 < n && (p[j] == ' ' || p[j] == '-' || p[j] == '.' ||
		    p[j] == '/') && isdigit((unsigned char)p[j + 1])) {
			t->sep[t->ngroups] = p[j];
			if (p[j] == '/')
				t->slash++;
			j++;
			continue;
		}
		if (j + 2 < n && p[j] == ' ' && p[j + 1] == '(' &&
		    isdigit((unsigned char)p[j + 2])) {
			t->sep[t->ngroups] = ' ';
			j++;
			continue;
		}
		if (j < n && p[j] == '(')
			continue;
		break;
	}
	/* Skip the rest of a run we do not take, so no scan starts inside. */
	*next = j > i ? j : i + 1;
	if (!ok)
		while (*next < n && (isalnum((unsigned char)p[*next]) ||
		    p[*next] == '-' || p[*next] == '.'))
			(*next)++;
	if (!ok || t->nd == 0)
		return 0;
	j = t->numend;
	t->end = j;
	/* An extension: "x123", " x123", " ext. 123", "ext123". */
	k = j;
	if (k < n && p[k] == ' ')
		k++;
	if (k < n && (p[k] == 'x' || p[k] == 'X'))
		k++;
	else if (k + 3 <= n && strncmp(p + k, "ext", 3) == 0) {
		k += 3;
		if (k < n && p[k] == '.')
			k++;
		if (k < n && p[k] == ' ')
			k++;
	} else
		k = j;
	if (k > j && k < n && isdigit((unsigned char)p[k])) {
		size_t e = k;

		while (e < n && isdigit((unsigned char)p[e]) && e - k < 6)
			e++;
		if (e >= n || !isalnum((unsigned char)p[e])) {
			t->ext = (int)(e - k);
			t->end = e;
		}
	}
	/* Glued to what follows: a word, or a bigger number. */
	j = t->end;
	if (j < n && (isalnum((unsigned char)p[j]) || p[j] == '_'))
		return 0;
	if (j + 1 < n && (p[j] == '.' || p[j] == ',' || p[j] == ':') &&
	    isdigit((unsigned char)p[j + 1]))
		return 0;
	if (j < n && (p[j] == '%' || p[j] == '@'))
		return 0;
	*next = t->end > i ? t->end : i + 1;
	return 1;
}

static int
gnum(const struct numtok *t, int g)
{
	int i, off = 0, v = 0;

	for (i = 0; i < g; i++)
		off += t->glen[i];
	for (i = 0; i < t->glen[g] && i < 9; i++)
		v = v * 10 + (t->d[off + i] - '0');
	return v;
}

static int
samesep(const struct numtok *t)
{
	int i;

	for (i = 2; i < t->ngroups; i++)
		if (t->sep[i] != t->sep[1])
			return 0;
	return 1;
}

/* looks_date -- "2024-01-15", "15.01.2024", "01/15/24", "2024 01 15". */
static int
looks_date(const struct numtok *t)
{
	int a, b, c;

	if (t->ngroups != 3 || !samesep(t) || t->plus || t->paren)
		return 0;
	a = gnum(t, 0);
	b = gnum(t, 1);
	c = gnum(t, 2);
	if (t->glen[0] == 4 && t->glen[1] <= 2 && t->glen[2] <= 2)
		return b >= 1 && b <= 12 && c >= 1 && c <= 31;
	if (t->glen[0] <= 2 && t->glen[1] <= 2 &&
	    (t->glen[2] == 4 || t->glen[2] == 2))
		return a >= 1 && a <= 31 && b >= 1 && b <= 31 &&
		    (a <= 12 || b <= 12) && c >= 0;
	return 0;
}

/* looks_isbn -- ISBN-13 (978/979, checksum) or grouped ISBN-10. */
static int
looks_isbn(const struct numtok *t)
{
	int i, sum = 0;

	if (t->nd == 13 && (strncmp(t->d, "978", 3) == 0 ||
	    strncmp(t->d, "979", 3) == 0)) {
		for (i = 0; i < 13; i++)
			sum += (t->d[i] - '0') * (i % 2 ? 3 : 1);
		return sum % 10 == 0;
	}
	if (t->nd == 10 && t->ngroups == 4 && t->sep[1] == '-') {
		for (i = 0; i < 10; i++)
			sum += (t->d[i] - '0') * (10 - i);
		return sum % 11 == 0;
	}
	return 0;
}

static int
card_prefix(const struct numtok *t)
{
	const char *d = t->d;

	if (t->nd == 12)	/* Maestro's short numbers */
		return strncmp(d, "50", 2) == 0 || strncmp(d, "0604", 4) == 0 ||
		    (d[0] == '5' && d[1] >= '6') || d[0] == '6';
	return (d[0] >= '2' && d[0] <= '6') || strncmp(d, "1800", 4) == 0;
}

/* is_card -- 12 to 19 digits, uniform grouping, Luhn, an issuer prefix. */
static int
is_card(const struct numtok *t)
{
	int i;

	if (t->plus || t->paren || t->ext || t->nd < 12 || t->nd > 19)
		return 0;
	if (t->ngroups > 1) {
		if (!samesep(t) || (t->sep[1] != ' ' && t->sep[1] != '-'))
			return 0;
		for (i = 0; i < t->ngroups; i++)
			if (t->glen[i] < 3 && i != t->ngroups - 1)
				return 0;
	}
	return card_prefix(t) && luhn_ok(t->d, (size_t)t->nd);
}

static int
is_ipv4(const struct numtok *t)
{
	int i, off;

	if (t->ngroups != 4 || t->plus || t->paren || t->ext)
		return 0;
	for (i = 0, off = 0; i < 4; off += t->glen[i], i++) {
		if (t->sep[i] != (i ? '.' : '\0') || t->glen[i] > 3)
			return 0;
		if (t->glen[i] > 1 && t->d[off] == '0')
			return 0;	/* leading zero: not an address */
		if (gnum(t, i) > 255)
			return 0;
	}
	/* Loopback and "any" are not anyone's address. */
	if (gnum(t, 0) == 127 || (gnum(t, 0) == 0 && gnum(t, 3) == 0))
		return 0;
	return 1;
}

/*
 * phone_kind -- 1 when the token is a phone number by its shape alone,
 * 2 when it may be one if words around it say so, 0 when it is not.
 */
static int
phone_kind(const struct numtok *t)
{
	int nd = t->nd, i;

	if (nd < 7 || nd > 15 || looks_date(t) || looks_isbn(t))
		return 0;
	if (t->slash > 1 || (t->slash == 1 && (t->sep[1] != '/' ||
	    t->d[0] != '0')))
		return 0;
	/* arXiv identifiers: 2101.00001 */
	if (t->ngroups == 2 && t->sep[1] == '.' && t->glen[0] == 4 &&
	    t->glen[1] >= 4)
		return 0;
	if (t->plus)
		return nd >= 8 ? 1 : 0;
	if (t->glen[0] >= 3 && t->d[0] == '0' && t->d[1] == '0')
		return nd >= 10 ? 1 : 0;	/* 00 44 ..., 001-... */
	if (t->paren)
		return nd <= 12 ? 1 : 0;
	/* North America: 555-123-4567, 555.123.4567, 1-555-123-4567 */
	if (t->ngroups == 3 && t->glen[0] == 3 && t->glen[1] == 3 &&
	    t->glen[2] == 4 && t->sep[1] != '/' && t->sep[2] != '/')
		return 1;
	if (t->ngroups == 4 && t->glen[0] == 1 && t->d[0] == '1' &&
	    t->glen[1] == 3 && t->glen[2] == 3 && t->glen[3] == 4)
		return 1;
	/* A national number with its trunk 0: UK, DE, FR, JP, AU, IN, BR */
	if (t->d[0] == '0' && t->glen[0] >= 2 && t->ngroups >= 2 &&
	    nd >= 9 && nd <= 12)
		return 1;
	/* India's mobiles: 98765 43210 */
	if (t->ngroups == 2 && t->glen[0] == 5 && t->glen[1] == 5 &&
	    t->d[0] >= '6' && t->sep[1] != '.' && t->sep[1] != '/')
		return 1;
	if (nd > 12)
		return 0;
	if (t->ngroups == 1 && nd < 10)
		return 0;
	for (i = 1; i < t->ngroups; i++)
		if (t->sep[i] == '/')
			return 0;
	return 2;
}

static void
add(struct scrub *s, size_t a, size_t b, int kind)
{
	if (s->kinds & (1u << kind))
		scrub_add_span(s, a, b, kind);
}

/*
 * next_start -- the first offset after i where a token can start: a
 * digit, or '+' or '(' before a digit or a '+'.  The digit runs of the
 * text (s->runs, from *r on) and memchr(3) for '+' find it without a
 * look at every byte.
 */
static size_t
next_start(const struct scrub *s, const char *p, size_t n, size_t i,
    size_t *r)
{
	const char *q;
	size_t d, k;

	i++;
	while (*r < s->nruns && s->runs[*r].end <= i)
		(*r)++;
	d = *r < s->nruns ? s->runs[*r].start : n;
	if (d < i)
		d = i;		/* i is inside a run */
	if (d >= i + 1 && d < n && (p[d - 1] == '+' || p[d - 1] == '('))
		d--;
	/* '+' or '(' before a '+' */
	for (k = i + 1; k <= d && k < n; k++) {
		q = memchr(p + k, '+', (d < n ? d + 1 : n) - k);
		if (q == NULL)
			break;
		k = (size_t)(q - p);
		if (p[k - 1] == '+' || p[k - 1] == '(')
			return k - 1;
	}
	return d;
}

/* scan_numbers -- classify every number token of p. */
void
scan_numbers(struct scrub *s, const char *p, size_t n)
{
	struct numtok t;
	size_t i = 0, next, r = 0;
	int pk;

	while (i < n) {
		unsigned char c = (unsigned char)p[i];

		if (!isdigit(c) && !((c == '+' || c == '(') && i + 1 < n &&
		    (isdigit((unsigned char)p[i + 1]) || p[i + 1] == '+'))) {
			i = next_start(s, p, n, i, &r);
			continue;
		}
		if (i > 0 && badprev((unsigned char)p[i - 1]) &&
		    !((p[i - 1] == ',' || p[i - 1] == '.') && (i < 2 ||
		    !isalnum((unsigned char)p[i - 2])))) {
			/* inside a word or a bigger number: skip the run */
			i++;
			while (i < n && (isalnum((unsigned char)p[i]) ||
			    p[i] == '.' || p[i] == ',' || p[i] == '-'))
				i++;
			continue;
		}
		if (!numtok_parse(p, n, i, &t, &next)) {
			i = next;
			continue;
		}
		i = next;
		if (is_ipv4(&t)) {
			add(s, t.start, t.numend, K_IPV4);
			continue;
		}
		if (!t.plus && !t.paren && t.ngroups == 3 && t.glen[0] == 3 &&
		    t.glen[1] == 2 && t.glen[2] == 4 && samesep(&t) &&
		    (t.sep[1] == '-' || t.sep[1] == ' ')) {
			if (ssn_ok(t.d))
				add(s, t.start, t.numend, K_SSN);
			continue;
		}
		if (t.ngroups == 1 && t.nd == 9 && !t.plus && !t.paren &&
		    ssn_ok(t.d) && context_before(p, t.start, ssn_before, 32)) {
			add(s, t.start, t.numend, K_SSN);
			continue;
		}
		if (is_card(&t)) {
			add(s, t.start, t.numend, K_CARD);
			continue;
		}
		if (context_before(p, t.start, isbn_before, 12))
			continue;
		pk = phone_kind(&t);
		if (pk == 2 && (context_before(p, t.start, phone_before, 40) ||
		    context_after(p, n, t.end, phone_after, 12)))
			pk = 1;
		if (pk == 1)
			add(s, t.start, t.end, K_PHONE);
	}
}
