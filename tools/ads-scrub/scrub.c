/*
 * scrub.c -- the matcher: detectors in priority order, overlap
 * resolution, the allowlist and the replacements
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "../../common/hash.h"
#include "../../common/util.h"
#include "scrub.h"

static const char *const kind_names[NKIND] = {
	"email", "phone", "card", "ssn", "ipv4", "ipv6", "iban", "address",
	"key", "jwt", "pem", "credential"
};
static const char *const kind_tags[NKIND] = {
	"EMAIL", "PHONE", "CARD", "SSN", "IPV4", "IPV6", "IBAN", "ADDRESS",
	"KEY", "JWT", "PEM", "CREDENTIAL"
};

/*
 * The patterns of the detectors that PCRE2 runs.  Numbers (phones,
 * cards, SSNs, IPv4) and addresses are scanned in numeric.c and
 * address.c.  Every pattern is a candidate finder; the validators in
 * validate.c decide.
 */
static const char *const kind_re[NKIND] = {
	/* email */
	"(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
	"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
	"([A-Za-z]{2,24})(?![\\w-])",
	NULL, NULL, NULL, NULL,
	/* ipv6 */
	"(?<![\\w:.])(?:[0-9A-Fa-f]{1,4}:|:)(?:[0-9A-Fa-f]{0,4}:){1,7}"
	"(?:[0-9A-Fa-f]{1,4}|(?:\\d{1,3}\\.){3}\\d{1,3})?(?![\\w:]|\\.\\d)",
	/* iban */
	"(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]){11,32}",
	NULL,
	/* key: AWS, GitHub, OpenAI, Anthropic, Slack, Google, Stripe, HF */
	"(?<![A-Za-z0-9_-])(?:"
	"(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}"
	"|gh[pousr]_[A-Za-z0-9]{36,255}"
	"|github_pat_[A-Za-z0-9_]{22,255}"
	"|sk-ant-[A-Za-z0-9_-]{20,}"
	"|sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"
	"|xox[abposr]-[A-Za-z0-9-]{10,}"
	"|AIza[0-9A-Za-z_-]{35}"
	"|[rs]k_(?:live|test)_[A-Za-z0-9]{16,}"
	"|hf_[A-Za-z0-9]{30,}"
	"|glpat-[A-Za-z0-9_-]{20,}"
	")(?![A-Za-z0-9_-])",
	/* jwt */
	"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}"
	"\\.[A-Za-z0-9_-]*",
	/* pem */
	"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
	"(?s:.*?)(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\\z)",
	/* credential: URL user:password, secret parameters, assignments */
	"(?i)(?:[a-z][a-z0-9+.-]{0,15}://\\K[^\\s/?#@:]+:[^\\s/?#@]+(?=@)"
	"|[?&;](?:access_?token|api_?key|apikey|auth|client_secret|key"
	"|pass(?:word)?|pwd|secret|sig(?:nature)?|token)=\\K[^&\\s#\"'<>]{4,}"
	"|\\b(?:aws_secret_access_key|secret_?key|api_?key|access_?token"
	"|auth_?token|client_?secret|password|passwd)[\"']?[ \\t]{0,3}[:=]"
	"[ \\t]{0,3}[\"']?\\K(?![\"'])[^\\s\"'`,;]{6,}"
	/* an AWS secret access key: 40 characters of mixed classes */
	"|\\baws(?s:.){0,80}?\\K(?<![A-Za-z0-9/+])"
	"(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])"
	"(?=[A-Za-z0-9/+]{0,39}\\d)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=]))"
};

/* Image and code file names look like addresses: logo@2x.png. */
static const char *const not_tld[] = {
	"png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "ts",
	"json", "py", "md", "txt", "html", NULL
};

void
scrub_init(struct scrub *s)
{
	memset(s, 0, sizeof(*s));
	s->kinds = (1u << NKIND) - 1;
	s->mode = MODE_TAG;
}

