/*
 * rules.c -- the quality score and the published rule sets of ads-score
 *
 * The rule sets and their thresholds:
 *	gopher	Rae et al. 2021, "Scaling Language Models: Methods,
 *		Analysis & Insights from Training Gopher", appendix A.1.1
 *		(quality filters) and table A1 (repetition removal).
 *	c4	Raffel et al. 2020, "Exploring the Limits of Transfer
 *		Learning with a Unified Text-to-Text Transformer", 2.2.
 *	fineweb	Penedo et al. 2024, "The FineWeb Datasets", 3.3-3.5:
 *		Gopher's filters, C4's page filters without the terminal
 *		punctuation line filter, and FineWeb's own three, with the
 *		thresholds of the reference implementation (datatrove).
 */
#include <math.h>
#include <stddef.h>

#include "score.h"

static double
clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static double
fmax2(double a, double b)
{
	return a > b ? a : b;
}

double
score_quality(const struct sig *s)
{
	double w = (double)s->words, q = 1, r, m, t, rep;
	int n;

	if (s->words == 0)
		return 0;
	/* Length: short texts lose up to 0.6. */
	q *= fmin(1, 0.4 + 0.6 * w / 50);
	/* Mean word length outside 3..10 (not for CJK text). */
	m = sig_ratio(s->nonsym_chars - s->url_chars,
	    s->nonsym_words - s->url_words);
	if (s->cjk_words * 2 < s->words) {
		if (m < 3)
			q *= exp(-(3 - m));
		else if (m > 10)
			q *= exp(-(m - 10) / 2);
	}
	/* Words with a letter. */
	q *= clamp((sig_ratio(s->alpha_words, s->words) - 0.4) / 0.4, 0.05, 1);
	/* Stop words: prose has many, spam, menus and gibberish few. */
	if (s->has_stoplist)
		q *= clamp(0.15 + 0.85 * sig_ratio(s->stop_words, s->words) /
		    0.25, 0.15, 1);
	else if (s->lang_unknown && s->cjk_words * 2 < s->words)
		q *= 0.5;
	/* Repetition: the worst of the repeated-text measures. */
	rep = fmax2(sig_ratio(s->dup_line_chars, s->chars),
	    sig_ratio(s->dup_para_chars, s->chars));
	rep = fmax2(rep, s->dup_ngram[SIG_DUPN_MIN]);
	/* Prose repeats its subject's name: top n-grams count above 0.1. */
	for (n = SIG_TOPN_MIN; n <= SIG_TOPN_MAX; n++)
		rep = fmax2(rep, (s->top_ngram[n] - 0.1) / 0.9);
	rep = clamp(rep, 0, 1);
	q *= (1 - rep) * (1 - rep);
	/* Vocabulary diversity against a length-aware floor. */
	if (s->words >= 20) {
		t = fmin(0.3, 3 / sqrt(w));
		q *= clamp(sig_ratio(s->uniq_words, s->words) / t, 0.2, 1);
	}
	/* Symbols (#, ellipses) per word. */
	r = sig_ratio(s->hashes - s->head_hashes + s->ellipses, s->words);
	q *= 1 / (1 + 10 * fmax2(0, r - 0.05));
	/* Bullet and ellipsis lines. */
	q *= 1 - 0.5 * sig_ratio(s->bullet_lines, s->lines);
	q *= 1 - 0.7 * sig_ratio(s->ellipsis_lines, s->lines);
	/* Lines ending in terminal punctuation; many short lines. */
	t = s->lines >= 3 ? 0.5 : 0.2;
	q *= 1 - t * (1 - fmin(1, sig_ratio(s->punct_lines, s->lines) / 0.5));
	if (s->lines >= 3)
		q *= 1 - 0.6 * fmax2(0, sig_ratio(s->short_lines, s->lines) -
		    0.3) / 0.7;
	/* URLs, markup, boilerplate phrases, code braces per word. */
	q *= 1 / (1 + 3 * sig_ratio(s->urls, s->words));
	q *= 1 / (1 + 3 * sig_ratio(s->markup, s->words));
	q *= 1 / (1 + 20 * sig_ratio(s->boiler, s->words));
	q *= 1 / (1 + 2 * sig_ratio(s->braces, s->words));
	/* Placeholder text. */
	if (s->lorem > 0)
		q *= 0.1;
	/* Shouting and digit soup. */
	r = sig_ratio(s->upper, s->letters);
	if (r > 0.3)
		q *= fmax2(0.3, 1 - (r - 0.3));
	r = sig_ratio(s->digits, s->nonspace);
	if (r > 0.2)
		q *= fmax2(0.3, 1 - (r - 0.2));
	return clamp(q, 0, 1);
}

