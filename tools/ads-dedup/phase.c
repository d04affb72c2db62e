/*
 * phase.c -- deduplication in phases over numbered shards, for runs
 * that one process cannot hold: sign (per shard), bucket (per
 * partition of the keys), cluster (once, over the candidate pairs) and
 * apply (per shard)
 *
 * The order of the records is the order of the shards by number, then
 * of the lines in each shard: the order in which a single ads-dedup
 * reads the shards one after the other.  The result is the same as
 * that run's, because cluster replays its rule: in that order, a record
 * is dropped when it repeats the key of an earlier record, or when an
 * earlier kept record shares one of its band values and the two
 * signatures reach the threshold.  Like the index, cluster only counts
 * the first DINDEX_BUCKETCAP kept records that share one band value.
 *
 * The files, in the work folder, all begin with a header of PH_HDR
 * bytes (magic, the settings, the shard or partition number), little
 * endian throughout:
 *
 *	sig.N	the signatures of shard N, 128 bytes each in record
 *		order (none with -e); then the number of records
 *	keys.N.P the keys of shard N in partition P (of the -M of
 *		sign): per record, its exact key as its number with
 *		EXACTBIT and the 16-byte hash, and its band keys as its
 *		number, the band (a byte) and the 32-bit key, all in
 *		record order; then UINT32_MAX and the number of records
 *	pairs.P	tagged entries of partition P: 1 shard seq (an exact
 *		repeat), 2 shard seq shard seq (a verified near pair,
 *		earlier first), 3 n and n shard seq (records sharing one
 *		band value, more than DINDEX_BUCKETCAP); then UINT32_MAX
 *	drop.N	the numbers of the records of shard N to drop, with bit
 *		31 set for a near duplicate; then UINT32_MAX and the
 *		number of records of the shard
 */
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/buf.h"
#include "../../common/io.h"
#include "../../common/util.h"
#include "dedup.h"

#define PH_HDR		320
#define END		UINT32_MAX
#define NEARBIT		0x80000000U
#define MAXSEQ		0x7fffffffU
#define EXACTBIT	0x80000000U
#define MAXPARTS	(1U << 20)

enum { F_SIG, F_KEYS, F_PAIRS, F_DROP };
static const char *const fname[] = { "sig", "keys", "pairs", "drop" };
static const char fmagic[][9] = {
	"ADSDSG1\n", "ADSDKY1\n", "ADSDPR1\n", "ADSDDR1\n"
};

struct phstats phstats;

int
phase_name(const char *s)
{
	static const char *const names[] = { "sign", "bucket", "cluster",
	    "apply" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return PH_SIGN + i;
	return -1;
}

static char *
fpath(const char *dir, int kind, unsigned n)
{
	return xasprintf("%s/%s.%06u", dir, fname[kind], n);
}

/* kpath -- the key file of shard n for partition part. */
static char *
kpath(const char *dir, unsigned n, unsigned part)
{
	return xasprintf("%s/%s.%06u.%06u", dir, fname[F_KEYS], n, part);
}

/* hdr -- the header of a file of kind for o, numbered n. */
static void
hdr(unsigned char b[PH_HDR], int kind, const struct phopt *o, unsigned n)
{
	uint64_t t;
	size_t kl = strlen(o->head.key);

	memset(b, 0, PH_HDR);
	memcpy(b, fmagic[kind], 8);
	ads_put32le(b + 8, MH_K);
	ads_put32le(b + 12, o->head.ngram);
	ads_put32le(b + 16, o->head.flags);
	ads_put32le(b + 20, o->head.near);
	ads_put32le(b + 24, (uint32_t)o->lp.bands);
	ads_put32le(b + 28, (uint32_t)o->lp.rows);
	ads_put32le(b + 32, n);
	memcpy(&t, &o->t, 8);
	ads_put32le(b + 36, (uint32_t)t);
	ads_put32le(b + 40, (uint32_t)(t >> 32));
	ads_put32le(b + 44, (uint32_t)kl);
	memcpy(b + 48, o->head.key, kl);
	ads_put32le(b + 304, o->parts ? o->parts : 1);
}

/*
 * rdhdr -- read and check the header of the file of kind at path from
 * f: its settings into *o (when o->dir is NULL) or compared with *o.
 * Sets *n to its number.  Returns 0, or -1 after a message.
 */
static int
rdhdr(FILE *f, const char *path, int kind, struct phopt *o, unsigned *n)
{
	unsigned char b[PH_HDR], c[PH_HDR];
	struct phopt g;
	uint64_t t;
	uint32_t kl;

	if (fread(b, 1, PH_HDR, f) != PH_HDR ||
	    memcmp(b, fmagic[kind], 8) != 0 || ads_get32le(b + 8) != MH_K) {
		ads_warn("%s: not a %s file of ads-dedup", path, fname[kind]);
		return -1;
	}
	*n = ads_get32le(b + 32);
	if (o->dir != NULL) {
		hdr(c, kind, o, *n);
		if (memcmp(b, c, PH_HDR) != 0) {
			ads_warn("%s: written with other settings", path);
			return -1;
		}
		return 0;
	}
	memset(&g, 0, sizeof(g));
	g.head.ngram = ads_get32le(b + 12);
	g.head.flags = ads_get32le(b + 16);
	g.head.near = ads_get32le(b + 20);
	g.lp.bands = (int)ads_get32le(b + 24);
	g.lp.rows = (int)ads_get32le(b + 28);
	t = (uint64_t)ads_get32le(b + 36) | (uint64_t)ads_get32le(b + 40) << 32;
	memcpy(&g.t, &t, 8);
	kl = ads_get32le(b + 44);
	if (kl >= sizeof(g.head.key) || g.lp.bands < 0 || g.lp.rows < 1 ||
	    g.lp.bands * g.lp.rows > MH_K || !(g.t >= 0 && g.t <= 1)) {
		ads_warn("%s: bad header", path);
		return -1;
	}
	memcpy(g.head.key, b + 48, kl);
	g.head.key[kl] = '\0';
	g.parts = ads_get32le(b + 304);
	if (g.parts < 1 || g.parts > MAXPARTS) {
		ads_warn("%s: bad header", path);
		return -1;
	}
	g.dir = "";
	*o = g;
	return 0;
}

static FILE *
openr(const char *path)
{
	FILE *f = fopen(path, "r");

	if (f == NULL)
		ads_warn_errno("%s", path);
	else
		setvbuf(f, NULL, _IOFBF, 1 << 16);
	return f;
}

static int
get32(FILE *f, uint32_t *v)
{
	unsigned char b[4];

	if (fread(b, 1, 4, f) != 4)
		return -1;
	*v = ads_get32le(b);
	return 0;
}

static int
cmpu(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

/* listnums -- the sorted numbers N of the files kind.N in dir. */
static unsigned *
listnums(const char *dir, int kind, size_t *np)
{
	DIR *d;
	struct dirent *e;
	unsigned *v = NULL;
	size_t n = 0, pl = strlen(fname[kind]);
	const char *p, *err;
	long long x;

	*np = 0;
	d = opendir(dir);
	if (d == NULL) {
		ads_warn_errno("%s", dir);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, fname[kind], pl) != 0 ||
		    e->d_name[pl] != '.')
			continue;
		p = e->d_name + pl + 1;
		if (strlen(p) < 6 || strspn(p, "0123456789") != strlen(p))
			continue;
		x = ads_strtonum(p, 0, MAXSEQ, &err);
		if (err != NULL)
			continue;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = (unsigned)x;
	}
	closedir(d);
	if (v != NULL)
		qsort(v, n, sizeof(*v), cmpu);
	*np = n;
	return v;
}

