/*
 * rows -- libFuzzer harness over ads-export's record-to-row path: a
 * JSON line (one or more records, one per line) is encoded into the
 * spill format, the schema decided, each row decoded again and written
 * through the Parquet writer (to /dev/null) and the CSV cell encoder.
 * An input starting with '#' is instead a raw spill row, decoded
 * against a schema of one column of each type.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../tools/ads-export/export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
write_rows(struct schema *sc, struct ads_buf *spill, size_t *ends,
    size_t n)
{
	struct field *f = calloc(sc->ncols + 1, sizeof(*f));
	struct ads_buf cell = ADS_BUF_INIT;
	struct pq_writer *w;
	size_t i, j, start = 0;
	int fd = open("/dev/null", O_WRONLY);

	w = pq_open(fd, "/dev/null", sc, 4096, 1);
	for (i = 0; i < n; i++) {
		if (row_decode(sc, (const unsigned char *)spill->p + start,
		    ends[i] - start, f) == 0) {
			pq_add(w, f);
			for (j = 0; j < sc->ncols; j++) {
				ads_buf_reset(&cell);
				field_text(&f[j], j & 1, &cell);
				csv_cell(&cell, cell.p, cell.len);
			}
		}
		start = ends[i];
	}
	pq_close(w);
	close(fd);
	ads_buf_free(&cell);
	free(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct schema sc;
	struct ads_buf spill = ADS_BUF_INIT;
	size_t ends[64], n = 0, i = 0, j;

	schema_init(&sc, 64);
	if (size > 0 && data[0] == '#') {
		schema_fix(&sc, "a,b,c,d,e,f");
		for (j = 0; j < sc.ncols; j++)
			sc.cols[j].kinds = 1u << (j % 5);
		schema_decide(&sc);
		sc.cols[5].type = T_MIXED;
		ads_buf_add(&spill, data + 1, size - 1);
		ends[n++] = spill.len;
		write_rows(&sc, &spill, ends, n);
		goto out;
	}
	while (i < size && n < 64) {
		const uint8_t *nl = memchr(data + i, '\n', size - i);
		size_t len = nl != NULL ? (size_t)(nl - data) - i : size - i;
		jv v = ads_json_parse((const char *)data + i, len);

		if (jv_get_kind(v) == JV_KIND_OBJECT &&
		    row_encode(&sc, v, &spill) == 0)
			ends[n++] = spill.len;
		jv_free(v);
		i += len + 1;
	}
	schema_decide(&sc);
	write_rows(&sc, &spill, ends, n);
out:
	ads_buf_free(&spill);
	schema_free(&sc);
	return 0;
}
