/*
 * langid.cc -- the CLD2 side of language identification
 *
 * CLD2 was chosen over libexttextcat by measurement on
 * tests/fixtures/score/langid.tsv (see ads-score(1), Language).
 */
#include <cstdio>
#include <cstring>

#include <cld2/public/compact_lang_det.h>

#include "langid.h"

/*
 * headlen -- the length of the head of text (n bytes) of at most max
 * bytes: cut at a space or newline in its last 64 bytes, else at a
 * character.
 */
static size_t
headlen(const char *text, size_t n, size_t max)
{
	size_t j, k = n;

	if (k <= max)
		return k;
	k = max;
	for (j = k; j > k - 64 && text[j] != ' ' && text[j] != '\n'; j--)
		;
	if (j > k - 64)
		k = j;
	while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
		k--;
	return k;
}

/*
 * tailstart -- where the tail of text (n bytes) of about max bytes
 * starts: after a space or newline in its first 64 bytes, else at a
 * character.
 */
static size_t
tailstart(const char *text, size_t n, size_t max)
{
	size_t j, a = n - max;

	for (j = a; j < a + 64 && text[j] != ' ' && text[j] != '\n'; j++)
		;
	if (j < a + 64)
		return j + 1;
	while (a < n && ((unsigned char)text[a] & 0xC0) == 0x80)
		a++;
	return a;
}

/* detect -- CLD2 on text[0..n): the language, its share, reliability. */
static CLD2::Language
detect(const char *text, size_t n, int *pct, bool *reliable)
{
	CLD2::Language lang3[3];
	int pcts[3], textbytes;
	CLD2::Language g;

	*reliable = false;
	g = CLD2::DetectLanguageSummary(text, (int)n, true, lang3, pcts,
	    &textbytes, reliable);
	*pct = pcts[0];
	return g;
}

/*
 * probe -- the language of the head of k bytes, from its first and last
 * ADS_LANGID_PROBE bytes alone when both name the same language,
 * reliably, for ADS_LANGID_SURE percent of their text; else
 * UNKNOWN_LANGUAGE.
 */
static CLD2::Language
probe(const char *text, size_t k, int *pct, bool *reliable)
{
	CLD2::Language a, b;
	size_t h, t;
	int pa, pb;
	bool ra, rb;

	h = headlen(text, k, ADS_LANGID_PROBE);
	a = detect(text, h, &pa, &ra);
	if (!ra || pa < ADS_LANGID_SURE)
		return CLD2::UNKNOWN_LANGUAGE;
	t = tailstart(text, k, ADS_LANGID_PROBE);
	b = detect(text + t, k - t, &pb, &rb);
	if (!rb || pb < ADS_LANGID_SURE || b != a)
		return CLD2::UNKNOWN_LANGUAGE;
	*pct = pa < pb ? pa : pb;
	*reliable = true;
	return a;
}

const char *
ads_langid_detect(const char *text, size_t n, double *conf)
{
	CLD2::Language g = CLD2::UNKNOWN_LANGUAGE;
	int pct = 0;
	bool reliable = false;
	const char *code;
	size_t k;

	*conf = 0;
	k = headlen(text, n, ADS_LANGID_MAX);
	if (k > 2 * ADS_LANGID_PROBE)
		g = probe(text, k, &pct, &reliable);
	if (g == CLD2::UNKNOWN_LANGUAGE)
		g = detect(text, k, &pct, &reliable);
	/* With nothing to go on, CLD2 answers English at 0%. */
	if (g == CLD2::UNKNOWN_LANGUAGE || g == CLD2::TG_UNKNOWN_LANGUAGE ||
	    pct == 0)
		return "und";
	code = CLD2::LanguageCode(g);
	if (code == NULL || std::strcmp(code, "un") == 0)
		return "und";
	/* CLD2 keeps a few withdrawn ISO 639 codes. */
	if (std::strcmp(code, "iw") == 0)
		code = "he";
	else if (std::strcmp(code, "jw") == 0)
		code = "jv";
	else if (std::strcmp(code, "in") == 0)
		code = "id";
	*conf = pct / 100.0;
	if (!reliable)
		*conf /= 2;
	return code;
}