int
scrub_kinds(const char *list, unsigned *mask, char *bad, size_t badlen)
{
	const char *p = list, *e;
	size_t len;
	int k;

	*mask = 0;
	while (*p != '\0') {
		e = strchr(p, ',');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		for (k = 0; k < NKIND; k++)
			if (strlen(kind_names[k]) == len &&
			    strncmp(kind_names[k], p, len) == 0)
				break;
		if (k < NKIND)
			*mask |= 1u << k;
		else if (len == 2 && strncmp(p, "ip", 2) == 0)
			*mask |= 1u << K_IPV4 | 1u << K_IPV6;
		else if (len == 6 && strncmp(p, "secret", 6) == 0)
			*mask |= 1u << K_KEY | 1u << K_JWT | 1u << K_PEM |
			    1u << K_CREDENTIAL;
		else if (len == 3 && strncmp(p, "all", 3) == 0)
			*mask |= (1u << NKIND) - 1;
		else if (len > 0) {
			snprintf(bad, badlen, "%.*s", (int)len, p);
			return -1;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

static void *
compile(const char *re, uint32_t opts, char *err, size_t errlen)
{
	pcre2_code *c;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int ec;

	c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, opts, &ec,
	    &off, NULL);
	if (c == NULL) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		snprintf(err, errlen, "%s at offset %zu", (char *)msg,
		    (size_t)off);
		return NULL;
	}
	/* JIT is an optimization: without it (no support) PCRE2 interprets. */
	(void)pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
	return c;
}

int
scrub_add_pattern(struct scrub *s, const char *spec, char *err,
    size_t errlen)
{
	const char *eq;
	char e[300];
	size_t i, len;
	void *c;

	eq = strchr(spec, '=');
	if (eq == NULL || eq == spec) {
		snprintf(err, errlen, "expected name=REGEX: %s", spec);
		return -1;
	}
	len = (size_t)(eq - spec);
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)spec[i]) && spec[i] != '_' &&
		    spec[i] != '-') {
			snprintf(err, errlen, "bad pattern name: %.*s",
			    (int)len, spec);
			return -1;
		}
	if (s->nuser >= SCRUB_MAXUSER) {
		snprintf(err, errlen, "too many patterns (limit %d)",
		    SCRUB_MAXUSER);
		return -1;
	}
	c = compile(eq + 1, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, e,
	    sizeof(e));
	if (c == NULL) {
		snprintf(err, errlen, "%.*s: %s", (int)len, spec, e);
		return -1;
	}
	s->uname[s->nuser] = xstrndup(spec, len);
	s->utag[s->nuser] = xstrndup(spec, len);
	for (i = 0; i < len; i++)
		s->utag[s->nuser][i] = (char)(s->utag[s->nuser][i] == '-' ?
		    '_' : toupper((unsigned char)s->utag[s->nuser][i]));
	s->ure[s->nuser++] = c;
	return 0;
}

void
scrub_allow(struct scrub *s, const char *v, size_t n)
{
	s->allow = xreallocarray(s->allow, s->nallow + 1, sizeof(char *));
	s->allow[s->nallow++] = xstrndup(v, n);
}