/* sign */

/*
 * The key files of a shard, one per partition, written through stdio
 * with small buffers (a shard may have a thousand), each under a
 * temporary name until the shard is done.
 */
static struct {
	struct ads_out	*sig;
	FILE		**kf;
	char		**kname, **ktmp;
	unsigned	 nk;
	uint32_t	 n;
	int		 err;
	struct phopt	 o;
} sg;

static void
kput(unsigned part, const void *p, size_t n)
{
	if (fwrite(p, 1, n, sg.kf[part]) != n)
		sg.err = 1;
}

static void
kput32(unsigned part, uint32_t v)
{
	unsigned char b[4];

	ads_put32le(b, v);
	kput(part, b, 4);
}

static void
sign_abort(void)
{
	unsigned k;

	for (k = 0; k < sg.nk; k++) {
		if (sg.kf[k] != NULL) {
			fclose(sg.kf[k]);
			unlink(sg.ktmp[k]);
		}
		free(sg.kname[k]);
		free(sg.ktmp[k]);
	}
	free(sg.kf);
	free(sg.kname);
	free(sg.ktmp);
	sg.kf = NULL;
	sg.kname = sg.ktmp = NULL;
	sg.nk = 0;
	if (sg.sig != NULL)
		ads_out_abort(sg.sig);
	sg.sig = NULL;
}

int
phase_sign_open(const struct phopt *o)
{
	unsigned char b[PH_HDR];
	char *p;
	unsigned k;

	memset(&sg, 0, sizeof(sg));
	sg.o = *o;
	if (sg.o.parts == 0)
		sg.o.parts = 1;
	p = fpath(o->dir, F_SIG, o->num);
	sg.sig = ads_out_open(p, ADS_OUT_ATOMIC | ADS_OUT_PLAIN);
	if (sg.sig == NULL) {
		ads_warn_errno("%s", p);
		free(p);
		return -1;
	}
	free(p);
	hdr(b, F_SIG, &sg.o, o->num);
	ads_out_write(sg.sig, b, PH_HDR);
	sg.kf = xcalloc(sg.o.parts, sizeof(*sg.kf));
	sg.kname = xcalloc(sg.o.parts, sizeof(*sg.kname));
	sg.ktmp = xcalloc(sg.o.parts, sizeof(*sg.ktmp));
	sg.nk = sg.o.parts;
	hdr(b, F_KEYS, &sg.o, o->num);
	for (k = 0; k < sg.nk; k++) {
		sg.kname[k] = kpath(o->dir, o->num, k);
		sg.ktmp[k] = xasprintf("%s.tmp-%ld", sg.kname[k],
		    (long)getpid());
		sg.kf[k] = fopen(sg.ktmp[k], "w");
		if (sg.kf[k] == NULL) {
			ads_warn_errno("%s", sg.ktmp[k]);
			sign_abort();
			return -1;
		}
		setvbuf(sg.kf[k], NULL, _IOFBF, 8192);
		kput(k, b, PH_HDR);
	}
	return 0;
}

/*
 * phase_sign_add -- in the key file of its partition, each key of the
 * record: an exact key as its number with EXACTBIT and the 16 bytes of
 * the hash, a band key as its number, the band (a byte) and the key.
 */
void
phase_sign_add(const unsigned char h[16], const uint8_t *sig)
{
	static const uint8_t zero[MH_K];
	unsigned char c;
	unsigned part;
	uint32_t k;
	int b;

	if (sg.n == MAXSEQ)
		ads_die(ADS_SYSTEM, "too many records in one shard");
	part = ads_get32le(h) % sg.nk;
	kput32(part, sg.n | EXACTBIT);
	kput(part, h, 16);
	if (sg.o.head.near) {
		ads_out_write(sg.sig, sig != NULL ? sig : zero, MH_K);
		for (b = 0; sig != NULL && b < sg.o.lp.bands; b++) {
			k = lsh_bandkey(sg.o.lp, sig, b);
			part = (unsigned)(fmix64((uint64_t)b << 32 | k) %
			    sg.nk);
			c = (unsigned char)b;
			kput32(part, sg.n);
			kput(part, &c, 1);
			kput32(part, k);
		}
	}
	sg.n++;
}

