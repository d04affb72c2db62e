/*
 * index.c -- what ads-dedup remembers of the records it kept
 *
 * Per record: the first 16 bytes of the SHA-256 of its normalized key
 * in an open-addressing table (20 bytes a slot), its 8-bit MinHash
 * signature (128 bytes), one LSH entry per band (a 4-byte record number
 * and the 4-byte hash of the band's values, in that band's table,
 * compared on the hash and then on the signature itself; an entry is
 * one read, so these tables can be 9/10 full, and they grow without
 * reading a signature), a 4-byte stamp used to verify each candidate
 * once, and a byte of flags; the id only when it is needed (marking,
 * clusters, a saved index).  The exact table doubles at 3/4 full.  No
 * text is held.
 */
#include <sys/mman.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../common/io.h"
#include "../../common/util.h"
#include "dedup.h"

#define EMPTY		UINT32_MAX
#define HUGEPAGE	(2UL << 20)
#define BUCKETCAP	DINDEX_BUCKETCAP

struct xent {
	uint32_t	h[4];
	uint32_t	rec;
};

/* An entry of a band table: the record and the hash of its band. */
struct lent {
	uint32_t	rec;		/* EMPTY for an empty slot */
	uint32_t	key;
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
	struct lent	**lt;		/* per band, lcap entries */
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

/*
 * lnew -- an empty band table of cap slots.  Each record reads one
 * place in every band table, all over tables of megabytes: where the
 * system has them, ask for huge pages, so that each read does not also
 * miss the TLB.
 */
static struct lent *
lnew(size_t cap)
{
	size_t n = cap * sizeof(struct lent);
	void *t = NULL;

#if defined(MADV_HUGEPAGE)
	if (n >= HUGEPAGE && posix_memalign(&t, HUGEPAGE, n) == 0)
		(void)madvise(t, n, MADV_HUGEPAGE);
	else
		t = NULL;
#endif
	if (t == NULL)
		t = xreallocarray(NULL, cap, sizeof(struct lent));
	memset(t, 0xff, n);
	return t;
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
		for (b = 0; b < lp.bands; b++)
			x->lt[b] = lnew(x->lcap);
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
	for (b = 0; x->lt != NULL && b < x->lp.bands; b++)
		free(x->lt[b]);
	free(x->lt);
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

uint32_t
lsh_bandkey(struct lshparam p, const uint8_t *sig, int b)
{
	const uint8_t *v = sig + b * p.rows;
	uint64_t h = (uint64_t)(b + 1) * 0x9e3779b97f4a7c15ULL, w;
	int i, r = p.rows;

	for (i = 0; r - i >= 8; i += 8) {
		memcpy(&w, v + i, 8);
		h = fmix64(h ^ w) + 0x9e3779b97f4a7c15ULL;
	}
	if (i < r) {
		w = 0;
		memcpy(&w, v + i, (size_t)(r - i));
		h = fmix64(h ^ w);
	}
	return (uint32_t)(h ^ (h >> 32));
}

static inline uint32_t
bandkey(const struct dindex *x, const uint8_t *sig, int b)
{
	return lsh_bandkey(x->lp, sig, b);
}

/* bandeq -- 1 when signatures a and c have the same values in band b. */
static inline int
bandeq(const struct dindex *x, const uint8_t *a, const uint8_t *c, int b)
{
	uint64_t u, v;
	int r = x->lp.rows;

	a += b * r;
	c += b * r;
	if (r > 8)
		return memcmp(a, c, (size_t)r) == 0;
	u = v = 0;
	memcpy(&u, a, (size_t)r);
	memcpy(&v, c, (size_t)r);
	return u == v;
}

/*
 * lput -- insert rec, whose band b hashes to key, into band table t
 * (cap slots), unless capped and BUCKETCAP records already share its
 * band values; returns 1 when inserted.
 */
static int
lput(const struct dindex *x, struct lent *t, size_t cap, int b,
    uint32_t rec, uint32_t key, int capped)
{
	const uint8_t *v = x->sigs + (size_t)rec * MH_K;
	size_t i = key & (cap - 1);
	int same = 0;

	while (t[i].rec != EMPTY) {
		if (capped && t[i].key == key && bandeq(x, x->sigs +
		    (size_t)t[i].rec * MH_K, v, b) && ++same >= BUCKETCAP)
			return 0;
		i = (i + 1) & (cap - 1);
	}
	t[i].rec = rec;
	t[i].key = key;
	return 1;
}

/*
 * lgrow -- double the band tables, one at a time, so that the peak is
 * one table more than the index rather than twice the index.  The
 * entries carry their keys: no signature is read.
 */
static void
lgrow(struct dindex *x)
{
	struct lent *t, *o;
	size_t i, cap = x->lcap * 2;
	int b;

	for (b = 0; b < x->lp.bands; b++) {
		t = lnew(cap);
		o = x->lt[b];
		for (i = 0; i < x->lcap; i++)
			if (o[i].rec != EMPTY)
				lput(x, t, cap, b, o[i].rec, o[i].key, 0);
		free(o);
		x->lt[b] = t;
	}
	x->lcap = cap;
}

long
dindex_near(struct dindex *x, const uint8_t *sig, double th, double *sim)
{
	const struct lent *t;
	uint32_t rec, key, keys[MH_K];
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
	/* Hash every band first and prefetch: the probes miss the cache. */
	for (b = 0; b < x->lp.bands; b++) {
		keys[b] = bandkey(x, sig, b);
#if defined(__GNUC__)
		__builtin_prefetch(x->lt[b] + (keys[b] & (x->lcap - 1)));
#endif
	}
	for (b = 0; b < x->lp.bands; b++) {
		t = x->lt[b];
		key = keys[b];
		for (i = key & (x->lcap - 1); t[i].rec != EMPTY;
		    i = (i + 1) & (x->lcap - 1)) {
			if (t[i].key != key)
				continue;
			rec = t[i].rec;
			if (x->stamp[rec] == x->qno)
				continue;
			if (!bandeq(x, x->sigs + (size_t)rec * MH_K, sig, b))
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
			x->lnb[b] += lput(x, x->lt[b], x->lcap, b, rec,
			    bandkey(x, sig, b), 1);
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
		b += x->lcap * x->lp.bands * sizeof(**x->lt);
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
