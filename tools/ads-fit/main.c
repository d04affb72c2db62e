/*
 * ads-fit -- keep the records that fit the plan's task: of a form the
 * task takes, and relevant to the plan's domain and keywords
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/field.h"
#include "../../common/filter.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/progress.h"
#include "../../common/task.h"
#include "../../common/util.h"
#include "fit.h"
#include "ads-fit-help.h"

#define USAGE "ads-fit [-ks] [-a floor] [-F forms] [-m min] " \
	"[-r rejectfile]\n[-T path[,path ...]] -p plan [file ...]"
#define MINREL	0.5
#define FLOOR	2.0

static double minrel = MINREL;
static double floorrel = FLOOR;
static const char *formsopt;

/* parseforms -- the bits of a comma list of form names, or "all". */
static unsigned
parseforms(const char *s)
{
	unsigned f = 0;
	size_t n;
	int i;

	if (strcmp(s, "all") == 0)
		return FORMS_ALL;
	while (*s != '\0') {
		n = strcspn(s, ",");
		if (n > 0) {
			i = form_parse(s, n);
			if (i < 0)
				ads_die(ADS_USAGE, "-F: unknown form: %.*s "
				    "(see ads-fit(1), FORMS)", (int)n, s);
			f |= 1u << i;
		}
		s += n;
		if (*s == ',')
			s++;
	}
	if (f == 0)
		ads_die(ADS_USAGE, "-F needs at least one form");
	return f;
}

/* annotate -- rec with "fit": its form, relevance and the reason. */
static jv
annotate(jv rec, enum form f, double rel, const char *reason)
{
	jv o = JV_OBJECT(jv_string("form"), jv_string(form_name(f)),
	    jv_string("relevance"), jv_number(round(rel * 1000) / 1000));

	if (reason != NULL)
		o = jv_object_set(o, jv_string("dropped"), jv_string(reason));
	return ads_json_set(rec, "fit", o);
}

/* The run: the filter's options and counts, the plan, the buffers. */
static struct ads_filter flt;
static struct ads_reader rd;
static struct fitplan plan;
static struct ads_buf tb = ADS_BUF_INIT, rb = ADS_BUF_INIT;
static unsigned long nin, nout, nhave;
static jv forms;

