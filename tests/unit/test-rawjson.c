/*
 * test-rawjson.c -- unit tests of common/rawjson: which lines are
 * canonical, valid or invalid, the member spans, and string decoding,
 * each checked against libjq and our writer where they apply.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/rawjson.h"
#include "unit.h"

static struct ads_raw raw = ADS_RAW_INIT;

static int
scan(const char *s)
{
	return ads_raw_scan(&raw, s, strlen(s));
}

/* roundtrip -- 1 when libjq plus our writer give s back unchanged. */
static int
roundtrip(const char *s)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv v = ads_json_parse(s, strlen(s));
	int eq;

	if (!jv_is_valid(v)) {
		jv_free(v);
		return 0;
	}
	ads_json_emit(&b, v);
	jv_free(v);
	eq = b.len == strlen(s) && memcmp(b.p, s, b.len) == 0;
	ads_buf_free(&b);
	return eq;
}

/* canon -- s is canonical, and that agrees with libjq and the writer. */
static void
canon(const char *s)
{
	char name[200];

	snprintf(name, sizeof(name), "canonical: %.150s", s);
	CHECK(name, scan(s) == ADS_RAW_CANONICAL && roundtrip(s));
}

static void
noncanon(const char *s)
{
	char name[200];

	snprintf(name, sizeof(name), "valid, not canonical: %.150s", s);
	CHECK(name, scan(s) == ADS_RAW_VALID && !roundtrip(s));
}

static void
invalid(const char *s)
{
	char name[200];

	snprintf(name, sizeof(name), "invalid: %.150s", s);
	CHECK(name, scan(s) == ADS_RAW_INVALID);
}

/* decoded -- the value of key in s decodes to want, as libjq reads it. */
static void
decoded(const char *s, const char *key, const char *want, size_t wantlen)
{
	struct ads_buf b = ADS_BUF_INIT;
	char name[200];
	long i;
	jv v, e;
	int ok = 0;

	snprintf(name, sizeof(name), "decode %s of %.120s", key, s);
	if (scan(s) != ADS_RAW_INVALID) {
		i = ads_raw_find(&raw, s, key);
		v = ads_json_parse(s, strlen(s));
		e = jv_object_get(v, jv_string(key));
		if (i >= 0 && ads_raw_string(s + raw.m[i].val,
		    raw.m[i].vallen, &b) == 0 && b.len == wantlen &&
		    memcmp(b.p, want, wantlen) == 0 &&
		    jv_get_kind(e) == JV_KIND_STRING &&
		    (size_t)jv_string_length_bytes(jv_copy(e)) == wantlen &&
		    memcmp(jv_string_value(e), want, wantlen) == 0)
			ok = 1;
		jv_free(e);
	}
	CHECK(name, ok);
	ads_buf_free(&b);
}

/* u8 -- ads_raw_utf8_check of s finds at, and calls it what. */
static void
u8(const char *s, long at, const char *what)
{
	const char *w = NULL;
	char name[200];
	long got;

	got = ads_raw_utf8_check(s, strlen(s), &w);
	snprintf(name, sizeof(name), "utf8 check at %ld: %.120s", at, s);
	CHECK(name, got == at && (what == NULL || (w != NULL &&
	    strcmp(w, what) == 0)));
}

/* One row of the table: a line and what the scanner makes of it. */
struct row {
	const char	*line;
	int		 rc;		/* ads_raw_scan */
	int		 repair;	/* ... and its repair flag */
	int		 lazyrc;	/* with "text" only delimited */
	int		 textrc;	/* ads_raw_check_string of "text",
					   or NONE when no such string */
	const char	*text;		/* its decoded value, or NULL */
	size_t		 textlen;
};

#define NONE	(-2)
#define C	ADS_RAW_CANONICAL
#define V	ADS_RAW_VALID
#define I	ADS_RAW_INVALID
#define T(s)	s, sizeof(s) - 1

