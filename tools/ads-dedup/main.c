/*
 * ads-dedup -- drop exact and near-duplicate records from a JSON Lines
 * stream, keeping the first of each group
 *
 * Exact duplicates share the SHA-256 of their normalized key; near
 * duplicates have word n-gram sets whose Jaccard similarity, estimated
 * by MinHash, reaches the threshold.  Candidates come from LSH banding
 * and are each verified on the signatures before a record is dropped.
 * See ads-dedup(1).
 */
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>
#include <openssl/evp.h>

#include "../../common/buf.h"
#include "../../common/hash.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/field.h"
#include "../../common/jsonl.h"
#include "../../common/progress.h"
#include "../../common/util.h"
#include "dedup.h"
#include "ads-dedup-help.h"

#define USAGE "ads-dedup [-empRsU] [-a against] [-c clusters] [-i index] " \
	"[-n ngram]\n[-r rejectfile] [-T path[,path ...]] [-t threshold] " \
	"[file ...]\n" \
	"ads-dedup -P sign -d dir -N shard [-epRsU] [-k field] [-M parts]\n" \
	"[-n ngram] [-r rejectfile] [-t threshold] file\n" \
	"ads-dedup -P apply -d dir -N shard [-pRsU] [-k field] [-n ngram]\n" \
	"[-r rejectfile] file\n" \
	"ads-dedup -P bucket -d dir [-M parts] [-N part]\n" \
	"ads-dedup -P cluster -d dir"

enum { K_EXACT = 1, K_NEAR = 2 };

static struct ads_fields fs;	/* -T: where the key is */
static const char *keyfield;	/* its one member, or NULL: paths */
static size_t keylen;
static int eflag;		/* exact duplicates only */
static int mflag;		/* mark instead of dropping */
static int nflag = 5;		/* words per shingle */
static int normflags;
static double tflag = 0.6;	/* similarity threshold */
static const char *clusterpath;
static const char *indexpath;
static int keepids;		/* ids are needed: -m, -c or -i */
static int phase;		/* -P: PH_NONE or the phase run */
static struct phopt ph;

static struct dindex *ix;
static struct lshparam lsh;
static struct ads_buf keybuf, tmp, idbuf, pathbuf;
static EVP_MD *sha256;
static EVP_MD_CTX *mdctx;

/* The run's figures. */
static unsigned long long nin, nout, nkept, nexact, nnear, nnokey;

/* Duplicates found, for -c: record kept, kind, similarity, own id. */
static struct {
	uint32_t	*rep;
	uint8_t		*kind;
	float		*sim;
	uint64_t	*idoff;
	struct ads_buf	 ids;
	size_t		 n, cap;
} dups;

/* The input being read: the shared reader, and whether it is output. */
struct src {
	struct ads_reader	r;
	int			output;	/* 0 for --against data */
};

static void
adddup(uint32_t rep, int kind, double sim, const char *id, size_t n)
{
	if (dups.n == dups.cap) {
		dups.cap = dups.cap ? dups.cap * 2 : 256;
		dups.rep = xreallocarray(dups.rep, dups.cap, sizeof(*dups.rep));
		dups.kind = xreallocarray(dups.kind, dups.cap, 1);
		dups.sim = xreallocarray(dups.sim, dups.cap, sizeof(*dups.sim));
		dups.idoff = xreallocarray(dups.idoff, dups.cap + 1,
		    sizeof(*dups.idoff));
	}
	if (dups.n == 0)
		dups.idoff[0] = 0;
	dups.rep[dups.n] = rep;
	dups.kind[dups.n] = (uint8_t)kind;
	dups.sim[dups.n] = (float)sim;
	ads_buf_add(&dups.ids, id, n);
	dups.idoff[dups.n + 1] = dups.ids.len;
	dups.n++;
}

/*
 * A record on its way through the three stages of the lookahead: front
 * reads it and hashes its key, mid signs it, back decides.  readall
 * runs mid AHEAD records after front and back AHEAD records after mid,
 * in the order of the input, each stage asking the memory early for the
 * index slots the next will read; back still sees the index holding
 * every record before its own, so the result is that of one record at a
 * time.
 */
