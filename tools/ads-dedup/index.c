/*
 * index.c -- what ads-dedup remembers of the records it kept
 *
 * Per record: the first 16 bytes of the SHA-256 of its normalized key
 * in an open-addressing table (20 bytes a slot), its 8-bit MinHash
 * signature (128 bytes), one LSH entry per band (a 4-byte record number
 * and an 8-bit tag in that band's table, placed by the hash of the
 * band's values, compared on the tag and then on the signature itself;
 * probes read only the tags, so these tables can be 9/10 full),
 * a 4-byte stamp used to verify each candidate once, and a byte of
 * flags; the id only when it is needed (marking, clusters, a saved
 * index).  The exact table doubles at 3/4 full.  No text is held.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../common/hash.h"
#include "../../common/io.h"
#include "../../common/util.h"
#include "dedup.h"

#define EMPTY		UINT32_MAX
/* Records sharing one band value beyond this add no more entries. */
#define BUCKETCAP	48
/* The tag of a band hash: 1 to 255, as 0 marks an empty slot. */
#define TAG(key)	((uint8_t)(1 + ((key) >> 24) % 255))

struct xent {
	uint32_t	h[4];
	uint32_t	rec;
};

struct dindex {
	int		 near;
	int		 keepids;
	struct lshparam	 lp;
	uint32_t	 n, cap;	/* records */
	uint8_t		*sigs;		/* n * MH_K, when near */
	uint8_t		*hassig;
	uint32_t	*stamp;
	uint32_t	 qno;
	struct xent	*xt;
	size_t		 xcap, xn;
	uint32_t	**lt;		/* per band, lcap record numbers */
	uint8_t		**ltag;		/* a tag per slot, 0 for empty */
	size_t		 lcap, ln;	/* ln: most entries in one table */
	uint32_t	*lnb;		/* entries per table */
	struct ads_buf	 ids;
	uint64_t	*idoff;		/* n + 1 offsets into ids */
};

static const char magic[8] = "ADSDIX1\n";

struct lshparam
lsh_choose(double t)
{
	struct lshparam p;
	double t2 = t + 0.1 > 1 ? 1 : t + 0.1;
	int r;

	for (r = MH_K; r >= 1; r--) {
		p.rows = r;
		p.bands = MH_K / r;
		if (lsh_prob(p, t) >= 0.85 && lsh_prob(p, t2) >= 0.99)
			return p;
	}
	p.rows = 1;
	p.bands = MH_K;
	return p;
}

double
lsh_prob(struct lshparam p, double s)
{
	return 1 - pow(1 - pow(s, p.rows), p.bands);
}

struct dindex *
dindex_new(int near, struct lshparam lp, int keepids)
{
	struct dindex *x = xcalloc(1, sizeof(*x));
	int b;

	x->near = near;
	x->lp = lp;
	x->keepids = keepids;
	x->xcap = 1024;
	x->xt = xmalloc(x->xcap * sizeof(*x->xt));
	memset(x->xt, 0xff, x->xcap * sizeof(*x->xt));
	if (near) {
		x->lcap = 1024;
		x->lt = xcalloc((size_t)lp.bands, sizeof(*x->lt));
		x->ltag = xcalloc((size_t)lp.bands, sizeof(*x->ltag));
		for (b = 0; b < lp.bands; b++) {
			x->lt[b] = xreallocarray(NULL, x->lcap, 4);
			x->ltag[b] = xcalloc(x->lcap, 1);
		}
		x->lnb = xcalloc((size_t)lp.bands, sizeof(*x->lnb));
	}
	return x;
}

void
dindex_free(struct dindex *x)
{
	int b;

	if (x == NULL)
		return;
	free(x->sigs);
	free(x->hassig);
	free(x->stamp);
	free(x->xt);
	for (b = 0; x->lt != NULL && b < x->lp.bands; b++) {
		free(x->lt[b]);
		free(x->ltag[b]);
	}
	free(x->lt);
	free(x->ltag);
	free(x->lnb);
	free(x->idoff);
	ads_buf_free(&x->ids);
	free(x);
}

uint32_t
dindex_count(const struct dindex *x)
{
	return x->n;
}

static uint32_t
rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
xput(struct xent *t, size_t cap, const uint32_t h[4], uint32_t rec)
{
	size_t i = h[0] & (cap - 1);

	while (t[i].rec != EMPTY)
		i = (i + 1) & (cap - 1);
	memcpy(t[i].h, h, sizeof(t[i].h));
	t[i].rec = rec;
}