static const struct row rows[] = {
	/* Escapes. */
	{ "{\"text\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"}", V, 0, C, V,
	    T("a\"b\\c/d\b\f\n\r\t") },
	{ "{\"text\":\"a\\\"b\\\\c\\b\\f\\n\\r\\t\"}", C, 0, C, C,
	    T("a\"b\\c\b\f\n\r\t") },
	{ "{\"text\":\"x\\u0001y\\u007f\"}", C, 0, C, C, T("x\001y\177") },
	{ "{\"text\":\"n\\u0000l\"}", C, 0, C, C, T("n\0l") },
	{ "{\"text\":\"\\u0041\"}", V, 0, C, V, T("A") },
	{ "{\"text\":\"\\x\"}", I, 0, C, I, NULL, 0 },
	{ "{\"text\":\"ends in \\\"}", I, 0, I, NONE, NULL, 0 },
	{ "{\"text\":\"tab\there\"}", V, 0, C, I, NULL, 0 },
	{ "{\"text\":\"del\x7fhere\"}", V, 0, C, V, T("del\x7fhere") },
	/* Unicode escapes and UTF-8. */
	{ "{\"text\":\"\\u00e9\\u20AC\"}", V, 0, C, V,
	    T("\xc3\xa9\xe2\x82\xac") },
	{ "{\"text\":\"\\ud83d\\ude00\"}", V, 0, C, V,
	    T("\xf0\x9f\x98\x80") },
	{ "{\"text\":\"\xf0\x9f\x98\x80 caf\xc3\xa9\"}", C, 0, C, C,
	    T("\xf0\x9f\x98\x80 caf\xc3\xa9") },
	{ "{\"text\":\"lone \\udc00\"}", V, 1, C, I, NULL, 0 },
	{ "{\"text\":\"high \\ud800 alone\"}", I, 0, C, I, NULL, 0 },
	{ "{\"text\":\"\\u12g4\"}", I, 0, C, I, NULL, 0 },
	{ "{\"text\":\"bad \xff byte\"}", V, 1, C, I, NULL, 0 },
	{ "{\"text\":\"ok\",\"k\":\"bad \xc0\xaf\"}", V, 1, V, C, T("ok") },
	/* Nested objects and arrays. */
	{ "{\"text\":\"t\",\"o\":{\"a\":[1,{\"b\":[]}],\"c\":{}}}", C, 0, C,
	    C, T("t") },
	{ "{\"text\":\"t\",\"o\":{\"a\": [1]}}", V, 0, V, C, T("t") },
	{ "{\"o\":[{\"text\":\"inner\"}],\"text\":\"outer\"}", C, 0, C, C,
	    T("outer") },
	{ "{\"text\":{\"text\":\"x\"}}", C, 0, C, NONE, NULL, 0 },
	{ "{\"text\":\"t\",\"a\":[1,]}", I, 0, I, NONE, NULL, 0 },
	{ "{\"text\":\"t\",\"a\":{\"b\"}}", I, 0, I, NONE, NULL, 0 },
	/* Duplicate keys: libjq keeps the last. */
	{ "{\"text\":\"a\",\"text\":\"b\"}", V, 0, V, C, T("b") },
	{ "{\"o\":{\"k\":1,\"k\":2},\"text\":\"x\"}", V, 0, V, C, T("x") },
	{ "{\"a\":{\"k\":1},\"b\":{\"k\":1},\"text\":\"x\"}", C, 0, C, C,
	    T("x") },
	{ "{\"te\\u0078t\":\"x\"}", V, 0, V, NONE, NULL, 0 },
	{ "{\"ab\":1,\"ac\":2,\"ab\":3,\"text\":\"x\"}", V, 0, V, C, T("x") },
	{ "{\"a\":1,\"ab\":2,\"b\":3,\"text\":\"x\"}", C, 0, C, C, T("x") },
	/* Keys whose length and first letter share a bit of the mask. */
	{ "{\"x\":1,\"8abcdefgh\":2,\"text\":\"t\"}", C, 0, C, C, T("t") },
	{ "{\"x\":1,\"8abcdefgh\":2,\"x\":3,\"text\":\"t\"}", V, 0, V, C,
	    T("t") },
	/* Other values and invalid input. */
	{ "{\"text\":5}", C, 0, C, NONE, NULL, 0 },
	{ "{\"text\":null,\"b\":true,\"c\":false}", C, 0, C, NONE, NULL, 0 },
	{ "", I, 0, I, NONE, NULL, 0 },
	{ "[\"text\"]", I, 0, I, NONE, NULL, 0 },
	{ "{\"text\":\"x\",}", I, 0, I, NONE, NULL, 0 },
	{ "{\"text\":\"x\"", I, 0, I, NONE, NULL, 0 },
	{ "{\"text\" \"x\"}", I, 0, I, NONE, NULL, 0 },
	{ "{\"text\":\"x\"}}", I, 0, I, NONE, NULL, 0 },
	{ "{\"text\":\"x\",\"n\":-}", I, 0, I, NONE, NULL, 0 },
	{ "{\"text\":\"x\",\"n\":truex}", I, 0, I, NONE, NULL, 0 },
	{ "{\"text\":\"unterminated}", I, 0, I, NONE, NULL, 0 },
};