#define AHEAD	8
#define HINTAFTER 65536	/* records between two marks of forecast() */

struct pend {
	struct ads_buf	 line;
	jv		 v;		/* parsed by libjq, or invalid */
	int		 parsed;
	int		 nokey;		/* no string where the key is */
	int		 signed_;	/* mid ran: sig, nsh and keys are set */
	int		 kind;		/* apply: phase_apply_next() */
	struct ads_buf	 name;		/* where it was read: a copy, as */
					/* the reader frees a file's name */
	unsigned long	 lineno;
	unsigned char	 h[ADS_SHA256_LEN];
	struct words	 w;
	size_t		 nsh;
	uint8_t		 sig[MH_K];
	uint32_t	 keys[MH_K];
};

static struct pend ring[2 * AHEAD + 1];

/*
 * recid -- the id of the record into idbuf: its "id" string (which the
 * reader's checks make sure of), or "name:lineno" should it have none.
 */
static void
recid(const struct pend *p)
{
	const char *q;
	size_t n;
	int esc;
	jv rec;

	ads_buf_reset(&idbuf);
	if (!p->parsed && scan_record(p->line.p, p->line.len, "id", 2, &q,
	    &n, &esc) && q) {
		if (esc) {
			scan_unescape(q, n, &tmp);
			q = tmp.p;
			n = tmp.len;
		}
		ads_buf_add(&idbuf, q, n);
		return;
	}
	/* Parsed, or not for the scanner after all: libjq's reading. */
	rec = p->parsed ? jv_copy(p->v) : ads_json_parse(p->line.p,
	    p->line.len);
	q = ads_json_str(rec, "id", &n);
	if (q != NULL)
		ads_buf_add(&idbuf, q, n);
	else {
		ads_buf_add(&idbuf, p->name.p, p->name.len);
		ads_buf_addf(&idbuf, ":%lu", p->lineno);
	}
	jv_free(rec);
}

/*
 * keyhash -- the SHA-256 of n bytes at p into h, through one context
 * kept for the run: a one-shot digest would look the algorithm up and
 * allocate a context for every record.
 */
static void
keyhash(const void *p, size_t n, unsigned char h[ADS_SHA256_LEN])
{
	unsigned int len = ADS_SHA256_LEN;

	if (EVP_DigestInit_ex2(mdctx, sha256, NULL) != 1 ||
	    EVP_DigestUpdate(mdctx, p, n) != 1 ||
	    EVP_DigestFinal_ex(mdctx, h, &len) != 1)
		ads_die(ADS_SYSTEM, "SHA-256 failed");
}

/*
 * front -- the first stage of one line: find its key, normalize it and
 * hash it into p.  The fast way finds the key in the raw line and
 * normalizes its JSON body in the pass that checks it; a body that pass
 * leaves is checked and decoded first, and a line the scanner does not
 * take goes to libjq.  The phases sign and apply end here.  Returns 1
 * when p goes on to mid and back, 0 when the line is done with.
 */
