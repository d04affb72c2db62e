/*
 * index.c -- what ads-dedup remembers of the records it kept
 *
 * In memory, per record: an entry of 8 bytes in the exact table (the
 * first 4 bytes of the key's SHA-256 and the record number; the table is
 * between 1/2 and 3/4 full), one entry of 4 bytes per band in that band's
 * table (the record number in the low bits, and in the others bits of a
 * hash of the band's values; the tables are between 0.68 and 0.85 full,
 * or about 0.8 when dindex_hint foretold their size),
 * a bit saying whether it has a signature, and the id only when it is
 * needed (marking, clusters, a saved index).  At the default threshold
 * that is 32 entries of 4 bytes and one of 8: about 150 to 200 bytes.
 *
 * The rest goes to two unlinked temporary files (in TMPDIR), written in
 * blocks of TAILN records: each record's 16-byte key hash and 128-byte
 * signature, read back by record number only for the candidates whose
 * entry matches (a cache holds the last NCACHE read), and each record's
 * band keys, band by band, read back in order only when the band tables
 * grow.  The records of the last block, and of the NRECENT blocks
 * written before it, are still in memory: most candidates are recent.
 * No text is held.
 *
 * Entries are compared on their bits of the band hash, then on the band
 * values of the signature: the records found, the groups capped and the
 * record chosen are those of an index that holds every signature.
 */
#include <sys/mman.h>

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/buf.h"
#include "../../common/io.h"
#include "../../common/util.h"
#include "dedup.h"

#define HUGEPAGE	(2UL << 20)
#define BUCKETCAP	DINDEX_BUCKETCAP
#define TAILN		4096	/* records per spilled block */
#define NRECENT		4	/* blocks written still held */
#define NCACHE		2048	/* records read back, direct-mapped */
#define HSIZE		16	/* bytes of the key hash */
#define LFULL		0.85	/* band tables grow at this fill */
#define LGROW		1.25	/* by this factor */
#define LHINT		0.75	/* or to this fill of the size foreseen */
#define XHINT		0.7
#define MINBITS		16	/* of a record number in a band entry */
#define MAXBITS		31

struct xent {
	uint32_t	h0;		/* the first 4 bytes of the hash */
	uint32_t	rec1;		/* the record + 1; 0 for an empty slot */
};

