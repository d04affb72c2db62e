/*
 * parquet.c -- a Parquet writer, from the format specification
 * (apache/parquet-format: parquet.thrift and Encodings.md)
 *
 * Every column is OPTIONAL (a missing field is a null) and flat: one
 * definition level of one bit, no repetition levels; except the nested
 * task columns (nested.c): a "translation" struct (definition levels 0
 * to 2) and a "messages" list of structs in the three-level LIST form
 * (definition levels 0 to 4, repetition levels 0 and 1), each leaf its
 * own column chunk.  Rows are buffered
 * column by column until the row group holds rgbytes of values; then
 * each column chunk is written as an optional dictionary page and data
 * pages (v1) of about PAGE_TARGET bytes, each compressed with zstd.  A
 * chunk is dictionary-encoded (RLE_DICTIONARY) when its dictionary plus
 * the packed indices come out smaller than PLAIN; otherwise long strings
 * are DELTA_LENGTH_BYTE_ARRAY (the lengths apart from the bytes, which
 * then compress better than with PLAIN's interleaved lengths) and the
 * rest PLAIN.
 * The metadata (Thrift compact protocol, thrift.c, with the field
 * numbers of parquet.thrift named in thrift.h) carries min, max and
 * null_count per chunk; the encodings other than PLAIN are in encode.c.
 *
 * Pages are compressed by worker threads, one per processor, each with
 * its own zstd context, while the caller goes on encoding pages and
 * reading rows: a ring of jobs, written to the file strictly in the
 * order they were queued, so the output is the same bytes whatever the
 * timing.  Without a second processor pages are compressed in line.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/hash.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "export.h"
#include "thrift.h"

#define PAGE_TARGET	(4 * 1024 * 1024)
#define DLBA_MIN	64		/* mean string length for DLBA */
#define MAXWORKERS	8
#define DICT_MAX	(1024 * 1024)	/* bytes of dictionary at most */
#define STAT_MAX	64		/* bytes kept of a string min/max */

struct chunkmeta {
	uint64_t	 dict_off;	/* 0: no dictionary page */
	uint64_t	 data_off;
	uint64_t	 csize, usize;
	uint64_t	 nvalues;
	uint64_t	 nulls;
	int		 dict;
	int		 enc;		/* data page encoding */
	int		 has_minmax;
	int		 min_exact, max_exact;
	struct ads_buf	 min, max;
};

struct rowgroup {
	uint64_t	 nrows;
	uint64_t	 usize, csize;
	uint64_t	 offset;
	struct chunkmeta *chunks;
};

struct pcol {
	enum coltype	 type;
	int		 ptype;
	size_t		 scol;		/* its schema column */
	int		 leaf;		/* field of a nested column */
	int		 maxdef, maxrep;
	unsigned char	*def;		/* 1 per entry of the group */
	unsigned char	*rep;		/* the same, when maxrep > 0 */
	size_t		 nent, entcap;	/* entries: rows when flat */
	size_t		 nvals;		/* non-null values */
	size_t		 cap;
	int64_t		*i64;		/* T_INT64 */
	double		*f64;		/* T_DOUBLE */
	unsigned char	*b;		/* T_BOOL */
	uint64_t	*off;		/* byte arrays: start of value i */
	struct ads_buf	 bytes;
	size_t		 plain;		/* PLAIN size of the values */
};

/* A page queued for compression and writing. */
struct job {
	struct ads_buf	 in, out;	/* the page; its compressed form */
	struct chunkmeta *m;
	int		 dict;		/* a dictionary page */
	int		 first;		/* the chunk's first data page */
	size_t		 n;		/* entries or values */
	int		 enc;
	int		 state;		/* J_FREE, J_QUEUED, J_BUSY, J_DONE */
	size_t		 zerr;		/* a zstd error code, or 0 */
};
enum { J_FREE, J_QUEUED, J_BUSY, J_DONE };

/* A worker thread's own zstd context. */
struct wctx {
	struct pq_writer *w;
	ZSTD_CCtx	*zc;
};

struct pq_writer {
	int		 fd;
	const char	*name;
	const struct schema *sc;
	size_t		 ncols;
	struct pcol	*cols;
	size_t		 rows;		/* in the buffered group */
	size_t		 rowcap;
	size_t		 rgbytes;
	size_t		 buffered;
	uint64_t	 pos;		/* bytes written */
	uint64_t	 totalrows;
	struct rowgroup	*rgs;
	size_t		 nrgs;
	int		 level;
	int		 err;
	ZSTD_CCtx	*zc;		/* in-line compression (no workers) */
	/* The job ring: jobs[head..head+njobs) are in flight, in order. */
	struct job	*jobs;
	size_t		 ringsize, head, njobs, next;
	pthread_t	 tid[MAXWORKERS];
	struct wctx	 wctx[MAXWORKERS];
	int		 nworkers;
	int		 stop;
	pthread_mutex_t	 mu;
	pthread_cond_t	 work, done;
	struct ads_buf	 page, zbuf, hdr, tmp;
	uint32_t	*idx;		/* dictionary index per value */
	uint32_t	*slots;
	size_t		 nslots;
	uint64_t	*dvals;		/* dictionary: value index of entry */
	int64_t		*lens;		/* string lengths of a page */
	size_t		 nlens;
	size_t		 ndict;
	struct ads_buf	 text;
};

static int
fullwrite(struct pq_writer *w, const void *p, size_t n)
{
	const char *c = p;
	ssize_t k;

	while (n > 0 && !w->err) {
		k = write(w->fd, c, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			ads_warn_errno("%s: write error", w->name);
			w->err = 1;
			break;
		}
		c += k;
		n -= (size_t)k;
		w->pos += (uint64_t)k;
	}
	return w->err ? -1 : 0;
}