int
phase_sign_close(int keep)
{
	unsigned k;
	int rc = 0;

	if (!keep) {
		sign_abort();
		return -1;
	}
	put32(sg.sig, sg.n);
	for (k = 0; k < sg.nk; k++) {
		kput32(k, END);
		kput32(k, sg.n);
	}
	phstats.records = sg.n;
	for (k = 0; k < sg.nk && !sg.err; k++) {
		if (fclose(sg.kf[k]) == EOF)
			sg.err = 1;
		sg.kf[k] = NULL;
	}
	if (sg.err) {
		ads_warn("%s: write error", sg.ktmp[k < sg.nk ? k : 0]);
		sign_abort();
		return -1;
	}
	/* The keys first: a signature file says the shard is signed. */
	for (k = 0; k < sg.nk; k++)
		if (rename(sg.ktmp[k], sg.kname[k]) == -1) {
			ads_warn_errno("%s", sg.kname[k]);
			rc = -1;
		}
	if (rc == -1) {
		sign_abort();
		return -1;
	}
	if (ads_out_close(sg.sig) == -1)
		rc = -1;
	sg.sig = NULL;
	sign_abort();
	return rc;
}

/* The signature files, read by record: shard numbers, counts, bases. */
struct shards {
	size_t		 n;
	unsigned	*num;
	uint32_t	*count;
	uint64_t	*base;		/* n + 1 */
	int		*fd;
	char		*dir;
	struct phopt	 o;
};

static void
shards_free(struct shards *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->fd[i] != -1)
			close(s->fd[i]);
	free(s->num);
	free(s->count);
	free(s->base);
	free(s->fd);
	memset(s, 0, sizeof(*s));
}

/*
 * shards_open -- every sig.N of dir, checked, with the settings of the
 * first into s->o.  Returns 0, or -1 after a message.
 */
static int
shards_open(struct shards *s, const char *dir)
{
	unsigned char t[4];
	size_t i;
	unsigned n;
	off_t sz, want;
	char *p;
	FILE *f;

	memset(s, 0, sizeof(*s));
	s->num = listnums(dir, F_SIG, &s->n);
	if (s->num == NULL && s->n == 0) {
		ads_warn("%s: no signature files (sig.N): run the sign phase "
		    "first", dir);
		return -1;
	}
	s->count = xcalloc(s->n, sizeof(*s->count));
	s->base = xcalloc(s->n + 1, sizeof(*s->base));
	s->fd = xcalloc(s->n, sizeof(*s->fd));
	for (i = 0; i < s->n; i++)
		s->fd[i] = -1;
	for (i = 0; i < s->n; i++) {
		p = fpath(dir, F_SIG, s->num[i]);
		f = openr(p);
		if (f == NULL)
			goto fail;
		s->o.dir = i == 0 ? NULL : dir;
		if (rdhdr(f, p, F_SIG, &s->o, &n) == -1)
			goto fail;
		if (n != s->num[i]) {
			ads_warn("%s: written for shard %u", p, n);
			goto fail;
		}
		s->o.dir = dir;
		if (fseeko(f, -4, SEEK_END) == -1 || fread(t, 1, 4, f) != 4 ||
		    (sz = ftello(f)) == -1) {
			ads_warn("%s: truncated", p);
			goto fail;
		}
		fclose(f);
		f = NULL;
		s->count[i] = ads_get32le(t);
		want = PH_HDR + 4 + (s->o.head.near ?
		    (off_t)s->count[i] * MH_K : 0);
		if (sz != want || s->count[i] > MAXSEQ) {
			ads_warn("%s: truncated or damaged", p);
			goto fail;
		}
		s->fd[i] = open(p, O_RDONLY | O_CLOEXEC);
		if (s->fd[i] == -1) {
			ads_warn_errno("%s", p);
			goto fail;
		}
		free(p);
		s->base[i + 1] = s->base[i] + s->count[i];
	}
	return 0;
fail:
	if (f != NULL)
		fclose(f);
	free(p);
	return -1;
}

/* shard_index -- the index of shard number num, or -1. */
static long
shard_index(const struct shards *s, unsigned num)
{
	size_t lo = 0, hi = s->n, m;

	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (s->num[m] < num)
			lo = m + 1;
		else if (s->num[m] > num)
			hi = m;
		else
			return (long)m;
	}
	return -1;
}

/* gid -- the place of record seq of shard num in the global order. */
static int
gid(const struct shards *s, unsigned num, uint32_t seq, uint64_t *g)
{
	long i = shard_index(s, num);

	if (i < 0 || seq >= s->count[i])
		return -1;
	*g = s->base[i] + seq;
	return 0;
}

/* ungid -- the shard index and record number of global record g. */
static size_t
ungid(const struct shards *s, uint64_t g, uint32_t *seq)
{
	size_t lo = 0, hi = s->n, m;

	while (hi - lo > 1) {
		m = lo + (hi - lo) / 2;
		if (s->base[m] <= g)
			lo = m;
		else
			hi = m;
	}
	*seq = (uint32_t)(g - s->base[lo]);
	return lo;
}

/*
 * The signatures read last, by global record number: the bucket phase
 * takes its runs in the order of their first record, so that the runs of
 * one record's bands, and those of a group, follow each other.
 */
#define SIGCACHE	16384
static uint8_t *sigcache;
static uint64_t *sigtag;	/* global record + 1, or 0 */