static int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
scrub_compile(struct scrub *s, char *err, size_t errlen)
{
	int k;

	for (k = 0; k < NKIND; k++) {
		if (kind_re[k] == NULL || !(s->kinds & (1u << k)))
			continue;
		s->re[k] = compile(kind_re[k], 0, err, errlen);
		if (s->re[k] == NULL)
			return -1;
		/* Kinds searched from candidate starts (run_at). */
		if (k != K_EMAIL && k != K_IBAN && k != K_IPV6 &&
		    k != K_CREDENTIAL)
			continue;
		s->are[k] = compile(kind_re[k], PCRE2_ANCHORED, err, errlen);
		if (s->are[k] == NULL)
			return -1;
	}
	if ((s->kinds & 1u << K_ADDRESS) && address_compile(err, errlen) == -1)
		return -1;
	if (s->nallow > 0)
		qsort(s->allow, s->nallow, sizeof(char *), strpcmp);
	s->md = pcre2_match_data_create(16, NULL);
	if (s->md == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void
scrub_free(struct scrub *s)
{
	size_t i;
	int k;

	for (k = 0; k < NKIND; k++) {
		pcre2_code_free(s->re[k]);
		pcre2_code_free(s->are[k]);
	}
	for (k = 0; k < s->nuser; k++) {
		pcre2_code_free(s->ure[k]);
		free(s->uname[k]);
		free(s->utag[k]);
	}
	for (i = 0; i < s->nallow; i++)
		free(s->allow[i]);
	free(s->allow);
	pcre2_match_data_free(s->md);
	address_free();
	free(s->spans);
	free(s->occ);
	free(s->runs);
	free(s->cands);
	free(s->key);
	memset(s, 0, sizeof(*s));
}

int
scrub_nkinds(const struct scrub *s)
{
	return NKIND + s->nuser;
}

const char *
scrub_kind_name(const struct scrub *s, int k)
{
	return k < NKIND ? kind_names[k] : s->uname[k - NKIND];
}

static const char *
kind_tag(const struct scrub *s, int k)
{
	return k < NKIND ? kind_tags[k] : s->utag[k - NKIND];
}

static int
allowed(const struct scrub *s, const char *p, size_t n)
{
	size_t lo = 0, hi = s->nallow, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strncmp(p, s->allow[mid], n);
		if (c == 0 && s->allow[mid][n] != '\0')
			c = -1;
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/*
 * scrub_add_span -- take [start, end) as a finding of kind unless it is
 * empty, overlaps a finding already taken (detectors run in priority
 * order) or is allowlisted.  Returns 1 when taken.
 */
int
scrub_add_span(struct scrub *s, size_t start, size_t end, int kind)
{
	if (end <= start || end > s->textlen)
		return 0;
	if (memchr(s->occ + start, 1, end - start) != NULL)
		return 0;
	if (s->nallow > 0 && allowed(s, s->text + start, end - start))
		return 0;
	if (s->nspans == s->capspans) {
		s->capspans = s->capspans ? 2 * s->capspans : 16;
		s->spans = xreallocarray(s->spans, s->capspans,
		    sizeof(*s->spans));
	}
	s->spans[s->nspans].start = start;
	s->spans[s->nspans].end = end;
	s->spans[s->nspans].kind = kind;
	s->nspans++;
	memset(s->occ + start, 1, end - start);
	return 1;
}

/*
 * take -- validate the match in md for kind and record it.  *off is
 * where the search goes on; returns 0 for an empty match at *off (the
 * caller moves one byte on).
 */
static int
take(struct scrub *s, int kind, const char *p, size_t *off)
{
	PCRE2_SIZE *ov, a, b;
	size_t used;
	int i;

	ov = pcre2_get_ovector_pointer(s->md);
	a = ov[0];
	b = ov[1];
	if (b <= *off && a >= b)
		return 0;
	*off = b > *off ? b : *off + 1;
	if (a >= b)
		return 1;
	switch (kind) {
	case K_EMAIL:
		for (i = 0; not_tld[i] != NULL; i++)
			if (ov[3] - ov[2] == strlen(not_tld[i]) &&
			    strncasecmp(p + ov[2], not_tld[i],
			    ov[3] - ov[2]) == 0)
				return 1;
		break;
	case K_IPV6:
		if (!ipv6_ok(p + a, b - a))
			return 1;
		break;
	case K_IBAN:
		if (!iban_ok(p + a, b - a, &used))
			return 1;
		b = a + used;
		*off = b;
		break;
	default:
		break;
	}
	scrub_add_span(s, a, b, kind);
	return 1;
}

/* run -- every match of code c in p, validated for kind, as findings. */
static void
run(struct scrub *s, void *c, int kind, const char *p, size_t n)
{
	size_t off = 0;

	while (off <= n) {
		if (pcre2_match(c, (PCRE2_SPTR)p, n, off, 0, s->md, NULL) < 0)
			break;
		if (!take(s, kind, p, &off))
			off++;
	}
}

/*
 * run_at -- the anchored form of kind's pattern at the candidate start
 * a, when the search has not passed it (a >= *off).  Trying every
 * position where a match can start, in order, finds what the
 * unanchored search finds, without trying the pattern at every byte.
 */
static void
run_at(struct scrub *s, int kind, const char *p, size_t n, size_t a,
    size_t *off)
{
	if (a < *off || pcre2_match(s->are[kind], (PCRE2_SPTR)p, n, a, 0,
	    s->md, NULL) < 0)
		return;
	(void)take(s, kind, p, off);
}

/* The bytes of an e-mail's local part, and of \w . % + - before one. */
#define LOCALC(c) (isalnum((unsigned char)(c)) || (c) == '.' || \
	(c) == '_' || (c) == '%' || (c) == '+' || (c) == '-')

/*
 * run_email -- a match holds one '@', and its local part is the whole
 * run of local-part bytes before it (the pattern's look-behind forbids
 * one more), so each '@' names the only place a match can start.
 */
static void
run_email(struct scrub *s, const char *p, size_t n)
{
	const char *at;
	size_t off = 0, i = 0, a;

	while (i < n) {
		at = memchr(p + i, '@', n - i);
		if (at == NULL)
			break;
		i = (size_t)(at - p);
		for (a = i; a > 0 && i - a <= 64 && LOCALC(p[a - 1]); a--)
			;
		if (a < i && i - a <= 64 && isalnum((unsigned char)p[a]))
			run_at(s, K_EMAIL, p, n, a, &off);
		i++;
	}
}

/*
 * run_iban -- a match starts with two letters and two digits, not
 * after a letter or digit: at a digit run of two or more.
 */
static void
run_iban(struct scrub *s, const char *p, size_t n)
{
	size_t off = 0, r, i;

	for (r = 0; r < s->nruns; r++) {
		i = s->runs[r].start;
		if (i >= 2 && s->runs[r].end - i >= 2 &&
		    isalpha((unsigned char)p[i - 1]) &&
		    isalpha((unsigned char)p[i - 2]) &&
		    (i == 2 || !isalnum((unsigned char)p[i - 3])))
			run_at(s, K_IBAN, p, n, i - 2, &off);
	}
}

/*
 * findmem -- memmem(3), which glibc hides behind _GNU_SOURCE.  It looks
 * for the needle's first byte that is not a lower-case letter, usually
 * the rarest in text, with memchr(3).
 */
static const char *
findmem(const char *p, size_t n, const char *w, size_t wn)
{
	const char *q, *end = p + n;
	size_t k;

	if (wn == 0 || wn > n)
		return wn == 0 ? p : NULL;
	for (k = 0; k + 1 < wn && islower((unsigned char)w[k]); k++)
		;
	for (q = p + k; q + (wn - k) <= end; q++) {
		q = memchr(q, w[k], (size_t)(end - q));
		if (q == NULL || q + (wn - k) > end)
			return NULL;
		if (memcmp(q - k, w, wn) == 0)
			return q - k;
	}
	return NULL;
}

/*
 * A walk over the places of the bytes of a set (up to four, repeats
 * allowed) in p, in order: one pass where a memchr(3) pass per byte
 * would stop at each.  With SSE2 the places of 16 bytes are found at
 * once, without a branch per byte, and kept as a bit mask; without it,
 * the next place of each byte comes from memchr(3), which the C
 * library makes fast on most machines.
 */
struct walk {
	const char	*p;
	size_t		 n;
	char		 set[4];
#if defined(__SSE2__)
	size_t		 base;	/* the offset of the block of m */
	unsigned	 m;	/* its places not yet returned */
#else
	size_t		 nx[4];	/* the next place of each byte, or n */
#endif
};

#if defined(__SSE2__)
static void
walk_init(struct walk *w, const char *p, size_t n, const char set[4])
{
	w->p = p;
	w->n = n;
	w->base = 0;
	w->m = 0;
	memcpy(w->set, set, 4);
}

/* walk_block -- the places in the block at w->base. */
static unsigned
walk_block(const struct walk *w)
{
	const char *q = w->p + w->base;
	size_t k, len = w->n - w->base < 16 ? w->n - w->base : 16;
	unsigned m = 0;

	if (len == 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);

		return (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(w->set[0])),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8(w->set[1]))),
		    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(w->set[2])),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8(w->set[3])))));
	}
	for (k = 0; k < len; k++)
		if (q[k] == w->set[0] || q[k] == w->set[1] ||
		    q[k] == w->set[2] || q[k] == w->set[3])
			m |= 1u << k;
	return m;
}