long
dindex_exact(const struct dindex *x, const unsigned char hb[16])
{
	uint32_t h[4];
	size_t i;

	h[0] = rd32(hb);
	h[1] = rd32(hb + 4);
	h[2] = rd32(hb + 8);
	h[3] = rd32(hb + 12);
	for (i = h[0] & (x->xcap - 1); x->xt[i].rec != EMPTY;
	    i = (i + 1) & (x->xcap - 1))
		if (memcmp(x->xt[i].h, h, sizeof(h)) == 0)
			return x->xt[i].rec;
	return -1;
}

static void
xgrow(struct dindex *x)
{
	struct xent *t;
	size_t i, cap = x->xcap * 2;

	t = xreallocarray(NULL, cap, sizeof(*t));
	memset(t, 0xff, cap * sizeof(*t));
	for (i = 0; i < x->xcap; i++)
		if (x->xt[i].rec != EMPTY)
			xput(t, cap, x->xt[i].h, x->xt[i].rec);
	free(x->xt);
	x->xt = t;
	x->xcap = cap;
}

/* bandkey -- the 32-bit hash of band b of sig. */
static uint32_t
bandkey(const struct dindex *x, const uint8_t *sig, int b)
{
	uint64_t h = ads_hash64(sig + b * x->lp.rows, (size_t)x->lp.rows,
	    (unsigned long long)b * 0x9e3779b97f4a7c15ULL + 1);

	return (uint32_t)(h ^ (h >> 32));
}

/*
 * lput -- insert rec into band table t, tags g (cap slots) unless
 * BUCKETCAP records already share its band values; returns 1 when
 * inserted.
 */
static int
lput(const struct dindex *x, uint32_t *t, uint8_t *g, size_t cap, int b,
    uint32_t rec, int capped)
{
	const uint8_t *v = x->sigs + (size_t)rec * MH_K + b * x->lp.rows;
	uint32_t key = bandkey(x, x->sigs + (size_t)rec * MH_K, b);
	size_t i = key & (cap - 1);
	uint8_t tag = TAG(key);
	int same = 0;

	while (g[i] != 0) {
		if (capped && g[i] == tag && memcmp(x->sigs +
		    (size_t)t[i] * MH_K + b * x->lp.rows, v,
		    (size_t)x->lp.rows) == 0 && ++same >= BUCKETCAP)
			return 0;
		i = (i + 1) & (cap - 1);
	}
	t[i] = rec;
	g[i] = tag;
	return 1;
}

/*
 * lgrow -- double every band table, one at a time, so that the peak is
 * one table more than the index rather than twice the index.
 */
static void
lgrow(struct dindex *x)
{
	uint32_t *t;
	uint8_t *g;
	size_t i, cap = x->lcap * 2;
	int b;

	for (b = 0; b < x->lp.bands; b++) {
		t = xreallocarray(NULL, cap, sizeof(*t));
		g = xcalloc(cap, 1);
		for (i = 0; i < x->lcap; i++)
			if (x->ltag[b][i] != 0)
				lput(x, t, g, cap, b, x->lt[b][i], 0);
		free(x->lt[b]);
		free(x->ltag[b]);
		x->lt[b] = t;
		x->ltag[b] = g;
	}
	x->lcap = cap;
}

long
dindex_near(struct dindex *x, const uint8_t *sig, double th, double *sim)
{
	const uint8_t *v;
	uint32_t *t, rec, key, keys[MH_K];
	uint8_t *g, tag;
	long best = -1;
	double bs = -1, s;
	size_t i;
	int b;

	if (!x->near || x->n == 0)
		return -1;
	if (++x->qno == 0) {
		memset(x->stamp, 0, x->cap * sizeof(*x->stamp));
		x->qno = 1;
	}
	/*
	 * Hash every band first and prefetch its tags: the probes miss the
	 * cache, and read only the tags until one matches.
	 */
	for (b = 0; b < x->lp.bands; b++) {
		keys[b] = bandkey(x, sig, b);
#if defined(__GNUC__)
		__builtin_prefetch(x->ltag[b] + (keys[b] & (x->lcap - 1)));
#endif
	}
	for (b = 0; b < x->lp.bands; b++) {
		t = x->lt[b];
		g = x->ltag[b];
		v = sig + b * x->lp.rows;
		key = keys[b];
		tag = TAG(key);
		for (i = key & (x->lcap - 1); g[i] != 0;
		    i = (i + 1) & (x->lcap - 1)) {
			if (g[i] != tag)
				continue;
			rec = t[i];
			if (x->stamp[rec] == x->qno)
				continue;
			if (memcmp(x->sigs + (size_t)rec * MH_K +
			    b * x->lp.rows, v, (size_t)x->lp.rows) != 0)
				continue;
			x->stamp[rec] = x->qno;
			s = mh_similar(sig, x->sigs + (size_t)rec * MH_K);
			if (s >= th && (s > bs || (s == bs && (long)rec < best))) {
				bs = s;
				best = rec;
			}
		}
	}
	if (best >= 0)
		*sim = bs;
	return best;
}

