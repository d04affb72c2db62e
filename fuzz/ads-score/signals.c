/*
 * signals -- libFuzzer harness over ads-score's signal computation, the
 * quality score and the three rule sets.  The first byte picks the
 * language; the rest is the text.  Every ratio must stay within 0..1
 * and every count within the text's size.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/hash.h"
#include "../../common/util.h"
#include "../../tools/ads-score/score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The Makefile's fuzzer rule names libads.a before the tool's objects;
 * referring to what they need from it here makes the linker take those
 * members when it reaches the archive.
 */
void *ads_score_fuzz_keep[] = {
	(void *)xcalloc, (void *)xreallocarray, (void *)ads_hash64
};

static void
check(int ok)
{
	if (!ok)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *langs[] = { "en", "es", "de", "fr", "pt", "it",
	    "nl", "ja", "und", NULL };
	const char *text, *lang;
	struct sig s;
	double q;
	int n;

	if (size == 0)
		return 0;
	lang = langs[data[0] % (sizeof(langs) / sizeof(langs[0]))];
	text = (const char *)data + 1;
	size--;
	sig_compute(&s, text, size, lang);
	check(s.chars <= size && s.words <= size && s.lines <= size + 1);
	check(s.nonspace <= s.chars && s.letters <= s.chars);
	check(s.upper <= s.letters && s.alpha_words <= s.words);
	check(s.uniq_words <= s.words && s.stop_words <= s.words);
	check(s.dup_lines <= s.lines && s.dup_paras <= s.paras);
	check(s.dup_line_chars <= s.chars && s.dup_para_chars <= s.chars);
	check(s.bullet_lines <= s.lines && s.punct_lines <= s.lines);
	check(s.url_words <= s.nonsym_words || s.url_words <= s.words);
	for (n = SIG_TOPN_MIN; n <= SIG_TOPN_MAX; n++)
		check(s.top_ngram[n] >= 0 && s.top_ngram[n] <= 1.0001);
	for (n = SIG_DUPN_MIN; n <= SIG_DUPN_MAX; n++)
		check(s.dup_ngram[n] >= 0 && s.dup_ngram[n] <= 1.0001);
	q = score_quality(&s);
	check(!isnan(q) && q >= 0 && q <= 1);
	(void)rules_check(RULES_GOPHER, &s);
	(void)rules_check(RULES_C4, &s);
	(void)rules_check(RULES_FINEWEB, &s);
	return 0;
}
