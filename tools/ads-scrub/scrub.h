/*
 * scrub.h -- the ads-scrub matcher: find PII and secrets in a text and
 * replace them
 *
 * A struct scrub holds everything compiled once: the built-in detectors
 * (PCRE2 with JIT, plus hand-written scanners and validators), the
 * user's extra patterns, the allowlist and the replacement mode.
 * scrub_text() is then called on every string to clean.
 */
#ifndef SCRUB_H
#define SCRUB_H

#include <stddef.h>
#include <stdint.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/field.h"
#include "../../common/rawjson.h"

/* Built-in kinds, in reporting order. */
enum scrub_kind {
	K_EMAIL,
	K_PHONE,
	K_CARD,
	K_SSN,
	K_IPV4,
	K_IPV6,
	K_IBAN,
	K_ADDRESS,
	K_KEY,
	K_JWT,
	K_PEM,
	K_CREDENTIAL,
	NKIND
};

enum scrub_mode {
	MODE_TAG,	/* <EMAIL> */
	MODE_MASK,	/* every letter and digit becomes '*' */
	MODE_HASH,	/* <EMAIL_1a2b3c4d5e6f>: keyed HMAC-SHA256 pseudonym */
	MODE_DROP	/* the caller drops the record */
};

/* At most this many -P patterns, and -f fields. */
#define SCRUB_MAXUSER 64
#define SCRUB_MAXFIELD 64

struct scrub_span {
	size_t	start;
	size_t	end;
	int	kind;
};

/*
 * A run of ASCII digits: p[start, end).  32-bit offsets keep the list
 * small on texts of digits; a text is shorter than 4 GiB (libjq and
 * ads_raw_scan() take no line over INT_MAX bytes).
 */
struct scrub_run {
	uint32_t	start;
	uint32_t	end;
};

struct scrub {
	unsigned	  kinds;	/* bit per enum scrub_kind enabled */
	enum scrub_mode	  mode;
	unsigned char	 *key;		/* MODE_HASH key */
	size_t		  keylen;
	int		  nuser;
	char		 *uname[SCRUB_MAXUSER];
	char		 *utag[SCRUB_MAXUSER];
	void		 *ure[SCRUB_MAXUSER];	/* pcre2_code * */
	char		**allow;	/* sorted allowlist */
	size_t		  nallow;
	void		 *re[NKIND];	/* pcre2_code *, NULL when scanned in C */
	void		 *are[NKIND];	/* anchored forms, for run_at() */
	void		 *md;		/* pcre2_match_data * */
	struct scrub_span *spans;
	size_t		  nspans;
	size_t		  capspans;
	const char	 *text;		/* the text being scanned */
	size_t		  textlen;
	char		 *occ;		/* 1 for bytes already in a finding */
	size_t		  capocc;
	struct scrub_run *runs;		/* the text's digit runs, in order */
	size_t		  nruns;
	size_t		  capruns;
	size_t		 *cands;	/* candidate starts of a pattern */
	size_t		  ncands;
	size_t		  capcands;
	size_t		  ndigits;	/* digits in the text */
};

/* scrub_init -- defaults: every kind, tag mode, no patterns. */
void scrub_init(struct scrub *s);
/*
 * scrub_kinds -- parse a comma-separated list of kind names (and the
 * groups "ip", "secret", "all") into a bit mask.  Returns 0, or -1 with
 * the offending name copied into bad (badlen bytes).
 */
int scrub_kinds(const char *list, unsigned *mask, char *bad, size_t badlen);
/*
 * scrub_add_pattern -- add a user pattern "name=REGEX".  Returns 0, or
 * -1 with a message in err.
 */
int scrub_add_pattern(struct scrub *s, const char *spec, char *err,
    size_t errlen);
/* scrub_allow -- add one literal value to the allowlist (copied). */
void scrub_allow(struct scrub *s, const char *v, size_t n);
/*
 * scrub_compile -- compile the built-in patterns; call once after the
 * options.  Returns 0, or -1 with a message in err.
 */
