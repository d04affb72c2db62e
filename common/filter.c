/*
 * filter.c -- the options, counts and summary of the filters (filter.h)
 */
#include <string.h>

#include <jv.h>

#include "buf.h"
#include "field.h"
#include "filter.h"
#include "json.h"
#include "jsonl.h"
#include "util.h"

void
ads_filter_init(struct ads_filter *f, struct ads_reader *r)
{
	memset(f, 0, sizeof(*f));
	f->dropped = jv_object();
	ads_reader_init(r);
}

int
ads_filter_opt(struct ads_filter *f, struct ads_reader *r, int c,
    const char *arg, const char *usage)
{
	if (ads_reader_opt(r, c, arg, usage))
		return 1;
	switch (c) {
	case 'k':
		f->keep = 1;
		return 1;
	case 'T':
		ads_fields_opt(&f->fs, "-T", arg);
		return 1;
	default:
		return 0;
	}
}

void
ads_filter_open(struct ads_filter *f, struct ads_reader *r, int argc,
    char **argv)
{
	ads_fields_default(&f->fs, ".text");
	r->require = ads_fields_require(&f->fs);
	ads_reader_open(r, argc, argv);
}

jv
ads_count(jv counts, const char *key)
{
	double d = 0;

	ads_json_num(counts, key, &d);
	return jv_object_set(counts, jv_string(key), jv_number(d + 1));
}

void
ads_filter_summary(const struct ads_filter *f, unsigned long nin,
    unsigned long nout)
{
	struct ads_buf b = ADS_BUF_INIT;
	int first = 1;

	ads_buf_addf(&b, "%lu records in, %lu out", nin, nout);
	jv_object_foreach(f->dropped, k, v) {
		ads_buf_addf(&b, "%s %.0f %s", first ? "; dropped:" : ",",
		    jv_number_value(v), jv_string_value(k));
		first = 0;
		jv_free(k);
		jv_free(v);
	}
	if (f->keep && !first)
		ads_buf_adds(&b, " (kept with -k)");
	ads_warn("%s", b.p);
	ads_buf_free(&b);
}

void
ads_filter_free(struct ads_filter *f)
{
	ads_fields_free(&f->fs);
	jv_free(f->dropped);
	f->dropped = jv_null();
}