static void
pcol_reserve(struct pcol *c)
{
	if (c->nvals < c->cap)
		return;
	c->cap = c->cap ? c->cap * 2 : 1024;
	switch (c->type) {
	case T_INT64:
		c->i64 = xreallocarray(c->i64, c->cap, sizeof(*c->i64));
		break;
	case T_DOUBLE:
		c->f64 = xreallocarray(c->f64, c->cap, sizeof(*c->f64));
		break;
	case T_BOOL:
		c->b = xrealloc(c->b, c->cap);
		break;
	default:
		c->off = xreallocarray(c->off, c->cap + 1, sizeof(*c->off));
		break;
	}
}

/* compress -- in compressed into out with zc; 0, or a zstd error code. */
static size_t
compress(ZSTD_CCtx *zc, const struct ads_buf *in, struct ads_buf *out)
{
	size_t bound = ZSTD_compressBound(in->len), z;

	ads_buf_reset(out);
	ads_buf_grow(out, bound);
	z = ZSTD_compress2(zc, out->p, bound, in->p, in->len);
	out->len = ZSTD_isError(z) ? 0 : z;
	return ZSTD_isError(z) ? z : 0;
}

/* worker -- compress queued jobs, oldest first, until told to stop. */
static void *
worker(void *arg)
{
	struct wctx *x = arg;
	struct pq_writer *w = x->w;
	struct job *j;
	size_t i;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		j = NULL;
		for (i = 0; i < w->njobs; i++) {
			j = &w->jobs[(w->head + i) % w->ringsize];
			if (j->state == J_QUEUED)
				break;
			j = NULL;
		}
		if (j == NULL) {
			if (w->stop)
				break;
			pthread_cond_wait(&w->work, &w->mu);
			continue;
		}
		j->state = J_BUSY;
		pthread_mutex_unlock(&w->mu);
		j->zerr = compress(x->zc, &j->in, &j->out);
		pthread_mutex_lock(&w->mu);
		j->state = J_DONE;
		pthread_cond_broadcast(&w->done);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

struct pq_writer *
pq_open(int fd, const char *name, const struct schema *sc, size_t rgbytes,
    int level, int nworkers)
{
	struct pq_writer *w;
	size_t i, lf, nl;
	int k;

	w = xcalloc(1, sizeof(*w));
	w->fd = fd;
	w->name = name;
	w->sc = sc;
	/* One leaf a flat column, one a struct field, two for messages. */
	w->ncols = 0;
	for (i = 0; i < sc->ncols; i++)
		w->ncols += sc->cols[i].type == T_STRUCT ? sc->cols[i].nkeys :
		    sc->cols[i].type == T_MESSAGES ? 2 : 1;
	w->rgbytes = rgbytes;
	w->level = level;
	w->cols = xcalloc(w->ncols ? w->ncols : 1, sizeof(*w->cols));
	for (i = 0, lf = 0; i < sc->ncols; i++) {
		enum coltype t = sc->cols[i].type;

		nl = t == T_STRUCT ? sc->cols[i].nkeys : t == T_MESSAGES ? 2 :
		    1;
		for (k = 0; k < (int)nl; k++) {
			struct pcol *c = &w->cols[lf++];

			c->scol = i;
			c->leaf = k;
			c->maxdef = t == T_STRUCT ? 2 : t == T_MESSAGES ? 4 : 1;
			c->maxrep = t == T_MESSAGES;
			/*
			 * Times and class labels are INT64 values, the leaves
			 * of a struct and of messages strings.
			 */
			c->type = t == T_TIMESTAMP || t == T_CLASS ? T_INT64 :
			    t == T_STRUCT || t == T_MESSAGES ? T_STRING : t;
			c->ptype = c->type == T_INT64 ? PT_INT64 :
			    c->type == T_DOUBLE ? PT_DOUBLE :
			    c->type == T_BOOL ? PT_BOOLEAN : PT_BYTE_ARRAY;
			ads_buf_grow(&c->bytes, 64);
		}
	}
	w->zc = ZSTD_createCCtx();
	if (w->zc == NULL)
		ads_die(ADS_SYSTEM, "out of memory");
	ZSTD_CCtx_setParameter(w->zc, ZSTD_c_compressionLevel, level);
	if (nworkers > MAXWORKERS)
		nworkers = MAXWORKERS;
	if (nworkers > 1) {
		/* Two jobs more than workers: one filling, one writing. */
		w->ringsize = (size_t)nworkers + 2;
		w->jobs = xcalloc(w->ringsize, sizeof(*w->jobs));
		pthread_mutex_init(&w->mu, NULL);
		pthread_cond_init(&w->work, NULL);
		pthread_cond_init(&w->done, NULL);
		for (k = 0; k < nworkers; k++) {
			w->wctx[k].w = w;
			w->wctx[k].zc = ZSTD_createCCtx();
			if (w->wctx[k].zc == NULL)
				ads_die(ADS_SYSTEM, "out of memory");
			ZSTD_CCtx_setParameter(w->wctx[k].zc,
			    ZSTD_c_compressionLevel, level);
			if (pthread_create(&w->tid[k], NULL, worker,
			    &w->wctx[k]) != 0) {
				ZSTD_freeCCtx(w->wctx[k].zc);
				break;
			}
			w->nworkers++;
		}
	}
	fullwrite(w, "PAR1", 4);
	return w;
}

uint64_t
pq_bytes(const struct pq_writer *w)
{
	return w->pos;
}

/* stat_bytes -- set a byte array min or max, truncated for long ones. */
static void
stat_bytes(struct ads_buf *dst, const char *s, size_t n, int ismax,
    int *exact)
{
	size_t k;

	ads_buf_reset(dst);
	*exact = 1;
	if (n <= STAT_MAX) {
		ads_buf_add(dst, s, n);
		return;
	}
	*exact = 0;
	/* Cut at a UTF-8 character boundary. */
	k = STAT_MAX;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	if (!ismax) {
		ads_buf_add(dst, s, k);
		return;
	}
	/* An upper bound: the prefix with its last ASCII byte raised. */
	while (k > 0) {
		unsigned char c = (unsigned char)s[k - 1];

		if (c < 0x7f) {
			ads_buf_add(dst, s, k);
			dst->p[k - 1] = (char)(c + 1);
			return;
		}
		k--;
	}
	*exact = -1;	/* no upper bound of that length */
}

/*
 * value_at -- value a of column c as bytes: an INT64 or DOUBLE as its 8
 * bytes, a byte array as its bytes (n set to their length).
 */
static const void *
value_at(const struct pcol *c, size_t a, size_t *n)
{
	switch (c->type) {
	case T_INT64:
		*n = 8;
		return &c->i64[a];
	case T_DOUBLE:
		*n = 8;
		return &c->f64[a];
	default:
		*n = c->off[a + 1] - c->off[a];
		return c->bytes.p + c->off[a];
	}
}

/* value_eq -- compare value a of column c with dictionary value d. */
static int
value_eq(const struct pcol *c, size_t a, size_t d)
{
	size_t na, nd;
	const void *pa = value_at(c, a, &na), *pd = value_at(c, d, &nd);

	return na == nd && memcmp(pa, pd, na) == 0;
}

static uint64_t
value_hash(const struct pcol *c, size_t a)
{
	size_t n;
	const void *p = value_at(c, a, &n);

	return ads_hash64(p, n, 1);
}

static size_t
value_plain(const struct pcol *c, size_t a)
{
	if (c->ptype == PT_BYTE_ARRAY)
		return 4 + (size_t)(c->off[a + 1] - c->off[a]);
	return 8;
}

/*
 * build_dict -- try a dictionary for column c: fills w->idx and
 * w->dvals.  Returns 1 when it pays, 0 for PLAIN.
 */
static int
build_dict(struct pq_writer *w, struct pcol *c)
{
	size_t i, j, mask, dbytes = 0, est;
	uint32_t s;

	if (c->ptype == PT_BOOLEAN || c->nvals == 0)
		return 0;
	w->nslots = 1024;
	while (w->nslots < c->nvals * 2 && w->nslots < (1u << 22))
		w->nslots *= 2;
	free(w->slots);
	w->slots = xcalloc(w->nslots, sizeof(*w->slots));
	w->idx = xreallocarray(w->idx, c->nvals, sizeof(*w->idx));
	w->dvals = xreallocarray(w->dvals, c->nvals, sizeof(*w->dvals));
	w->ndict = 0;
	mask = w->nslots - 1;
	for (i = 0; i < c->nvals; i++) {
		j = (size_t)value_hash(c, i) & mask;
		while ((s = w->slots[j]) != 0) {
			if (value_eq(c, i, (size_t)w->dvals[s - 1]))
				break;
			j = (j + 1) & mask;
		}
		if (s == 0) {
			if (w->ndict * 2 >= w->nslots)
				return 0;
			dbytes += value_plain(c, i);
			if (dbytes > DICT_MAX)
				return 0;
			w->dvals[w->ndict++] = i;
			s = (uint32_t)w->ndict;
			w->slots[j] = s;
		}
		w->idx[i] = s - 1;
	}
	est = dbytes + (c->nvals * (size_t)bitwidth(w->ndict - 1) + 7) / 8;
	return est < c->plain;
}

/* plain_value -- append value i of c in PLAIN encoding. */
static void
plain_value(struct ads_buf *b, const struct pcol *c, size_t i)
{
	size_t n;
	const void *p = value_at(c, i, &n);
	uint32_t len = (uint32_t)n;

	/* A byte array has its length before it. */
	if (c->type != T_INT64 && c->type != T_DOUBLE)
		ads_buf_add(b, &len, 4);
	ads_buf_add(b, p, n);
}

/*
 * emit_page -- write a compressed page (z, zlen; ulen bytes before) with
 * its header, and add it to m.  dict: a dictionary page of n entries;
 * otherwise a data page of n values (nulls included) in encoding enc,
 * the chunk's first when first.
 */
static int
emit_page(struct pq_writer *w, struct chunkmeta *m, int dict, int first,
    size_t n, int enc, size_t ulen, const char *z, size_t zlen)
{
	struct tw t;

	if (dict)
		m->dict_off = w->pos;
	else if (first)
		m->data_off = w->pos;
	ads_buf_reset(&w->hdr);
	memset(&t, 0, sizeof(t));
	t.b = &w->hdr;
	tw_i32(&t, PH_TYPE, dict ? PG_DICT : PG_DATA);
	tw_i32(&t, PH_UNCOMPRESSED_PAGE_SIZE, (int32_t)ulen);
	tw_i32(&t, PH_COMPRESSED_PAGE_SIZE, (int32_t)zlen);
	if (dict) {
		tw_begin(&t, PH_DICTIONARY_PAGE_HEADER);
		tw_i32(&t, DICT_NUM_VALUES, (int32_t)n);
		tw_i32(&t, DICT_ENCODING, E_PLAIN);
		tw_end(&t);
	} else {
		tw_begin(&t, PH_DATA_PAGE_HEADER);
		tw_i32(&t, DPH_NUM_VALUES, (int32_t)n);
		tw_i32(&t, DPH_ENCODING, enc);
		tw_i32(&t, DPH_DEFINITION_LEVEL_ENCODING, E_RLE);
		tw_i32(&t, DPH_REPETITION_LEVEL_ENCODING, E_RLE);
		tw_end(&t);
	}
	ads_buf_addc(&w->hdr, 0);
	m->usize += w->hdr.len + ulen;
	m->csize += w->hdr.len + zlen;
	if (fullwrite(w, w->hdr.p, w->hdr.len) < 0 ||
	    fullwrite(w, z, zlen) < 0)
		return -1;
	return 0;
}

static int
zfail(struct pq_writer *w, size_t zerr)
{
	ads_warn("%s: zstd: %s", w->name, ZSTD_getErrorName(zerr));
	w->err = 1;
	return -1;
}

/* retire -- wait for the oldest job, write it and free its slot. */
static int
retire(struct pq_writer *w)
{
	struct job *j = &w->jobs[w->head];
	int rc;

	pthread_mutex_lock(&w->mu);
	while (j->state != J_DONE)
		pthread_cond_wait(&w->done, &w->mu);
	pthread_mutex_unlock(&w->mu);
	if (j->zerr != 0)
		rc = zfail(w, j->zerr);
	else
		rc = emit_page(w, j->m, j->dict, j->first, j->n, j->enc,
		    j->in.len, j->out.p, j->out.len);
	pthread_mutex_lock(&w->mu);
	j->state = J_FREE;
	w->head = (w->head + 1) % w->ringsize;
	w->njobs--;
	pthread_mutex_unlock(&w->mu);
	return rc;
}

/* drain -- write every job in flight. */
static int
drain(struct pq_writer *w)
{
	int rc = 0;

	while (w->njobs > 0)
		if (retire(w) < 0)
			rc = -1;
	return rc;
}

/*
 * write_page -- compress w->page and write it, or queue it for the
 * workers (taking its buffer); see emit_page for the arguments.
 */
static int
write_page(struct pq_writer *w, struct chunkmeta *m, int dict, int first,
    size_t n, int enc)
{
	struct job *j;
	struct ads_buf t;
	size_t zerr;
	int done;

	if (w->nworkers == 0) {
		if ((zerr = compress(w->zc, &w->page, &w->zbuf)) != 0)
			return zfail(w, zerr);
		return emit_page(w, m, dict, first, n, enc, w->page.len,
		    w->zbuf.p, w->zbuf.len);
	}
	if (w->njobs == w->ringsize && retire(w) < 0)
		return -1;
	j = &w->jobs[(w->head + w->njobs) % w->ringsize];
	t = j->in;
	j->in = w->page;
	w->page = t;
	j->m = m;
	j->dict = dict;
	j->first = first;
	j->n = n;
	j->enc = enc;
	pthread_mutex_lock(&w->mu);
	j->state = J_QUEUED;
	w->njobs++;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->mu);
	/* Write what is finished already: less memory held, less waiting. */
	for (;;) {
		pthread_mutex_lock(&w->mu);
		done = w->njobs > 0 && w->jobs[w->head].state == J_DONE;
		pthread_mutex_unlock(&w->mu);
		if (!done)
			return 0;
		if (retire(w) < 0)
			return -1;
	}
}

