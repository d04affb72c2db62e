/*
 * jsonl -- libFuzzer harness over the shared input path: bounded line
 * reading (plain and zstd), JSON parsing, the reader's record checks,
 * and the record writer, which must give back text that libjq parses to
 * an equal value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/ads-fuzz-XXXXXX";
	struct ads_buf b = ADS_BUF_INIT;
	struct ads_in *in;
	char *line;
	size_t len;
	int fd, rc;

	fd = mkstemp(path);
	if (fd == -1)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	in = ads_in_open(path);
	unlink(path);
	if (in == NULL)
		return 0;
	while ((rc = ads_in_getline(in, 4096, &line, &len, NULL)) != 0) {
		jv v, w;

		if (rc < 0) {
			if (rc == ADS_IN_ERROR)
				break;
			continue;
		}
		v = ads_json_parse(line, len);
		if (!jv_is_valid(v)) {
			jv_free(v);
			continue;
		}
		/* The reader's checks, with and without repair. */
		if (jv_get_kind(v) == JV_KIND_OBJECT &&
		    ads_record_check(line, len, v, 1, NULL) != NULL)
			abort();
		(void)ads_record_check(line, len, v, 0, ads_record_required);
		ads_buf_reset(&b);
		ads_json_emit(&b, v);
		w = ads_json_parse(b.p, b.len);
		/* What we write must read back to the same value. */
		if (!jv_equal(jv_copy(v), jv_copy(w)) &&
		    !(jv_get_kind(v) == JV_KIND_NUMBER)) {
			/* Numbers may differ only for NaN/inf handling. */
			if (strstr(b.p, "1.7976931348623157e+308") == NULL &&
			    strstr(b.p, "null") == NULL)
				abort();
		}
		jv_free(v);
		jv_free(w);
	}
	ads_in_close(in);
	ads_buf_free(&b);
	return 0;
}