static int
front(struct src *s, const char *line, size_t len, struct pend *p)
{
	uint8_t sig[MH_K];
	const char *val;
	size_t vlen, nsh;
	int esc = 0, done = 0, ok;
	int flags = normflags | (eflag ? 0 : NORM_WORDS);

	p->v = jv_invalid();
	p->parsed = p->nokey = p->signed_ = 0;
	ok = keyfield != NULL && scan_record_lazy(line, len, keyfield, keylen,
	    &val, &vlen);
	if (ok && val != NULL) {
		done = phase != PH_APPLY && !(flags & NORM_RAW) &&
		    norm_json(val, vlen, flags, &keybuf, &p->w) == 0;
		if (!done)
			ok = scan_string(val, vlen, &esc);
	}
	if (!ok) {
		/* libjq and the reader's checks, which report the line. */
		if (!ads_reader_parse(&s->r, line, len, &p->v))
			return 0;
		p->parsed = 1;
		esc = 0;
		if (keyfield != NULL)
			val = ads_json_str(p->v, keyfield, &vlen);
		else {
			ads_buf_reset(&pathbuf);
			val = ads_fields_text(&fs, p->v, &pathbuf) > 0 ?
			    (pathbuf.p != NULL ? pathbuf.p : "") : NULL;
			vlen = pathbuf.len;
		}
	}
	nin += s->output;
	ads_buf_reset(&p->name);
	if (s->r.name != NULL)
		ads_buf_adds(&p->name, s->r.name);
	p->lineno = s->r.lineno;
	ads_buf_reset(&p->line);
	ads_buf_add(&p->line, line, len);
	if (val == NULL) {
		p->nokey = 1;
		return 1;
	}
	if (phase == PH_APPLY) {
		/* The decision of the cluster phase, in sign's numbering. */
		p->kind = phase_apply_next();
		if (p->kind == 0)
			nkept++;
		else if (p->kind == 1)
			nexact++;
		else
			nnear++;
		return 1;
	}
	if (!done) {
		if (esc) {
			scan_unescape(val, vlen, &tmp);
			val = tmp.p != NULL ? tmp.p : "";
			vlen = tmp.len;
		}
		norm_text(val, vlen, flags, &keybuf, &p->w);
	}
	keyhash(keybuf.p, keybuf.len, p->h);
	if (phase == PH_SIGN) {
		nsh = eflag ? 0 : minhash(&p->w, nflag, sig);
		phase_sign_add(p->h, nsh > 0 ? sig : NULL);
		nkept++;
		jv_free(p->v);
		return 0;
	}
	dindex_prefetch(ix, p->h, NULL);
	return 1;
}

/* sign -- p's signature and band keys. */
static void
sign(struct pend *p)
{
	p->signed_ = 1;
	p->nsh = minhash(&p->w, nflag, p->sig);
	if (p->nsh > 0)
		dindex_keys(ix, p->sig, p->keys);
}

/*
 * mid -- the second stage: unless the key is already held, sign the
 * record and ask for the band slots that back will probe.
 */
static void
mid(struct pend *p)
{
	if (p->nokey || phase == PH_APPLY || eflag ||
	    dindex_exact(ix, p->h) >= 0)
		return;
	sign(p);
	if (p->nsh > 0)
		dindex_prefetch(ix, p->h, p->keys);
}

/*
 * back -- the last stage: look p up, then keep (and index) it, drop it,
 * or mark it.
 */
static void
back(struct src *s, struct pend *p)
{
	double sim = 1;
	long rep;
	int kind = 0;
	const char *line = p->line.p;
	size_t len = p->line.len;

	if (p->nokey) {
		nnokey += s->output;
		nkept += s->output;
		rep = -1;
		goto out;
	}
	if (phase == PH_APPLY) {
		rep = p->kind ? 0 : -1;
		goto out;
	}
	rep = dindex_exact(ix, p->h);
	if (rep >= 0)
		kind = K_EXACT;
	else if (!eflag) {
		/* Held in mid, not now: cannot be, as nothing leaves. */
		if (!p->signed_)
			sign(p);
		if (p->nsh > 0) {
			rep = dindex_near(ix, p->sig, p->keys, tflag, &sim);
			if (rep >= 0)
				kind = K_NEAR;
		}
	}
	if (rep < 0) {
		ads_buf_reset(&idbuf);
		if (keepids)
			recid(p);
		dindex_add(ix, p->h, p->nsh > 0 && !eflag ? p->sig : NULL,
		    p->keys, idbuf.p, idbuf.len);
		nkept += s->output;
	} else if (s->output) {
		if (kind == K_EXACT)
			nexact++;
		else
			nnear++;
		if (clusterpath != NULL) {
			recid(p);
			adddup((uint32_t)rep, kind, sim, idbuf.p, idbuf.len);
		}
	}
out:
	if (!s->output || (rep >= 0 && !mflag)) {
		jv_free(p->v);
		return;
	}
	nout++;
	if (rep >= 0) {
		const char *id;
		size_t n;

		if (!p->parsed)
			p->v = ads_json_parse(line, len);
		id = dindex_id(ix, (uint32_t)rep, &n);
		p->v = ads_json_set(p->v, "dup_of", jv_string_sized(id, (int)n));
		ads_out_record(ads_out_stdout(), p->v);
	} else if (p->parsed)
		ads_out_record(ads_out_stdout(), p->v);
	else {
		ads_out_write(ads_out_stdout(), line, len);
		ads_out_putc(ads_out_stdout(), '\n');
	}
}