/*
 * value_cmp -- order of values a and b of column c: below, equal or
 * above 0; byte arrays bytewise, a prefix first.  A NaN is equal to all.
 */
static int
value_cmp(const struct pcol *c, size_t a, size_t b)
{
	size_t la, lb;
	int r;

	switch (c->type) {
	case T_INT64:
		return (c->i64[a] > c->i64[b]) - (c->i64[a] < c->i64[b]);
	case T_DOUBLE:
		return (c->f64[a] > c->f64[b]) - (c->f64[a] < c->f64[b]);
	case T_BOOL:
		return (c->b[a] > c->b[b]) - (c->b[a] < c->b[b]);
	default:
		break;
	}
	la = c->off[a + 1] - c->off[a];
	lb = c->off[b + 1] - c->off[b];
	r = memcmp(c->bytes.p + c->off[a], c->bytes.p + c->off[b],
	    la < lb ? la : lb);
	return r != 0 ? r : (la > lb) - (la < lb);
}

/* chunk_stats -- min, max and null count of column c into m. */
static void
chunk_stats(const struct pcol *c, struct chunkmeta *m)
{
	size_t i, mi = 0, ma = 0;

	m->nulls = c->nent - c->nvals;
	m->has_minmax = c->nvals > 0;
	if (!m->has_minmax)
		return;
	for (i = 1; i < c->nvals; i++) {
		if (value_cmp(c, i, mi) < 0)
			mi = i;
		if (value_cmp(c, i, ma) > 0)
			ma = i;
	}
	ads_buf_reset(&m->min);
	ads_buf_reset(&m->max);
	m->min_exact = m->max_exact = 1;
	switch (c->type) {
	case T_INT64:
		ads_buf_add(&m->min, &c->i64[mi], 8);
		ads_buf_add(&m->max, &c->i64[ma], 8);
		break;
	case T_DOUBLE: {
		double lo = c->f64[mi], hi = c->f64[ma];

		/* The specification wants -0.0 as a min, +0.0 as a max. */
		if (lo == 0)
			lo = -0.0;
		if (hi == 0)
			hi = 0.0;
		ads_buf_add(&m->min, &lo, 8);
		ads_buf_add(&m->max, &hi, 8);
		break;
	}
	case T_BOOL:
		ads_buf_addc(&m->min, (char)c->b[mi]);
		ads_buf_addc(&m->max, (char)c->b[ma]);
		break;
	default:
		stat_bytes(&m->min, c->bytes.p + c->off[mi],
		    c->off[mi + 1] - c->off[mi], 0, &m->min_exact);
		stat_bytes(&m->max, c->bytes.p + c->off[ma],
		    c->off[ma + 1] - c->off[ma], 1, &m->max_exact);
		break;
	}
}

