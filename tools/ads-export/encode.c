/*
 * encode.c -- the Parquet encodings of Encodings.md that are not PLAIN:
 * the RLE / bit-packing hybrid (levels and dictionary indices) and
 * DELTA_BINARY_PACKED (the lengths of DELTA_LENGTH_BYTE_ARRAY)
 */
#include <stdint.h>
#include <string.h>

#include "../../common/buf.h"
#include "export.h"

/*
 * rle_encode -- the RLE / bit-packing hybrid of n values of width bits
 * (Encodings.md): runs of 8 or more equal values are RLE runs, the rest
 * bit-packed in groups of 8 (the last group padded with zeros).
 */
void
rle_encode(struct ads_buf *b, const uint32_t *v, size_t n, int width)
{
	size_t i = 0, run, j, start, groups, k;
	int vbytes = (width + 7) / 8, bi;

	while (i < n) {
		run = 1;
		while (i + run < n && v[i + run] == v[i])
			run++;
		if (run >= 8) {
			put_uvarint(b, (uint64_t)run << 1);
			for (bi = 0; bi < vbytes; bi++)
				ads_buf_addc(b, (char)(v[i] >> (8 * bi)));
			i += run;
			continue;
		}
		start = i;
		groups = 0;
		while (i < n && groups < 63) {
			if (groups > 0) {
				run = 1;
				while (i + run < n && run < 8 &&
				    v[i + run] == v[i])
					run++;
				if (run >= 8)
					break;
			}
			i += 8;
			groups++;
		}
		if (i > n)
			i = n;
		put_uvarint(b, ((uint64_t)groups << 1) | 1);
		{
			uint64_t acc = 0;
			int nb = 0;

			ads_buf_grow(b, groups * (size_t)width + 8);
			for (k = 0; k < groups * 8; k++) {
				j = start + k;
				acc |= (uint64_t)(j < i ? v[j] : 0) << nb;
				nb += width;
				while (nb >= 8) {
					b->p[b->len++] = (char)acc;
					acc >>= 8;
					nb -= 8;
				}
			}
			b->p[b->len] = '\0';
		}
	}
}

int
bitwidth(uint64_t maxv)
{
	int w = 0;

	while (maxv > 0) {
		w++;
		maxv >>= 1;
	}
	return w;
}

void
put_zigzag(struct ads_buf *b, int64_t v)
{
	put_uvarint(b, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

/*
 * delta_pack -- DELTA_BINARY_PACKED (Encodings.md) of n values: blocks
 * of 128 deltas in 4 miniblocks of 32, each bit-packed at its own
 * width from the block's smallest delta.  The last miniblock in use is
 * padded to 32 values; the unused ones have width 0 and no bytes.
 * Values are string lengths, so deltas fit well within 62 bits.
 */
void
delta_pack(struct ads_buf *b, const int64_t *v, size_t n)
{
	size_t blk, end, mb, s, e, i, k;
	int64_t mind;
	uint64_t x, maxv, acc;
	int widths[4], nb;

	put_uvarint(b, 128);
	put_uvarint(b, 4);
	put_uvarint(b, n);
	put_zigzag(b, n > 0 ? v[0] : 0);
	for (blk = 1; blk < n; blk += 128) {
		end = blk + 128 < n ? blk + 128 : n;
		mind = v[blk] - v[blk - 1];
		for (i = blk + 1; i < end; i++)
			if (v[i] - v[i - 1] < mind)
				mind = v[i] - v[i - 1];
		put_zigzag(b, mind);
		for (mb = 0; mb < 4; mb++) {
			s = blk + mb * 32;
			e = s + 32 < end ? s + 32 : end;
			maxv = 0;
			for (i = s; i < e; i++) {
				x = (uint64_t)(v[i] - v[i - 1]) - (uint64_t)mind;
				if (x > maxv)
					maxv = x;
			}
			widths[mb] = s < end ? bitwidth(maxv) : 0;
			ads_buf_addc(b, (char)widths[mb]);
		}
		for (mb = 0; mb < 4; mb++) {
			s = blk + mb * 32;
			if (s >= end)
				break;
			ads_buf_grow(b, 4 * (size_t)widths[mb] + 8);
			acc = 0;
			nb = 0;
			for (k = 0; k < 32; k++) {
				i = s + k;
				x = i < end ? (uint64_t)(v[i] - v[i - 1]) -
				    (uint64_t)mind : 0;
				acc |= x << nb;
				nb += widths[mb];
				while (nb >= 8) {
					b->p[b->len++] = (char)acc;
					acc >>= 8;
					nb -= 8;
				}
			}
			b->p[b->len] = '\0';
		}
	}
}
