/*
 * dedup.h -- the parts of ads-dedup: a JSON line scanner, the text
 * normalizer and shingler, MinHash, and the duplicate index
 *
 * main.c holds main(); the other files are also linked into the fuzz
 * harnesses (fuzz/ads-dedup/).
 */
#ifndef DEDUP_H
#define DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "../../common/buf.h"

/* scan.c */

/*
 * scan_record -- check that line (n bytes) is one compact JSON object
 * in the plain subset of JSON that libjq surely accepts alike, and find
 * the string value of its top-level member key (the last one when the
 * key repeats, as jq keeps).  Returns 1 and sets *val / *vlen to the
 * raw bytes between the quotes (*val is NULL when the key is missing or
 * not a string) and *esc to 1 when they hold escapes; returns 0 when the
 * line is not in the subset (not compact, invalid, merely unusual, or
 * without the string "id", "source" and "text" of ads-record(5)), and
 * the caller then parses it with libjq and checks it.
 */
int scan_record(const char *line, size_t n, const char *key, size_t keylen,
    const char **val, size_t *vlen, int *esc);
/*
 * scan_record_lazy -- scan_record without checking the string value of
 * key: it is only delimited, and *esc is unset.  The caller checks it,
 * with norm_json or scan_string, before trusting the line.
 */
int scan_record_lazy(const char *line, size_t n, const char *key,
    size_t keylen, const char **val, size_t *vlen);
/*
 * scan_string -- 1 when the n bytes at s, which scan_record_lazy found
 * between two quotes, are a JSON string body that scan_record would
 * accept, with *esc set as it sets it; else 0.
 */
int scan_string(const char *s, size_t n, int *esc);
/*
 * scan_unescape -- decode the raw JSON string body s (n bytes) that
 * scan_record accepted into out (reset first).
 */
void scan_unescape(const char *s, size_t n, struct ads_buf *out);

/* norm.c */

#define NORM_PUNCT	0x1	/* strip punctuation and symbols from the key */
#define NORM_RAW	0x2	/* the key is the bytes as they are */
#define NORM_WORDS	0x4	/* also hash the words, for MinHash */

struct words {
	uint64_t	*h;	/* one hash per word, in order */
	size_t		 n;
	size_t		 cap;
};

/*
 * norm_text -- normalize s (n bytes of UTF-8) into key: NFKC, case
 * folding, runs of white space and control characters made one space,
 * no space at either end, punctuation and symbols removed with
 * NORM_PUNCT; with NORM_RAW the key is s unchanged.  With NORM_WORDS,
 * w receives the hash of each word of the normalized text (a word is a
 * run of letters, marks, digits and punctuation between spaces, less
 * the punctuation; each Han, kana or other CJK ideograph is a word of
 * its own).  Invalid UTF-8 is taken byte by byte.
 */
void norm_text(const char *s, size_t n, int flags, struct ads_buf *key,
    struct words *w);
/*
 * norm_json -- norm_text of the string whose JSON body (escapes and
 * all, as scan_record_lazy delimits it) is s, n bytes, in one pass that
 * also checks the body.  Returns 0 when the body is valid and the key
 * and words are set; -1 when this pass cannot tell (invalid, or an
 * escape or a character it leaves to the slower way), and the caller
 * checks the body with scan_string, decodes it and calls norm_text.
 * Never takes NORM_RAW.
 */
int norm_json(const char *s, size_t n, int flags, struct ads_buf *key,
    struct words *w);
void words_free(struct words *w);

/* MinHash over word n-grams. */
#define MH_K		128	/* permutations */

/*
 * minhash -- the MinHash signature of the word ngram-shingles of w into
 * sig, each value cut to its low 8 bits (b-bit MinHash).  A text of
 * fewer than ngram words is one shingle.  Returns the number of
 * shingles; 0 (no words) leaves sig unset.
 */
size_t minhash(const struct words *w, int ngram, uint8_t sig[MH_K]);
/*
 * mh_similar -- the estimated Jaccard similarity of two 8-bit
 * signatures, corrected for chance agreement of the low bits.
 */
double mh_similar(const uint8_t *a, const uint8_t *b);

/* index.c */

struct ads_out;
/* put32 -- v to o as 4 bytes, little-endian (saved index, phase files). */
void put32(struct ads_out *o, uint32_t v);

struct lshparam {
	int	bands;
	int	rows;
};
/*
 * lsh_choose -- bands and rows for similarity threshold t: the longest
 * bands (fewest false candidates), as many as the signature holds, that
 * still make a pair at t a candidate with probability at least 0.85 and
 * a pair at t + 0.1 with probability at least 0.99.
 */
struct lshparam lsh_choose(double t);
/* lsh_prob -- probability that a pair of similarity s is a candidate. */
double lsh_prob(struct lshparam p, double s);

/*
 * lsh_bandkey -- the 32-bit hash of band b of sig, its values read 8 at
 * a time.  The keys are never saved by the index: they only place
 * entries, so that the byte order of the host does not matter there.
 */
