/*
 * rawjson.h -- a zero-copy scanner over one JSON Lines record
 *
 * Most filters change a few members of a record and pass the rest on
 * unchanged.  Parsing the whole line into a jv and writing it back
 * costs far more than the work itself.  ads_raw_scan() makes one
 * validating pass over the line instead and
 *
 *   (a) records the top-level members: the span of each key (quotes
 *       included) and of each value;
 *   (b) lets the caller decode a wanted string value (ads_raw_string);
 *   (c) tells whether the line is canonical: byte for byte what
 *       ads_json_emit() writes for the value libjq parses from it.
 *
 * Canonical means: no white space outside strings; strings whose only
 * escapes are \" \\ \b \f \n \r \t and \u00xx (lower-case hex) for the
 * other bytes below 0x20 and for 0x7f, which must be escaped, with
 * valid UTF-8 and no other escape; numbers exactly as
 * ads_json_emit_number() prints them (plain integers of up to 15 digits
 * without a leading zero, or the shortest round-trip "%.Ng" form); no
 * object with two equal keys, at any depth; nesting no deeper than
 * ADS_RAW_MAXDEPTH.  For a canonical line a tool may copy the input
 * bytes, splice its own members in (before the final '}', or in place
 * of an existing member's value span) and get exactly what the jv path
 * would have written.  For any other line the tool parses it with
 * ads_json_parse() as before; a scan failure never produces a message
 * of its own, so malformed lines still get libjq's.
 *
 * It is the one fast path over raw JSON in the suite: ads-scrub and
 * ads-score splice canonical lines, ads-export encodes their members
 * into rows, and ads-dedup reads its key member, which it leaves
 * unchecked (struct ads_raw's lazy) and checks in its normalizing pass.
 *
 * With ads_reader_nextline() and ads_reader_parse() (jsonl.h) a tool
 * sees the raw line before deciding to parse it; ads_reader_scan()
 * is ads_raw_scan() under the reader's policy (a record without its
 * required members is left to ads_reader_parse, which reports it):
 *
 *	while (ads_reader_nextline(&r, &line, &len)) {
 *		if (ads_reader_scan(&r, &raw, line, len) ==
 *		    ADS_RAW_CANONICAL) {
 *			ads_reader_count(&r);
 *			... splice, ads_out_write() ...
 *			continue;
 *		}
 *		if (!ads_reader_parse(&r, line, len, &rec))
 *			continue;
 *		... the jv path ...
 *	}
 */
#ifndef ADS_RAWJSON_H
#define ADS_RAWJSON_H

#include <stddef.h>

#include <jv.h>

#include "buf.h"

#define ADS_RAW_MAXDEPTH	128	/* deeper lines are left to libjq */
#define ADS_RAW_MAXKEYS		64	/* per object, for the duplicate check */

/* Results of ads_raw_scan(). */
enum ads_raw_result {
	ADS_RAW_INVALID = -1,	/* not a JSON object as this scanner reads it */
	ADS_RAW_VALID = 0,	/* an object, but not canonical */
	ADS_RAW_CANONICAL = 1	/* an object ads_json_emit() writes unchanged */
};

/* A top-level member: offsets into the scanned line. */
struct ads_raw_member {
	size_t	key, keylen;	/* the key, quotes included */
	size_t	val, vallen;	/* the value as written */
	int	kind;		/* '"' string, '{', '[', 'n'umber, 't', 'f', 'z' null */
	int	esc;		/* a string value holding a backslash */
	int	lazy;		/* the string of r->lazy: only delimited */
};

struct ads_raw {
	struct ads_raw_member	*m;	/* the top-level members, in order */
	size_t			 n;
	size_t			 mcap;
	/* Scratch: the keys of the open objects, for duplicates. */
	size_t			*ks;
	size_t			 nks, kscap;
	struct ads_buf		 num;	/* scratch for number checks */
	/*
	 * Set by the caller: the top-level member (its key, unescaped)
	 * whose string value is only delimited, not checked, as a tool
	 * that reads it in a pass of its own wants; or NULL.  The
	 * result of a scan holds for the rest of the line; the member
	 * says lazy, and the tool checks the string (with
	 * ads_raw_check_string) before it trusts the line.
	 */
	const char		*lazy;
	size_t			 lazylen;
	/*
	 * Set by a scan that is not ADS_RAW_INVALID: some string holds
	 * what libjq would repair (invalid UTF-8, a lone surrogate);
	 * some string holds a raw byte below 0x20, which libjq rejects;
	 * there is white space outside strings; some string holds a
	 * surrogate pair escape.
	 */
	int			 repair;
	int			 ctrl;
	int			 space;
	int			 pair;
};

