/*
 * test-common.c -- unit tests of common/: the writer, the reader, the
 * line bound, zstd both ways, hashes, number parsing, word and code
 * point counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/hash.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/markdown.h"
#include "../../common/utf8.h"
#include "../../common/util.h"
#include "unit.h"

static char tmpdir[] = "/tmp/ads-unit-XXXXXX";

/* emit -- parse s with libjq and write it back with our writer. */
static char *
emit(const char *s)
{
	struct ads_buf b = ADS_BUF_INIT;
	jv v = jv_parse(s);

	ads_json_emit(&b, v);
	jv_free(v);
	return ads_buf_detach(&b, NULL);
}

/* jqdump -- what libjq's own dumper writes for s. */
static char *
jqdump(const char *s)
{
	jv d = jv_dump_string(jv_parse(s), 0);
	char *r = xstrdup(jv_string_value(d));

	jv_free(d);
	return r;
}

static void
writer(void)
{
	static const char *same[] = {
		"{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
		"{\"z\":1,\"a\":2,\"m\":3}",
		"\"tab\\there \\\"q\\\" back\\\\slash\\n\\r\\b\\f\"",
		"\"\\u0001\\u001f\\u007f\"",
		"\"caf\\u00e9 \\u65e5\\u672c \\ud83d\\ude00\"",
		"[0.1,1.5,-2,1e300,123456789012,3.141592653589793]",
		"[]", "{}", "\"\"", "[1e-7,-0.0001]",
		NULL
	};
	char name[128], *a, *b;
	int i;

	for (i = 0; same[i] != NULL; i++) {
		a = emit(same[i]);
		b = jqdump(same[i]);
		snprintf(name, sizeof(name), "writer matches jv_dump_string: %.40s",
		    same[i]);
		CHECK_STR(name, a, b);
		free(a);
		free(b);
	}
	a = emit("\"\\u2028\"");
	CHECK_STR("writer keeps U+2028 as UTF-8", a, "\"\xe2\x80\xa8\"");
	free(a);
	a = emit("[1e1000, -1e1000]");
	CHECK_STR("writer prints infinities as jq does", a,
	    "[1.7976931348623157e+308,-1.7976931348623157e+308]");
	free(a);
	{
		struct ads_buf bb = ADS_BUF_INIT;
		/* Invalid UTF-8 never reaches the output. */
		jv s = jv_string_sized("a\xff" "b\xc3", 4);

		ads_json_emit(&bb, s);
		jv_free(s);
		CHECK_STR("writer never emits invalid UTF-8", bb.p,
		    "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\"");
		ads_buf_free(&bb);
	}
	{
		/* Round trip of doubles through the shortest form. */
		double ds[] = { 0.1, 1.0 / 3, 2.5e-300, 123.456, 9007199254740993.0 };
		size_t k;
		int okall = 1;

		for (k = 0; k < sizeof(ds) / sizeof(ds[0]); k++) {
			struct ads_buf bb = ADS_BUF_INIT;

			ads_json_emit_number(&bb, ds[k]);
			if (strtod(bb.p, NULL) != ds[k])
				okall = 0;
			ads_buf_free(&bb);
		}
		CHECK("numbers read back to the same double", okall);
	}
}

static char *
writefile(const char *name, const char *data, size_t n)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");

	fwrite(data, 1, n, f);
	fclose(f);
	return path;
}

