/*
 * player -- fuzz the innertube player, search and watch page parsers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jv.h>

#include "../../tools/ads-fetch-youtube/youtube.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *const langs[] = { "en", "nl", NULL };
	struct yt_player pl;
	char reason[64], *next = NULL;
	const char *p = (const char *)data;

	yt_player(p, size, langs, 2, &pl);
	yt_player_free(&pl);
	jv_free(yt_search(p, size, &next, reason, sizeof(reason)));
	free(next);
	free(yt_innertube_key(p, size));
	free(yt_consent(p, size));
	(void)yt_captcha(p, size);
	return 0;
}
