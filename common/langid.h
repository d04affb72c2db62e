/*
 * langid.h -- language identification (CLD2), shared by ads-score and ads-synth
 */
#ifndef ADS_LANGID_H
#define ADS_LANGID_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ads_langid_detect -- the language of text (n bytes of UTF-8) as a BCP 47
 * tag ("en", "zh-Hant"), or "und" when none is found; *conf receives
 * the share of the text in that language (0..1), halved when CLD2 calls
 * the answer unreliable.  Only the first ADS_LANGID_MAX bytes are read, cut
 * at a space near the end: CLD2 costs some 200 instructions a byte, and
 * a few hundred bytes already name the language.
 */
#define ADS_LANGID_MAX	4096
const char *ads_langid_detect(const char *text, size_t n, double *conf);

#ifdef __cplusplus
}
#endif

#endif
