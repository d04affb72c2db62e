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
 * a few hundred bytes already name the language.  Of a longer head, the
 * first and the last ADS_LANGID_PROBE bytes are read first: when both
 * name the same language, reliably, for ADS_LANGID_SURE percent of their
 * text, that is the answer; else the whole head is read (a page whose
 * parts are in several languages).
 */
#define ADS_LANGID_MAX		4096
#define ADS_LANGID_PROBE	512
#define ADS_LANGID_SURE		99
const char *ads_langid_detect(const char *text, size_t n, double *conf);

#ifdef __cplusplus
}
#endif

#endif
