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

const char *
ads_langid_detect(const char *text, size_t n, double *conf)
{
	CLD2::Language lang3[3];
	int pct[3], textbytes;
	bool reliable = false;
	const char *code;
	size_t k = n;

	*conf = 0;
	if (k > ADS_LANGID_MAX) {
		/* Cut at a space in the last 64 bytes, else at a character. */
		size_t j;

		k = ADS_LANGID_MAX;
		for (j = k; j > k - 64 && text[j] != ' ' && text[j] != '\n';
		    j--)
			;
		if (j > k - 64)
			k = j;
		while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
			k--;
	}
	CLD2::Language g = CLD2::DetectLanguageSummary(text, (int)k, true,
	    lang3, pct, &textbytes, &reliable);
	/* With nothing to go on, CLD2 answers English at 0%. */
	if (g == CLD2::UNKNOWN_LANGUAGE || g == CLD2::TG_UNKNOWN_LANGUAGE ||
	    pct[0] == 0)
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
	*conf = pct[0] / 100.0;
	if (!reliable)
		*conf /= 2;
	return code;
}