uint32_t
dindex_add(struct dindex *x, const unsigned char hb[16], const uint8_t *sig,
    const char *id, size_t n)
{
	uint32_t h[4], rec = x->n;
	int b;

	if (x->n == EMPTY - 1)
		ads_die(ADS_SYSTEM, "too many records to index");
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 1024;
		if (x->near) {
			x->sigs = xreallocarray(x->sigs, x->cap, MH_K);
			x->stamp = xreallocarray(x->stamp, x->cap,
			    sizeof(*x->stamp));
			memset(x->stamp + x->n, 0,
			    (x->cap - x->n) * sizeof(*x->stamp));
		}
		x->hassig = xreallocarray(x->hassig, x->cap, 1);
		if (x->keepids)
			x->idoff = xreallocarray(x->idoff, x->cap + 1,
			    sizeof(*x->idoff));
	}
	if ((x->xn + 1) * 4 > x->xcap * 3)
		xgrow(x);
	h[0] = rd32(hb);
	h[1] = rd32(hb + 4);
	h[2] = rd32(hb + 8);
	h[3] = rd32(hb + 12);
	xput(x->xt, x->xcap, h, rec);
	x->xn++;
	x->hassig[rec] = sig != NULL && x->near;
	if (x->near) {
		if (sig != NULL)
			memcpy(x->sigs + (size_t)rec * MH_K, sig, MH_K);
		else
			memset(x->sigs + (size_t)rec * MH_K, 0, MH_K);
	}
	if (x->near && sig != NULL) {
		if ((x->ln + 1) * 10 > x->lcap * 9)
			lgrow(x);
		for (b = 0; b < x->lp.bands; b++) {
			x->lnb[b] += lput(x, x->lt[b], x->ltag[b], x->lcap, b,
			    rec, 1);
			if (x->lnb[b] > x->ln)
				x->ln = x->lnb[b];
		}
	}
	if (x->keepids) {
		if (rec == 0)
			x->idoff[0] = 0;
		if (n > 0)
			ads_buf_add(&x->ids, id, n);
		x->idoff[rec + 1] = x->ids.len;
	}
	x->n++;
	return rec;
}

const char *
dindex_id(const struct dindex *x, uint32_t i, size_t *n)
{
	if (!x->keepids || i >= x->n || x->ids.p == NULL) {
		*n = 0;
		return "";
	}
	*n = (size_t)(x->idoff[i + 1] - x->idoff[i]);
	return x->ids.p + x->idoff[i];
}

size_t
dindex_bytes(const struct dindex *x)
{
	size_t b = sizeof(*x);

	b += x->xcap * sizeof(*x->xt);
	if (x->near)
		b += x->lcap * x->lp.bands * (sizeof(**x->lt) + 1);
	b += (size_t)x->cap * (1 + (x->near ? MH_K + sizeof(*x->stamp) : 0));
	if (x->keepids)
		b += ((size_t)x->cap + 1) * sizeof(*x->idoff) + x->ids.cap;
	return b;
}

static void
put32(struct ads_out *o, uint32_t v)
{
	unsigned char b[4];

	b[0] = (unsigned char)v;
	b[1] = (unsigned char)(v >> 8);
	b[2] = (unsigned char)(v >> 16);
	b[3] = (unsigned char)(v >> 24);
	ads_out_write(o, b, 4);
}

static void
puthead(struct ads_out *o, const struct ixhead *h)
{
	size_t kl = strlen(h->key);

	ads_out_write(o, magic, sizeof(magic));
	put32(o, MH_K);
	put32(o, h->ngram);
	put32(o, h->flags);
	put32(o, h->near);
	put32(o, (uint32_t)kl);
	ads_out_write(o, h->key, kl);
}