/* tablerow -- every check of one row of the table. */
static void
tablerow(const struct row *r)
{
	static struct ads_raw lz = ADS_RAW_INIT;
	struct ads_buf b = ADS_BUF_INIT;
	char name[200];
	size_t n = strlen(r->line);
	long i;
	int rc, esc, trc = NONE;

	rc = ads_raw_scan(&raw, r->line, n);
	snprintf(name, sizeof(name), "table: scan %d: %.120s", r->rc,
	    r->line);
	CHECK(name, rc == r->rc && (rc == I || raw.repair == r->repair));
	lz.lazy = "text";
	lz.lazylen = 4;
	snprintf(name, sizeof(name), "table: lazy scan %d: %.120s",
	    r->lazyrc, r->line);
	CHECK(name, ads_raw_scan(&lz, r->line, n) == r->lazyrc);
	if (r->lazyrc == I)
		return;
	i = ads_raw_find(&lz, r->line, "text");
	if (i >= 0 && lz.m[i].kind == '"')
		trc = ads_raw_check_string(r->line + lz.m[i].val,
		    lz.m[i].vallen, &esc);
	snprintf(name, sizeof(name), "table: string check %d: %.120s",
	    r->textrc, r->line);
	CHECK(name, trc == r->textrc);
	if (r->text == NULL)
		return;
	snprintf(name, sizeof(name), "table: decoded: %.120s", r->line);
	CHECK(name, i >= 0 && ads_raw_string(r->line + lz.m[i].val,
	    lz.m[i].vallen, &b) == 0 && b.len == r->textlen &&
	    memcmp(b.p, r->text, b.len) == 0);
	ads_buf_free(&b);
}

/* deep -- a record with a member nested depth levels (arrays or objects). */
static char *
deep(int depth, int obj)
{
	char *p = malloc(24 + 8 * (size_t)depth), *q = p;
	int i;

	q += sprintf(q, "{\"text\":\"t\",\"a\":");
	for (i = 0; i < depth; i++)
		q += sprintf(q, obj ? "{\"a\":" : "[");
	*q++ = '1';
	for (i = 0; i < depth; i++)
		*q++ = obj ? '}' : ']';
	strcpy(q, "}");
	return p;
}

/* numbers -- ads_raw_number against strtod, and its bound. */
static void
numbers(void)
{
	static const struct {
		const char	*s;
		int		 rc;
		double		 d;
	} nums[] = {
		{ "0", 0, 0 }, { "-12", 0, -12 }, { "0.5", 0, 0.5 },
		{ "1.5e-07", 0, 1.5e-07 }, { "2.5E+20", 0, 2.5e20 },
		{ "123456789012345", 0, 123456789012345.0 },
		{ "1e400", 0, HUGE_VAL },
		{ "", -1, 0 },
		{ "1234567890123456789012345678901234567890123456789012345678"
		    "901234", -1, 0 },
	};
	char name[120];
	size_t i;
	double d;
	int rc;

	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		d = -1;
		rc = ads_raw_number(nums[i].s, strlen(nums[i].s), &d);
		snprintf(name, sizeof(name), "number %.70s", nums[i].s);
		CHECK(name, rc == nums[i].rc && (rc == -1 || d == nums[i].d));
	}
}

