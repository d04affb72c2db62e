/*
 * kaggle.h -- the parsers of ads-fetch-kaggle: dataset lists and
 * dataset metadata from Kaggle's public API (api/v1), turned into
 * records
 *
 * No recorded Kaggle answer exists (PROVENANCE-more.md); the shapes
 * follow the API description Kaggle/kaggle-api publishes: the legacy
 * list answer is a JSON array of dataset objects (ref, title, subtitle,
 * description, tags, totalBytes, licenseName, voteCount, ...), the
 * kagglesdk one an object {"datasets": [...]}; both are read.  They are
 * linked into fuzz/ads-fetch-kaggle/.
 */
#ifndef KAGGLE_H
#define KAGGLE_H

#include <stddef.h>

#include <jv.h>

/*
 * kaggle_list -- the records of a dataset list answer, in order
 * (without "retrieved" and "query").  An error answer ({"code",
 * "message"} or {"errorMessage"}) or a bad body gives an invalid jv
 * with the message.  Datasets without a ref or a title are left out
 * and counted in *bad.
 */
jv kaggle_list(const char *p, size_t n, const char *site, long *bad);

/*
 * kaggle_description -- the description in a metadata answer
 * ({"info": {"description": ...}}), a new string (caller frees), or
 * NULL.
 */
char *kaggle_description(const char *p, size_t n);

/*
 * kaggle_text -- set rec's text to title, subtitle and description,
 * one paragraph each, skipping empty parts and a subtitle repeated in
 * the description.  Consumes rec; returns it.
 */
jv kaggle_text(jv rec, const char *description);

/* kaggle_spdx -- the SPDX id for one of Kaggle's license names, or NULL. */
const char *kaggle_spdx(const char *name);

#endif