int
dindex_save(const struct dindex *x, const struct ixhead *h,
    const char *path)
{
	struct ads_out *o;
	uint32_t *xh, i;
	size_t j, n;
	const char *id;

	o = ads_out_open(path, ADS_OUT_ATOMIC | ADS_OUT_ZSTD);
	if (o == NULL) {
		ads_warn_errno("%s", path);
		return -1;
	}
	/* The hashes in record order. */
	xh = xreallocarray(NULL, (size_t)x->n + 1, 16);
	for (j = 0; j < x->xcap; j++)
		if (x->xt[j].rec != EMPTY)
			memcpy(xh + (size_t)x->xt[j].rec * 4, x->xt[j].h, 16);
	puthead(o, h);
	put32(o, x->n);
	for (i = 0; i < x->n; i++) {
		put32(o, xh[(size_t)i * 4]);
		put32(o, xh[(size_t)i * 4 + 1]);
		put32(o, xh[(size_t)i * 4 + 2]);
		put32(o, xh[(size_t)i * 4 + 3]);
		ads_out_putc(o, (char)x->hassig[i]);
		if (x->hassig[i])
			ads_out_write(o, x->sigs + (size_t)i * MH_K, MH_K);
		id = dindex_id(x, i, &n);
		put32(o, (uint32_t)n);
		ads_out_write(o, id, n);
	}
	free(xh);
	return ads_out_close(o);
}

static int
readfull(struct ads_in *in, void *p, size_t n)
{
	long r;
	size_t got = 0;

	while (got < n) {
		r = ads_in_read(in, (char *)p + got, n - got);
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

static int
get32(struct ads_in *in, uint32_t *v)
{
	unsigned char b[4];

	if (readfull(in, b, 4) == -1)
		return -1;
	*v = rd32(b);
	return 0;
}

int
dindex_is_saved(const char *path)
{
	struct ads_in *in = ads_in_open(path);
	char b[sizeof(magic)];
	int yes;

	if (in == NULL)
		return 0;
	yes = readfull(in, b, sizeof(b)) == 0 &&
	    memcmp(b, magic, sizeof(b)) == 0;
	ads_in_close(in);
	return yes;
}

int
dindex_load(struct dindex *x, const struct ixhead *h, const char *path)
{
	struct ads_in *in;
	struct ads_buf id = ADS_BUF_INIT;
	unsigned char hb[16];
	uint8_t sig[MH_K];
	char m[sizeof(magic)], key[256];
	uint32_t k, ngram, flags, near, kl, n, i, il;
	unsigned char hs;
	const char *why = "truncated index";

	in = ads_in_open(path);
	if (in == NULL) {
		ads_warn_errno("%s", path);
		return -1;
	}
	if (readfull(in, m, sizeof(m)) == -1 ||
	    memcmp(m, magic, sizeof(m)) != 0) {
		why = "not a saved index";
		goto bad;
	}
	if (get32(in, &k) == -1 || get32(in, &ngram) == -1 ||
	    get32(in, &flags) == -1 || get32(in, &near) == -1 ||
	    get32(in, &kl) == -1)
		goto bad;
	if (kl >= sizeof(key) || readfull(in, key, kl) == -1)
		goto bad;
	key[kl] = '\0';
	if (k != MH_K || ngram != h->ngram || flags != h->flags ||
	    (h->near && !near) || strcmp(key, h->key) != 0) {
		ads_warn("%s: index built with other settings "
		    "(-k %s, -n %u%s%s%s)", path, key, ngram,
		    flags & NORM_PUNCT ? ", -p" : "",
		    flags & NORM_RAW ? ", -R" : "", near ? "" : ", -e");
		ads_in_close(in);
		return -1;
	}
	if (get32(in, &n) == -1)
		goto bad;
	for (i = 0; i < n; i++) {
		if (readfull(in, hb, 16) == -1 || readfull(in, &hs, 1) == -1)
			goto bad;
		if (hs && readfull(in, sig, MH_K) == -1)
			goto bad;
		if (get32(in, &il) == -1 || il > (1U << 24))
			goto bad;
		ads_buf_reset(&id);
		ads_buf_grow(&id, il);
		if (readfull(in, id.p, il) == -1)
			goto bad;
		id.len = il;
		dindex_add(x, hb, hs ? sig : NULL, id.p, il);
	}
	ads_buf_free(&id);
	ads_in_close(in);
	return 0;
bad:
	ads_warn("%s: %s", path, why);
	ads_buf_free(&id);
	ads_in_close(in);
	return -1;
}