/*
 * dlba -- values v0..v of byte-array column c as DELTA_LENGTH_BYTE_ARRAY
 * onto w->page: the lengths delta-packed, then the bytes back to back.
 */
static void
dlba(struct pq_writer *w, const struct pcol *c, size_t v0, size_t v)
{
	size_t i, n = v - v0;
	int64_t *len;

	if (n > w->nlens) {
		w->nlens = n;
		w->lens = xreallocarray(w->lens, n, sizeof(*w->lens));
	}
	len = w->lens;
	if (n == 0) {
		delta_pack(&w->page, len, 0);
		return;
	}
	for (i = 0; i < n; i++)
		len[i] = (int64_t)(c->off[v0 + i + 1] - c->off[v0 + i]);
	delta_pack(&w->page, len, n);
	ads_buf_add(&w->page, c->bytes.p + c->off[v0],
	    (size_t)(c->off[v] - c->off[v0]));
}

/* write_chunk -- write column ci of the buffered row group. */
static int
write_chunk(struct pq_writer *w, size_t ci, struct chunkmeta *m)
{
	struct pcol *c = &w->cols[ci];
	size_t r, v, r0, v0, est, i, lvstart;
	int width = 0, dwidth;
	uint32_t *lv, dl;

	memset(m, 0, sizeof(*m));
	chunk_stats(c, m);
	m->nvalues = c->nent;
	m->dict = build_dict(w, c);
	if (m->dict) {
		ads_buf_reset(&w->page);
		for (i = 0; i < w->ndict; i++)
			plain_value(&w->page, c, (size_t)w->dvals[i]);
		if (write_page(w, m, 1, 0, w->ndict, E_PLAIN) < 0)
			return -1;
		width = bitwidth(w->ndict - 1);
		if (width == 0)
			width = 1;
	}
	if (m->dict)
		m->enc = E_RLE_DICTIONARY;
	else if (c->ptype == PT_BYTE_ARRAY && c->nvals > 0 &&
	    c->bytes.len >= DLBA_MIN * c->nvals)
		/* Short strings compress better with their lengths. */
		m->enc = E_DELTA_LENGTH_BYTE_ARRAY;
	else
		m->enc = E_PLAIN;
	lv = xreallocarray(NULL, c->nent ? 2 * c->nent : 1, sizeof(*lv));
	for (r = 0; r < c->nent; r++) {
		lv[r] = c->def[r];
		lv[c->nent + r] = c->rep != NULL ? c->rep[r] : 0;
	}
	dwidth = bitwidth((uint64_t)c->maxdef);
	/* Pages of about PAGE_TARGET bytes, cut at row boundaries. */
	r = v = 0;
	while (r < c->nent) {
		r0 = r;
		v0 = v;
		est = 0;
		while (r < c->nent && (est < PAGE_TARGET ||
		    (c->rep != NULL && c->rep[r] != 0))) {
			if (c->def[r] == c->maxdef) {
				if (m->dict)
					est += 4;
				else if (c->ptype == PT_BOOLEAN)
					est += 1;
				else
					est += value_plain(c, v);
				v++;
			}
			r++;
			est++;
		}
		ads_buf_reset(&w->page);
		/*
		 * Repetition levels (nested lists only), then definition
		 * levels: each a 4-byte length, then the hybrid.
		 */
		if (c->maxrep > 0) {
			ads_buf_grow(&w->page, 4);
			w->page.len = 4;
			rle_encode(&w->page, lv + c->nent + r0, r - r0, 1);
			dl = (uint32_t)(w->page.len - 4);
			memcpy(w->page.p, &dl, 4);
		}
		lvstart = w->page.len;
		ads_buf_grow(&w->page, 4);
		w->page.len += 4;
		rle_encode(&w->page, lv + r0, r - r0, dwidth);
		dl = (uint32_t)(w->page.len - lvstart - 4);
		memcpy(w->page.p + lvstart, &dl, 4);
		if (m->dict) {
			ads_buf_addc(&w->page, (char)width);
			rle_encode(&w->page, w->idx + v0, v - v0, width);
		} else if (c->ptype == PT_BOOLEAN) {
			unsigned char byte = 0;

			for (i = v0; i < v; i++) {
				byte |= (unsigned char)(c->b[i] <<
				    ((i - v0) % 8));
				if ((i - v0) % 8 == 7) {
					ads_buf_addc(&w->page, (char)byte);
					byte = 0;
				}
			}
			if ((v - v0) % 8 != 0)
				ads_buf_addc(&w->page, (char)byte);
		} else if (m->enc == E_DELTA_LENGTH_BYTE_ARRAY) {
			dlba(w, c, v0, v);
		} else {
			for (i = v0; i < v; i++)
				plain_value(&w->page, c, i);
		}
		if (write_page(w, m, 0, r0 == 0, r - r0, m->enc) < 0) {
			free(lv);
			return -1;
		}
	}
	free(lv);
	return 0;
}

