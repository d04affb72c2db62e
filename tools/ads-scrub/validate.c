/*
 * validate.c -- checksums and shape rules that turn pattern matches into
 * findings: Luhn, IBAN mod-97, SSN ranges, IPv6, context words
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>

#include "scrub.h"

/* luhn_ok -- the Luhn (mod 10) check over n ASCII digits. */
int
luhn_ok(const char *d, size_t n)
{
	size_t i;
	int sum = 0, x;

	for (i = 0; i < n; i++) {
		x = d[n - 1 - i] - '0';
		if (i % 2) {
			x *= 2;
			if (x > 9)
				x -= 9;
		}
		sum += x;
	}
	return n > 0 && sum % 10 == 0;
}

/*
 * IBAN lengths per country (the SWIFT IBAN registry).  Two letters and
 * the total length, in one string for a quick scan.
 */
static const char iban_len[] =
    "AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24"
    "DE22DJ27DK18DO28EE20EG29ES24FI18FK18FO18FR27GB22GE22GI23GL18GR27"
    "GT28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20LU20"
    "LV21LY25MC27MD24ME22MK19MN20MR27MT31MU30NI28NL18NO15OM23PK24PL28"
    "PS29PT25QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25SV28"
    "TL23TN24TR26UA29VA22VG24XK20YE30";

static int
iban_country_len(int a, int b)
{
	const char *p;

	a = toupper(a);
	b = toupper(b);
	for (p = iban_len; *p != '\0'; p += 4)
		if (p[0] == a && p[1] == b)
			return (p[2] - '0') * 10 + (p[3] - '0');
	return 0;
}

/*
 * iban_ok -- s (n bytes) starts with an IBAN, grouped by single spaces
 * or not: the country's length and the mod-97 check.  *used receives
 * the bytes the IBAN spans (the match may run on into the next word).
 */
int
iban_ok(const char *s, size_t n, size_t *used)
{
	char c[40];
	size_t i, k;
	int len, rem, v;

	if (n < 4)
		return 0;
	len = iban_country_len((unsigned char)s[0], (unsigned char)s[1]);
	if (len == 0)
		return 0;
	for (i = 0, k = 0; i < n && k < (size_t)len; i++) {
		if (s[i] == ' ')
			continue;
		if (!isalnum((unsigned char)s[i]))
			return 0;
		c[k++] = (char)toupper((unsigned char)s[i]);
	}
	if (k != (size_t)len)
		return 0;
	/* The IBAN must end at a word boundary. */
	if (i < n && isalnum((unsigned char)s[i]))
		return 0;
	if (!isdigit((unsigned char)c[2]) || !isdigit((unsigned char)c[3]))
		return 0;
	/* Move the first four to the end; letters count as 10..35. */
	rem = 0;
	for (k = 0; k < (size_t)len; k++) {
		char ch = c[(k + 4) % len];

		if (isdigit((unsigned char)ch))
			rem = (rem * 10 + (ch - '0')) % 97;
		else {
			v = ch - 'A' + 10;
			rem = (rem * 100 + v) % 97;
		}
	}
	*used = i;
	return rem == 1;
}

/*
 * ssn_ok -- nine digits form a possible US SSN: area 001-899 but not
 * 666, group 01-99, serial 0001-9999 (SSA, randomization since 2011).
 */
int
ssn_ok(const char *d)
{
	int area, group, serial;

	area = (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
	group = (d[3] - '0') * 10 + (d[4] - '0');
	serial = (d[5] - '0') * 1000 + (d[6] - '0') * 100 +
	    (d[7] - '0') * 10 + (d[8] - '0');
	if (area == 0 || area == 666 || area >= 900)
		return 0;
	/* Numbers the SSA published as samples, never issued. */
	if (area == 78 && group == 5 && serial == 1120)
		return 0;
	return group != 0 && serial != 0;
}

/*
 * ipv6_ok -- p (n bytes) is an IPv6 address in a full, "::" or
 * IPv4-suffixed form, and not the loopback or unspecified address.
 */
int
ipv6_ok(const char *p, size_t n)
{
	struct in6_addr a;
	char buf[64];
	size_t i, hex = 0;

	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, p, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET6, buf, &a) != 1)
		return 0;
	for (i = 0; i < n; i++)
		if (isxdigit((unsigned char)p[i]))
			hex++;
	if (hex < 3)
		return 0;	/* "::", "::1", "a::b" in C++ or prose */
	return 1;
}

/* word_at -- w occurs in p at i, lowercased, starting a word. */
static int
word_at(const char *p, size_t i, const char *w)
{
	size_t k;

	if (i > 0 && isalpha((unsigned char)p[i - 1]))
		return 0;
	for (k = 0; w[k] != '\0'; k++)
		if (tolower((unsigned char)p[i + k]) != w[k])
			return 0;
	return 1;
}

/*
 * context_before -- one of words (lowercase, NULL-terminated) starts a
 * word in the window bytes before start.
 */
int
context_before(const char *p, size_t start, const char *const *words,
    size_t window)
{
	size_t from, i;
	const char *const *w;

	from = start > window ? start - window : 0;
	for (i = from; i < start; i++) {
		if (!isalpha((unsigned char)p[i]))
			continue;
		for (w = words; *w != NULL; w++)
			if (i + strlen(*w) <= start && word_at(p, i, *w))
				return 1;
	}
	return 0;
}

/* context_after -- the same for the window bytes after end. */
int
context_after(const char *p, size_t n, size_t end, const char *const *words,
    size_t window)
{
	size_t to, i;
	const char *const *w;

	to = end + window < n ? end + window : n;
	for (i = end; i < to; i++) {
		if (!isalpha((unsigned char)p[i]))
			continue;
		for (w = words; *w != NULL; w++)
			if (i + strlen(*w) <= n && word_at(p, i, *w))
				return 1;
	}
	return 0;
}