/*
 * struct forecast -- what the records read so far say of the rest when
 * the input's size is known: the records to come (by the bytes per
 * record so far) times the share of records kept over the last 64K to
 * 128K read, which falls as more is held to match.  The index grows at
 * once to the size it foretells (dindex_hint).
 */
struct forecast {
	long long		 size;		/* of the input, or -1 */
	double			 got;		/* bytes read */
	unsigned long long	 nl;		/* records read */
	unsigned long long	 at[2];		/* records read at two marks */
	double			 held[2];	/* records held then */
};

static void
forecast(struct forecast *f, size_t len)
{
	double h, rest, keep;

	f->got += (double)len + 1;
	if (f->size <= 0 || (++f->nl & 4095) != 0)
		return;
	h = dindex_count(ix);
	if (f->nl % HINTAFTER == 0) {
		f->at[0] = f->at[1];
		f->held[0] = f->held[1];
		f->at[1] = f->nl;
		f->held[1] = h;
	}
	if (f->nl < HINTAFTER || h <= 0)
		return;
	keep = (h - f->held[0]) / (double)(f->nl - f->at[0]);
	rest = ((double)f->size - f->got) / (f->got / (double)f->nl);
	dindex_hint(ix, (h + (rest > 0 ? rest : 0) * keep) / h);
}

/*
 * readall -- deduplicate every line of the n files of paths (the
 * standard input when n is 0), through the shared reader, the stages
 * AHEAD records apart.
 */
static void
readall(struct src *s, int n, char **paths)
{
	const size_t nr = sizeof(ring) / sizeof(ring[0]);
	struct forecast f;
	char *line;
	size_t len, k, na = 0;

	ads_reader_files(&s->r, n, paths);
	memset(&f, 0, sizeof(f));
	f.size = ads_reader_size(&s->r);
	f.held[0] = f.held[1] = dindex_count(ix);
	while (ads_reader_nextline(&s->r, &line, &len)) {
		forecast(&f, len);
		if (front(s, line, len, &ring[na % nr])) {
			na++;
			if (na > AHEAD)
				mid(&ring[(na - 1 - AHEAD) % nr]);
			if (na > 2 * AHEAD)
				back(s, &ring[(na - 1 - 2 * AHEAD) % nr]);
		}
		if (s->output && (nin & 4095) == 0)
			ads_progress("dedup", (long long)nin, -1);
	}
	for (k = na > 2 * AHEAD ? na - 2 * AHEAD : 0; k < na; k++) {
		if (k + AHEAD >= na)
			mid(&ring[k % nr]);
		back(s, &ring[k % nr]);
	}
}