/* flush_group -- write the buffered rows as one row group. */
static int
flush_group(struct pq_writer *w)
{
	struct rowgroup *g;
	size_t i;

	if (w->rows == 0)
		return 0;
	w->rgs = xreallocarray(w->rgs, w->nrgs + 1, sizeof(*w->rgs));
	g = &w->rgs[w->nrgs++];
	memset(g, 0, sizeof(*g));
	g->nrows = w->rows;
	g->chunks = xcalloc(w->ncols ? w->ncols : 1, sizeof(*g->chunks));
	/* Sizes and offsets are known once the pages are written. */
	for (i = 0; i < w->ncols; i++)
		if (write_chunk(w, i, &g->chunks[i]) < 0)
			return -1;
	for (i = 0; i < w->ncols; i++) {
		struct pcol *c = &w->cols[i];

		c->nvals = 0;
		c->nent = 0;
		c->plain = 0;
		ads_buf_reset(&c->bytes);
	}
	w->totalrows += w->rows;
	w->rows = 0;
	w->buffered = 0;
	return 0;
}

/* entry -- a new entry of leaf c with levels def and rep. */
static void
entry(struct pcol *c, int def, int rep)
{
	if (c->nent == c->entcap) {
		c->entcap = c->entcap ? c->entcap * 2 : 1024;
		c->def = xrealloc(c->def, c->entcap);
		if (c->maxrep > 0)
			c->rep = xrealloc(c->rep, c->entcap);
	}
	c->def[c->nent] = (unsigned char)def;
	if (c->maxrep > 0)
		c->rep[c->nent] = (unsigned char)rep;
	c->nent++;
}

/* leafstr -- a string value of leaf c (after its entry). */
static void
leafstr(struct pq_writer *w, struct pcol *c, const char *s, size_t n)
{
	pcol_reserve(c);
	c->off[c->nvals] = c->bytes.len;
	ads_buf_add(&c->bytes, s, n);
	c->off[c->nvals + 1] = c->bytes.len;
	c->plain += 4 + n;
	c->nvals++;
	w->buffered += n + 12;
}

