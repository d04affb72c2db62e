/*
 * norm -- libFuzzer harness over the ads-dedup normalizer and shingler:
 * any bytes, any flags and shingle size.  The key must have no space at
 * either end and no two spaces in a row, must be valid UTF-8 when the
 * input is, and must not depend on the words being hashed; MinHash must
 * give the same signature twice and similarity 1 to itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../tools/ads-dedup/dedup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
validutf8(const unsigned char *p, size_t n)
{
	size_t i = 0, l, j;
	unsigned c;

	while (i < n) {
		c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			l = 2;
		else if (c >= 0xe0 && c <= 0xef)
			l = 3;
		else if (c >= 0xf0 && c <= 0xf4)
			l = 4;
		else
			return 0;
		if (i + l > n)
			return 0;
		for (j = 1; j < l; j++)
			if ((p[i + j] & 0xc0) != 0x80)
				return 0;
		if ((c == 0xe0 && p[i + 1] < 0xa0) ||
		    (c == 0xed && p[i + 1] >= 0xa0) ||
		    (c == 0xf0 && p[i + 1] < 0x90) ||
		    (c == 0xf4 && p[i + 1] >= 0x90))
			return 0;
		i += l;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ads_buf k1 = ADS_BUF_INIT, k2 = ADS_BUF_INIT;
	struct words w = { NULL, 0, 0 };
	uint8_t s1[MH_K], s2[MH_K];
	const char *p;
	size_t n, n1, n2;
	int flags, ngram;

	if (size < 1)
		return 0;
	flags = data[0] & (NORM_PUNCT | NORM_RAW);
	ngram = 1 + (data[0] >> 4);
	p = (const char *)data + 1;
	n = size - 1;
	norm_text(p, n, flags | NORM_WORDS, &k1, &w);
	norm_text(p, n, flags, &k2, NULL);
	if (k1.len != k2.len || (k1.len > 0 && memcmp(k1.p, k2.p, k1.len)))
		abort();
	if (!(flags & NORM_RAW) && k1.len > 0) {
		if (k1.p[0] == ' ' || k1.p[k1.len - 1] == ' ' ||
		    strstr(k1.p, "  ") != NULL)
			abort();
		if (validutf8((const unsigned char *)p, n) &&
		    !validutf8((const unsigned char *)k1.p, k1.len))
			abort();
	}
	n1 = minhash(&w, ngram, s1);
	n2 = minhash(&w, ngram, s2);
	if (n1 != n2 || (n1 > 0 && (memcmp(s1, s2, MH_K) != 0 ||
	    mh_similar(s1, s2) != 1)))
		abort();
	if ((n1 == 0) != (w.n == 0))
		abort();
	ads_buf_free(&k1);
	ads_buf_free(&k2);
	words_free(&w);
	return 0;
}