static const char *
gopher(const struct sig *s)
{
	static const double topn[] = { 0, 0, 0.20, 0.18, 0.16 };
	static const double dupn[] = { 0, 0, 0, 0, 0,
	    0.15, 0.14, 0.13, 0.12, 0.11, 0.10 };
	static const char *topname[] = { NULL, NULL, "gopher_top_2gram",
	    "gopher_top_3gram", "gopher_top_4gram" };
	static const char *dupname[] = { NULL, NULL, NULL, NULL, NULL,
	    "gopher_dup_5gram", "gopher_dup_6gram", "gopher_dup_7gram",
	    "gopher_dup_8gram", "gopher_dup_9gram", "gopher_dup_10gram" };
	double m;
	int n;

	/* Quality filters, appendix A.1.1. */
	if (s->nonsym_words < 50 || s->nonsym_words > 100000)
		return "gopher_words";
	m = sig_mean_word_len(s);
	if (m < 3 || m > 10)
		return "gopher_mean_word_len";
	if (sig_ratio(s->hashes, s->nonsym_words) > 0.1 ||
	    sig_ratio(s->ellipses, s->nonsym_words) > 0.1)
		return "gopher_symbol_ratio";
	if (sig_ratio(s->bullet_lines, s->lines) > 0.9)
		return "gopher_bullet_lines";
	if (sig_ratio(s->ellipsis_lines, s->lines) > 0.3)
		return "gopher_ellipsis_lines";
	if (sig_ratio(s->alpha_words, s->words) < 0.8)
		return "gopher_alpha_words";
	if (s->gopher_stop < 2)
		return "gopher_stop_words";
	/* Repetition removal, table A1. */
	if (sig_ratio(s->dup_paras, s->paras) > 0.3)
		return "gopher_dup_paras";
	if (sig_ratio(s->dup_para_chars, s->chars) > 0.2)
		return "gopher_dup_para_chars";
	if (sig_ratio(s->dup_lines, s->lines) > 0.3)
		return "gopher_dup_lines";
	if (sig_ratio(s->dup_line_chars, s->chars) > 0.2)
		return "gopher_dup_line_chars";
	for (n = SIG_TOPN_MIN; n <= SIG_TOPN_MAX; n++)
		if (s->top_ngram[n] > topn[n])
			return topname[n];
	for (n = SIG_DUPN_MIN; n <= SIG_DUPN_MAX; n++)
		if (s->dup_ngram[n] > dupn[n])
			return dupname[n];
	return NULL;
}

/* c4 -- C4's page filters; lines adds the count of surviving sentences. */
static const char *
c4(const struct sig *s, int lines)
{
	if (s->lorem > 0)
		return "c4_lorem_ipsum";
	if (s->braces > 0)
		return "c4_curly_bracket";
	if (lines && s->c4_sentences < 3)
		return "c4_sentences";
	return NULL;
}

static const char *
fineweb(const struct sig *s)
{
	const char *r;

	r = gopher(s);
	if (r == NULL)
		r = c4(s, 0);
	if (r != NULL)
		return r;
	if (s->lines == 0 || sig_ratio(s->punct_lines, s->lines) < 0.12)
		return "fineweb_punct_lines";
	if (sig_ratio(s->short_lines, s->lines) > 0.67)
		return "fineweb_short_lines";
	if (sig_ratio(s->dup_line_chars, s->chars) > 0.01)
		return "fineweb_dup_line_chars";
	if (sig_ratio(s->newlines, s->words) > 0.3)
		return "fineweb_list_ratio";
	return NULL;
}

const char *
rules_check(enum rules set, const struct sig *s)
{
	switch (set) {
	case RULES_GOPHER:
		return gopher(s);
	case RULES_C4:
		return c4(s, 1);
	case RULES_FINEWEB:
		return fineweb(s);
	default:
		return NULL;
	}
}