/* walk_next -- the next place, or n at the end. */
static inline size_t
walk_next(struct walk *w)
{
	size_t i;

	if (w->m == 0) {
		if (w->base >= w->n)
			return w->n;
		while ((w->m = walk_block(w)) == 0) {
			w->base += 16;
			if (w->base >= w->n)
				return w->n;
		}
	}
	i = w->base + (size_t)__builtin_ctz(w->m);
	w->m &= w->m - 1;
	if (w->m == 0)
		w->base += 16;
	return i;
}
#else
/* walk_find -- the first place of set[k] at or after i, or n. */
static size_t
walk_find(const struct walk *w, int k, size_t i)
{
	const char *q;

	if (i >= w->n)
		return w->n;
	q = memchr(w->p + i, w->set[k], w->n - i);
	return q != NULL ? (size_t)(q - w->p) : w->n;
}

static void
walk_init(struct walk *w, const char *p, size_t n, const char set[4])
{
	int k;

	w->p = p;
	w->n = n;
	memcpy(w->set, set, 4);
	for (k = 0; k < 4; k++)
		/* A repeated byte is looked for once. */
		w->nx[k] = memchr(set, set[k], (size_t)k) != NULL ? n :
		    walk_find(w, k, 0);
}

static size_t
walk_next(struct walk *w)
{
	size_t i;
	int k, b = 0;

	for (k = 1; k < 4; k++)
		if (w->nx[k] < w->nx[b])
			b = k;
	if ((i = w->nx[b]) < w->n)
		w->nx[b] = walk_find(w, b, i + 1);
	return i;
}
#endif

/*
 * maybe_ipv6 -- p holds "::" or, for an address written out, seven
 * ':'.
 */