/* table -- the rows, deep nesting at and past the bound, numbers. */
static void
table(void)
{
	size_t i;
	char *p;
	int obj;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		tablerow(&rows[i]);
	for (obj = 0; obj < 2; obj++) {
		p = deep(ADS_RAW_MAXDEPTH - 1, obj);
		CHECK(obj ? "objects nested to the bound: canonical" :
		    "arrays nested to the bound: canonical",
		    scan(p) == ADS_RAW_CANONICAL && roundtrip(p));
		free(p);
		p = deep(ADS_RAW_MAXDEPTH, obj);
		CHECK(obj ? "objects nested past the bound: left to libjq" :
		    "arrays nested past the bound: left to libjq",
		    scan(p) == ADS_RAW_INVALID);
		free(p);
	}
	numbers();
	scan("{\"a\":\"x\",\"b\":[1]}");
	CHECK("flags: none", !raw.repair && !raw.ctrl && !raw.space &&
	    !raw.pair);
	scan("{\"a\": \"x\"}");
	CHECK("flags: white space", raw.space && !raw.ctrl && !raw.pair);
	scan("{\"a\":[\"x\ty\"]}");
	CHECK("flags: raw control byte", raw.ctrl && !raw.space);
	scan("{\"a\":\"\\ud83d\\ude00\"}");
	CHECK("flags: surrogate pair", raw.pair && !raw.repair);
	scan("{\"a\":\"\\udc00\"}");
	CHECK("flags: lone surrogate", raw.repair && !raw.pair);
}

