/*
 * record -- libFuzzer harness over ads-scrub's two record paths: on
 * every input that common/rawjson.h finds canonical, the fast path
 * (scrub_record_raw) and the jv path (parse, scrub_record_jv, emit)
 * must agree on the bytes written, the counts and the fields changed,
 * in each replacement mode.  The fast path may decline a line, never
 * write a different one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/field.h"
#include "../../common/json.h"
#include "../../common/rawjson.h"
#include "../../tools/ads-scrub/scrub.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NMODE 4

static struct scrub sc[NMODE];
static const char *const fields[] = { "text", "title", "note" };
static struct ads_fields fs;
static int ready;

static void
setup(void)
{
	char err[256];
	int i;

	for (i = 0; i < NMODE; i++) {
		scrub_init(&sc[i]);
		sc[i].mode = i == 0 ? MODE_TAG : i == 1 ? MODE_MASK :
		    i == 2 ? MODE_HASH : MODE_DROP;
		if (scrub_add_pattern(&sc[i], "emp=EMP-[0-9]{6}", err,
		    sizeof(err)) == -1)
			abort();
		scrub_allow(&sc[i], "press@example.org", 17);
		sc[i].key = (unsigned char *)strdup("a fuzzing key of 32 bytes......");
		sc[i].keylen = strlen((char *)sc[i].key);
		if (scrub_compile(&sc[i], err, sizeof(err)) == -1)
			abort();
	}
	if (ads_fields_parse(&fs, "text,title,note", err, sizeof(err)) == -1)
		abort();
	ready = 1;
}

/* same -- the two paths agree on p under s; aborts when they do not. */
static void
same(struct scrub *s, const struct ads_raw *raw, const char *p, size_t n)
{
	static struct ads_buf fast, slow;
	unsigned long ca[NKIND + SCRUB_MAXUSER], cb[NKIND + SCRUB_MAXUSER];
	size_t fa, fb;
	int ok;
	jv v;

	memset(ca, 0, sizeof(ca));
	memset(cb, 0, sizeof(cb));
	ok = scrub_record_raw(s, raw, p, n, fields, 3, ca, &fa, &fast);
	v = ads_json_parse(p, n);
	if (!jv_is_valid(v) || jv_get_kind(v) != JV_KIND_OBJECT)
		abort();	/* canonical, yet libjq refuses it */
	v = scrub_record_jv(s, v, &fs, cb, &fb, NULL);
	if (!ok) {
		jv_free(v);
		return;
	}
	if (fa != fb || memcmp(ca, cb, sizeof(ca)) != 0)
		abort();
	if (fa > 0 && s->mode == MODE_DROP) {
		jv_free(v);
		return;
	}
	ads_buf_reset(&slow);
	ads_json_emit(&slow, v);
	ads_buf_addc(&slow, '\n');
	jv_free(v);
	if (slow.len != fast.len || memcmp(slow.p, fast.p, slow.len) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ads_raw raw = ADS_RAW_INIT;
	int i;

	if (!ready)
		setup();
	if (ads_raw_scan(&raw, (const char *)data, size) != ADS_RAW_CANONICAL)
		return 0;
	for (i = 0; i < NMODE; i++)
		same(&sc[i], &raw, (const char *)data, size);
	return 0;
}