struct dindex {
	int		 near;
	int		 keepids;
	struct lshparam	 lp;
	uint32_t	 n, cap;	/* records */
	uint8_t		*hassig;	/* a bit per record */
	/* The spilled records: hash and signature (recsz bytes each). */
	int		 fd, kfd;	/* -1 until the first block */
	size_t		 recsz;
	uint32_t	 nf;		/* records in the files */
	uint8_t		*tail;		/* the others, TAILN at most */
	uint8_t		*recent[NRECENT]; /* the last blocks written */
	uint32_t	*tkeys;		/* their band keys, band by band */
	uint8_t		*cache;		/* NCACHE records read back */
	uint32_t	*ctag;		/* the record + 1 in each, or 0 */
	/* The records one query verified: rec + 1, open addressing. */
	uint32_t	*seen;
	size_t		 seencap, nseen;
	struct xent	*xt;
	size_t		 xcap, xn;
	uint32_t	**lt;		/* per band, lcap entries, 0 empty */
	size_t		 lcap, ln;	/* ln: most entries in one table */
	double		 hint;		/* dindex_hint's factor, or 0 */
	unsigned	 rebuilds;	/* of the tables, as they grew */
	int		 bits;		/* of (rec + 1) in an entry */
	uint32_t	*lnb;		/* entries per table */
	uint64_t	*capped;	/* rec << 8 | band left out, in order */
	size_t		 ncapped, capcap;
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

/* home -- the first slot for a 32-bit hash in a table of cap slots. */
static inline size_t
home(uint32_t h, size_t cap)
{
	return (size_t)(((uint64_t)h * cap) >> 32);
}

/* fpof -- the bits of band key k kept in an entry beside bits of rec. */
static inline uint32_t
fpof(uint32_t k, int bits)
{
	return (k * 0x9e3779b1U) >> bits;
}

/*
 * bignew, bigfree -- n bytes of zeros straight from the system, given
 * back whole when freed: tables that grow and are freed would otherwise
 * leave holes in the heap.  Each record reads one place in every band
 * table, all over tables of megabytes: where the system has them, ask
 * for huge pages, so that each read does not also miss the TLB.
 */
static void *
bignew(size_t n)
{
	char *t;
	size_t pad = n >= HUGEPAGE ? HUGEPAGE : 0, lead, whole;

	/*
	 * A table of huge pages must start on one: ask for one more, and
	 * give back what lies before the first boundary and after the end.
	 */
	t = mmap(NULL, n + pad, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (t == MAP_FAILED)
		ads_die_errno(ADS_SYSTEM, "mmap");
	if (pad > 0) {
		lead = (HUGEPAGE - (uintptr_t)t % HUGEPAGE) % HUGEPAGE;
		whole = (n + 4095) / 4096 * 4096;
		if (lead > 0)
			(void)munmap(t, lead);
		if (pad > lead)
			(void)munmap(t + lead + whole, pad - lead);
		t += lead;
	}
#if defined(MADV_HUGEPAGE)
	if (n >= HUGEPAGE)
		(void)madvise(t, n, MADV_HUGEPAGE);
#endif
	return t;
}

static void
bigfree(void *t, size_t n)
{
	if (t != NULL)
		(void)munmap(t, n);
}

static uint32_t *
lnew(size_t cap)
{
	return bignew(cap * sizeof(uint32_t));
}

static void
xtnew(struct dindex *x, size_t cap)
{
	x->xcap = cap;
	x->xt = bignew(cap * sizeof(*x->xt));
}

struct dindex *
dindex_new(int near, struct lshparam lp, int keepids)
{
	struct dindex *x = xcalloc(1, sizeof(*x));
	int b;

	x->near = near;
	x->hint = 0;
	x->lp = lp;
	x->keepids = keepids;
	x->fd = x->kfd = -1;
	x->recsz = HSIZE + (near ? MH_K : 0);
	x->tail = xreallocarray(NULL, TAILN, x->recsz);
	x->cache = xreallocarray(NULL, NCACHE, x->recsz);
	x->ctag = xcalloc(NCACHE, sizeof(*x->ctag));
	xtnew(x, 1024);
	if (near) {
		x->lcap = 1024;
		x->bits = MINBITS;
		x->lt = xcalloc((size_t)lp.bands, sizeof(*x->lt));
		for (b = 0; b < lp.bands; b++)
			x->lt[b] = lnew(x->lcap);
		x->lnb = xcalloc((size_t)lp.bands, sizeof(*x->lnb));
		x->tkeys = xcalloc((size_t)lp.bands * TAILN,
		    sizeof(*x->tkeys));
		x->seencap = 1024;
		x->seen = xcalloc(x->seencap, sizeof(*x->seen));
	}
	return x;
}

void
dindex_free(struct dindex *x)
{
	int b;

	if (x == NULL)
		return;
	if (x->fd != -1)
		close(x->fd);
	if (x->kfd != -1)
		close(x->kfd);
	free(x->hassig);
	free(x->tail);
	for (b = 0; b < NRECENT; b++)
		free(x->recent[b]);
	free(x->tkeys);
	free(x->cache);
	free(x->ctag);
	free(x->seen);
	bigfree(x->xt, x->xcap * sizeof(*x->xt));
	for (b = 0; x->lt != NULL && b < x->lp.bands; b++)
		bigfree(x->lt[b], x->lcap * sizeof(**x->lt));
	free(x->lt);
	free(x->lnb);
	free(x->capped);
	free(x->idoff);
	ads_buf_free(&x->ids);
	free(x);
}

uint32_t
dindex_count(const struct dindex *x)
{
	return x->n;
}

/* The spill. */

static void
pwritefull(int fd, const void *p, size_t n, off_t off)
{
	ssize_t w;

	while (n > 0) {
		w = pwrite(fd, p, n, off);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			ads_die_errno(ADS_SYSTEM, "index spill: write");
		p = (const char *)p + w;
		n -= (size_t)w;
		off += w;
	}
}

static void
preadfull(int fd, void *p, size_t n, off_t off)
{
	ssize_t r;

	while (n > 0) {
		r = pread(fd, p, n, off);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			ads_die_errno(ADS_SYSTEM, "index spill: read");
		p = (char *)p + r;
		n -= (size_t)r;
		off += r;
	}
}

/* flush -- write the full tail block out. */
static void
flush(struct dindex *x)
{
	off_t blk = (off_t)(x->nf / TAILN);
	uint8_t *p;
	int b;

	if (x->fd == -1) {
		x->fd = ads_tmpfd();
		if (x->near)
			x->kfd = ads_tmpfd();
	}
	pwritefull(x->fd, x->tail, TAILN * x->recsz,
	    (off_t)x->nf * (off_t)x->recsz);
	for (b = 0; x->near && b < x->lp.bands; b++)
		pwritefull(x->kfd, x->tkeys + (size_t)b * TAILN,
		    TAILN * sizeof(*x->tkeys),
		    (blk * x->lp.bands + b) * TAILN * (off_t)sizeof(uint32_t));
	x->nf += TAILN;
	/*
	 * Most candidates are recent records (on real text, nine in ten of
	 * those read back were written in the last 16384): the block just
	 * written stays in memory in place of the oldest held, which the
	 * next tail reuses.
	 */
	p = x->recent[blk % NRECENT];
	x->recent[blk % NRECENT] = x->tail;
	x->tail = p != NULL ? p : xreallocarray(NULL, TAILN, x->recsz);
}

/* getrec -- record r's hash and signature. */
static const uint8_t *
getrec(struct dindex *x, uint32_t r)
{
	size_t c = r & (NCACHE - 1);
	uint8_t *p;

	if (r >= x->nf)
		return x->tail + (size_t)(r - x->nf) * x->recsz;
	if (r / TAILN + NRECENT >= x->nf / TAILN)
		return x->recent[r / TAILN % NRECENT] +
		    (size_t)(r % TAILN) * x->recsz;
	p = x->cache + c * x->recsz;
	if (x->ctag[c] != r + 1) {
		preadfull(x->fd, p, x->recsz, (off_t)r * (off_t)x->recsz);
		x->ctag[c] = r + 1;
	}
	return p;
}

static inline const uint8_t *
getsig(struct dindex *x, uint32_t r)
{
	return getrec(x, r) + HSIZE;
}

static inline int
hassig(const struct dindex *x, uint32_t r)
{
	return x->hassig[r >> 3] >> (r & 7) & 1;
}

/* The exact table. */

static void
xput(struct xent *t, size_t cap, uint32_t h0, uint32_t rec1)
{
	size_t i = home(h0, cap);

	while (t[i].rec1 != 0)
		if (++i == cap)
			i = 0;
	t[i].h0 = h0;
	t[i].rec1 = rec1;
}

long
dindex_exact(struct dindex *x, const unsigned char hb[16])
{
	uint32_t h0 = ads_get32le(hb);
	size_t i;

	for (i = home(h0, x->xcap); x->xt[i].rec1 != 0;
	    i = i + 1 == x->xcap ? 0 : i + 1)
		if (x->xt[i].h0 == h0 &&
		    memcmp(getrec(x, x->xt[i].rec1 - 1), hb, HSIZE) == 0)
			return (long)x->xt[i].rec1 - 1;
	return -1;
}

/*
 * foresee -- the slots for a table of n entries that must grow: cap
 * without a hint; with one, the size foreseen at fill f, but at least
 * least.
 */
static size_t
foresee(const struct dindex *x, size_t n, double f, size_t cap, size_t least)
{
	double want = (double)n * x->hint / f;

	if (x->hint <= 0)
		return cap;
	if (want < (double)least)
		return least;
	return want < (double)(1U << MAXBITS) ? (size_t)want : cap;
}

/* xgrow -- half as large again, or as large as foreseen. */
static void
xgrow(struct dindex *x)
{
	struct xent *o = x->xt;
	size_t i, ocap = x->xcap;

	xtnew(x, foresee(x, x->xn + 1, XHINT, ocap + ocap / 2,
	    ocap + ocap / 8));
	x->rebuilds++;
	for (i = 0; i < ocap; i++)
		if (o[i].rec1 != 0)
			xput(x->xt, x->xcap, o[i].h0, o[i].rec1);
	bigfree(o, ocap * sizeof(*o));
}

/* The band tables. */

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
 * (cap slots, bits of record number); with v, its signature, unless
 * BUCKETCAP records already share its band values.  Returns 1 when
 * inserted.
 */
static int
lput(struct dindex *x, uint32_t *t, size_t cap, int bits, int b,
    uint32_t rec, uint32_t key, const uint8_t *v)
{
	uint32_t fp = fpof(key, bits), m = (1U << bits) - 1;
	size_t i = home(key, cap);
	int same = 0;

	while (t[i] != 0) {
		if (v != NULL && t[i] >> bits == fp && bandeq(x,
		    getsig(x, (t[i] & m) - 1), v, b) && ++same >= BUCKETCAP)
			return 0;
		if (++i == cap)
			i = 0;
	}
	t[i] = (uint32_t)((uint64_t)fp << bits) | (rec + 1);
	return 1;
}

/*
 * refill -- put every record of band b that the table held into t (cap
 * slots, bits of record number), their keys read back in order.
 */
static void
refill(struct dindex *x, int b, uint32_t *t, size_t cap, int bits)
{
	uint32_t kb[TAILN], r, j;
	const uint32_t *k;
	size_t c = 0;

	for (r = 0; r < x->n; r++) {
		j = r % TAILN;
		if (r < x->nf && j == 0)
			preadfull(x->kfd, kb, sizeof(kb),
			    ((off_t)(r / TAILN) * x->lp.bands + b) *
			    (off_t)sizeof(kb));
		k = r < x->nf ? kb : x->tkeys + (size_t)b * TAILN;
#if defined(__GNUC__)
		/* The slots are all over the table: ask for them early. */
		if (j + 16 < TAILN)
			__builtin_prefetch(t + home(k[j + 16], cap), 1);
#endif
		/* capped is in (rec, band) order. */
		while (c < x->ncapped &&
		    x->capped[c] < ((uint64_t)r << 8 | (uint64_t)b))
			c++;
		if (!hassig(x, r) || (c < x->ncapped &&
		    x->capped[c] == ((uint64_t)r << 8 | (uint64_t)b)))
			continue;
		lput(x, t, cap, bits, b, r, k[j], NULL);
	}
}

/*
 * relayout -- rebuild the band tables with cap slots and bits of record
 * number, one at a time, so that the peak is one table more than the
 * index rather than twice the index.
 */
static void
relayout(struct dindex *x, size_t cap, int bits)
{
	uint32_t *t;
	int b;

	for (b = 0; b < x->lp.bands; b++) {
		t = lnew(cap);
		refill(x, b, t, cap, bits);
		bigfree(x->lt[b], x->lcap * sizeof(*t));
		x->lt[b] = t;
	}
	x->lcap = cap;
	x->bits = bits;
	x->rebuilds++;
}

/* needbits -- the bits of an entry that can number n records. */
static int
needbits(uint64_t n)
{
	int b = MINBITS;

	while (b < MAXBITS && ((uint64_t)1 << b) - 1 < n + 1)
		b++;
	return b;
}

/* seen_add -- 1 when rec was already verified by this query. */
static int
seen_add(struct dindex *x, uint32_t rec)
{
	size_t i, m = x->seencap - 1;
	uint32_t *o;

	if ((x->nseen + 1) * 2 > x->seencap) {
		o = x->seen;
		x->seencap *= 2;
		x->seen = xcalloc(x->seencap, sizeof(*x->seen));
		x->nseen = 0;
		for (i = 0; i <= m; i++)
			if (o[i] != 0)
				(void)seen_add(x, o[i] - 1);
		free(o);
		m = x->seencap - 1;
	}
	for (i = (rec * 0x9e3779b1U) & m; x->seen[i] != 0; i = (i + 1) & m)
		if (x->seen[i] == rec + 1)
			return 1;
	x->seen[i] = rec + 1;
	x->nseen++;
	return 0;
}

static int
seen_has(const struct dindex *x, uint32_t rec)
{
	size_t i, m = x->seencap - 1;

	for (i = (rec * 0x9e3779b1U) & m; x->seen[i] != 0; i = (i + 1) & m)
		if (x->seen[i] == rec + 1)
			return 1;
	return 0;
}

void
dindex_keys(const struct dindex *x, const uint8_t *sig, uint32_t *keys)
{
	int b;

	for (b = 0; b < x->lp.bands; b++)
		keys[b] = lsh_bandkey(x->lp, sig, b);
}

void
dindex_prefetch(const struct dindex *x, const unsigned char hb[16],
    const uint32_t *keys)
{
#if defined(__GNUC__)
	int b;

	__builtin_prefetch(x->xt + home(ads_get32le(hb), x->xcap));
	for (b = 0; keys != NULL && x->near && b < x->lp.bands; b++)
		__builtin_prefetch(x->lt[b] + home(keys[b], x->lcap));
#else
	(void)x;
	(void)hb;
	(void)keys;
#endif
}

long
dindex_near(struct dindex *x, const uint8_t *sig, const uint32_t *kp,
    double th, double *sim)
{
	const uint32_t *t, *keys = kp;
	const uint8_t *v;
	uint32_t rec, fp, m, kb[MH_K];
	long best = -1;
	double bs = -1, s;
	size_t i;
	int b;

	if (!x->near || x->n == 0)
		return -1;
	if (x->nseen > 0) {
		memset(x->seen, 0, x->seencap * sizeof(*x->seen));
		x->nseen = 0;
	}
	/* Hash every band first and prefetch: the probes miss the cache. */
	if (keys == NULL) {
		dindex_keys(x, sig, kb);
		keys = kb;
#if defined(__GNUC__)
		for (b = 0; b < x->lp.bands; b++)
			__builtin_prefetch(x->lt[b] + home(keys[b], x->lcap));
#endif
	}
	m = (1U << x->bits) - 1;
	for (b = 0; b < x->lp.bands; b++) {
		t = x->lt[b];
		fp = fpof(keys[b], x->bits);
		for (i = home(keys[b], x->lcap); t[i] != 0;
		    i = i + 1 == x->lcap ? 0 : i + 1) {
			if (t[i] >> x->bits != fp)
				continue;
			rec = (t[i] & m) - 1;
			if (seen_has(x, rec))
				continue;
			v = getsig(x, rec);
			if (!bandeq(x, v, sig, b))
				continue;
			(void)seen_add(x, rec);
			s = mh_similar(sig, v);
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

/* addbands -- put record rec, with signature sig, in the band tables. */
static void
addbands(struct dindex *x, uint32_t rec, const uint8_t *sig,
    const uint32_t *keys)
{
	uint32_t *tk = x->tkeys + (rec - x->nf), key;
	size_t cap = x->lcap;
	int b, bits = x->bits;

	/*
	 * Numbers as large as the table, so that the numbers rarely outgrow
	 * the entries before the table fills.
	 */
	if ((x->ln + 1) > (size_t)((double)x->lcap * LFULL)) {
		cap = foresee(x, x->ln + 1, LHINT,
		    (size_t)((double)x->lcap * LGROW),
		    x->lcap + x->lcap / 8);
		if (needbits(cap) > bits)
			bits = needbits(cap);
	}
	if (needbits((uint64_t)rec + 1) > bits)
		bits = needbits(((uint64_t)rec + 1) * 2);
	if (cap != x->lcap || bits != x->bits)
		relayout(x, cap, bits);
	for (b = 0; b < x->lp.bands; b++) {
		key = keys != NULL ? keys[b] : lsh_bandkey(x->lp, sig, b);
		tk[(size_t)b * TAILN] = key;
		if (lput(x, x->lt[b], x->lcap, x->bits, b, rec, key, sig))
			x->lnb[b]++;
		else {
			x->capped = xgrowarray(x->capped, x->ncapped, &x->capcap,
			    64, sizeof(*x->capped));
			x->capped[x->ncapped++] = (uint64_t)rec << 8 |
			    (uint64_t)b;
		}
		if (x->lnb[b] > x->ln)
			x->ln = x->lnb[b];
	}
}

uint32_t
dindex_add(struct dindex *x, const unsigned char hb[16], const uint8_t *sig,
    const uint32_t *keys, const char *id, size_t n)
{
	uint32_t rec = x->n;
	uint8_t *p;

	if (x->n == (x->near ? (1U << MAXBITS) - 2 : UINT32_MAX - 1))
		ads_die(ADS_SYSTEM, "too many records to index");
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 1024;
		x->hassig = xreallocarray(x->hassig, x->cap / 8, 1);
		memset(x->hassig + x->n / 8, 0, (x->cap - x->n) / 8);
		if (x->keepids)
			x->idoff = xreallocarray(x->idoff, x->cap + 1,
			    sizeof(*x->idoff));
	}
	if (x->n - x->nf == TAILN)
		flush(x);
	p = x->tail + (size_t)(rec - x->nf) * x->recsz;
	memcpy(p, hb, HSIZE);
	if ((x->xn + 1) * 4 > x->xcap * 3)
		xgrow(x);
	xput(x->xt, x->xcap, ads_get32le(hb), rec + 1);
	x->xn++;
	if (x->near) {
		if (sig != NULL)
			memcpy(p + HSIZE, sig, MH_K);
		else
			memset(p + HSIZE, 0, MH_K);
	}
	if (x->near && sig != NULL) {
		x->hassig[rec >> 3] |= (uint8_t)(1U << (rec & 7));
		addbands(x, rec, sig, keys);
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

unsigned
dindex_rebuilds(const struct dindex *x)
{
	return x->rebuilds;
}

void
dindex_hint(struct dindex *x, double f)
{
	x->hint = f > 1 ? f : 1;	/* > 0: given */
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
	b += x->cap / 8;
	b += (TAILN + NCACHE) * x->recsz + NCACHE * sizeof(*x->ctag);
	b += (x->nf / TAILN < NRECENT ? x->nf / TAILN : NRECENT) * TAILN *
	    x->recsz;
	if (x->near)
		b += x->lcap * x->lp.bands * sizeof(**x->lt) +
		    (size_t)x->lp.bands * TAILN * sizeof(*x->tkeys) +
		    x->seencap * sizeof(*x->seen) +
		    x->capcap * sizeof(*x->capped);
	if (x->keepids)
		b += ((size_t)x->cap + 1) * sizeof(*x->idoff) + x->ids.cap;
	return b;
}

void
put32(struct ads_out *o, uint32_t v)
{
	unsigned char b[4];

	ads_put32le(b, v);
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
	uint8_t *blk;
	const uint8_t *p;
	uint32_t i;
	size_t n;
	const char *id;

	o = ads_out_open(path, ADS_OUT_ATOMIC | ADS_OUT_ZSTD);
	if (o == NULL) {
		ads_warn_errno("%s", path);
		return -1;
	}
	blk = xreallocarray(NULL, TAILN, x->recsz);
	puthead(o, h);
	put32(o, x->n);
	for (i = 0; i < x->n; i++) {
		if (i < x->nf && i % TAILN == 0)
			preadfull(x->fd, blk, TAILN * x->recsz,
			    (off_t)i * (off_t)x->recsz);
		p = i < x->nf ? blk : x->tail;
		p += (size_t)(i % TAILN) * x->recsz;
		ads_out_write(o, p, HSIZE);
		ads_out_putc(o, (char)hassig(x, i));
		if (hassig(x, i))
			ads_out_write(o, p + HSIZE, MH_K);
		id = dindex_id(x, i, &n);
		put32(o, (uint32_t)n);
		ads_out_write(o, id, n);
	}
	free(blk);
	return ads_out_close(o);
}

/* readfull -- n bytes into p (ads_in_read stops short only at the end). */
static int
readfull(struct ads_in *in, void *p, size_t n)
{
	return ads_in_read(in, p, n) == (long)n ? 0 : -1;
}

static int
get32(struct ads_in *in, uint32_t *v)
{
	unsigned char b[4];

	if (readfull(in, b, 4) == -1)
		return -1;
	*v = ads_get32le(b);
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
		dindex_add(x, hb, hs ? sig : NULL, NULL, id.p, il);
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