/* writeclusters -- the duplicate groups, one JSON line per kept record. */
static int
writeclusters(const char *path)
{
	struct ads_out *o;
	struct ads_buf b = ADS_BUF_INIT;
	size_t *start, *order, i, j, r, n = dindex_count(ix);
	const char *id;
	size_t idn;

	o = ads_out_open(path, ADS_OUT_ATOMIC);
	if (o == NULL) {
		ads_warn_errno("%s", path);
		return -1;
	}
	/* Counting sort of the duplicates by the record they repeat. */
	start = xcalloc(n + 1, sizeof(*start));
	order = xcalloc(dups.n + 1, sizeof(*order));
	for (i = 0; i < dups.n; i++)
		start[dups.rep[i] + 1]++;
	for (r = 0; r < n; r++)
		start[r + 1] += start[r];
	for (i = 0; i < dups.n; i++)
		order[start[dups.rep[i]]++] = i;
	for (r = n; r > 0; r--)
		start[r] = start[r - 1];
	start[0] = 0;
	for (r = 0; r < n; r++) {
		if (start[r] == start[r + 1])
			continue;
		ads_buf_reset(&b);
		ads_buf_adds(&b, "{\"id\":");
		id = dindex_id(ix, (uint32_t)r, &idn);
		ads_json_emit_string(&b, id, idn);
		ads_buf_addf(&b, ",\"size\":%zu,\"dups\":[",
		    start[r + 1] - start[r] + 1);
		for (j = start[r]; j < start[r + 1]; j++) {
			i = order[j];
			if (j > start[r])
				ads_buf_addc(&b, ',');
			ads_buf_adds(&b, "{\"id\":");
			ads_json_emit_string(&b, dups.ids.p + dups.idoff[i],
			    (size_t)(dups.idoff[i + 1] - dups.idoff[i]));
			if (dups.kind[i] == K_EXACT)
				ads_buf_adds(&b, ",\"kind\":\"exact\"}");
			else {
				ads_buf_adds(&b, ",\"kind\":\"near\","
				    "\"similarity\":");
				ads_json_emit_number(&b,
				    round(dups.sim[i] * 1000) / 1000);
				ads_buf_addc(&b, '}');
			}
		}
		ads_buf_adds(&b, "]}\n");
		ads_out_write(o, b.p, b.len);
	}
	ads_buf_free(&b);
	free(start);
	free(order);
	return ads_out_close(o);
}

static void
report(size_t state)
{
	jv extra, dropped;

	ads_warn("%llu in, %llu kept, %llu exact, %llu near duplicates %s",
	    nin, nkept, nexact, nnear, mflag ? "marked" : "dropped");
	if (nnokey)
		ads_warn("%llu record%s without a string at %s kept as is",
		    nnokey, nnokey == 1 ? "" : "s", fs.spec);
	ads_fields_missing(&fs, (unsigned long)nin,
	    (unsigned long)(nin - nnokey));
	dropped = mflag ? jv_object() : JV_OBJECT(jv_string("exact"),
	    jv_number((double)nexact), jv_string("near"),
	    jv_number((double)nnear));
	extra = JV_OBJECT(jv_string("in"), jv_number((double)nin),
	    jv_string("out"), jv_number((double)nout),
	    jv_string("dropped"), dropped,
	    jv_string("kept"), jv_number((double)nkept),
	    jv_string("exact"), jv_number((double)nexact),
	    jv_string("near"), jv_number((double)nnear),
	    jv_string("nokey"), jv_number((double)nnokey),
	    jv_string("indexed"), jv_number((double)dindex_count(ix)),
	    jv_string("bands"), jv_number(eflag ? 0 : lsh.bands));
	extra = ads_json_set(extra, "rows", jv_number(eflag ? 0 : lsh.rows));
	extra = ads_json_set(extra, "state_bytes", jv_number((double)state));
	extra = ads_json_set(extra, "rebuilds",
	    jv_number(dindex_rebuilds(ix)));
	extra = ads_json_set(extra, "bytes_per_record",
	    jv_number(dindex_count(ix) ? round((double)state /
	    dindex_count(ix)) : 0));
	ads_progress_emit("done", (long long)nin, -1, extra);
}

/* phasereport -- the figures of a phase, as report() gives a run's. */
static void
phasereport(const char *what)
{
	jv extra = JV_OBJECT(jv_string("step"), jv_string(what));

	if (strcmp(what, "apply") == 0)
		extra = ads_json_set(extra, "dropped", JV_OBJECT(
		    jv_string("exact"), jv_number((double)nexact),
		    jv_string("near"), jv_number((double)nnear)));
#define FIG(name, v) extra = ads_json_set(extra, name, jv_number((double)(v)))
	FIG("in", nin);
	FIG("out", nout);
	FIG("kept", nkept);
	FIG("exact", nexact + phstats.exact);
	FIG("near", nnear + phstats.near);
	FIG("records", phstats.records);
	FIG("shards", phstats.shards);
	FIG("entries", phstats.entries);
	FIG("pairs", phstats.pairs);
	FIG("big_buckets", phstats.big);
	FIG("state_bytes", phstats.bytes);
#undef FIG
	ads_progress_emit("done", (long long)nin, -1, extra);
}

