/*
 * hash.h -- digests through OpenSSL
 */
#ifndef ADS_HASH_H
#define ADS_HASH_H

#include <stddef.h>

#define ADS_SHA256_LEN 32

/* ads_hash_sha256 -- SHA-256 of n bytes at p into out (32 bytes). */
void ads_hash_sha256(const void *p, size_t n, unsigned char *out);
/* ads_hash_sha256_hex -- the same as 64 lowercase hex digits + NUL. */
void ads_hash_sha256_hex(const void *p, size_t n, char *hex);
/*
 * ads_hash_hmac_sha256 -- HMAC-SHA256 of data under key into out
 * (32 bytes).
 */
void ads_hash_hmac_sha256(const void *key, size_t keylen, const void *data,
    size_t n, unsigned char *out);
/* ads_hash_hex -- n bytes as 2n lowercase hex digits + NUL into hex. */
void ads_hash_hex(const unsigned char *p, size_t n, char *hex);
/*
 * ads_hash64 -- a fast 64-bit non-cryptographic hash (for hash tables
 * and MinHash), seeded; stable across platforms and runs.
 */
unsigned long long ads_hash64(const void *p, size_t n,
    unsigned long long seed);

#endif
