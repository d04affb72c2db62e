/*
 * chapters.c -- libFuzzer harness over the chapter timestamp parser,
 * the timed transcript reader and the cutting of a transcript by
 * chapters
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jv.h>

#include "../../tools/ads-fetch-youtube/chapters.h"
#include "../../tools/ads-fetch-youtube/youtube.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	jv ch, segs, rec;
	char *d;

	ch = yt_chapters((const char *)data, size);
	segs = yt_timed((const char *)data, size);
	rec = jv_object_set(jv_object(), jv_string("id"),
	    jv_string("youtube:x"));
	jv_free(yt_chapter_rows(rec, segs, ch, ADS_TASK_SUMMARY));
	jv_free(yt_chapter_rows(rec, segs, ch, ADS_TASK_QA));
	d = yt_description((const char *)data, size);
	free(d);
	jv_free(rec);
	jv_free(segs);
	jv_free(ch);
	return 0;
}