/*
 * nested -- the entries of the leaves of nested column x (first leaf
 * c; a struct's leaves follow in key order, messages has role then
 * content).  The value's shape was checked by nested.c.
 */
static void
nested(struct pq_writer *w, struct pcol *c, const struct field *x)
{
	const struct column *col = &w->sc->cols[c->scol];
	jv v = jv_null(), s;
	size_t k, nl = col->type == T_STRUCT ? col->nkeys : 2;

	if (x->tag == V_NEST)
		v = ads_json_parse(x->s, x->len);
	if (col->type == T_STRUCT) {
		for (k = 0; k < nl; k++) {
			if (jv_get_kind(v) != JV_KIND_OBJECT) {
				entry(&c[k], 0, 0);
				continue;
			}
			s = ads_json_get(v, col->keys[k]);
			if (jv_get_kind(s) == JV_KIND_STRING) {
				entry(&c[k], 2, 0);
				leafstr(w, &c[k], jv_string_value(s),
				    (size_t)jv_string_length_bytes(
				    jv_copy(s)));
			} else
				entry(&c[k], 1, 0);
			jv_free(s);
		}
		jv_free(v);
		return;
	}
	for (k = 0; k < 2; k++) {
		if (jv_get_kind(v) != JV_KIND_ARRAY) {
			entry(&c[k], 0, 0);
			continue;
		}
		if (jv_array_length(jv_copy(v)) == 0)
			entry(&c[k], 1, 0);
		jv_array_foreach(v, i, m) {
			s = ads_json_get(m, k == 0 ? "role" : "content");
			if (jv_get_kind(m) != JV_KIND_OBJECT)
				entry(&c[k], 2, i > 0);
			else if (jv_get_kind(s) != JV_KIND_STRING)
				entry(&c[k], 3, i > 0);
			else {
				entry(&c[k], 4, i > 0);
				leafstr(w, &c[k], jv_string_value(s),
				    (size_t)jv_string_length_bytes(
				    jv_copy(s)));
			}
			jv_free(s);
			jv_free(m);
		}
	}
	jv_free(v);
}

int
pq_add(struct pq_writer *w, const struct field *f)
{
	size_t i;

	if (w->err)
		return -1;
	for (i = 0; i < w->ncols; i++) {
		struct pcol *c = &w->cols[i];
		const struct field *x = &f[c->scol];
		enum coltype st = w->sc->cols[c->scol].type;
		struct field iv;

		if (st == T_CLASS) {
			/* The label's index; -1 for none. */
			memset(&iv, 0, sizeof(iv));
			iv.tag = V_INT;
			iv.i = x->tag == V_STR ? class_index(w->sc, x->s,
			    x->len) : -1;
			x = &iv;
		} else if (st == T_TIMESTAMP && x->tag == V_STR) {
			memset(&iv, 0, sizeof(iv));
			iv.tag = ts_parse(x->s, x->len, &iv.i) == 0 ? V_INT :
			    V_NULL;
			x = &iv;
		}
		if (c->maxdef > 1) {
			/* A nested column: all its leaves at once. */
			if (c->leaf == 0)
				nested(w, c, x);
			continue;
		}
		if (x->tag == V_NULL) {
			entry(c, 0, 0);
			continue;
		}
		entry(c, 1, 0);
		pcol_reserve(c);
		switch (c->type) {
		case T_INT64:
		case T_TIMESTAMP:
		case T_CLASS:
			c->i64[c->nvals] = x->i;
			c->plain += 8;
			break;
		case T_DOUBLE:
			c->f64[c->nvals] = x->tag == V_INT ? (double)x->i :
			    x->d;
			c->plain += 8;
			break;
		case T_BOOL:
			c->b[c->nvals] = x->tag == V_TRUE;
			c->plain += 1;
			break;
		case T_STRING:
		case T_JSON:
		case T_STRUCT:
		case T_MESSAGES:
			c->off[c->nvals] = c->bytes.len;
			ads_buf_add(&c->bytes, x->s, x->len);
			c->off[c->nvals + 1] = c->bytes.len;
			c->plain += 4 + x->len;
			break;
		case T_MIXED:
			c->off[c->nvals] = c->bytes.len;
			field_text(x, 1, &c->bytes);
			c->off[c->nvals + 1] = c->bytes.len;
			c->plain += 4 + (c->bytes.len - c->off[c->nvals]);
			break;
		}
		c->nvals++;
		w->buffered += x->tag == V_STR || x->tag == V_NEST ?
		    x->len + 12 : 12;
	}
	w->rows++;
	w->buffered += w->ncols;
	/*
	 * A full group is written out before the next row, every page of
	 * it: pq_bytes(), and so where a shard ends, must not depend on
	 * how fast the workers compressed.
	 */
	if (w->buffered >= w->rgbytes || w->rows >= (1u << 20))
		return flush_group(w) < 0 || drain(w) < 0 ? -1 : 0;
	return 0;
}

/* logical -- converted type conv and the empty logical type lt. */
static void
logical(struct tw *t, int conv, int lt)
{
	tw_i32(t, SE_CONVERTED_TYPE, conv);
	tw_begin(t, SE_LOGICAL_TYPE);
	tw_begin(t, lt);
	tw_end(t);
	tw_end(t);
}

/*
 * group -- a group SchemaElement: its name, repetition, children and
 * converted type (CT_LIST, with logicalType LIST; -1 none).
 */
static void
group(struct tw *t, const char *name, size_t len, int repetition,
    int nchildren, int conv)
{
	tw_begin(t, 0);
	tw_i32(t, SE_REPETITION_TYPE, repetition);
	tw_bin(t, SE_NAME, name, len);
	tw_i32(t, SE_NUM_CHILDREN, nchildren);
	if (conv >= 0)
		logical(t, conv, LT_LIST);
	tw_end(t);
}

/*
 * leaf_name -- the name of leaf column i: its field of a struct, "role"
 * or "content" of messages, else the column's.
 */
