/*
 * job -- libFuzzer harness for what ads-worker reads from outside: the
 * first byte splits the input into a job's autonomous_config (turned
 * into an ads command line) and the lines ads writes on stdout (turned
 * into the job's progress value).  No input may crash either, the
 * argv must end with "--" and the prompt, and the progress value must
 * always be an object with a phase.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../tools/ads-worker/worker.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct worker_args a;
	struct worker_progress p;
	struct worker_metrics m;
	size_t cut, i, start;
	char *cfg, *err = NULL;
	jv v;

	if (size < 1)
		return 0;
	cut = size > 1 ? data[0] % size : 0;
	cfg = strndup((const char *)data + 1, cut > 0 ? cut - 1 : 0);
	if (cfg == NULL)
		return 0;
	if (worker_args(cfg, "ads", "/jobs/1", &a, &err) == 0) {
		if (a.argc < 7 || strcmp(a.argv[a.argc - 2], "--") != 0)
			abort();
		worker_args_free(&a);
	} else {
		if (err == NULL)
			abort();
		free(err);
	}
	free(cfg);

	memset(&m, 0, sizeof(m));
	worker_progress_init(&p, 1);
	start = cut;
	for (i = cut; i <= size; i++) {
		if (i == size || data[i] == '\n') {
			worker_progress_line(&p, (const char *)data + start,
			    i - start, -1);
			start = i + 1;
		}
	}
	v = worker_progress_json(&p, &m);
	if (jv_get_kind(v) != JV_KIND_OBJECT)
		abort();
	jv_free(v);
	worker_progress_free(&p);
	return 0;
}