static void
lines(void)
{
	char *path, *line;
	size_t len;
	struct ads_in *in;
	int rc, n = 0;
	FILE *ovf;
	char *ovbuf = NULL;
	size_t ovlen = 0;
	char big[5000];

	memset(big, 'x', sizeof(big));
	path = writefile("lines.txt", "one\n\ntwo\nthree", 14);
	in = ads_in_open(path);
	CHECK("ads_in_open opens a file", in != NULL);
	while ((rc = ads_in_getline(in, 100, &line, &len, NULL)) == 1)
		n++;
	CHECK("getline: 4 lines, last without newline", n == 4 && rc == 0);
	CHECK_STR("getline: last line text", line, "three");
	ads_in_close(in);
	free(path);

	{
		char data[5200];

		memcpy(data, "ok\n", 3);
		memcpy(data + 3, big, sizeof(big));
		memcpy(data + 3 + sizeof(big), "\nafter\n", 7);
		path = writefile("long.txt", data, 3 + sizeof(big) + 7);
	}
	in = ads_in_open(path);
	ovf = open_memstream(&ovbuf, &ovlen);
	rc = ads_in_getline(in, 1000, &line, &len, ovf);
	CHECK("bounded: short line read", rc == 1 && len == 2);
	rc = ads_in_getline(in, 1000, &line, &len, ovf);
	CHECK("bounded: over-long line reported", rc == ADS_IN_TOOLONG);
	rc = ads_in_getline(in, 1000, &line, &len, ovf);
	CHECK("bounded: next line intact after the long one",
	    rc == 1 && strcmp(line, "after") == 0);
	fclose(ovf);
	CHECK("bounded: over-long line copied whole to overflow",
	    ovlen == sizeof(big) + 1 && ovbuf[ovlen - 1] == '\n');
	free(ovbuf);
	ads_in_close(in);
	free(path);
}

static void
zstdround(void)
{
	struct ads_out *o;
	struct ads_in *in;
	char *path, *line;
	size_t len;
	int i, n = 0, okall = 1;

	path = xasprintf("%s/round.jsonl.zst", tmpdir);
	o = ads_out_open(path, ADS_OUT_ATOMIC);
	CHECK("zstd: open for writing", o != NULL);
	for (i = 0; i < 20000; i++) {
		char rec[64];

		snprintf(rec, sizeof(rec), "{\"id\":%d}\n", i);
		ads_out_puts(o, rec);
	}
	CHECK("atomic: no file before close", access(path, F_OK) != 0);
	CHECK("zstd: close", ads_out_close(o) == 0);
	CHECK("atomic: file after close", access(path, F_OK) == 0);
	in = ads_in_open(path);
	while (ads_in_getline(in, 1000, &line, &len, NULL) == 1) {
		char want[64];

		snprintf(want, sizeof(want), "{\"id\":%d}", n);
		if (strcmp(line, want) != 0)
			okall = 0;
		n++;
	}
	ads_in_close(in);
	CHECK("zstd: round trip of 20000 lines", n == 20000 && okall);
	free(path);

	/* A truncated frame is an error, not a silent short read. */
	{
		FILE *f;
		char buf[1 << 16];
		size_t k;

		path = xasprintf("%s/round.jsonl.zst", tmpdir);
		f = fopen(path, "r");
		k = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		free(path);
		path = writefile("trunc.zst", buf, k / 2);
		in = ads_in_open(path);
		while ((i = ads_in_getline(in, 1000, &line, &len, NULL)) == 1)
			;
		CHECK("zstd: truncated stream is an error", i == ADS_IN_ERROR);
		ads_in_close(in);
		free(path);
	}
}

