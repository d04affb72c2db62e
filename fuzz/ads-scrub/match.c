/*
 * match -- libFuzzer harness over the ads-scrub matcher: every detector,
 * a user pattern and the allowlist on arbitrary bytes (invalid UTF-8
 * included), in each replacement mode.  The findings must be sorted,
 * disjoint and inside the text, and the text between them must come
 * out unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../common/hash.h"
#include "../../tools/ads-scrub/scrub.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct scrub sc[3];
static int ready;

static void
setup(void)
{
	unsigned char mac[ADS_SHA256_LEN];
	char err[256], key[2 * ADS_SHA256_LEN + 1];
	int i;

	/* The pseudonym key, derived once through common/hash.h. */
	ads_hash_hmac_sha256("fuzz", 4, "key", 3, mac);
	ads_hash_hex(mac, sizeof(mac), key);

	for (i = 0; i < 3; i++) {
		scrub_init(&sc[i]);
		sc[i].mode = i == 0 ? MODE_TAG : i == 1 ? MODE_MASK :
		    MODE_HASH;
		if (scrub_add_pattern(&sc[i], "emp=EMP-[0-9]{6}", err,
		    sizeof(err)) == -1)
			abort();
		scrub_allow(&sc[i], "press@example.org", 17);
		sc[i].key = (unsigned char *)strdup(key);
		sc[i].keylen = strlen(key);
		if (scrub_compile(&sc[i], err, sizeof(err)) == -1)
			abort();
	}
	ready = 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ads_buf out = ADS_BUF_INIT;
	unsigned long counts[NKIND + SCRUB_MAXUSER];
	const char *p = (const char *)data;
	struct scrub *s;
	size_t i, n, at, total = 0;

	if (!ready)
		setup();
	s = &sc[size % 3];
	memset(counts, 0, sizeof(counts));
	n = scrub_find(s, p, size);
	for (i = 0, at = 0; i < n; i++) {
		if (s->spans[i].start < at || s->spans[i].end <= s->spans[i].start ||
		    s->spans[i].end > size)
			abort();
		at = s->spans[i].end;
	}
	n = scrub_text(s, p, size, &out, counts);
	for (i = 0; i < NKIND + SCRUB_MAXUSER; i++)
		total += counts[i];
	if (total != n)
		abort();
	if (n == 0 && (out.len != size || (size > 0 &&
	    memcmp(out.p, data, size) != 0)))
		abort();
	ads_buf_free(&out);
	return 0;
}
