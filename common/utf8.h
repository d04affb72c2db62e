/*
 * utf8.h -- the one UTF-8 check (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), inline for the scanners' inner
 * loops: the record scanner (rawjson.c), ads-dedup's and ads-export's.
 */
#ifndef ADS_UTF8_H
#define ADS_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * ads_utf8_seqlen -- the length of the valid multi-byte sequence at p
 * (before e), or 0: for an ASCII byte too, which callers test first.
 */
static inline size_t
ads_utf8_seqlen(const unsigned char *p, const unsigned char *e)
{
	unsigned c = p[0];

	if (c >= 0xc2 && c <= 0xdf) {
		if (e - p >= 2 && (p[1] & 0xc0) == 0x80)
			return 2;
		return 0;
	}
	if (c >= 0xe0 && c <= 0xef) {
		if (e - p < 3 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && p[1] < 0xa0)
			return 0;	/* overlong */
		if (c == 0xed && p[1] >= 0xa0)
			return 0;	/* surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (e - p < 4 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && p[1] < 0x90)
			return 0;	/* overlong */
		if (c == 0xf4 && p[1] >= 0x90)
			return 0;	/* above U+10FFFF */
		return 4;
	}
	return 0;
}

/*
 * ads_utf8_valid -- 1 when p (n bytes) is all valid UTF-8; ASCII is
 * passed over eight bytes at a time.
 */
static inline int
ads_utf8_valid(const unsigned char *p, size_t n)
{
	const unsigned char *e = p + n;
	uint64_t w;
	size_t k;

	while (p < e) {
		if (e - p >= 8) {
			memcpy(&w, p, 8);
			if ((w & 0x8080808080808080ULL) == 0) {
				p += 8;
				continue;
			}
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((k = ads_utf8_seqlen(p, e)) == 0)
			return 0;
		p += k;
	}
	return 1;
}

/*
 * ads_utf8_chars -- the code points of s (n bytes of valid UTF-8): the
 * bytes that are not continuation bytes.
 */
static inline size_t
ads_utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

#endif