/* options -- the options; the plan read.  Returns optind. */
static int
options(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "floor",	required_argument,	NULL,	'a' },
		{ "forms",	required_argument,	NULL,	'F' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "keep-all",	no_argument,		NULL,	'k' },
		{ "min",	required_argument,	NULL,	'm' },
		{ "plan",	required_argument,	NULL,	'p' },
		{ "reject",	required_argument,	NULL,	'r' },
		{ "strict",	no_argument,		NULL,	's' },
		{ "text",	required_argument,	NULL,	'T' },
		{ "version",	no_argument,		NULL,	'V' },
		{ NULL,		0,			NULL,	0 }
	};
	const char *planpath = NULL, *why;
	jv pv;
	int c;

	while ((c = getopt_long(argc, argv, ADS_STD_OPTS "a:F:km:p:T:", lopts,
	    NULL)) != -1) {
		if (ads_filter_opt(&flt, &rd, c, optarg, USAGE))
			continue;
		switch (c) {
		case 'a':
			floorrel = ads_optdouble("-a", optarg, 0, 100);
			break;
		case 'F':
			formsopt = optarg;
			break;
		case 'm':
			minrel = ads_optdouble("-m", optarg, 0, 100);
			break;
		case 'p':
			planpath = optarg;
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	if (planpath == NULL) {
		ads_warn("-p plan is needed");
		ads_usage(USAGE, ADS_USAGE);
	}
	pv = ads_plan_read(planpath);
	if (fit_plan_load(&plan, pv, &why) < 0)
		ads_die(ADS_USAGE, "%s: %s", planpath, why);
	jv_free(pv);
	if (formsopt != NULL)
		plan.forms = parseforms(formsopt);
	return optind;
}

/* fit1 -- judge one record (line, consumed as rec) and write it. */
static void
fit1(const char *line, size_t linelen, jv rec)
{
	const char *title, *text, *reason = NULL;
	char rbuf[64];
	size_t tn, n;
	enum form f = fit_form(rec);
	double rel;

	title = ads_json_str(rec, "title", &tn);
	if (ads_fields_key(&flt.fs) != NULL)
		text = ads_json_str(rec, ads_fields_key(&flt.fs), &n);
	else {
		ads_buf_reset(&tb);
		text = ads_fields_text(&flt.fs, rec, &tb) > 0 ?
		    (tb.p != NULL ? tb.p : "") : NULL;
		n = tb.len;
	}
	if (text != NULL)
		nhave++;
	rel = fit_relevance(&plan, form_name(f), title, title ? tn : 0, text,
	    text ? n : 0);
	if ((plan.forms & (1u << f)) == 0) {
		snprintf(rbuf, sizeof(rbuf), "form:%s", form_name(f));
		reason = rbuf;
	} else if (plan.nterms > 0 && rel < minrel)
		reason = "relevance";
	else if (minrel > 0 && plan.ncontent > 0 && rel < floorrel &&
	    fit_content(&plan) == 0)
		reason = "off-topic";
	if (reason != NULL)
		flt.dropped = ads_count(flt.dropped, reason);
	if (reason != NULL && rd.reject != NULL && !flt.keep) {
		/* Kept for a look, with the reason. */
		ads_buf_reset(&rb);
		ads_json_emit(&rb, annotate(jv_copy(rec), f, rel, reason));
		ads_buf_addc(&rb, '\n');
		if (fwrite(rb.p, 1, rb.len, rd.reject) != rb.len)
			ads_die_errno(ADS_SYSTEM, "%s", rd.rejectpath);
	}
	if (reason != NULL && !flt.keep) {
		jv_free(rec);
		return;
	}
	forms = ads_count(forms, form_name(f));
	nout++;
	if (flt.keep) {
		ads_out_record(ads_out_stdout(), annotate(rec, f, rel,
		    reason));
		return;
	}
	/* A record that fits passes unchanged, byte for byte. */
	jv_free(rec);
	ads_out_write(ads_out_stdout(), line, linelen);
	ads_out_write(ads_out_stdout(), "\n", 1);
}

int
main(int argc, char *argv[])
{
	char *line;
	size_t linelen;
	jv rec, extra;
	int first;

	ads_setprogname(argv[0]);
	ads_filter_init(&flt, &rd);
	first = options(argc, argv);
	ads_filter_open(&flt, &rd, argc - first, argv + first);
	ads_progress_init(NULL);
	forms = jv_object();
	while (ads_reader_nextline(&rd, &line, &linelen)) {
		if (!ads_reader_parse(&rd, line, linelen, &rec))
			continue;
		if ((++nin & 1023) == 0)
			ads_progress("fitting", (long long)nin, -1);
		fit1(line, linelen, rec);
	}
	ads_fields_missing(&flt.fs, nin, nhave);
	ads_filter_summary(&flt, nin, nout);
	extra = JV_OBJECT(jv_string("in"), jv_number(nin),
	    jv_string("out"), jv_number(nout),
	    jv_string("dropped"), jv_copy(flt.dropped),
	    jv_string("forms"), forms,
	    jv_string("task"), plan.task ? jv_string(plan.task) : jv_null(),
	    jv_string("task_id"), plan.task_id ? jv_string(plan.task_id) :
	    jv_null(),
	    jv_string("min_relevance"), jv_number(plan.nterms ? minrel : 0),
	    jv_string("terms"), jv_number((double)plan.nterms));
	extra = jv_object_set(extra, jv_string("floor"),
	    jv_number(plan.ncontent && minrel > 0 ? floorrel : 0));
	extra = jv_object_set(extra, jv_string("content_terms"),
	    jv_number((double)plan.ncontent));
	ads_progress_emit("done", (long long)nin, -1, extra);
	ads_progress_close();
	ads_buf_free(&tb);
	ads_buf_free(&rb);
	ads_filter_free(&flt);
	fit_plan_free(&plan);
	fit_free();
	return ads_reader_finish(&rd);
}
