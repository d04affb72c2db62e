/*
 * thrift.c -- the Thrift compact protocol, as far as the Parquet footer
 * and page headers need it: field headers as deltas of field ids,
 * zigzag varints, binaries, lists and nested structs
 */
#include <stdint.h>
#include <string.h>

#include "../../common/buf.h"
#include "export.h"
#include "thrift.h"

void
tw_varint(struct tw *t, uint64_t v)
{
	put_uvarint(t->b, v);
}

void
tw_field(struct tw *t, int id, int type)
{
	int d = id - t->last[t->depth];

	if (d > 0 && d <= 15)
		ads_buf_addc(t->b, (char)((d << 4) | type));
	else {
		ads_buf_addc(t->b, (char)type);
		tw_varint(t, (uint64_t)(((int64_t)id << 1) ^ (id >> 15)));
	}
	t->last[t->depth] = id;
}

void
tw_i64(struct tw *t, int id, int64_t v)
{
	tw_field(t, id, TT_I64);
	put_zigzag(t->b, v);
}

void
tw_i32(struct tw *t, int id, int32_t v)
{
	tw_field(t, id, TT_I32);
	put_zigzag(t->b, v);
}

void
tw_bool(struct tw *t, int id, int v)
{
	tw_field(t, id, v ? TT_TRUE : TT_FALSE);
}

void
tw_bin(struct tw *t, int id, const void *p, size_t n)
{
	tw_field(t, id, TT_BINARY);
	tw_elem_bin(t, p, n);
}

/* tw_list -- a list header of n elements of type etype. */
void
tw_list(struct tw *t, int id, size_t n, int etype)
{
	tw_field(t, id, TT_LIST);
	if (n < 15)
		ads_buf_addc(t->b, (char)((n << 4) | etype));
	else {
		ads_buf_addc(t->b, (char)(0xf0 | etype));
		tw_varint(t, n);
	}
}

/* Element values inside lists carry no field header. */
void
tw_elem_i32(struct tw *t, int32_t v)
{
	put_zigzag(t->b, v);
}

void
tw_elem_bin(struct tw *t, const void *p, size_t n)
{
	tw_varint(t, n);
	ads_buf_add(t->b, p, n);
}

/* tw_begin -- open a struct (as field id, or a list element if id 0). */
void
tw_begin(struct tw *t, int id)
{
	if (id > 0)
		tw_field(t, id, TT_STRUCT);
	t->last[++t->depth] = 0;
}

void
tw_end(struct tw *t)
{
	ads_buf_addc(t->b, 0);
	t->depth--;
}
