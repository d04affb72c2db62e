/*
 * ads-echo -- the smallest filter built on common/: reads records and
 * writes them back unchanged.  The tests use it to check the shared
 * reader, writer and malformed-line policy apart from any real tool.
 * It takes any object: no member is required.
 */
#include <getopt.h>
#include <stdio.h>

#include <jv.h>

#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/util.h"

#define USAGE "ads-echo [-sUu] [-r rejectfile] [file ...]"

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		ADS_STD_LONGOPTS,
		{ "unbuffered", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct ads_reader r;
	jv rec;
	int c;

	ads_setprogname(argv[0]);
	ads_reader_init(&r);
	r.require = NULL;
	while ((c = getopt_long(argc, argv, ADS_STD_OPTS "u", lopts,
	    NULL)) != -1) {
		if (ads_reader_opt(&r, c, optarg, USAGE))
			continue;
		switch (c) {
		case 'u':
			ads_out_unbuffered(ads_out_stdout(), 1);
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	ads_reader_open(&r, argc - optind, argv + optind);
	while (ads_reader_next(&r, &rec))
		ads_out_record(ads_out_stdout(), rec);
	return ads_reader_finish(&r);
}
