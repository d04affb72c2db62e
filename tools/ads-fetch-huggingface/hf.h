/*
 * hf.h -- Hugging Face Hub and dataset viewer answers into records
 */
#ifndef HF_H
#define HF_H

#include <stddef.h>

#include <jv.h>

/*
 * hf_search -- a Hub /api/datasets answer (an array of dataset objects)
 * into an array of {id, license, langs, created, description, downloads,
 * gated} objects, in the Hub's order; disabled and private datasets are
 * left out.  Returns a new reference, or an invalid jv with a message.
 */
jv hf_search(const char *body, size_t n);

/*
 * hf_units -- the parts of a dataset to read, in order, from a viewer
 * /info answer ({"dataset_info": {config: {features, splits}}} or one
 * config's object) or a /splits answer: each config in turn, its
 * "train" split first, as {config, split[, features]} (features as
 * /info gives them: {name: type}).  Returns a new array (possibly
 * empty), or an invalid jv with a message.
 */
jv hf_units(const char *body, size_t n);

/* The columns chosen in a dataset's features. */
struct hf_columns {
	jv	 text;		/* array of column names holding text */
	char	*label;		/* the label column, or NULL */
	jv	 names;		/* its ClassLabel names, or jv_null() */
};

/*
 * hf_columns -- choose the text and label columns from a /rows or
 * /first-rows "features" array.  Returns 0, or -1 when no column holds
 * text.  Free with hf_columns_free.
 */
int hf_columns(jv features, struct hf_columns *c);
void hf_columns_free(struct hf_columns *c);

/*
 * hf_rows -- a viewer /rows or /first-rows answer: *features (a new
 * reference, the "features" array), *rows (a new reference, the "rows"
 * array) and *total (num_rows_total, -1 when absent).  Returns 0, or -1
 * with a reason in why.
 */
int hf_rows(const char *body, size_t n, jv *features, jv *rows, long *total,
    char *why, size_t len);

/*
 * hf_record -- one row ({"row_idx": N, "row": {...}, "truncated_cells":
 * [...]}) into a record of dataset ds (an object from hf_search or a
 * bare {id}), with config and split, using the columns c.  Returns a new
 * reference: the record, or jv_null() when the row has no text.
 * Borrows its arguments.
 */
jv hf_record(jv row, jv ds, const char *config, const char *split,
    const struct hf_columns *c);

/*
 * hf_describe -- set rec's title, url, lang, license and created from
 * dataset ds (borrowed).  Consumes rec; returns it.
 */
jv hf_describe(jv rec, jv ds);

/*
 * hf_spdx -- the SPDX id for a Hub license tag ("apache-2.0" ->
 * "Apache-2.0"), or NULL when it has none ("other", "unknown").
 * Returns a pointer to a static string or into buf (len bytes).
 */
const char *hf_spdx(const char *tag, char *buf, size_t len);

#endif
