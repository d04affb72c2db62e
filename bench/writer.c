/*
 * writer -- the record writer against libjq's jv_dump_string
 *
 * usage: writer file.jsonl
 *
 * Parses every line once, then serializes all records with
 * ads_json_emit and with jv_dump_string (each best of 3 passes), and
 * prints MB/s of output for both and the ratio.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jv.h>

#include "../common/buf.h"
#include "../common/io.h"
#include "../common/json.h"
#include "../common/util.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	struct ads_in *in;
	struct ads_buf b = ADS_BUF_INIT;
	jv *recs = NULL;
	size_t n = 0, cap = 0, i, len, total = 0;
	double t0, best[2] = { 1e9, 1e9 }, mbs[2];
	char *line;
	int pass, k;

	ads_setprogname(argv[0]);
	if (argc != 2)
		ads_die(2, "usage: writer file.jsonl");
	in = ads_in_open(argv[1]);
	if (in == NULL)
		ads_die_errno(3, "%s", argv[1]);
	while (ads_in_getline(in, 1 << 26, &line, &len, NULL) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			recs = xreallocarray(recs, cap, sizeof(*recs));
		}
		recs[n++] = jv_parse_sized(line, (int)len);
	}
	ads_in_close(in);
	for (pass = 0; pass < 3; pass++) {
		for (k = 0; k < 2; k++) {
			total = 0;
			t0 = now();
			for (i = 0; i < n; i++) {
				if (k == 0) {
					ads_buf_reset(&b);
					ads_json_emit(&b, recs[i]);
					total += b.len + 1;
				} else {
					jv s = jv_dump_string(jv_copy(recs[i]), 0);

					total += (size_t)jv_string_length_bytes(
					    jv_copy(s)) + 1;
					jv_free(s);
				}
			}
			t0 = now() - t0;
			if (t0 < best[k])
				best[k] = t0;
		}
	}
	for (k = 0; k < 2; k++)
		mbs[k] = (double)total / 1e6 / best[k];
	printf("%-28s %9.1f MB/s\n", "writer: ads_json_emit", mbs[0]);
	printf("%-28s %9.1f MB/s\n", "writer: jv_dump_string", mbs[1]);
	printf("%-28s %9.2fx\n", "writer: ratio", mbs[0] / mbs[1]);
	for (i = 0; i < n; i++)
		jv_free(recs[i]);
	free(recs);
	ads_buf_free(&b);
	return 0;
}
