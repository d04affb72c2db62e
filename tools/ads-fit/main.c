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
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/progress.h"
#include "../../common/util.h"
#include "fit.h"

#define USAGE "ads-fit [-ks] [-F forms] [-m min] [-r rejectfile] " \
	"[-T path[,path ...]] -p plan\n[file ...]"
#define MINREL	0.5

static int kflag;
static double minrel = MINREL;
static const char *formsopt;

/* readplan -- the JSON value of file path (the plan), or exit. */
static jv
readplan(const char *path)
{
	struct ads_in *in;
	char *p;
	size_t n;
	jv v;

	in = ads_in_open(path);
	if (in == NULL)
		ads_die_errno(ADS_SYSTEM, "%s", path);
	p = ads_in_slurp(in, 16UL * 1024 * 1024, &n);
	if (p == NULL)
		ads_die(ADS_SYSTEM, "%s: %s", path, ads_in_error(in));
	ads_in_close(in);
	v = ads_json_parse(p, n);
	free(p);
	if (!jv_is_valid(v)) {
		jv m = jv_invalid_get_msg(v);

		ads_die(ADS_USAGE, "%s: invalid JSON: %s", path,
		    jv_get_kind(m) == JV_KIND_STRING ? jv_string_value(m) :
		    "unknown error");
	}
	return v;
}

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

static jv
bump(jv counts, const char *reason)
{
	double d = 0;

	ads_json_num(counts, reason, &d);
	return jv_object_set(counts, jv_string(reason), jv_number(d + 1));
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

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
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
	struct ads_reader r;
	struct ads_buf b = ADS_BUF_INIT, tb = ADS_BUF_INIT;
	struct ads_fields fs;
	struct fitplan plan;
	const char *planpath = NULL, *why, *title, *text, *reason;
	char *line, rbuf[64];
	size_t linelen, tn, n;
	unsigned long nin = 0, nout = 0, nhave = 0;
	jv pv, rec, dropped, forms, extra;
	enum form f;
	double rel;
	int c;

	ads_setprogname(argv[0]);
	ads_reader_init(&r);
	memset(&fs, 0, sizeof(fs));
	while ((c = getopt_long(argc, argv, ADS_STD_OPTS "F:km:p:T:", lopts,
	    NULL)) != -1) {
		if (ads_reader_opt(&r, c, optarg, USAGE))
			continue;
		switch (c) {
		case 'F':
			formsopt = optarg;
			break;
		case 'k':
			kflag = 1;
			break;
		case 'm':
			minrel = ads_optdouble("-m", optarg, 0, 100);
			break;
		case 'p':
			planpath = optarg;
			break;
		case 'T':
			ads_fields_opt(&fs, "-T", optarg);
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	if (planpath == NULL) {
		ads_warn("-p plan is needed");
		ads_usage(USAGE, ADS_USAGE);
	}
	pv = readplan(planpath);
	if (fit_plan_load(&plan, pv, &why) < 0)
		ads_die(ADS_USAGE, "%s: %s", planpath, why);
	jv_free(pv);
	if (formsopt != NULL)
		plan.forms = parseforms(formsopt);
	ads_fields_default(&fs, ".text");
	r.require = ads_fields_require(&fs);
	ads_reader_open(&r, argc - optind, argv + optind);
	ads_progress_init(NULL);
	dropped = jv_object();
	forms = jv_object();

	while (ads_reader_nextline(&r, &line, &linelen)) {
		if (!ads_reader_parse(&r, line, linelen, &rec))
			continue;
		if ((++nin & 1023) == 0)
			ads_progress("fitting", (long long)nin, -1);
		f = fit_form(rec);
		title = ads_json_str(rec, "title", &tn);
		if (ads_fields_key(&fs) != NULL)
			text = ads_json_str(rec, ads_fields_key(&fs), &n);
		else {
			ads_buf_reset(&tb);
			text = ads_fields_text(&fs, rec, &tb) > 0 ?
			    (tb.p != NULL ? tb.p : "") : NULL;
			n = tb.len;
		}
		if (text != NULL)
			nhave++;
		rel = fit_relevance(&plan, title, title ? tn : 0, text,
		    text ? n : 0);
		reason = NULL;
		if ((plan.forms & (1u << f)) == 0) {
			snprintf(rbuf, sizeof(rbuf), "form:%s", form_name(f));
			reason = rbuf;
		} else if (plan.nterms > 0 && rel < minrel)
			reason = "relevance";
		if (reason != NULL)
			dropped = bump(dropped, reason);
		if (reason != NULL && r.reject != NULL && !kflag) {
			/* Kept for a look, with the reason. */
			ads_buf_reset(&b);
			ads_json_emit(&b, annotate(jv_copy(rec), f, rel,
			    reason));
			ads_buf_addc(&b, '\n');
			if (fwrite(b.p, 1, b.len, r.reject) != b.len)
				ads_die_errno(ADS_SYSTEM, "%s", r.rejectpath);
		}
		if (reason != NULL && !kflag) {
			jv_free(rec);
			continue;
		}
		forms = bump(forms, form_name(f));
		nout++;
		if (kflag) {
			ads_out_record(ads_out_stdout(), annotate(rec, f, rel,
			    reason));
			continue;
		}
		/* A record that fits passes unchanged, byte for byte. */
		jv_free(rec);
		ads_out_write(ads_out_stdout(), line, linelen);
		ads_out_write(ads_out_stdout(), "\n", 1);
	}

	ads_fields_missing(&fs, nin, nhave);
	ads_buf_free(&tb);
	ads_fields_free(&fs);
	ads_buf_reset(&b);
	ads_buf_addf(&b, "%lu records in, %lu out", nin, nout);
	{
		int first = 1;

		jv_object_foreach(dropped, k, v) {
			ads_buf_addf(&b, "%s %.0f %s", first ? "; dropped:" :
			    ",", jv_number_value(v), jv_string_value(k));
			first = 0;
			jv_free(k);
			jv_free(v);
		}
		if (kflag && !first)
			ads_buf_adds(&b, " (kept with -k)");
	}
	ads_warn("%s", b.p);
	ads_buf_free(&b);
	extra = JV_OBJECT(jv_string("in"), jv_number(nin),
	    jv_string("out"), jv_number(nout),
	    jv_string("dropped"), dropped,
	    jv_string("forms"), forms,
	    jv_string("task"), plan.task ? jv_string(plan.task) : jv_null(),
	    jv_string("task_id"), plan.task_id ? jv_string(plan.task_id) :
	    jv_null(),
	    jv_string("min_relevance"), jv_number(plan.nterms ? minrel : 0),
	    jv_string("terms"), jv_number((double)plan.nterms));
	ads_progress_emit("done", (long long)nin, -1, extra);
	ads_progress_close();
	fit_plan_free(&plan);
	fit_free();
	return ads_reader_finish(&r);
}