static void
readsig(const struct shards *s, size_t i, uint32_t seq, uint8_t *sig)
{
	off_t at = PH_HDR + (off_t)seq * MH_K;
	ssize_t r;
	size_t got = 0, c;
	uint64_t g = s->base[i] + seq;

	if (sigcache == NULL) {
		sigcache = xreallocarray(NULL, SIGCACHE, MH_K);
		sigtag = xcalloc(SIGCACHE, sizeof(*sigtag));
	}
	c = (size_t)(g % SIGCACHE);
	if (sigtag[c] == g + 1) {
		memcpy(sig, sigcache + c * MH_K, MH_K);
		return;
	}

	while (got < MH_K) {
		r = pread(s->fd[i], sig + got, MH_K - got, at + (off_t)got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			ads_die(ADS_SYSTEM, "%s/sig.%06u: read error",
			    s->dir, s->num[i]);
		got += (size_t)r;
	}
	memcpy(sigcache + c * MH_K, sig, MH_K);
	sigtag[c] = g + 1;
}

/*
 * radix -- sort the n records of a, each w 32-bit words, by the words
 * named in key, most significant first, stably, a byte at a time from
 * the least significant (bytes that all records share are skipped).
 * Linear in n, where qsort's comparisons dominated the bucket phase.
 */
static void
radix(uint32_t *a, size_t n, size_t w, const int *key, int nkey)
{
	uint32_t *t, *src = a, *dst, *sw;
	size_t cnt[256], i, c, sum;
	int k, sh;

	if (n < 2)
		return;
	t = xreallocarray(NULL, n, w * sizeof(uint32_t));
	dst = t;
	for (k = nkey - 1; k >= 0; k--)
		for (sh = 0; sh < 32; sh += 8) {
			memset(cnt, 0, sizeof(cnt));
			for (i = 0; i < n; i++)
				cnt[src[i * w + (size_t)key[k]] >> sh & 255]++;
			if (cnt[src[(size_t)key[k]] >> sh & 255] == n)
				continue;
			for (c = 0, sum = 0; c < 256; c++) {
				i = cnt[c];
				cnt[c] = sum;
				sum += i;
			}
			for (i = 0; i < n; i++)
				memcpy(dst + w * cnt[src[i * w + (size_t)key[k]] >>
				    sh & 255]++, src + i * w, w * sizeof(uint32_t));
			sw = src;
			src = dst;
			dst = sw;
		}
	if (src != a)
		memcpy(a, src, n * w * sizeof(uint32_t));
	free(t);
}

/* bucket */

struct xe {
	uint32_t	h[4];
	uint32_t	shard, seq;
};

struct be {
	uint32_t	key, band;
	uint32_t	shard, seq;
};

static int
cmpxe(const void *a, const void *b)
{
	const struct xe *x = a, *y = b;
	int c = memcmp(x->h, y->h, sizeof(x->h));

	if (c != 0)
		return c;
	if (x->shard != y->shard)
		return x->shard < y->shard ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The members of one run of equal band keys, with their signatures. */
static struct {
	const struct be	*e;
	const uint8_t	*sigs;
	size_t		 off;	/* the band's first value */
	size_t		 len;
} run;

static int
cmprun(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = memcmp(run.sigs + i * MH_K + run.off,
	    run.sigs + j * MH_K + run.off, run.len);

	if (c != 0)
		return c;
	return i < j ? -1 : i > j;	/* the run is in record order */
}

static uint32_t
bpart(uint32_t key, uint32_t band, unsigned parts)
{
	return (uint32_t)(fmix64((uint64_t)band << 32 | key) % parts);
}

/*
 * A key that no other record shares makes no pair: a first pass over
 * the keys marks, in two bitmaps of about 8 bits per key of the
 * partition, the slots seen once and seen again, and the second keeps
 * only the keys whose slot was seen again (every repeated key and about
 * one in nine of the others).  Most of a partition is single keys, so
 * this bounds its memory by 2 bytes a key and the repeats.
 */
struct filt {
	uint64_t	*seen, *twice;
	uint64_t	 mask;
	int		 pass;
};

/* filt_keep -- pass 0: mark the slot of hash v; pass 1: 1 to keep v. */
static int
filt_keep(struct filt *fl, uint64_t v)
{
	uint64_t i = fmix64(v ^ 0x2545f4914f6cdd1dULL) & fl->mask;
	uint64_t w = i >> 6, bit = 1ULL << (i & 63);

	if (fl->pass == 1)
		return (fl->twice[w] & bit) != 0;
	if (fl->seen[w] & bit)
		fl->twice[w] |= bit;
	else
		fl->seen[w] |= bit;
	return 0;
}

/* readkeys -- the entries of key file keys.N.PART into x and b. */
static int
readkeys(unsigned part, const struct shards *s, size_t si,
    struct filt *fl, struct xe **x, size_t *nx, size_t *capx,
    struct be **bb, size_t *nb, size_t *capb)
{
	unsigned char rec[16];
	struct phopt g = s->o;
	uint32_t v, seq, k, cnt, last = 0;
	unsigned n;
	char *p = kpath(s->dir, s->num[si], part);
	FILE *f = openr(p);
	int rc = -1, any = 0;

	if (f == NULL)
		goto out;
	if (rdhdr(f, p, F_KEYS, &g, &n) == -1)
		goto out;
	if (n != s->num[si])
		goto trunc;
	for (;;) {
		if (get32(f, &v) == -1)
			goto trunc;
		if (v == END) {
			if (get32(f, &cnt) == -1 || cnt != s->count[si])
				goto trunc;
			break;
		}
		seq = v & MAXSEQ;
		if (seq >= s->count[si] || (any && seq < last))
			goto trunc;
		last = seq;
		any = 1;
		if (v & EXACTBIT) {
			if (fread(rec, 1, 16, f) != 16)
				goto trunc;
			if (!filt_keep(fl, (uint64_t)ads_get32le(rec + 4) << 32 |
			    ads_get32le(rec + 8)))
				continue;
			*x = xgrowarray(*x, *nx, capx, 4096, sizeof(**x));
			(*x)[*nx].h[0] = ads_get32le(rec);
			(*x)[*nx].h[1] = ads_get32le(rec + 4);
			(*x)[*nx].h[2] = ads_get32le(rec + 8);
			(*x)[*nx].h[3] = ads_get32le(rec + 12);
			(*x)[*nx].shard = s->num[si];
			(*x)[*nx].seq = seq;
			(*nx)++;
			continue;
		}
		if (fread(rec, 1, 5, f) != 5 || !g.head.near ||
		    rec[0] >= g.lp.bands)
			goto trunc;
		k = ads_get32le(rec + 1);
		if (bpart(k, rec[0], g.parts) != part)
			goto trunc;
		if (!filt_keep(fl, (uint64_t)(rec[0] + 1) << 32 | k))
			continue;
		*bb = xgrowarray(*bb, *nb, capb, 4096, sizeof(**bb));
		(*bb)[*nb].key = k;
		(*bb)[*nb].band = rec[0];
		(*bb)[*nb].shard = s->num[si];
		(*bb)[*nb].seq = seq;
		(*nb)++;
	}
	rc = 0;
	goto out;
trunc:
	ads_warn("%s: truncated or damaged", p);
out:
	if (f != NULL)
		fclose(f);
	free(p);
	return rc;
}

/*
 * The verified pairs of a partition, written once each: a near pair
 * shares most bands, and so comes up in many runs.
 */
struct pair {
	uint32_t	v[4];	/* shard, seq of the earlier, then the later */
};
static struct pair *pairs;
static size_t npairs, cappairs;

static void
addpair(const struct be *a, const struct be *b)
{
	pairs = xgrowarray(pairs, npairs, &cappairs, 1024, sizeof(*pairs));
	pairs[npairs].v[0] = a->shard;
	pairs[npairs].v[1] = a->seq;
	pairs[npairs].v[2] = b->shard;
	pairs[npairs].v[3] = b->seq;
	npairs++;
}

static int
cmppair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int k;

	for (k = 0; k < 4; k++)
		if (x->v[k] != y->v[k])
			return x->v[k] < y->v[k] ? -1 : 1;
	return 0;
}

/* bucketrun -- the pairs of one run of n entries of equal band key. */
static void
bucketrun(struct ads_out *out, const struct shards *s, const struct be *e,
    size_t n, uint8_t **sigs, size_t **ord, size_t *cap)
{
	size_t i, j, a, c, m;
	const uint8_t *si, *sj;

	if (n > *cap) {
		*cap = n;
		*sigs = xreallocarray(*sigs, n, MH_K);
		*ord = xreallocarray(*ord, n, sizeof(**ord));
	}
	for (i = 0; i < n; i++) {
		readsig(s, (size_t)shard_index(s, e[i].shard), e[i].seq,
		    *sigs + i * MH_K);
		(*ord)[i] = i;
	}
	run.e = e;
	run.sigs = *sigs;
	run.off = (size_t)e[0].band * (size_t)s->o.lp.rows;
	run.len = (size_t)s->o.lp.rows;
	qsort(*ord, n, sizeof(**ord), cmprun);
	/* Each class of equal band values, in record order. */
	for (a = 0; a < n; a = c) {
		for (c = a + 1; c < n && memcmp(*sigs + (*ord)[a] * MH_K + run.off,
		    *sigs + (*ord)[c] * MH_K + run.off, run.len) == 0; c++)
			continue;
		m = c - a;
		if (m < 2)
			continue;
		if (m > DINDEX_BUCKETCAP) {
			put32(out, 3);
			put32(out, (uint32_t)m);
			for (i = a; i < c; i++) {
				put32(out, e[(*ord)[i]].shard);
				put32(out, e[(*ord)[i]].seq);
			}
			phstats.big++;
			continue;
		}
		for (j = a + 1; j < c; j++) {
			sj = *sigs + (*ord)[j] * MH_K;
			for (i = a; i < j; i++) {
				si = *sigs + (*ord)[i] * MH_K;
				if (mh_similar(sj, si) < s->o.t)
					continue;
				addpair(&e[(*ord)[i]], &e[(*ord)[j]]);
			}
		}
	}
}

/*
 * runs -- the pairs of every run of equal band keys of e (n entries,
 * sorted), taken in the order of their first record (then of band and
 * key), which keeps the signatures they read in the cache.
 */
static void
runs(struct ads_out *out, const struct shards *s, const struct be *e,
    size_t n, uint8_t **sigs, size_t **ord, size_t *cap)
{
	struct { uint32_t lo, hi, at, len; } *r = NULL;
	size_t i, j, nr = 0, capr = 0;
	uint64_t g;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && e[j].band == e[i].band &&
		    e[j].key == e[i].key; j++)
			continue;
		if (j - i < 2)
			continue;
		r = xgrowarray(r, nr, &capr, 4096, sizeof(*r));
		g = s->base[shard_index(s, e[i].shard)] + e[i].seq;
		r[nr].lo = (uint32_t)g;
		r[nr].hi = (uint32_t)(g >> 32);
		r[nr].at = (uint32_t)i;
		r[nr].len = (uint32_t)(j - i);
		nr++;
	}
	if (nr > 0)
		radix(&r[0].lo, nr, 4, (const int []){ 1, 0 }, 2);
	for (i = 0; i < nr; i++)
		bucketrun(out, s, e + r[i].at, r[i].len, sigs, ord, cap);
	free(r);
	phstats.bytes += capr * sizeof(*r);
}

