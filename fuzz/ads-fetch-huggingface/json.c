/*
 * json.c -- libFuzzer harness over the Hugging Face answer parsers:
 * Hub search, viewer info/splits and rows, column choice and row records
 */
#include <stddef.h>
#include <stdint.h>

#include <jv.h>

#include "../../tools/ads-fetch-huggingface/hf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hf_columns c;
	char why[256], buf[256];
	jv feats, rows, ds, rec;
	long total;
	int i, n;

	jv_free(hf_search((const char *)data, size));
	jv_free(hf_units((const char *)data, size));
	if (hf_rows((const char *)data, size, &feats, &rows, &total, why,
	    sizeof(why)) == 0) {
		if (hf_columns(feats, &c) == 0) {
			ds = jv_object_set(jv_object(), jv_string("id"),
			    jv_string("a/b"));
			n = jv_array_length(jv_copy(rows));
			for (i = 0; i < n && i < 50; i++) {
				rec = hf_record(jv_array_get(jv_copy(rows), i),
				    ds, "c", "s", &c);
				jv_free(rec);
			}
			jv_free(ds);
			hf_columns_free(&c);
		}
		jv_free(feats);
		jv_free(rows);
	}
	(void)hf_spdx("cc-by-nc-sa-4.0", buf, sizeof(buf));
	return 0;
}