/* digest_open -- the SHA-256 context of the run. */
static void
digest_open(void)
{
	sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	mdctx = EVP_MD_CTX_new();
	if (sha256 == NULL || mdctx == NULL)
		ads_die(ADS_SYSTEM, "SHA-256 is not available");
}

/* cleanup -- release what the run holds. */
static void
cleanup(void)
{
	size_t i;

	dindex_free(ix);
	EVP_MD_CTX_free(mdctx);
	EVP_MD_free(sha256);
	free(dups.rep);
	free(dups.kind);
	free(dups.sim);
	free(dups.idoff);
	ads_buf_free(&dups.ids);
	ads_buf_free(&keybuf);
	ads_buf_free(&tmp);
	ads_buf_free(&idbuf);
	ads_buf_free(&pathbuf);
	for (i = 0; i < sizeof(ring) / sizeof(ring[0]); i++) {
		ads_buf_free(&ring[i].line);
		ads_buf_free(&ring[i].name);
		words_free(&ring[i].w);
	}
}

/* phasecheck -- the options a phase (-P) takes, or a usage error. */
static void
phasecheck(int argc, int nset, size_t nagainst)
{
	if (ph.dir == NULL)
		ads_die(ADS_USAGE, "-P needs -d dir");
	if (mflag || clusterpath != NULL || indexpath != NULL || nagainst)
		ads_die(ADS_USAGE, "-a, -c, -i and -m do not go with -P");
	if ((phase == PH_SIGN || phase == PH_APPLY) && (argc != 1 || !nset))
		ads_die(ADS_USAGE, "-P %s needs -N shard and one file",
		    phase == PH_SIGN ? "sign" : "apply");
	if ((phase == PH_BUCKET || phase == PH_CLUSTER) && argc != 0)
		ads_die(ADS_USAGE, "-P bucket and -P cluster read no file");
	if ((phase == PH_APPLY || phase == PH_CLUSTER) && ph.parts)
		ads_die(ADS_USAGE, "-M goes with -P sign and -P bucket");
	if (phase == PH_CLUSTER && nset)
		ads_die(ADS_USAGE, "-N does not go with -P cluster");
	if (phase == PH_BUCKET && ph.parts && ph.num >= ph.parts)
		ads_die(ADS_USAGE, "-N %u: parts are 0 to %u", ph.num,
		    ph.parts - 1);
}

/* phasework -- -P bucket or -P cluster: the work folder, no records. */
static int
phasework(void)
{
	int rc;

	rc = phase == PH_BUCKET ? phase_bucket(&ph) : phase_cluster(&ph);
	if (rc == -1)
		ads_raise(ADS_SYSTEM);
	else {
		ads_warn("%s: %llu records in %llu shards, %llu pairs, %llu "
		    "large buckets, %llu exact, %llu near",
		    phase == PH_BUCKET ? "bucket" : "cluster",
		    phstats.records, phstats.shards, phstats.pairs,
		    phstats.big, phstats.exact, phstats.near);
		phasereport(phase == PH_BUCKET ? "bucket" : "cluster");
	}
	ads_progress_close();
	return ads_level();
}

/*
 * phased -- one phase of a sharded run (-P) with head's settings: sign
 * and apply read one shard through record(), bucket and cluster read the
 * work folder.
 */
