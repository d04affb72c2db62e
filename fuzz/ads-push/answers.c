/*
 * answers -- libFuzzer harness for ads-push's reading of the Hub's
 * answers: any body, read as a preupload answer for three files and as
 * an LFS batch answer for one object, must give a result or an error
 * message, never a crash; an upload action always has an object of
 * headers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../tools/ads-push/hub.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hub_file f[3];
	struct hub_action a;
	char *err = NULL, *s;
	size_t i;

	memset(f, 0, sizeof(f));
	f[0].path = (char *)"README.md";
	f[1].path = (char *)"data/train-00000-of-00001.parquet";
	f[2].path = (char *)"dataset_card.json";
	if (hub_preupload_read((const char *)data, size, f, 3, &err) != 0 &&
	    err == NULL)
		abort();
	free(err);
	err = NULL;
	if (hub_batch_read((const char *)data, size,
	    "878a19ab7584743e09e6394822f3adfcdb0643ab44b679fb925acdca5af925f4",
	    &a, &err) == 0) {
		if (a.upload != NULL &&
		    jv_get_kind(a.upheaders) != JV_KIND_OBJECT)
			abort();
	} else if (err == NULL)
		abort();
	hub_action_free(&a);
	free(err);
	s = hub_base64(data, size);
	if (strlen(s) != (size + 2) / 3 * 4)
		abort();
	free(s);
	s = strndup((const char *)data, size < 300 ? size : 300);
	for (i = 0; s != NULL && s[i] != '\0'; i++)
		(void)hub_repo_ok(s + i);
	free(s);
	return 0;
}