uint32_t lsh_bandkey(struct lshparam p, const uint8_t *sig, int b);
/* Records sharing one band value beyond this add no more entries. */
#define DINDEX_BUCKETCAP	48

struct dindex;

struct dindex *dindex_new(int near, struct lshparam lp, int keepids);
void dindex_free(struct dindex *x);
/* dindex_count -- the number of records held. */
uint32_t dindex_count(const struct dindex *x);
/*
 * dindex_exact -- look up the 16-byte key hash; returns the record
 * number or -1.
 */
long dindex_exact(struct dindex *x, const unsigned char h[16]);
/*
 * dindex_keys -- the band keys of sig (one per band) into keys, for
 * dindex_prefetch, dindex_near and dindex_add.
 */
void dindex_keys(const struct dindex *x, const uint8_t *sig,
    uint32_t *keys);
/*
 * dindex_prefetch -- ask the memory for the slots that the look-ups of
 * key hash h and band keys keys (NULL: the exact slot only) will read,
 * a few records before they are made: each is a cache miss in tables of
 * megabytes, and the misses of several records then overlap.  Changes
 * nothing that the index holds or answers.
 */
void dindex_prefetch(const struct dindex *x, const unsigned char h[16],
    const uint32_t *keys);
/*
 * dindex_near -- the held record most similar to sig, at least t;
 * returns its number and sets *sim, or -1.  Ties go to the earliest.
 * keys are sig's band keys from dindex_keys, or NULL.
 */
long dindex_near(struct dindex *x, const uint8_t *sig, const uint32_t *keys,
    double t, double *sim);
/*
 * dindex_add -- hold a new record: its key hash, its signature (NULL for
 * an empty text) with its band keys (or NULL), and its id (n bytes,
 * copied when ids are kept).  Returns its number.
 */
uint32_t dindex_add(struct dindex *x, const unsigned char h[16],
    const uint8_t *sig, const uint32_t *keys, const char *id, size_t n);
/*
 * dindex_hint -- f times as many records as held are foreseen: a table
 * that must grow grows at once to that size (at 0.8 full) rather than by
 * a quarter, which would insert every entry again each time.  Records
 * are found alike at any size: the output does not change.
 */
void dindex_hint(struct dindex *x, double f);
/* dindex_rebuilds -- how many times the tables grew. */
unsigned dindex_rebuilds(const struct dindex *x);
/* dindex_id -- the id of record i (valid until the next add). */
const char *dindex_id(const struct dindex *x, uint32_t i, size_t *n);
/* dindex_bytes -- the bytes of memory the index holds. */
size_t dindex_bytes(const struct dindex *x);

/*
 * The saved index: a header naming the settings it was built with, then
 * one entry per record.  dindex_save writes it to path (zstd,
 * atomically); dindex_load adds the records of one to x.  Both return 0,
 * or -1 after a message.
 */
struct ixhead {
	uint32_t	 ngram;
	uint32_t	 flags;		/* NORM_PUNCT | NORM_RAW */
	uint32_t	 near;
	char		 key[256];
};
int dindex_save(const struct dindex *x, const struct ixhead *h,
    const char *path);
int dindex_load(struct dindex *x, const struct ixhead *h, const char *path);
/* dindex_is_saved -- 1 when path starts like a saved index. */
int dindex_is_saved(const char *path);

/* phase.c: deduplication in phases over numbered shards. */
enum { PH_NONE, PH_SIGN, PH_BUCKET, PH_CLUSTER, PH_APPLY };

struct phopt {
	const char	*dir;		/* the work folder */
	unsigned	 num;		/* shard (sign, apply) or part (bucket) */
	unsigned	 parts;		/* partitions of the bucket phase */
	struct ixhead	 head;
	struct lshparam	 lp;
	double		 t;
};
/* phase_name -- the PH_ value of a phase name, or -1. */
int phase_name(const char *s);
/*
 * phase_sign_open, phase_sign_add, phase_sign_close -- write the
 * signature and key files of shard o->num: one call of add per record
 * with a key, with its key hash and its signature (NULL when empty);
 * close puts them in place, or removes them unless keep.
 */
int phase_sign_open(const struct phopt *o);
void phase_sign_add(const unsigned char h[16], const uint8_t *sig);
int phase_sign_close(int keep);
/* phase_bucket -- the candidate pairs of partition o->num of o->parts. */
int phase_bucket(const struct phopt *o);
/* phase_cluster -- the records to drop, from every partition's pairs. */
int phase_cluster(const struct phopt *o);
/*
 * phase_apply_open, phase_apply_next, phase_apply_close -- the drop list
 * of shard o->num; next, called once per record with a key in the order
 * sign saw them, returns 0 (keep), 1 (exact) or 2 (near duplicate).
 */
int phase_apply_open(const struct phopt *o);
int phase_apply_next(void);
int phase_apply_close(void);
/* The figures of the last bucket or cluster phase, for the report. */
struct phstats {
	unsigned long long	records, shards, entries, pairs, big,
				exact, near, bytes;
};
extern struct phstats phstats;

/* fmix64 -- MurmurHash3's 64-bit finalizer: every bit of h mixed. */
static inline uint64_t
fmix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif
