/*
 * hash.c -- SHA-256 and HMAC through OpenSSL, and a fast 64-bit hash
 */
#include <stdint.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "hash.h"
#include "util.h"

void
ads_hash_sha256(const void *p, size_t n, unsigned char *out)
{
	unsigned int len = ADS_SHA256_LEN;

	if (EVP_Digest(p, n, out, &len, EVP_sha256(), NULL) != 1)
		ads_die(ADS_SYSTEM, "SHA-256 failed");
}

void
ads_hash_hex(const unsigned char *p, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[p[i] >> 4];
		hex[2 * i + 1] = digits[p[i] & 0xf];
	}
	hex[2 * n] = '\0';
}

void
ads_hash_sha256_hex(const void *p, size_t n, char *hex)
{
	unsigned char md[ADS_SHA256_LEN];

	ads_hash_sha256(p, n, md);
	ads_hash_hex(md, sizeof(md), hex);
}

void
ads_hash_hmac_sha256(const void *key, size_t keylen, const void *data,
    size_t n, unsigned char *out)
{
	unsigned int len = ADS_SHA256_LEN;

	if (HMAC(EVP_sha256(), key, (int)keylen, data, n, out, &len) == NULL)
		ads_die(ADS_SYSTEM, "HMAC-SHA256 failed");
}

/*
 * A 64-bit hash in the style of wyhash/xxh3's mixing: 8-byte lanes
 * multiplied and folded.  Reads unaligned bytes with memcpy; the result
 * is defined for little-endian order on every host.
 */
static uint64_t
rd64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	    (uint64_t)p[7] << 56;
}

static uint64_t
mix(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

unsigned long long
ads_hash64(const void *data, size_t n, unsigned long long seed)
{
	const uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL,
	    k2 = 0x8ebc6af09c88c6e3ULL;
	const unsigned char *p = data;
	uint64_t h = seed ^ mix(seed ^ k0, k1) ^ n;
	unsigned char tail[8];
	size_t i = 0;

	for (; i + 16 <= n; i += 16)
		h = mix(rd64(p + i) ^ k1 ^ h, rd64(p + i + 8) ^ k2);
	if (i + 8 <= n) {
		h = mix(rd64(p + i) ^ k1, h ^ k2);
		i += 8;
	}
	if (i < n) {
		memset(tail, 0, sizeof(tail));
		memcpy(tail, p + i, n - i);
		h = mix(rd64(tail) ^ k2, h ^ k0);
	}
	return mix(h ^ k0, h ^ k1 ^ (uint64_t)n);
}
