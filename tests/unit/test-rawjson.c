/*
 * test-rawjson.c -- unit tests of common/rawjson: which lines are
 * canonical, valid or invalid, the member spans, and string decoding,
 * each checked against libjq and our writer where they apply.
 */
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

	ads_buf_free(&b);
	ads_raw_free(&raw);
	return unit_failed;
}