static const char *
leaf_name(const struct pq_writer *w, size_t i, size_t *len)
{
	const struct pcol *c = &w->cols[i];
	const struct column *sc = &w->sc->cols[c->scol];
	const char *name = sc->type == T_STRUCT ? sc->keys[c->leaf] :
	    sc->type != T_MESSAGES ? sc->name : c->leaf == 0 ? "role" :
	    "content";

	*len = name == sc->name ? sc->namelen : strlen(name);
	return name;
}

/* leaf_element -- the SchemaElement of leaf column i. */
static void
leaf_element(struct tw *t, const struct pq_writer *w, size_t i)
{
	const struct pcol *c = &w->cols[i];
	const struct column *sc = &w->sc->cols[c->scol];
	const char *name;
	size_t len;

	tw_begin(t, 0);
	tw_i32(t, SE_TYPE, c->ptype);
	tw_i32(t, SE_REPETITION_TYPE, REP_OPTIONAL);
	name = leaf_name(w, i, &len);
	tw_bin(t, SE_NAME, name, len);
	if (sc->type == T_JSON || sc->type == T_MIXED)
		logical(t, CT_JSON, LT_JSON);
	else if (c->ptype == PT_BYTE_ARRAY)
		logical(t, CT_UTF8, LT_STRING);
	else if (sc->type == T_TIMESTAMP) {
		/* TIMESTAMP(isAdjustedToUTC, MICROS) */
		tw_i32(t, SE_CONVERTED_TYPE, CT_TIMESTAMP_MICROS);
		tw_begin(t, SE_LOGICAL_TYPE);
		tw_begin(t, LT_TIMESTAMP);
		tw_bool(t, TS_IS_ADJUSTED_TO_UTC, 1);
		tw_begin(t, TS_UNIT);
		tw_begin(t, TU_MICROS);
		tw_end(t);
		tw_end(t);
		tw_end(t);
		tw_end(t);
	}
	tw_end(t);
}

/*
 * footer_schema -- FileMetaData.schema: the root, then one OPTIONAL
 * leaf per flat column; a struct is a group of its string leaves,
 * messages the LIST groups around a {role, content} group.
 */
static void
footer_schema(struct tw *t, const struct pq_writer *w)
{
	size_t i, nel;

	nel = 1;
	for (i = 0; i < w->sc->ncols; i++)
		nel += w->sc->cols[i].type == T_STRUCT ? 1 +
		    w->sc->cols[i].nkeys : w->sc->cols[i].type ==
		    T_MESSAGES ? 5 : 1;
	tw_list(t, FMD_SCHEMA, nel, TT_STRUCT);
	tw_begin(t, 0);
	tw_i32(t, SE_REPETITION_TYPE, REP_REQUIRED);
	tw_bin(t, SE_NAME, "schema", 6);
	tw_i32(t, SE_NUM_CHILDREN, (int32_t)w->sc->ncols);
	tw_end(t);
	for (i = 0; i < w->ncols; i++) {
		const struct column *sc = &w->sc->cols[w->cols[i].scol];

		if (sc->type == T_STRUCT && w->cols[i].leaf == 0)
			group(t, sc->name, sc->namelen, REP_OPTIONAL,
			    (int)sc->nkeys, -1);
		if (sc->type == T_MESSAGES && w->cols[i].leaf == 0) {
			group(t, sc->name, sc->namelen, REP_OPTIONAL, 1,
			    CT_LIST);
			group(t, "list", 4, REP_REPEATED, 1, -1);
			group(t, "element", 7, REP_OPTIONAL, 2, -1);
		}
		leaf_element(t, w, i);
	}
}

/* column_chunk -- the ColumnChunk of column j with its metadata m. */
static void
column_chunk(struct tw *t, const struct pq_writer *w, size_t j,
    const struct chunkmeta *m)
{
	const struct column *sc = &w->sc->cols[w->cols[j].scol];
	const char *leaf;
	size_t len;

	tw_begin(t, 0);
	tw_i64(t, CC_FILE_OFFSET, (int64_t)(m->dict ? m->dict_off :
	    m->data_off));
	tw_begin(t, CC_META_DATA);
	tw_i32(t, CMD_TYPE, w->cols[j].ptype);
	/*
	 * PLAIN for the values or the dictionary, RLE for the levels, and
	 * the data pages' encoding (RLE_DICTIONARY with a dictionary).
	 */
	tw_list(t, CMD_ENCODINGS, m->dict ? 3 : 2, TT_I32);
	if (m->dict || m->enc == E_PLAIN)
		tw_elem_i32(t, E_PLAIN);
	tw_elem_i32(t, E_RLE);
	if (m->enc != E_PLAIN)
		tw_elem_i32(t, m->enc);
	/* The path: the column, the LIST levels of messages, the leaf. */
	tw_list(t, CMD_PATH_IN_SCHEMA, sc->type == T_STRUCT ? 2 :
	    sc->type == T_MESSAGES ? 4 : 1, TT_BINARY);
	tw_elem_bin(t, sc->name, sc->namelen);
	if (sc->type == T_MESSAGES) {
		tw_elem_bin(t, "list", 4);
		tw_elem_bin(t, "element", 7);
	}
	if (sc->type == T_STRUCT || sc->type == T_MESSAGES) {
		leaf = leaf_name(w, j, &len);
		tw_elem_bin(t, leaf, len);
	}
	tw_i32(t, CMD_CODEC, CODEC_ZSTD);
	tw_i64(t, CMD_NUM_VALUES, (int64_t)m->nvalues);
	tw_i64(t, CMD_TOTAL_UNCOMPRESSED_SIZE, (int64_t)m->usize);
	tw_i64(t, CMD_TOTAL_COMPRESSED_SIZE, (int64_t)m->csize);
	tw_i64(t, CMD_DATA_PAGE_OFFSET, (int64_t)m->data_off);
	if (m->dict)
		tw_i64(t, CMD_DICTIONARY_PAGE_OFFSET, (int64_t)m->dict_off);
	tw_begin(t, CMD_STATISTICS);
	tw_i64(t, ST_NULL_COUNT, (int64_t)m->nulls);
	if (m->has_minmax) {
		if (m->max_exact >= 0)
			tw_bin(t, ST_MAX_VALUE, m->max.p, m->max.len);
		tw_bin(t, ST_MIN_VALUE, m->min.p, m->min.len);
		if (m->max_exact >= 0)
			tw_bool(t, ST_IS_MAX_VALUE_EXACT, m->max_exact);
		tw_bool(t, ST_IS_MIN_VALUE_EXACT, m->min_exact);
	}
	tw_end(t);
	tw_end(t);
	tw_end(t);
}