static int
maybe_ipv6(const char *p, size_t n)
{
	const char *q = p, *end = p + n;
	int c = 0;

	while (q < end && (q = memchr(q, ':', (size_t)(end - q))) != NULL) {
		if (++c >= 7 || (q + 1 < end && q[1] == ':'))
			return 1;
		q++;
	}
	return 0;
}

/* lower -- p[0, n) equals the lower-case word w, ignoring case. */
static int
lower(const char *p, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] == '\0' || tolower((unsigned char)p[i]) != w[i])
			return 0;
	return w[n] == '\0';
}

/* kstart -- p[i] is not after [A-Za-z0-9_-] (the look-behind). */
static int
kstart(const char *p, size_t i)
{
	return i == 0 || !(isalnum((unsigned char)p[i - 1]) ||
	    p[i - 1] == '_' || p[i - 1] == '-');
}

/*
 * maybe_key -- a provider key's fixed prefix occurs in p: AKIA and the
 * other AWS prefixes, AIza, gh?_, github_pat_, [rs]k_live_ and
 * [rs]k_test_, hf_, sk-, xox?-, glpat-, not after [A-Za-z0-9_-] (the
 * pattern's look-behind).  The key pattern cannot match without one,
 * and most texts have none.
 */
static int
maybe_key(const char *p, size_t n)
{
	static const char aws[] = "KIA SIA GPA IDA ROA IPA NPA NVA PKA Iza ";
	const char *q;
	struct walk wk;
	char w[4];
	size_t i, j;

	walk_init(&wk, p, n, "A_--");
	while ((i = walk_next(&wk)) < n) {
		q = p + i;
		if (*q == 'A') {
			if (n - i < 4)
				continue;
			/* The second letters of the prefixes first. */
			if (strchr("KSGIRNP", q[1]) == NULL || q[1] == '\0')
				continue;
			memcpy(w, q + 1, 3);
			w[3] = ' ';
			for (j = 0; aws[j] != '\0'; j += 4)
				if (memcmp(aws + j, w, 4) == 0 && kstart(p, i))
					return 1;
		} else if (*q == '_') {
			/* gh?_, github_, hf_, ?k_: the bytes before first. */
			if (i < 2 || (p[i - 2] != 'h' && p[i - 1] != 'b' &&
			    p[i - 1] != 'f' && p[i - 1] != 'k'))
				continue;
			if ((i >= 3 && p[i - 3] == 'g' && p[i - 2] == 'h' &&
			    p[i - 1] != '\0' &&
			    strchr("pousr", p[i - 1]) != NULL &&
			    kstart(p, i - 3)) ||
			    (i >= 6 && memcmp(q - 6, "github", 6) == 0 &&
			    kstart(p, i - 6)) ||
			    (i >= 2 && memcmp(q - 2, "hf", 2) == 0 &&
			    kstart(p, i - 2)) ||
			    (i >= 2 && p[i - 1] == 'k' && (p[i - 2] == 'r' ||
			    p[i - 2] == 's') && kstart(p, i - 2)))
				return 1;
		} else {
			/* sk-, xox?-, glpat-: the bytes before first. */
			if (i < 2 || (p[i - 1] != 'k' && p[i - 1] != 't' &&
			    (i < 4 || p[i - 3] != 'o')))
				continue;
			if ((i >= 2 && memcmp(q - 2, "sk", 2) == 0 &&
			    kstart(p, i - 2)) ||
			    (i >= 4 && memcmp(q - 4, "xox", 3) == 0 &&
			    kstart(p, i - 4)) ||
			    (i >= 5 && memcmp(q - 5, "glpat", 5) == 0 &&
			    kstart(p, i - 5)))
				return 1;
		}
	}
	return 0;
}

/*
 * secret_name -- the ':' or '=' at p[e] follows a secret parameter
 * name after [?&;] (only for '='), or a secret assignment name, maybe
 * quoted, with up to three blanks before the sign.
 */