static int
phased(int argc, char *argv[], int nset, struct src *s, size_t nagainst,
    const struct ixhead *head)
{
	phasecheck(argc, nset, nagainst);
	ads_progress_init(NULL);
	ph.head = *head;
	ph.lp = lsh = eflag ? (struct lshparam){ 0, 1 } : lsh_choose(tflag);
	ph.t = tflag;
	if (phase == PH_BUCKET || phase == PH_CLUSTER)
		return phasework();
	ads_reader_open(&s->r, argc, argv);
	digest_open();
	ix = dindex_new(0, lsh, 0);
	if (phase == PH_SIGN ? phase_sign_open(&ph) : phase_apply_open(&ph))
		ads_die(ADS_SYSTEM, "cannot start the %s phase",
		    phase == PH_SIGN ? "sign" : "apply");
	s->output = phase == PH_APPLY;
	readall(s, argc, argv);
	if (phase == PH_SIGN) {
		if (phase_sign_close(ads_level() < ADS_SYSTEM) == -1)
			ads_raise(ADS_SYSTEM);
		ads_warn("sign: %llu records of shard %u signed", nkept,
		    ph.num);
	} else {
		if (phase_apply_close() == -1 && !s->r.stopped)
			ads_raise(ADS_SYSTEM);
		ads_warn("apply: %llu in, %llu kept, %llu exact, %llu near "
		    "duplicates dropped", nin, nkept, nexact, nnear);
	}
	if (ads_level() < ADS_SYSTEM)
		phasereport(phase == PH_SIGN ? "sign" : "apply");
	ads_reader_finish(&s->r);
	ads_progress_close();
	cleanup();
	return ads_level();
}

/* The options of main beyond the reader's and the run's globals. */
struct opts {
	char	**against;	/* -a files */
	size_t	  nagainst;
	int	  nset;		/* -N given */
};

/* option -- handle option c (not one of the reader's). */
static void
option(int c, struct opts *o)
{
	switch (c) {
	case 'a':
		if (strcmp(optarg, "-") == 0)
			ads_die(ADS_USAGE, "-a needs a file, not the "
			    "standard input");
		o->against = xreallocarray(o->against, o->nagainst + 1,
		    sizeof(*o->against));
		o->against[o->nagainst++] = optarg;
		break;
	case 'c':
		clusterpath = optarg;
		break;
	case 'd':
		ph.dir = optarg;
		break;
	case 'e':
		eflag = 1;
		break;
	case 'i':
		indexpath = optarg;
		break;
	case 'k':	/* the former name of -T */
	case 'T':
		ads_fields_opt(&fs, c == 'k' ? "-k" : "-T", optarg);
		break;
	case 'M':
		ph.parts = (unsigned)ads_optnum("-M", optarg, 1, 1 << 20);
		break;
	case 'm':
		mflag = 1;
		break;
	case 'N':
		ph.num = (unsigned)ads_optnum("-N", optarg, 0, 0x7fffffff);
		o->nset = 1;
		break;
	case 'P':
		phase = phase_name(optarg);
		if (phase < 0)
			ads_die(ADS_USAGE, "-P: no phase %s (sign, bucket, "
			    "cluster or apply)", optarg);
		break;
	case 'n':
		nflag = (int)ads_optnum("-n", optarg, 1, 64);
		break;
	case 'p':
		normflags |= NORM_PUNCT;
		break;
	case 'R':
		normflags |= NORM_RAW;
		break;
	case 't':
		tflag = ads_optdouble("-t", optarg, 0.05, 1);
		break;
	default:
		ads_usage(USAGE, ADS_USAGE);
	}
}

/* options -- read the command line; returns the index of the operands. */
static int
options(int argc, char *argv[], struct src *s, struct opts *o)
{
	static const struct option lopts[] = {
		{ "against",	required_argument,	NULL,	'a' },
		{ "clusters",	required_argument,	NULL,	'c' },
		{ "dir",	required_argument,	NULL,	'd' },
		{ "exact",	no_argument,		NULL,	'e' },
		{ "key",	required_argument,	NULL,	'k' },
		{ "mark",	no_argument,		NULL,	'm' },
		{ "ngram",	required_argument,	NULL,	'n' },
		{ "parts",	required_argument,	NULL,	'M' },
		{ "phase",	required_argument,	NULL,	'P' },
		{ "shard",	required_argument,	NULL,	'N' },
		{ "punct",	no_argument,		NULL,	'p' },
		{ "raw",	no_argument,		NULL,	'R' },
		{ "save-index",	required_argument,	NULL,	'i' },
		{ "text",	required_argument,	NULL,	'T' },
		{ "threshold",	required_argument,	NULL,	't' },
		ADS_STD_LONGOPTS,
		{ NULL,		0,			NULL,	0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "a:c:d:ei:k:M:mN:n:P:pRT:t:"
	    ADS_STD_OPTS, lopts, NULL)) != -1)
		if (!ads_reader_opt(&s->r, c, optarg, USAGE))
			option(c, o);
	return optind;
}