int
phase_bucket(const struct phopt *o)
{
	struct shards s;
	struct xe *x = NULL;
	struct be *bb = NULL;
	struct ads_out *out = NULL;
	struct filt fl;
	uint64_t slots;
	unsigned char b[PH_HDR];
	size_t nx = 0, capx = 0, nb = 0, capb = 0, i, j, cap = 0;
	uint8_t *sigs = NULL;
	size_t *ord = NULL;
	char *p = NULL;
	int rc = -1;

	memset(&phstats, 0, sizeof(phstats));
	if (shards_open(&s, o->dir) == -1)
		goto out;
	s.dir = (char *)(uintptr_t)o->dir;
	if (o->parts != 0 && o->parts != s.o.parts) {
		ads_warn("%s: the sign phase cut the keys into %u parts, "
		    "not %u", o->dir, s.o.parts, o->parts);
		goto out;
	}
	if (o->num >= s.o.parts) {
		ads_warn("-N %u: the parts are 0 to %u", o->num,
		    s.o.parts - 1);
		goto out;
	}
	memset(&fl, 0, sizeof(fl));
	slots = 4096;
	while (slots < 8 * (s.base[s.n] * (uint64_t)(s.o.lp.bands + 1) /
	    s.o.parts + 1))
		slots *= 2;
	fl.mask = slots - 1;
	fl.seen = xcalloc(slots / 64, sizeof(*fl.seen));
	fl.twice = xcalloc(slots / 64, sizeof(*fl.twice));
	for (fl.pass = 0; fl.pass < 2; fl.pass++)
		for (i = 0; i < s.n; i++)
			if (readkeys(o->num, &s, i, &fl, &x, &nx, &capx, &bb,
			    &nb, &capb) == -1) {
				free(fl.seen);
				free(fl.twice);
				goto out;
			}
	free(fl.seen);
	free(fl.twice);
	phstats.bytes = slots / 4;
	phstats.shards = s.n;
	phstats.records = s.base[s.n];
	phstats.entries = nx + nb;
	p = fpath(o->dir, F_PAIRS, o->num);
	out = ads_out_open(p, ADS_OUT_ATOMIC | ADS_OUT_PLAIN);
	if (out == NULL) {
		ads_warn_errno("%s", p);
		goto out;
	}
	hdr(b, F_PAIRS, &s.o, o->num);
	ads_out_write(out, b, PH_HDR);
	/* Exact: all but the first of each key. */
	if (nx > 0)
		qsort(x, nx, sizeof(*x), cmpxe);
	for (i = 1; i < nx; i++)
		if (memcmp(x[i].h, x[i - 1].h, sizeof(x[i].h)) == 0) {
			put32(out, 1);
			put32(out, x[i].shard);
			put32(out, x[i].seq);
			phstats.exact++;
		}
	free(x);
	x = NULL;
	/* Near: each run of one band key. */
	/*
	 * Read in (shard, seq) order: sorted by band and key, stably, they
	 * are in (band, key, shard, seq) order.
	 */
	if (nb > 0)
		radix(&bb[0].key, nb, sizeof(*bb) / sizeof(uint32_t),
	    (const int []){ 1, 0 }, 2);
	runs(out, &s, bb, nb, &sigs, &ord, &cap);
	if (npairs > 0)
		radix(pairs[0].v, npairs, 4, (const int []){ 0, 1, 2, 3 }, 4);
	for (i = 0; i < npairs; i++) {
		if (i > 0 && cmppair(&pairs[i], &pairs[i - 1]) == 0)
			continue;
		put32(out, 2);
		for (j = 0; j < 4; j++)
			put32(out, pairs[i].v[j]);
		phstats.pairs++;
	}
	put32(out, END);
	rc = ads_out_close(out);
	out = NULL;
	phstats.bytes += (capx * sizeof(*x) + capb * sizeof(*bb) +
	    cap * (MH_K + sizeof(*ord)) + cappairs * sizeof(*pairs));
out:
	if (out != NULL)
		ads_out_abort(out);
	free(p);
	free(x);
	free(bb);
	free(sigs);
	free(ord);
	free(pairs);
	pairs = NULL;
	npairs = cappairs = 0;
	free(sigcache);
	free(sigtag);
	sigcache = NULL;
	sigtag = NULL;
	shards_free(&s);
	return rc;
}