static int
secret_name(const char *p, size_t e)
{
	static const char *const param[] = {
		"access_token", "accesstoken", "api_key", "apikey", "auth",
		"client_secret", "key", "pass", "password", "pwd", "secret",
		"sig", "signature", "token", NULL
	};
	static const char *const assign[] = {
		"key", "token", "secret", "password", "passwd", NULL
	};
	size_t i, k, wn;
	int j;

	if (p[e] == '=') {
		for (i = e; i > 0 && (isalpha((unsigned char)p[i - 1]) ||
		    p[i - 1] == '_'); i--)
			;
		if (i > 0 && i < e && strchr("?&;", p[i - 1]) != NULL)
			for (j = 0; param[j] != NULL; j++)
				if (lower(p + i, e - i, param[j]))
					return 1;
	}
	for (k = e; k > 0 && e - k < 3 && (p[k - 1] == ' ' ||
	    p[k - 1] == '\t'); k--)
		;
	if (k > 0 && (p[k - 1] == '"' || p[k - 1] == '\''))
		k--;
	/* The names end in y, n, t or d. */
	if (k == 0 || p[k - 1] == '\0' ||
	    strchr("yntd", tolower((unsigned char)p[k - 1])) == NULL)
		return 0;
	for (j = 0; assign[j] != NULL; j++) {
		wn = strlen(assign[j]);
		if (k >= wn && lower(p + k - wn, wn, assign[j]))
			return 1;
	}
	return 0;
}

/*
 * maybe_credential -- a necessary condition for each branch of the
 * credential pattern: "scheme://" with a ':' and then an '@' before the
 * end of the authority; a secret parameter or assignment name before
 * '=' or ':' (secret_name); the word "aws".
 */
static int
maybe_credential(const char *p, size_t n)
{
	struct walk wk;
	size_t i, j;
	int colon;

	walk_init(&wk, p, n, ":=wW");
	while ((j = walk_next(&wk)) < n) {
		if (p[j] == 'w' || p[j] == 'W') {
			if (j >= 1 && j + 1 < n && (p[j - 1] == 'a' ||
			    p[j - 1] == 'A') && (p[j + 1] == 's' ||
			    p[j + 1] == 'S'))
				return 1;
			continue;
		}
		if (secret_name(p, j))
			return 1;
		if (p[j] != ':' || n - j < 3 || p[j + 1] != '/' ||
		    p[j + 2] != '/')
			continue;
		colon = 0;
		for (i = j + 3; i < n; i++) {
			if (isspace((unsigned char)p[i]) || p[i] == '/' ||
			    p[i] == '?' || p[i] == '#')
				break;
			if (p[i] == ':')
				colon = 1;
			else if (p[i] == '@' && colon)
				return 1;
		}
	}
	return 0;
}

/* \\w of the patterns, compiled without UCP: ASCII letters, digits, _. */
#define WORDC(c) (isalnum((unsigned char)(c)) || (c) == '_')

/*
 * run_ipv6 -- a match starts with one to four hex digits and a ':', or
 * with a ':', never after \w, ':' or '.' (the look-behind): at each
 * ':', the colon itself and the start of the \w run before it are the
 * only places, and they come in order.
 */
static void
run_ipv6(struct scrub *s, const char *p, size_t n)
{
	const char *q;
	size_t off = 0, i = 0, a, k;

	while (i < n && (q = memchr(p + i, ':', n - i)) != NULL) {
		i = (size_t)(q - p);
		for (a = i; a > 0 && i - a < 5 && WORDC(p[a - 1]); a--)
			;
		for (k = a; k < i && isxdigit((unsigned char)p[k]); k++)
			;
		if (a < i && k == i && i - a <= 4 && (a == 0 ||
		    (!WORDC(p[a - 1]) && p[a - 1] != ':' && p[a - 1] != '.')))
			run_at(s, K_IPV6, p, n, a, &off);
		if (i == 0 || (!WORDC(p[i - 1]) && p[i - 1] != ':' &&
		    p[i - 1] != '.'))
			run_at(s, K_IPV6, p, n, i, &off);
		i++;
	}
}

void
scrub_cand(struct scrub *s, size_t a)
{
	if (s->ncands == s->capcands) {
		s->capcands = s->capcands ? 2 * s->capcands : 64;
		s->cands = xreallocarray(s->cands, s->capcands,
		    sizeof(*s->cands));
	}
	s->cands[s->ncands++] = a;
}

static int
sizecmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

void
scrub_cands_sort(struct scrub *s)
{
	size_t i, o = 0;

	if (s->ncands > 1)
		qsort(s->cands, s->ncands, sizeof(*s->cands), sizecmp);
	for (i = 0; i < s->ncands; i++)
		if (o == 0 || s->cands[i] != s->cands[o - 1])
			s->cands[o++] = s->cands[i];
	s->ncands = o;
}

/*
 * run_credential -- the places where a branch of the credential pattern
 * can start, tried in order: a letter at most 16 bytes before "://"
 * with only scheme bytes between; the [?&;] before a parameter name
 * and '='; a secret assignment name before [:=] (secret_name's shape);
 * "aws" at a word start.
 */