static void
hashes(void)
{
	char hex[65];
	unsigned char mac[32];

	ads_hash_sha256_hex("abc", 3, hex);
	CHECK_STR("sha256(abc)", hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* RFC 4231 test case 2. */
	ads_hash_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28,
	    mac);
	ads_hash_hex(mac, 32, hex);
	CHECK_STR("hmac-sha256 (RFC 4231 case 2)", hex,
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	CHECK("hash64 is seeded", ads_hash64("x", 1, 1) != ads_hash64("x", 1, 2));
	CHECK("hash64 is stable", ads_hash64("hello world", 11, 0) ==
	    ads_hash64("hello world", 11, 0));
}

static void
numbers(void)
{
	const char *e;

	CHECK("strtonum ok", ads_strtonum("42", 0, 100, &e) == 42 && e == NULL);
	ads_strtonum("101", 0, 100, &e);
	CHECK_STR("strtonum too large", e, "too large");
	ads_strtonum("4x", 0, 100, &e);
	CHECK_STR("strtonum invalid", e, "invalid");
	ads_strtonum("-1", 0, 100, &e);
	CHECK_STR("strtonum too small", e, "too small");
	CHECK("optsize suffix", ads_optsize("-m", "64M", 0, 1LL << 40) ==
	    64LL << 20);
}

static void
fields(void)
{
	jv r = jv_parse("{\"text\":\"hi\",\"n\":3,\"o\":{}}");
	size_t len;
	double d;

	CHECK_STR("ads_json_str", ads_json_str(r, "text", &len), "hi");
	CHECK("ads_json_str missing", ads_json_str(r, "nope", NULL) == NULL);
	CHECK("ads_json_str non-string", ads_json_str(r, "n", NULL) == NULL);
	CHECK("ads_json_num", ads_json_num(r, "n", &d) == 0 && d == 3);
	{
		jv c = jv_parse("{\"n\":3.7,\"neg\":-1,\"big\":8.9e77,"
		    "\"s\":\"4\",\"top\":9007199254740992}");
		long long n = -5;

		CHECK("ads_json_count", ads_json_count(c, "n", &n) == 0 &&
		    n == 3);
		n = -5;
		CHECK("ads_json_count: no negative, huge or string count",
		    ads_json_count(c, "neg", &n) < 0 &&
		    ads_json_count(c, "big", &n) < 0 &&
		    ads_json_count(c, "s", &n) < 0 &&
		    ads_json_count(c, "none", &n) < 0 && n == -5);
		CHECK("ads_json_count: 2^53",
		    ads_json_count(c, "top", &n) == 0 &&
		    n == 9007199254740992LL);
		jv_free(c);
	}
	r = ads_json_set(r, "text", jv_string("x"));
	{
		char *s;
		struct ads_buf b = ADS_BUF_INIT;

		ads_json_emit(&b, r);
		s = ads_buf_detach(&b, NULL);
		CHECK_STR("set keeps key order", s,
		    "{\"text\":\"x\",\"n\":3,\"o\":{}}");
		free(s);
	}
	jv_free(r);
}

/*
 * markdown -- a document that ends inside a link destination is read
 * to its end and no further: the bytes after it in memory (here ')',
 * which would close the link) change nothing.
 */
static void
markdown(void)
{
	static const char *docs[] = { "[a](b", "see ![x](y", "[a](<b" };
	size_t i, n, len;
	char *buf, *got;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		n = strlen(docs[i]);
		buf = xmalloc(n + 16);
		memcpy(buf, docs[i], n);
		memset(buf + n, ')', 16);
		got = ads_md_walk(buf, n, &len, NULL, NULL);
		CHECK_STR("markdown: nothing read past the end", got, docs[i]);
		free(got);
		free(buf);
	}
}

/* counts -- words and code points. */
static void
counts(void)
{
	CHECK("words: runs between ASCII white space",
	    ads_words(" a\tbc\r\nd\v\fe  ", 13) == 4);
	CHECK("words: none", ads_words(" \t\n", 3) == 0 &&
	    ads_words("", 0) == 0);
	CHECK("words: UTF-8 bytes are letters",
	    ads_words("caf\xc3\xa9 \xe6\x97\xa5", 9) == 2);
	CHECK("utf8_chars: code points",
	    ads_utf8_chars("caf\xc3\xa9 \xf0\x9f\x98\x80", 10) == 6);
}

int
main(int argc, char *argv[])
{
	(void)argc;
	ads_setprogname(argv[0]);
	if (mkdtemp(tmpdir) == NULL)
		return 3;
	writer();
	lines();
	zstdround();
	hashes();
	numbers();
	fields();
	markdown();
	counts();
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
		if (system(cmd) != 0)
			return 3;
	}
	return unit_failed;
}