/* cluster */

struct edge {
	uint64_t	i, j;
};

struct ev {
	uint64_t	g;
	uint32_t	cls;
};

static int
cmpedge(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;

	if (x->j != y->j)
		return x->j < y->j ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
cmpev(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	if (x->g != y->g)
		return x->g < y->g ? -1 : 1;
	return x->cls < y->cls ? -1 : x->cls > y->cls;
}

#define BIT(m, g)	((m)[(g) >> 3] & (1U << ((g) & 7)))
#define SETBIT(m, g)	((m)[(g) >> 3] |= (unsigned char)(1U << ((g) & 7)))

/*
 * A group over the cap comes once for each band its records share, from
 * whichever partitions hold those bands: a group of boilerplate shares
 * them all.  Groups of the same records, in the same order, decide the
 * same, so cluster holds each once: a set of the groups held, by a hash
 * of their records, each checked record by record on a match.
 */
struct grp {
	uint64_t	h;
	size_t		at;	/* its first event */
	uint32_t	m;	/* records; 0: an empty slot */
};
static struct grp *grps;
static size_t ngrp, capgrp;

/* grp_seen -- 1 when the m events at v + at repeat a group held. */
static int
grp_seen(const struct ev *v, size_t at, uint32_t m)
{
	struct grp *o;
	uint64_t h = m;
	size_t i, k, oc;

	for (k = 0; k < m; k++)
		h = fmix64(h ^ v[at + k].g) + 0x9e3779b97f4a7c15ULL;
	if ((ngrp + 1) * 2 > capgrp) {
		o = grps;
		oc = capgrp;
		capgrp = capgrp ? capgrp * 2 : 1024;
		grps = xcalloc(capgrp, sizeof(*grps));
		for (i = 0; i < oc; i++) {
			if (o[i].m == 0)
				continue;
			for (k = o[i].h & (capgrp - 1); grps[k].m != 0;
			    k = (k + 1) & (capgrp - 1))
				continue;
			grps[k] = o[i];
		}
		free(o);
	}
	for (i = h & (capgrp - 1); grps[i].m != 0; i = (i + 1) & (capgrp - 1)) {
		if (grps[i].h != h || grps[i].m != m)
			continue;
		for (k = 0; k < m && v[grps[i].at + k].g == v[at + k].g; k++)
			continue;
		if (k == m)
			return 1;
	}
	grps[i].h = h;
	grps[i].at = at;
	grps[i].m = m;
	ngrp++;
	return 0;
}

/* rdpairs -- one pairs.P file into the bitmap of drops, edges, events. */
/*
 * uniqedges -- sort the n edges of e and drop the repeated ones; returns
 * how many are left.  Every partition that holds one of the bands a pair
 * shares writes it: without this, cluster would hold each pair as many
 * times, and grow with the partitions.
 */
static size_t
uniqedges(struct edge *e, size_t n)
{
	size_t i, o = 0;

	if (n == 0)
		return 0;
	qsort(e, n, sizeof(*e), cmpedge);
	for (i = 1; i < n; i++)
		if (e[i].i != e[o].i || e[i].j != e[o].j)
			e[++o] = e[i];
	return o + 1;
}

static int
rdpairs(const struct shards *s, const char *path, unsigned char *drop,
    struct edge **e, size_t *ne, size_t *cape, struct ev **v, size_t *nv,
    size_t *capv, uint32_t *ncls)
{
	struct phopt g = s->o;
	uint32_t tag, a[4], m, k;
	uint64_t x, y;
	size_t at;
	unsigned n;
	FILE *f = openr(path);
	int rc = -1;

	if (f == NULL)
		return -1;
	if (rdhdr(f, path, F_PAIRS, &g, &n) == -1)
		goto out;
	for (;;) {
		if (get32(f, &tag) == -1)
			goto bad;
		if (tag == END)
			break;
		switch (tag) {
		case 1:
			if (get32(f, &a[0]) == -1 || get32(f, &a[1]) == -1 ||
			    gid(s, a[0], a[1], &x) == -1)
				goto bad;
			SETBIT(drop, x);
			break;
		case 2:
			for (k = 0; k < 4; k++)
				if (get32(f, &a[k]) == -1)
					goto bad;
			if (gid(s, a[0], a[1], &x) == -1 ||
			    gid(s, a[2], a[3], &y) == -1 || x >= y)
				goto bad;
			if (*ne == *cape) {
				*ne = uniqedges(*e, *ne);
				if (*ne * 2 > *cape || *cape == 0) {
					*cape = *cape ? *cape * 2 : 4096;
					*e = xreallocarray(*e, *cape,
					    sizeof(**e));
				}
			}
			(*e)[*ne].i = x;
			(*e)[*ne].j = y;
			(*ne)++;
			break;
		case 3:
			if (get32(f, &m) == -1 || m < 2)
				goto bad;
			at = *nv;
			for (k = 0; k < m; k++) {
				if (get32(f, &a[0]) == -1 ||
				    get32(f, &a[1]) == -1 ||
				    gid(s, a[0], a[1], &x) == -1)
					goto bad;
				*v = xgrowarray(*v, *nv, capv, 4096, sizeof(**v));
				(*v)[*nv].g = x;
				(*v)[*nv].cls = *ncls;
				(*nv)++;
			}
			if (grp_seen(*v, at, m)) {
				*nv = at;
				break;
			}
			if (++*ncls == END)
				goto bad;
			break;
		default:
			goto bad;
		}
	}
	rc = 0;
	goto out;
bad:
	ads_warn("%s: truncated or damaged", path);
out:
	fclose(f);
	return rc;
}

int
phase_cluster(const struct phopt *o)
{
	struct shards s;
	struct edge *e = NULL;
	struct ev *v = NULL;
	struct ads_out *out;
	unsigned char *drop = NULL, *nearb = NULL, b[PH_HDR];
	uint8_t sj[MH_K], si[MH_K];
	unsigned *parts = NULL;
	size_t np = 0, ne = 0, cape = 0, nv = 0, capv = 0, i, ie, iv, k, sh;
	uint32_t ncls = 0, seq, *nins = NULL;
	uint64_t **ins = NULL, g, nrec, x;
	char *p;
	int rc = -1, dropped, haveSig;

	memset(&phstats, 0, sizeof(phstats));
	if (shards_open(&s, o->dir) == -1)
		goto out;
	s.dir = (char *)(uintptr_t)o->dir;
	nrec = s.base[s.n];
	drop = xcalloc(nrec / 8 + 1, 1);
	nearb = xcalloc(nrec / 8 + 1, 1);
	parts = listnums(o->dir, F_PAIRS, &np);
	if (np == 0) {
		ads_warn("%s: no pairs files (pairs.N): run the bucket phase "
		    "first", o->dir);
		goto out;
	}
	for (i = 0; i < np; i++) {
		p = fpath(o->dir, F_PAIRS, parts[i]);
		k = (size_t)rdpairs(&s, p, drop, &e, &ne, &cape, &v, &nv,
		    &capv, &ncls);
		free(p);
		if (k != 0)
			goto out;
	}
	ne = uniqedges(e, ne);
	if (nv > 0)
		qsort(v, nv, sizeof(*v), cmpev);
	ins = xcalloc((size_t)ncls + 1, sizeof(*ins));
	nins = xcalloc((size_t)ncls + 1, sizeof(*nins));
	phstats.pairs = ne;
	phstats.big = ncls;
	/* The records with candidates, in the global order. */
	for (ie = iv = 0; ie < ne || iv < nv;) {
		g = ie < ne && (iv >= nv || e[ie].j <= v[iv].g) ? e[ie].j :
		    v[iv].g;
		dropped = BIT(drop, g) != 0;
		for (; ie < ne && e[ie].j == g; ie++)
			if (!dropped && !BIT(drop, e[ie].i)) {
				dropped = 1;
				SETBIT(drop, g);
				SETBIT(nearb, g);
			}
		haveSig = 0;
		for (k = iv; !dropped && k < nv && v[k].g == g; k++)
			for (i = 0; !dropped && i < nins[v[k].cls]; i++) {
				if (!haveSig) {
					sh = ungid(&s, g, &seq);
					readsig(&s, sh, seq, sj);
					haveSig = 1;
				}
				x = ins[v[k].cls][i];
				sh = ungid(&s, x, &seq);
				readsig(&s, sh, seq, si);
				if (mh_similar(sj, si) >= s.o.t) {
					dropped = 1;
					SETBIT(drop, g);
					SETBIT(nearb, g);
				}
			}
		for (; iv < nv && v[iv].g == g; iv++) {
			if (dropped || nins[v[iv].cls] >= DINDEX_BUCKETCAP)
				continue;
			if (ins[v[iv].cls] == NULL)
				ins[v[iv].cls] = xcalloc(DINDEX_BUCKETCAP,
				    sizeof(**ins));
			ins[v[iv].cls][nins[v[iv].cls]++] = g;
		}
	}
	/* One drop list per shard. */
	for (sh = 0; sh < s.n; sh++) {
		p = fpath(o->dir, F_DROP, s.num[sh]);
		out = ads_out_open(p, ADS_OUT_ATOMIC | ADS_OUT_PLAIN);
		if (out == NULL) {
			ads_warn_errno("%s", p);
			free(p);
			goto out;
		}
		free(p);
		hdr(b, F_DROP, &s.o, s.num[sh]);
		ads_out_write(out, b, PH_HDR);
		for (g = s.base[sh]; g < s.base[sh + 1]; g++) {
			if (!BIT(drop, g))
				continue;
			seq = (uint32_t)(g - s.base[sh]);
			if (BIT(nearb, g)) {
				phstats.near++;
				seq |= NEARBIT;
			} else
				phstats.exact++;
			put32(out, seq);
		}
		put32(out, END);
		put32(out, s.count[sh]);
		if (ads_out_close(out) == -1)
			goto out;
	}
	phstats.shards = s.n;
	phstats.records = nrec;
	phstats.bytes = 2 * (nrec / 8 + 1) + cape * sizeof(*e) +
	    capv * sizeof(*v) + ((size_t)ncls + 1) * (sizeof(*ins) +
	    sizeof(*nins)) + capgrp * sizeof(*grps);
	rc = 0;
out:
	if (ins != NULL)
		for (i = 0; i < ncls; i++)
			free(ins[i]);
	free(ins);
	free(nins);
	free(drop);
	free(nearb);
	free(e);
	free(v);
	free(grps);
	grps = NULL;
	ngrp = capgrp = 0;
	free(parts);
	shards_free(&s);
	return rc;
}

/* apply */

static struct {
	uint32_t	*d;
	size_t		 n, at;
	uint32_t	 seq, count;
	char		*path;
} ap;

int
phase_apply_open(const struct phopt *o)
{
	struct phopt g;
	uint32_t x, c = 0;
	unsigned n;
	size_t cap = 0;
	FILE *f;

	memset(&ap, 0, sizeof(ap));
	ap.path = fpath(o->dir, F_DROP, o->num);
	f = openr(ap.path);
	if (f == NULL)
		return -1;
	memset(&g, 0, sizeof(g));
	if (rdhdr(f, ap.path, F_DROP, &g, &n) == -1)
		goto fail;
	if (n != o->num || g.head.flags != o->head.flags ||
	    g.head.ngram != o->head.ngram ||
	    strcmp(g.head.key, o->head.key) != 0) {
		ads_warn("%s: written for shard %u with other settings "
		    "(-k %s, -n %u%s%s)", ap.path, n, g.head.key,
		    g.head.ngram, g.head.flags & NORM_PUNCT ? ", -p" : "",
		    g.head.flags & NORM_RAW ? ", -R" : "");
		goto fail;
	}
	for (;;) {
		if (get32(f, &x) == -1)
			goto trunc;
		if (x == END)
			break;
		if (ap.n > 0 && (x & MAXSEQ) <= (ap.d[ap.n - 1] & MAXSEQ))
			goto trunc;
		ap.d = xgrowarray(ap.d, ap.n, &cap, 1024, sizeof(*ap.d));
		ap.d[ap.n++] = x;
	}
	if (get32(f, &c) == -1 ||
	    (ap.n > 0 && (ap.d[ap.n - 1] & MAXSEQ) >= c))
		goto trunc;
	ap.count = c;
	fclose(f);
	return 0;
trunc:
	ads_warn("%s: truncated or damaged", ap.path);
fail:
	fclose(f);
	return -1;
}

int
phase_apply_next(void)
{
	uint32_t s = ap.seq++;

	if (ap.at < ap.n && (ap.d[ap.at] & MAXSEQ) == s)
		return ap.d[ap.at++] & NEARBIT ? 2 : 1;
	return 0;
}

int
phase_apply_close(void)
{
	int rc = 0;

	if (ap.seq != ap.count) {
		ads_warn("%s: the shard has %u records, the drop list was "
		    "made for %u: not the shard that was signed", ap.path,
		    ap.seq, ap.count);
		rc = -1;
	}
	free(ap.d);
	free(ap.path);
	memset(&ap, 0, sizeof(ap));
	return rc;
}
