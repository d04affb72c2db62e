/*
 * table -- fuzz the CSV reader and a file's rows through the column and
 * label mapping (kaggle_table), and the zip reader (kaggle_unzip): the
 * input is unzipped with a small cap, and read as CSV, as JSON lines
 * and as a JSON array, for a sentiment plan and a star plan; every
 * record written must carry text and a label of the plan's set.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/json.h"
#include "../../common/labels.h"
#include "../../tools/ads-fetch-kaggle/csv.h"
#include "../../tools/ads-fetch-kaggle/kaggle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct ads_labelset *set;

static int
emit(void *arg, jv rec, const char *drop)
{
	const char *l;
	size_t i;
	int ok = 0;

	(void)arg;
	if (jv_get_kind(rec) == JV_KIND_OBJECT) {
		if (ads_json_str(rec, "text", NULL) == NULL)
			abort();
		l = ads_json_str(rec, "label", NULL);
		for (i = 0; l != NULL && i < set->n; i++)
			if (strcmp(l, set->names[i]) == 0)
				ok = 1;
		if (!ok)
			abort();
	} else if (drop == NULL)
		abort();
	jv_free(rec);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const files[] = { "a.csv", "a.jsonl", "a.json" };
	static const char *const plans[] = {
		"{\"task\":\"sentiment-analysis\"}",
		"{\"version\":2,\"task\":\"text-classification\",\"labels\":"
		    "[\"1\",\"2\",\"3\",\"4\",\"5\"]}"
	};
	struct ads_task t;
	struct csv c;
	char why[300];
	size_t i, k;
	jv plan, row, base = jv_object();
	int r, n = 0;

	{
		char *name, *out;
		size_t olen;

		if (kaggle_unzip((const char *)data, size, 1 << 20, &name,
		    &out, &olen, why, sizeof(why)) == 0) {
			if (olen > 1 << 20 || out[olen] != '\0')
				abort();
			free(name);
			free(out);
		}
	}
	csv_init(&c, (const char *)data, size);
	while ((r = csv_row(&c, &row, why, sizeof(why))) != 0 && n++ < 100000) {
		if (r == 1 && jv_get_kind(row) != JV_KIND_ARRAY)
			abort();
		jv_free(row);
	}
	for (k = 0; k < sizeof(plans) / sizeof(plans[0]); k++) {
		plan = jv_parse(plans[k]);
		ads_task_plan(plan, &t);
		jv_free(plan);
		set = t.labels;
		for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
			(void)kaggle_table(&t, "o/d", files[i],
			    (const char *)data, size, base, emit, NULL, why,
			    sizeof(why));
		ads_task_free(&t);
	}
	jv_free(base);
	return 0;
}