static void
run_credential(struct scrub *s, const char *p, size_t n)
{
	static const char *const names[] = {
		"aws_secret_access_key", "secret_key", "secretkey", "api_key",
		"apikey", "access_token", "accesstoken", "auth_token",
		"authtoken", "client_secret", "clientsecret", "password",
		"passwd", NULL
	};
	struct walk wk;
	size_t off = 0, i, e, k, t, wn, j;
	int m;

	s->ncands = 0;
	walk_init(&wk, p, n, ":=wW");
	while ((e = walk_next(&wk)) < n) {
		if (p[e] == 'w' || p[e] == 'W') {
			/* "aws" at a word start */
			if (e >= 1 && e + 1 < n && (p[e - 1] == 'a' ||
			    p[e - 1] == 'A') && (p[e + 1] == 's' ||
			    p[e + 1] == 'S') && (e == 1 || !WORDC(p[e - 2])))
				scrub_cand(s, e - 1);
			continue;
		}
		if (p[e] == ':' && n - e >= 3 && p[e + 1] == '/' &&
		    p[e + 2] == '/') {
			for (i = e; i > 0 && e - i < 16 && (isalnum(
			    (unsigned char)p[i - 1]) ||
			    strchr("+.-", p[i - 1]) != NULL) &&
			    p[i - 1] != '\0'; i--)
				;
			for (; i < e; i++)
				if (isalpha((unsigned char)p[i]))
					scrub_cand(s, i);
		}
		if (p[e] == '=') {
			for (i = e; i > 0 && (isalpha((unsigned char)
			    p[i - 1]) || p[i - 1] == '_'); i--)
				;
			if (i > 0 && i < e && strchr("?&;", p[i - 1]) != NULL)
				scrub_cand(s, i - 1);
		}
		for (k = e; k > 0 && e - k < 3 && (p[k - 1] == ' ' ||
		    p[k - 1] == '\t'); k--)
			;
		if (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			continue;
		if (k > 0 && (p[k - 1] == '"' || p[k - 1] == '\''))
			k--;
		t = k;
		/* The names end in y, n, t or d. */
		if (t == 0 || p[t - 1] == '\0' || strchr("yntd",
		    tolower((unsigned char)p[t - 1])) == NULL)
			continue;
		for (m = 0; names[m] != NULL; m++) {
			wn = strlen(names[m]);
			if (t >= wn && lower(p + t - wn, wn, names[m]))
				scrub_cand(s, t - wn);
		}
	}
	scrub_cands_sort(s);
	for (j = 0; j < s->ncands; j++)
		run_at(s, K_CREDENTIAL, p, n, s->cands[j], &off);
}

/*
 * digit_runs -- list the digit runs of p into s->runs: one pass that
 * the numeric, IBAN and address detectors then share.  Text without
 * digits is passed over eight bytes at a time.
 */
static void
digit_runs(struct scrub *s, const char *p, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t w;
	size_t i = 0, a;

	s->nruns = 0;
	s->ndigits = 0;
	while (i < n) {
		/* A word with no byte in '0'..'9' (haszero of w ^ '0'...) */
		while (i + 8 <= n) {
			memcpy(&w, p + i, 8);
			w ^= 0x30 * ones;
			if (((w - 10 * ones) & ~w & 0x80 * ones) != 0)
				break;
			i += 8;
		}
		while (i < n && !isdigit((unsigned char)p[i]))
			i++;
		if (i == n)
			break;
		a = i;
		while (i < n && isdigit((unsigned char)p[i]))
			i++;
		if (s->nruns == s->capruns) {
			s->capruns = s->capruns ? 2 * s->capruns : 64;
			s->runs = xreallocarray(s->runs, s->capruns,
			    sizeof(*s->runs));
		}
		s->runs[s->nruns].start = (uint32_t)a;
		s->runs[s->nruns].end = (uint32_t)i;
		s->nruns++;
		s->ndigits += i - a;
	}
}

static int
spancmp(const void *a, const void *b)
{
	const struct scrub_span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

size_t
scrub_find(struct scrub *s, const char *p, size_t n)
{
	static const int order[] = {
		K_PEM, K_JWT, K_KEY, K_CREDENTIAL, K_EMAIL, K_IBAN, K_IPV6
	};
	size_t ndig;
	int k, j;

	s->nspans = 0;
	if (n + 1 > s->capocc) {
		s->capocc = n + 1;
		free(s->occ);
		s->occ = xmalloc(s->capocc);
	}
	memset(s->occ, 0, n + 1);
	s->text = p;
	s->textlen = n;
	for (k = 0; k < s->nuser; k++)
		run(s, s->ure[k], NKIND + k, p, n);
	digit_runs(s, p, n);
	ndig = s->ndigits;
	/* Cheap pre-checks decide which detectors can match at all. */
	for (j = 0; j < (int)(sizeof(order) / sizeof(order[0])); j++) {
		k = order[j];
		if (s->re[k] == NULL)
			continue;
		switch (k) {
		case K_PEM:
			if (n >= 20 && findmem(p, n, "PRIVATE KEY", 11) != NULL)
				run(s, s->re[k], k, p, n);
			break;
		case K_JWT:
			if (findmem(p, n, "eyJ", 3) != NULL)
				run(s, s->re[k], k, p, n);
			break;
		case K_KEY:
			if (maybe_key(p, n))
				run(s, s->re[k], k, p, n);
			break;
		case K_CREDENTIAL:
			if (maybe_credential(p, n))
				run_credential(s, p, n);
			break;
		case K_EMAIL:
			run_email(s, p, n);
			break;
		case K_IBAN:
			if (ndig >= 6)
				run_iban(s, p, n);
			break;
		case K_IPV6:
			/* IPv6 has "::" or, written out, seven colons. */
			if (maybe_ipv6(p, n))
				run_ipv6(s, p, n);
			break;
		}
	}
	if (ndig >= 7 && (s->kinds & (1u << K_PHONE | 1u << K_CARD |
	    1u << K_SSN | 1u << K_IPV4)))
		scan_numbers(s, p, n);
	else if (ndig >= 4 && (s->kinds & 1u << K_IPV4))
		scan_numbers(s, p, n);
	if (ndig >= 1 && (s->kinds & 1u << K_ADDRESS))
		scan_addresses(s, p, n);
	if (s->nspans > 1)
		qsort(s->spans, s->nspans, sizeof(*s->spans), spancmp);
	return s->nspans;
}

/* normalize -- the form of a value its pseudonym is computed from. */
static void
normalize(int kind, const char *p, size_t n, struct ads_buf *b)
{
	size_t i;

	ads_buf_reset(b);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		switch (kind) {
		case K_EMAIL:
			ads_buf_addc(b, (char)tolower(c));
			break;
		case K_PHONE:
		case K_CARD:
		case K_SSN:
			if (isdigit(c))
				ads_buf_addc(b, (char)c);
			break;
		case K_IBAN:
			if (isalnum(c))
				ads_buf_addc(b, (char)toupper(c));
			break;
		default:
			ads_buf_addc(b, (char)c);
		}
	}
}

static void
replace(struct scrub *s, int kind, const char *p, size_t n,
    struct ads_buf *out)
{
	struct ads_buf norm = ADS_BUF_INIT, msg = ADS_BUF_INIT;
	unsigned char mac[ADS_SHA256_LEN];
	char hex[2 * ADS_SHA256_LEN + 1];
	size_t i;

	switch (s->mode) {
	case MODE_MASK:
		/* One '*' per letter, digit or non-ASCII character. */
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)p[i];

			if ((c & 0xC0) == 0x80)
				continue;
			ads_buf_addc(out, isalnum(c) || c >= 0x80 ? '*' :
			    (char)c);
		}
		break;
	case MODE_HASH:
		/* The kind is part of the message: one value, one token. */
		normalize(kind, p, n, &norm);
		ads_buf_adds(&msg, scrub_kind_name(s, kind));
		ads_buf_addc(&msg, '\0');
		ads_buf_add(&msg, norm.p, norm.len);
		ads_hash_hmac_sha256(s->key, s->keylen, msg.p, msg.len, mac);
		ads_hash_hex(mac, 6, hex);
		ads_buf_addf(out, "<%s_%s>", kind_tag(s, kind), hex);
		ads_buf_free(&norm);
		ads_buf_free(&msg);
		break;
	default:
		ads_buf_addf(out, "<%s>", kind_tag(s, kind));
	}
}

void
scrub_replacement(struct scrub *s, size_t i, const char *p,
    struct ads_buf *out)
{
	struct scrub_span *sp = &s->spans[i];

	replace(s, sp->kind, p + sp->start, sp->end - sp->start, out);
}

size_t
scrub_text(struct scrub *s, const char *p, size_t n, struct ads_buf *out,
    unsigned long *counts)
{
	size_t i, at = 0;

	scrub_find(s, p, n);
	for (i = 0; i < s->nspans; i++) {
		struct scrub_span *sp = &s->spans[i];

		ads_buf_add(out, p + at, sp->start - at);
		replace(s, sp->kind, p + sp->start, sp->end - sp->start, out);
		at = sp->end;
		counts[sp->kind]++;
	}
	ads_buf_add(out, p + at, n - at);
	return s->nspans;
}