#define ADS_RAW_INIT { NULL, 0, 0, NULL, 0, 0, ADS_BUF_INIT, NULL, 0, 0, \
	0, 0, 0 }

/* ads_raw_init, ads_raw_free -- an empty scanner; release its memory. */
void ads_raw_init(struct ads_raw *r);
void ads_raw_free(struct ads_raw *r);

/*
 * ads_raw_scan -- scan p (n bytes, one line without its newline) and
 * fill r's member list.  Returns an enum ads_raw_result; the member
 * list is meaningful for ADS_RAW_VALID and ADS_RAW_CANONICAL only, and
 * only until the next scan.  p need not be NUL-terminated.  Strings
 * with invalid UTF-8, raw control bytes and lone surrogate escapes are
 * ADS_RAW_VALID at best, with r->repair set: libjq repairs them, so
 * the line is not canonical.  Raw bytes below 0x20 in a string, which
 * libjq rejects, make it ADS_RAW_VALID too, and libjq reports them.
 * Lines over INT_MAX bytes are ADS_RAW_INVALID, as ads_json_parse()
 * refuses them.
 */
int ads_raw_scan(struct ads_raw *r, const char *p, size_t n);

/*
 * ads_raw_find -- the index in r->m of the member whose key is key (a
 * NUL-terminated string needing no escape), or -1.  With duplicate
 * keys (never in a canonical line) the last one wins, as in libjq.
 * A key written with escapes is not matched, which cannot happen in a
 * canonical line.
 */
long ads_raw_find(const struct ads_raw *r, const char *p, const char *key);

/*
 * ads_raw_string -- decode the JSON string s (n bytes, quotes included,
 * as a member's value span) into out, replacing its contents; out is
 * NUL-terminated and out->len is the decoded length (NULs may occur).
 * Returns 0, or -1 when s is not a string this scanner decodes
 * exactly as libjq does (invalid UTF-8 or a lone surrogate, which
 * libjq replaces): then use the jv path.
 */
int ads_raw_string(const char *s, size_t n, struct ads_buf *out);

/*
 * ads_raw_canon_string -- decode the JSON string s (n bytes, quotes
 * included) of a canonical line into out.  Such a string is valid
 * UTF-8 and has no escape but \" \\ \b \f \n \r \t and \u00xx
 * (above): one memchr(3) per escape decodes it.  Returns 0, or -1 for
 * anything else (ads_raw_string() then decides).
 */
int ads_raw_canon_string(const char *s, size_t n, struct ads_buf *out);

/*
 * ads_raw_check_string -- check the JSON string s (n bytes, quotes
 * included) on its own, as ads_raw_scan() checks the strings of a
 * line; *esc tells whether it holds a backslash.  Returns
 * ADS_RAW_CANONICAL, ADS_RAW_VALID, or ADS_RAW_INVALID for a string
 * libjq rejects or would repair (invalid UTF-8, a lone surrogate).
 */
int ads_raw_check_string(const char *s, size_t n, int *esc);

/*
 * ads_raw_number -- the value of the number span s (n bytes) that a
 * scan accepted, into *d.  Returns 0, or -1 for a span of 64 bytes or
 * more (never in a canonical line): let libjq read it.
 */
int ads_raw_number(const char *s, size_t n, double *d);

/*
 * ads_raw_utf8_check -- the first place in p (n bytes of JSON text)
 * that libjq would silently replace with U+FFFD: a byte that does not
 * start a valid UTF-8 sequence (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), or a lone low-surrogate escape
 * (\udc00 to \udfff) anywhere, keys included.  Returns its offset and
 * sets *what to "invalid UTF-8" or "lone surrogate escape", or returns
 * -1 when there is none.  Meant for text libjq has parsed: every
 * backslash is then inside a string.
 */
long ads_raw_utf8_check(const char *p, size_t n, const char **what);

#endif