/* row_group -- the RowGroup of group i (its sizes summed here). */
static void
row_group(struct tw *t, const struct pq_writer *w, size_t i)
{
	struct rowgroup *g = &w->rgs[i];
	size_t j;

	g->usize = g->csize = 0;
	for (j = 0; j < w->ncols; j++) {
		g->usize += g->chunks[j].usize;
		g->csize += g->chunks[j].csize;
	}
	g->offset = w->ncols == 0 ? 4 : g->chunks[0].dict ?
	    g->chunks[0].dict_off : g->chunks[0].data_off;

	tw_begin(t, 0);
	tw_list(t, RG_COLUMNS, w->ncols, TT_STRUCT);
	for (j = 0; j < w->ncols; j++)
		column_chunk(t, w, j, &g->chunks[j]);
	tw_i64(t, RG_TOTAL_BYTE_SIZE, (int64_t)g->usize);
	tw_i64(t, RG_NUM_ROWS, (int64_t)g->nrows);
	tw_i64(t, RG_FILE_OFFSET, (int64_t)g->offset);
	tw_i64(t, RG_TOTAL_COMPRESSED_SIZE, (int64_t)g->csize);
	tw_field(t, RG_ORDINAL, TT_I16);
	tw_varint(t, (uint64_t)i << 1);
	tw_end(t);
}

/* write_footer -- FileMetaData, its length and the magic. */
static int
write_footer(struct pq_writer *w)
{
	struct ads_buf b = ADS_BUF_INIT;
	struct tw t;
	size_t i;
	uint32_t len;
	int rc;

	memset(&t, 0, sizeof(t));
	t.b = &b;
	tw_i32(&t, FMD_VERSION, 1);
	footer_schema(&t, w);
	tw_i64(&t, FMD_NUM_ROWS, (int64_t)w->totalrows);
	tw_list(&t, FMD_ROW_GROUPS, w->nrgs, TT_STRUCT);
	for (i = 0; i < w->nrgs; i++)
		row_group(&t, w, i);
	/* key_value_metadata: the Hugging Face features. */
	if (w->sc->features != NULL) {
		tw_list(&t, FMD_KEY_VALUE_METADATA, 1, TT_STRUCT);
		tw_begin(&t, 0);
		tw_bin(&t, KV_KEY, "huggingface", 11);
		tw_bin(&t, KV_VALUE, w->sc->features, strlen(w->sc->features));
		tw_end(&t);
	}
	tw_bin(&t, FMD_CREATED_BY, "ads-export " ADS_VERSION_STRING,
	    strlen("ads-export " ADS_VERSION_STRING));
	/* column_orders: TYPE_ORDER for every column. */
	tw_list(&t, FMD_COLUMN_ORDERS, w->ncols, TT_STRUCT);
	for (i = 0; i < w->ncols; i++) {
		tw_begin(&t, 0);
		tw_begin(&t, CO_TYPE_ORDER);
		tw_end(&t);
		tw_end(&t);
	}
	ads_buf_addc(&b, 0);
	len = (uint32_t)b.len;
	rc = fullwrite(w, b.p, b.len);
	if (rc == 0)
		rc = fullwrite(w, &len, 4);
	if (rc == 0)
		rc = fullwrite(w, "PAR1", 4);
	ads_buf_free(&b);
	return rc;
}

int
pq_close(struct pq_writer *w)
{
	size_t i, j;
	int rc, k;

	rc = flush_group(w);
	if (w->ringsize > 0) {
		if (drain(w) < 0)
			rc = -1;
		pthread_mutex_lock(&w->mu);
		w->stop = 1;
		pthread_cond_broadcast(&w->work);
		pthread_mutex_unlock(&w->mu);
		for (k = 0; k < w->nworkers; k++) {
			pthread_join(w->tid[k], NULL);
			ZSTD_freeCCtx(w->wctx[k].zc);
		}
		for (i = 0; i < w->ringsize; i++) {
			ads_buf_free(&w->jobs[i].in);
			ads_buf_free(&w->jobs[i].out);
		}
		free(w->jobs);
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->work);
		pthread_cond_destroy(&w->done);
	}
	if (rc == 0 && !w->err)
		rc = write_footer(w);
	else
		rc = -1;
	for (i = 0; i < w->nrgs; i++) {
		for (j = 0; j < w->ncols; j++) {
			ads_buf_free(&w->rgs[i].chunks[j].min);
			ads_buf_free(&w->rgs[i].chunks[j].max);
		}
		free(w->rgs[i].chunks);
	}
	free(w->rgs);
	for (i = 0; i < w->ncols; i++) {
		struct pcol *c = &w->cols[i];

		free(c->def);
		free(c->rep);
		free(c->i64);
		free(c->f64);
		free(c->b);
		free(c->off);
		ads_buf_free(&c->bytes);
	}
	free(w->cols);
	ZSTD_freeCCtx(w->zc);
	ads_buf_free(&w->page);
	ads_buf_free(&w->zbuf);
	ads_buf_free(&w->hdr);
	ads_buf_free(&w->tmp);
	ads_buf_free(&w->text);
	free(w->idx);
	free(w->slots);
	free(w->dvals);
	free(w->lens);
	free(w);
	return rc;
}
