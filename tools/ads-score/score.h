/*
 * score.h -- text signals, quality score and rule sets of ads-score
 *
 * sig_compute() makes one pass over a text (plus a few memmem() scans of
 * its lower-cased copy) and fills a struct sig; score_quality() turns the
 * signals into a number in [0, 1]; rules_check() applies a published
 * rule set and names the first rule that fails.  None of this touches
 * jv, so the fuzz harness drives it directly.
 */
#ifndef ADS_SCORE_H
#define ADS_SCORE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SIG_TOPN_MIN	2	/* top n-gram fractions for n = 2..4 */
#define SIG_TOPN_MAX	4
#define SIG_DUPN_MIN	5	/* duplicate n-gram fractions for n = 5..10 */
#define SIG_DUPN_MAX	10

struct sig {
	/* Counts. */
	size_t	chars;		/* code points */
	size_t	nonspace;	/* code points that are not white space */
	size_t	letters, upper, digits, punct;
	size_t	words;		/* white-space tokens; CJK characters count singly */
	size_t	nonsym_words;	/* words with a character that is not punctuation */
	size_t	nonsym_chars;	/* their code points */
	size_t	alpha_words;	/* words with at least one letter */
	size_t	uniq_words;	/* distinct lower-cased words */
	size_t	stop_words;	/* words in the language's stop list */
	size_t	gopher_stop;	/* words in Gopher's English stop set */
	int	has_stoplist;	/* the language has a stop list */
	int	lang_unknown;	/* no language, or "und" */
	size_t	cjk_words;	/* CJK characters counted as words */
	size_t	hashes, ellipses;
	size_t	head_hashes;	/* '#' opening a line (Markdown headings) */
	size_t	url_words, url_chars;	/* words with "://" */
	size_t	newlines;
	size_t	lines;		/* non-blank lines */
	size_t	bullet_lines, ellipsis_lines, punct_lines, short_lines;
	size_t	dup_lines, dup_line_chars;
	size_t	paras, dup_paras, dup_para_chars;
	size_t	urls, markup, braces, lorem, boiler;
	size_t	c4_lines;	/* lines C4's line filters keep */
	size_t	c4_sentences;	/* sentences in those lines */
	double	top_ngram[SIG_TOPN_MAX + 1];
	double	dup_ngram[SIG_DUPN_MAX + 1];
};

/* Rule sets for --rules. */
enum rules {
	RULES_NONE = 0,
	RULES_GOPHER,
	RULES_C4,
	RULES_FINEWEB
};

/*
 * sig_compute -- fill *s for text (n bytes of UTF-8; invalid bytes count
 * as one character each).  lang selects the stop-word list ("en", "es",
 * ...; NULL or unknown: none).  Scratch memory is kept between calls;
 * sig_free() releases it.
 */
void sig_compute(struct sig *s, const char *text, size_t n, const char *lang);
void sig_free(void);

/*
 * sig_hash -- a hash of a short string (a word), eight bytes at a time.
 * The bytes up to p + n rounded up to a multiple of 8 must be readable
 * (sig_compute works on copies padded for it); only p[0..n) count.
 */
static inline uint64_t
sig_hash(const char *p, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
	}
	if (n > 0) {
		memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w >>= 8 * (8 - n);
#else
		w &= ~0ULL >> (8 * (8 - n));
#endif
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
	}
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 32);
}

/*
 * A stop-word table: open addressing over sig_hash() | 1 of the
 * lower-cased words, with what each word is in flags.
 */
#define STOP_SLOTS	1024	/* a power of two */
#define STOP_LIST	0x01	/* in the language's list */
#define STOP_GOPHER	0x02	/* one of Gopher's eight stop words */
struct stoptab {
	uint64_t	key[STOP_SLOTS];
	uint8_t		flags[STOP_SLOTS];
	int		haslist;	/* the language has a list */
};

/*
 * stop_table -- the table for lang (its primary subtag); a language
 * without a list gets one with Gopher's words only.
 */
const struct stoptab *stop_table(const char *lang);

/* stop_flags -- the STOP_* flags of the word of sig_hash() h. */
static inline unsigned
stop_flags(const struct stoptab *t, uint64_t h)
{
	uint64_t k;
	size_t i;

	h |= 1;
	i = h & (STOP_SLOTS - 1);
	/*
	 * Found or absent at the first probe, the common case, in one
	 * branch: the smaller of key ^ h and key is 0 when either is.
	 */
	k = (t->key[i] ^ h) < t->key[i] ? t->key[i] ^ h : t->key[i];
	if (k == 0)
		return t->flags[i] & -(unsigned)(t->key[i] == h);
	for (i = (i + 1) & (STOP_SLOTS - 1); t->key[i] != 0;
	    i = (i + 1) & (STOP_SLOTS - 1))
		if (t->key[i] == h)
			return t->flags[i];
	return 0;
}

/* Ratios derived from the counts, as written to "signals". */
double sig_mean_word_len(const struct sig *s);
double sig_ratio(size_t a, size_t b);

/* score_quality -- the quality score in [0, 1] (ads-score(1), QUALITY). */
double score_quality(const struct sig *s);

/*
 * rules_check -- the name of the first rule of set that s fails
 * ("gopher_stop_words"), or NULL when it passes them all.
 */
const char *rules_check(enum rules set, const struct sig *s);

#endif
