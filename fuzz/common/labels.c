/*
 * labels -- fuzz the label mapping and the column choice: the input is
 * a JSON object {"features": ..., "sample": [...], "labels": [...],
 * "values": [...]} (or any JSON); the features (viewer /rows or /info
 * shape) give typed columns for every task, the labels a set, and each
 * value that maps must land inside the set.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/columns.h"
#include "../../common/json.h"
#include "../../common/labels.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const tasks[] = {
		"text-classification", "token-classification",
		"question-answering", "summarization", "translation",
		"conversational", "text-generation", "code",
		"sentiment-analysis", NULL
	};
	struct ads_labelmap m;
	struct ads_column *cols;
	struct ads_colmap cm;
	struct ads_task t;
	char why[400], orig[256];
	const char *drop;
	size_t n, i;
	jv in, feats, plan, vals, rec;
	int k, r;

	in = ads_json_parse((const char *)data, size);
	if (!jv_is_valid(in)) {
		jv_free(in);
		return 0;
	}
	feats = ads_json_get(in, "features");
	cols = ads_columns_hf(feats, &n);
	vals = ads_json_get(in, "values");
	for (k = 0; tasks[k] != NULL; k++) {
		plan = jv_object_set(jv_object_set(jv_object(),
		    jv_string("task"), jv_string(tasks[k])),
		    jv_string("labels"), ads_json_get(in, "labels"));
		ads_task_plan(plan, &t);
		jv_free(plan);
		if (ads_colmap_choose(&cm, &t, cols, n, why, sizeof(why)) == 0 &&
		    jv_get_kind(vals) == JV_KIND_ARRAY) {
			jv_array_foreach(vals, j, row) {
				(void)j;
				drop = NULL;
				rec = ads_colmap_record(&cm, &t, cols, NULL,
				    "d/c", row, jv_object(), &drop);
				if (jv_get_kind(rec) != JV_KIND_OBJECT &&
				    drop == NULL)
					abort();
				jv_free(rec);
				jv_free(row);
			}
			jv_free(ads_colmap_names(&cm, cols));
		}
		if (t.labels != NULL) {
			jv names = ads_json_get(in, "names");
			jv sample = ads_json_get(in, "sample");

			if (ads_labelmap_init(&m, t.labels, names, sample, why,
			    sizeof(why)) == 0 &&
			    jv_get_kind(vals) == JV_KIND_ARRAY) {
				jv_array_foreach(vals, j, v) {
					(void)j;
					r = ads_labelmap_map(&m, v, orig,
					    sizeof(orig));
					if (r >= (int)t.labels->n || r < -2)
						abort();
					jv_free(v);
				}
			}
			ads_labelmap_free(&m);
			jv_free(names);
			jv_free(sample);
		}
		ads_task_free(&t);
	}
	for (i = 0; i < n; i++)
		(void)cols[i].type;
	ads_columns_free(cols, n);
	jv_free(feats);
	jv_free(vals);
	jv_free(in);
	/* The input as a C string: a copy, NUL-terminated. */
	{
		char *str = malloc(size + 1);

		if (str == NULL)
			return 0;
		memcpy(str, data, size);
		str[size] = '\0';
		(void)ads_label_polarity(str);
		free(str);
	}
	return 0;
}