int scrub_compile(struct scrub *s, char *err, size_t errlen);
void scrub_free(struct scrub *s);

/* The number of kinds (built-in and user) and the name of kind k. */
int scrub_nkinds(const struct scrub *s);
const char *scrub_kind_name(const struct scrub *s, int k);

/*
 * scrub_find -- find the spans to replace in p (n bytes, n < 4 GiB)
 * into s->spans, sorted and disjoint; returns their number.
 */
size_t scrub_find(struct scrub *s, const char *p, size_t n);
/*
 * scrub_replacement -- append to out what replaces span i of the last
 * scrub_find() over p.
 */
void scrub_replacement(struct scrub *s, size_t i, const char *p,
    struct ads_buf *out);
/*
 * scrub_text -- find and replace: appends the cleaned text to out and
 * adds one to counts[kind] (scrub_nkinds() entries) per replacement.
 * Returns the number of replacements; out is written even when zero.
 */
size_t scrub_text(struct scrub *s, const char *p, size_t n,
    struct ads_buf *out, unsigned long *counts);

/*
 * record.c: a record's fields through scrub_find(), and its "pii".
 *
 * scrub_record_raw -- the fast path for a line that ads_raw_scan()
 * found canonical (raw): the line with the string members named in
 * fields cleaned in place and "pii" appended, into out (reset first,
 * ending in a newline), byte for byte what scrub_record_jv() and
 * ads_json_emit() make of it.  Adds the findings to counts and sets
 * *found to the number of fields changed.  Returns 1, or 0 when the
 * line must take the jv path (a "pii" member to add to, a finding that
 * cuts a character); then counts are to be cleared.  In drop mode a
 * record with findings leaves out unfinished.
 */
int scrub_record_raw(struct scrub *s, const struct ads_raw *raw,
    const char *line, size_t len, const char *const *fields, int nfields,
    unsigned long *counts, size_t *found, struct ads_buf *out);
/*
 * scrub_record_jv -- the same on a parsed record, for every string the
 * paths of fs reach (field.h): consumes rec and returns it cleaned,
 * with counts added to its "pii" object (made an object when it is not
 * one).  *reached, when not NULL, receives the number of strings the
 * paths reached.
 */
jv scrub_record_jv(struct scrub *s, jv rec, const struct ads_fields *fs,
    unsigned long *counts, size_t *found, size_t *reached);
/* scrub_counts -- obj[kind] += n[kind] for each kind found; consumes obj. */
jv scrub_counts(const struct scrub *s, jv obj, const unsigned long *n);
/*
 * scrub_fastok -- the fast path can serve these fields: each name is
 * printable ASCII needing no escape (so that it compares equal to a
 * canonical line's key) and none is named twice.
 */
int scrub_fastok(const char *const *fields, int nfields);

/* validate.c */
int luhn_ok(const char *digits, size_t n);
int iban_ok(const char *s, size_t n, size_t *used);
int ssn_ok(const char *d);
int ipv6_ok(const char *p, size_t n);
int context_before(const char *p, size_t start, const char *const *words,
    size_t window);
int context_after(const char *p, size_t n, size_t end,
    const char *const *words, size_t window);

/* numeric.c: phones, cards, SSNs and IPv4 from one scan of digit runs */
void scan_numbers(struct scrub *s, const char *p, size_t n);

/* address.c: compiled once, freed by scrub_free() */
int address_compile(char *err, size_t errlen);
void address_free(void);
void scan_addresses(struct scrub *s, const char *p, size_t n);

/* scrub.c: record a candidate span unless it overlaps an earlier one */
int scrub_add_span(struct scrub *s, size_t start, size_t end, int kind);
/*
 * scrub_cand, scrub_cands_sort -- collect the candidate starts of a
 * pattern in s->cands; sort them and drop repeats.
 */
void scrub_cand(struct scrub *s, size_t a);
void scrub_cands_sort(struct scrub *s);

#endif
