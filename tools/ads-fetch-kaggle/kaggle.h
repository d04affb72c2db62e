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

#include "../../common/labels.h"

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

/*
 * kaggle_reusable -- 1 when the license name allows rows to be copied
 * into a new dataset: a license kaggle_spdx knows, without
 * NoDerivatives.  "Other", "Unknown", "Data files (c) Original
 * Authors" and the API terms of other sites do not.
 */
int kaggle_reusable(const char *name);

/*
 * kaggle_files -- a dataset's files from a /datasets/list/OWNER/SLUG
 * answer ({"datasetFiles": [{"name", "totalBytes", ...}],
 * "errorMessage": ...}) as [{name, size}] (size -1 when not given), or
 * an invalid jv with the message.
 */
jv kaggle_files(const char *p, size_t n);

/* kaggle_readable -- 1 for a file name kaggle_table reads (.csv .tsv
 * .json .jsonl .ndjson). */
int kaggle_readable(const char *file);

/*
 * kaggle_unzip -- the first member of the zip archive body (n bytes)
 * that kaggle_table can read (by its name), stored or deflated, into a
 * new buffer *out (*outlen bytes, NUL-terminated) and its name into
 * *name (both freed by the caller).  A member over max bytes, another
 * compression method or a damaged archive gives -1 with the reason.
 */
int kaggle_unzip(const char *body, size_t n, size_t max, char **name,
    char **out, size_t *outlen, char *why, size_t len);

/*
 * A record, or a row dropped: rec is jv_null() and drop the reason
 * ("malformed", "label_unmapped", ...).  Returns 1 to stop reading.
 */
typedef int (*kaggle_emit_fn)(void *arg, jv rec, const char *drop);

/*
 * kaggle_table -- the rows of file (body, len bytes: CSV, JSON lines,
 * or a JSON array of objects) of dataset ref, mapped onto task t: the
 * first 200 rows tell the column types and the label scheme, then
 * every row goes to emit as a record with id "kaggle:REF:FILE:LINE",
 * the fields of base (borrowed: title, url, license, created) and meta
 * {ref, file, row, columns}.  Returns the rows seen, or -1 with the
 * reason the file does not fit the task in why.
 */
long kaggle_table(const struct ads_task *t, const char *ref,
    const char *file, const char *body, size_t len, jv base,
    kaggle_emit_fn emit, void *arg, char *why, size_t wlen);

#endif