int
main(void)
{
	struct ads_buf b = ADS_BUF_INIT;
	const char *s;
	char *big;
	size_t i;

	canon("{}");
	canon("{\"a\":1}");
	canon("{\"id\":\"x\",\"text\":\"hello\",\"n\":-12,\"f\":0.5,"
	    "\"t\":true,\"u\":false,\"z\":null}");
	canon("{\"a\":{\"b\":[1,2,{\"c\":[]}],\"d\":{}},\"e\":[]}");
	canon("{\"s\":\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001 \\u001f "
	    "\\u007f\"}");
	canon("{\"s\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}");
	canon("{\"n\":0.1235,\"m\":1.5e-07,\"k\":2.5e+20,\"j\":0}");
	canon("{\"n\":123456789012345}");
	canon("{\"a\":{\"x\":1},\"b\":{\"x\":1}}");

	noncanon("{ \"a\":1}");
	noncanon("{\"a\" :1}");
	noncanon("{\"a\":1 }");
	noncanon("{\"s\":\"a\\/b\"}");
	noncanon("{\"s\":\"\\u00e9\"}");
	noncanon("{\"s\":\"\\u000a\"}");
	noncanon("{\"s\":\"\\u001F\"}");
	noncanon("{\"s\":\"\\ud83d\\ude00\"}");
	noncanon("{\"n\":1.0}");
	noncanon("{\"n\":1e2}");
	noncanon("{\"n\":1E2}");
	canon("{\"n\":-0}");
	noncanon("{\"n\":9999999999999999}");
	noncanon("{\"n\":100000000000000000}");
	noncanon("{\"n\":1e400}");
	noncanon("{\"a\":1,\"a\":2}");
	noncanon("{\"o\":{\"a\":1,\"a\":2}}");
	noncanon("{\"s\":\"bad \xff byte\"}");
	noncanon("{\"s\":\"overlong \xc0\xaf\"}");
	noncanon("{\"s\":\"surrogate \xed\xa0\x80\"}");
	noncanon("{\"s\":\"lone \\udc00\"}");

	invalid("");
	invalid("[1]");
	invalid("\"s\"");
	invalid("{");
	invalid("{\"a\"}");
	invalid("{\"a\":}");
	invalid("{\"a\":1,}");
	invalid("{\"a\":01}");
	invalid("{\"a\":.5}");
	invalid("{\"a\":1.}");
	invalid("{\"a\":tru}");
	invalid("{\"a\":nan}");
	invalid("{\"a\":1} x");
	invalid("{\"s\":\"\\x\"}");
	invalid("{\"s\":\"\\u12\"}");
	invalid("{\"s\":\"\\ud800x\"}");
	invalid("{\"s\":\"unterminated}");
	invalid("{a:1}");

	/* Nesting deeper than the bound is left to libjq. */
	big = malloc(2 * ADS_RAW_MAXDEPTH + 20);
	strcpy(big, "{\"a\":");
	for (i = 0; i < ADS_RAW_MAXDEPTH; i++)
		strcat(big, "[");
	for (i = 0; i < ADS_RAW_MAXDEPTH; i++)
		strcat(big, "]");
	strcat(big, "}");
	CHECK("too deep: left to libjq", scan(big) == ADS_RAW_INVALID);
	free(big);

	/* Member spans. */
	s = "{\"id\":\"x\",\"text\":\"a\\nb\",\"n\":[1,2],\"q\":0.5}";
	CHECK("four members", scan(s) == ADS_RAW_CANONICAL && raw.n == 4);
	CHECK("find text", ads_raw_find(&raw, s, "text") == 1);
	CHECK("find missing", ads_raw_find(&raw, s, "tex") == -1);
	CHECK("key span", raw.m[1].keylen == 6 &&
	    memcmp(s + raw.m[1].key, "\"text\"", 6) == 0);
	CHECK("array value span", raw.m[2].kind == '[' &&
	    raw.m[2].vallen == 5 && memcmp(s + raw.m[2].val, "[1,2]", 5) == 0);
	CHECK("number value span", raw.m[3].kind == 'n' &&
	    raw.m[3].vallen == 3);
	CHECK("escape flag", raw.m[1].esc && !raw.m[0].esc);
	s = "{\"a\":1,\"a\":2}";
	scan(s);
	CHECK("last of equal keys wins", ads_raw_find(&raw, s, "a") == 1);

	/* Decoding, against libjq. */
	decoded("{\"t\":\"plain\"}", "t", "plain", 5);
	decoded("{\"t\":\"a\\nb\\t\\\"\\\\\\/\"}", "t", "a\nb\t\"\\/", 7);
	decoded("{\"t\":\"\\u00e9\\u20ac\"}", "t", "\xc3\xa9\xe2\x82\xac", 5);
	decoded("{\"t\":\"\\ud83d\\ude00\"}", "t", "\xf0\x9f\x98\x80", 4);
	decoded("{\"t\":\"x\\udc00y\"}", "t", "x\xef\xbf\xbdy", 5);
	decoded("{\"t\":\"n\\u0000l\"}", "t", "n\0l", 3);
	decoded("{\"t\":\"\"}", "t", "", 0);
	CHECK("invalid UTF-8 is not decoded here",
	    ads_raw_string("\"\xff\"", 3, &b) == -1);
	CHECK("not a string", ads_raw_string("12", 2, &b) == -1);

	/* What libjq would repair: the first place, or -1. */
	u8("{\"t\":\"plain ascii, long enough for a word or two\"}", -1, NULL);
	u8("{\"t\":\"\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}", -1, NULL);
	u8("{\"t\":\"caf\xe9\"}", 9, "invalid UTF-8");
	u8("{\"t\xff\":\"x\"}", 3, "invalid UTF-8");
	u8("{\"t\":\"0123456789abcdef0123456789\xc0\xaf\"}", 32,
	    "invalid UTF-8");
	u8("{\"t\":\"\xed\xa0\x80\"}", 6, "invalid UTF-8");
	u8("{\"t\":\"\xf4\x90\x80\x80\"}", 6, "invalid UTF-8");
	u8("{\"t\":\"\xe2\x82\"}", 6, "invalid UTF-8");
	u8("{\"t\":\"x\\udc00\"}", 7, "lone surrogate escape");
	u8("{\"t\":\"x\\uDFFF\"}", 7, "lone surrogate escape");
	u8("{\"t\":\"\\ud83d\\ude00 \\u00e9 \\ufffd\"}", -1, NULL);
	u8("{\"t\":\"\\\\udc00 is text\"}", -1, NULL);
	u8("{\"t\":\"\\\"\\\\\\n\", \"u\":\"\\udc00\"}", 20,
	    "lone surrogate escape");

	table();
	ads_buf_free(&b);
	ads_raw_free(&raw);
	return unit_failed;
}