/* setkey -- the key's paths (-T) and what the reader requires. */
static void
setkey(struct src *s, struct ixhead *head)
{
	ads_fields_default(&fs, "text");
	s->r.require = ads_fields_require(&fs);
	keyfield = ads_fields_key(&fs);
	/* A saved index names its key: the member, or the paths. */
	keylen = strlen(keyfield != NULL ? keyfield : fs.spec);
	if (keylen >= sizeof(head->key))
		ads_die(ADS_USAGE, "-T: too long (limit %zu bytes)",
		    sizeof(head->key) - 1);
	if (phase != PH_NONE && keyfield == NULL)
		ads_die(ADS_USAGE, "-P takes a record's own member as the "
		    "key (-k field), not a path");
	memset(head, 0, sizeof(*head));
	head->ngram = (uint32_t)nflag;
	head->flags = (uint32_t)normflags;
	head->near = !eflag;
	memcpy(head->key, keyfield != NULL ? keyfield : fs.spec, keylen);
}

/* run -- the whole run: the --against data, then the input. */
static int
run(struct src *s, struct opts *o, int argc, char *argv[],
    const struct ixhead *head)
{
	size_t i, state;

	/* Acquire everything before the first record is read. */
	for (i = 0; i < o->nagainst; i++) {
		FILE *f = fopen(o->against[i], "r");

		if (f == NULL)
			ads_die_errno(ADS_SYSTEM, "%s", o->against[i]);
		fclose(f);
	}
	ads_reader_open(&s->r, argc, argv);
	digest_open();
	ads_progress_init(NULL);
	keepids = mflag || clusterpath != NULL || indexpath != NULL;
	lsh = lsh_choose(tflag);
	ix = dindex_new(!eflag, lsh, keepids);

	/* The existing dataset: index it, write nothing. */
	for (i = 0; i < o->nagainst && !s->r.stopped; i++) {
		if (dindex_is_saved(o->against[i])) {
			if (dindex_load(ix, head, o->against[i]) == -1) {
				ads_raise(ADS_SYSTEM);
				goto out;
			}
			continue;
		}
		s->output = 0;
		readall(s, 1, &o->against[i]);
	}
	s->output = 1;
	readall(s, argc, argv);
	if (ads_level() >= ADS_SYSTEM)
		goto out;
	if (clusterpath != NULL && writeclusters(clusterpath) == -1)
		ads_raise(ADS_SYSTEM);
	if (indexpath != NULL && dindex_save(ix, head, indexpath) == -1)
		ads_raise(ADS_SYSTEM);
	state = dindex_bytes(ix) + dups.cap * (4 + 1 + 4 + 8) + dups.ids.cap;
	report(state);
out:
	ads_reader_finish(&s->r);
	ads_progress_close();
	cleanup();
	return ads_level();
}

int
main(int argc, char *argv[])
{
	struct src s;
	struct opts o;
	struct ixhead head;
	int i;

	ads_setprogname(argv[0]);
	memset(&s, 0, sizeof(s));
	memset(&o, 0, sizeof(o));
	ads_reader_init(&s.r);
	i = options(argc, argv, &s, &o);
	argc -= i;
	argv += i;
	setkey(&s, &head);
	if (phase != PH_NONE)
		return phased(argc, argv, o.nset, &s, o.nagainst, &head);
	if (ph.dir != NULL || o.nset || ph.parts)
		ads_die(ADS_USAGE, "-d, -M and -N go with -P");
	i = run(&s, &o, argc, argv, &head);
	free(o.against);
	return i;
}
