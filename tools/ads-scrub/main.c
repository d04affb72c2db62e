/*
 * ads-scrub -- replace personal data and secrets in JSON Lines records
 *
 * Reads records, cleans the chosen string fields with the matcher of
 * scrub.c, adds the per-record "pii" counts and writes the records
 * back, every other field unchanged and in order.  See ads-scrub(1).
 */
#include <getopt.h>
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
#include "../../common/rawjson.h"
#include "../../common/util.h"
#include "scrub.h"
#include "ads-scrub-help.h"

#define USAGE "ads-scrub [-sU] [-a allowfile] [-K keyfile] " \
	"[-k kind[,kind ...]] [-m mode] [-P name=regex]\n" \
	"[-r rejectfile] [-T path[,path ...]] [file ...]"

static struct scrub sc;
static struct ads_fields fs;
static const char *fields[ADS_FIELD_MAX];
static int nfields;

/* slurp -- the whole of path, or exit ADS_SYSTEM. */
static char *
slurp(const char *path, size_t *len)
{
	struct ads_in *in;
	char *p;

	in = ads_in_open(path);
	if (in == NULL)
		ads_die_errno(ADS_SYSTEM, "%s", path);
	p = ads_in_slurp(in, 64UL * 1024 * 1024, len);
	if (p == NULL)
		ads_die(ADS_SYSTEM, "%s: %s", path, ads_in_error(in));
	ads_in_close(in);
	return p;
}

/* loadallow -- one literal value per line; empty lines are ignored. */
static void
loadallow(const char *path)
{
	char *p, *q, *e;
	size_t len;

	p = slurp(path, &len);
	for (q = p; q < p + len; q = e + 1) {
		e = memchr(q, '\n', (size_t)(p + len - q));
		if (e == NULL)
			e = p + len;
		if (e > q && e[-1] == '\r')
			e[-1] = '\0';
		if (e > q && *q != '\0')
			scrub_allow(&sc, q, strnlen(q, (size_t)(e - q)));
	}
	free(p);
}

/* loadkey -- the pseudonym key: the file's bytes, a final newline off. */
static void
loadkey(const char *path)
{
	char *p;
	size_t len;

	p = slurp(path, &len);
	while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
		len--;
	if (len < 16) {
		free(p);
		ads_die(ADS_USAGE, "%s: key too short (at least 16 bytes)",
		    path);
	}
	sc.key = (unsigned char *)p;
	sc.keylen = len;
}

/* The counts of the run, for the summary. */
static struct {
	unsigned long	*counts;	/* this record's, per kind */
	unsigned long	*total;		/* the run's, per kind */
	unsigned long	 nout, ndrop, nwith, nfast, nhave;
} tally;

static struct ads_raw raw = ADS_RAW_INIT;
static struct ads_buf out = ADS_BUF_INIT;

/* options -- read the options into sc and fs; the mode is returned. */
static int
options(int argc, char *argv[], struct ads_reader *r)
{
	static const struct option lopts[] = {
		{ "allow",	required_argument,	NULL,	'a' },
		{ "field",	required_argument,	NULL,	'T' },
		{ "key",	required_argument,	NULL,	'K' },
		{ "kinds",	required_argument,	NULL,	'k' },
		{ "mode",	required_argument,	NULL,	'm' },
		{ "pattern",	required_argument,	NULL,	'P' },
		{ "text",	required_argument,	NULL,	'T' },
		ADS_STD_LONGOPTS,
		{ NULL,		0,			NULL,	0 }
	};
	/* The names of -m, in the order of enum scrub_mode. */
	static const char *const modes[] = { "tag", "mask", "hash", "drop" };
	const char *keyfile = NULL;
	char err[512];
	int c, mode = -1;

	while ((c = getopt_long(argc, argv, "a:f:K:k:m:P:T:" ADS_STD_OPTS,
	    lopts, NULL)) != -1) {
		if (ads_reader_opt(r, c, optarg, USAGE))
			continue;
		switch (c) {
		case 'a':
			loadallow(optarg);
			break;
		case 'f':	/* the former name of -T */
		case 'T':
			ads_fields_opt(&fs, c == 'f' ? "-f" : "-T", optarg);
			break;
		case 'K':
			keyfile = optarg;
			break;
		case 'k':
			if (scrub_kinds(optarg, &sc.kinds, err,
			    sizeof(err)) == -1)
				ads_die(ADS_USAGE, "-k: unknown kind: %s", err);
			break;
		case 'm':
			for (mode = MODE_TAG; mode <= MODE_DROP &&
			    strcmp(optarg, modes[mode]) != 0; mode++)
				;
			if (mode > MODE_DROP)
				ads_die(ADS_USAGE, "-m: unknown mode: %s "
				    "(tag, mask, hash or drop)", optarg);
			break;
		case 'P':
			if (scrub_add_pattern(&sc, optarg, err,
			    sizeof(err)) == -1)
				ads_die(ADS_USAGE, "-P: %s", err);
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	if (mode == -1)
		mode = keyfile != NULL ? MODE_HASH : MODE_TAG;
	if (mode == MODE_HASH && keyfile == NULL)
		ads_die(ADS_USAGE, "-m hash needs a key: -K keyfile");
	if (keyfile != NULL && mode != MODE_HASH)
		ads_die(ADS_USAGE, "-K is for -m hash");
	if (keyfile != NULL)
		loadkey(keyfile);
	return mode;
}

/*
 * scrubline -- clean one line and write it, unless it is malformed or
 * dropped for its findings.  fastpath says a canonical line may skip
 * libjq (rawjson.h); textreq that a "text" is required.
 */
static void
scrubline(struct ads_reader *r, char *line, size_t linelen, int fastpath,
    int textreq)
{
	size_t nk = (size_t)scrub_nkinds(&sc), found, reached;
	jv rec;
	int i, fast;

	memset(tally.counts, 0, nk * sizeof(*tally.counts));
	/* Canonical lines skip libjq (rawjson.h); others take it. */
	fast = fastpath && ads_reader_scan(r, &raw, line, linelen) ==
	    ADS_RAW_CANONICAL && scrub_record_raw(&sc, &raw, line, linelen,
	    fields, nfields, tally.counts, &found, &out);
	if (fast) {
		ads_reader_count(r);
		tally.nfast++;
		rec = jv_null();
		/* A required "text" is there: no look needed. */
		for (i = textreq ? nfields : 0; i < nfields; i++) {
			long t = ads_raw_find(&raw, line, fields[i]);

			if (t >= 0 && raw.m[t].kind == '"')
				break;
		}
		if (textreq || i < nfields)
			tally.nhave++;
	} else {
		memset(tally.counts, 0, nk * sizeof(*tally.counts));
		if (!ads_reader_parse(r, line, linelen, &rec))
			return;
		rec = scrub_record_jv(&sc, rec, &fs, tally.counts, &found,
		    &reached);
		if (reached > 0)
			tally.nhave++;
	}
	for (i = 0; i < (int)nk; i++)
		tally.total[i] += tally.counts[i];
	if (found > 0)
		tally.nwith++;
	if (found > 0 && sc.mode == MODE_DROP) {
		tally.ndrop++;
		jv_free(rec);
		return;
	}
	if (fast)
		ads_out_write(ads_out_stdout(), out.p, out.len);
	else
		ads_out_record(ads_out_stdout(), rec);
	tally.nout++;
	ads_progress("scrubbing", (long long)r->nrecords, -1);
}

/* summary -- the final progress line, then the counts on stderr. */
static void
summary(const struct ads_reader *r)
{
	jv extra, tot;
	int i, k;

	tot = scrub_counts(&sc, jv_object(), tally.total);
	extra = JV_OBJECT(jv_string("in"), jv_number((double)r->nrecords),
	    jv_string("out"), jv_number((double)tally.nout),
	    jv_string("dropped"), tally.ndrop > 0 ? JV_OBJECT(jv_string("pii"),
	    jv_number((double)tally.ndrop)) : jv_object(),
	    jv_string("malformed"), jv_number((double)r->nbad),
	    jv_string("with_pii"), jv_number((double)tally.nwith),
	    jv_string("pii"), jv_copy(tot),
	    jv_string("fastpath"), jv_number((double)tally.nfast));
	ads_progress_emit("done", (long long)r->nrecords, -1, extra);
	ads_progress_close();

	ads_buf_reset(&out);
	ads_buf_addf(&out, "%lu records, %lu with PII, %lu dropped",
	    r->nrecords, tally.nwith, tally.ndrop);
	for (k = 0, i = 0; k < scrub_nkinds(&sc); k++)
		if (tally.total[k] > 0)
			ads_buf_addf(&out, "%s %s %lu", i++ == 0 ? ";" : ",",
			    scrub_kind_name(&sc, k), tally.total[k]);
	ads_warn("%s", out.p);
	jv_free(tot);
}

int
main(int argc, char *argv[])
{
	struct ads_reader r;
	char err[512], *line;
	size_t linelen;
	int i, level, fastpath, textreq;

	ads_setprogname(argv[0]);
	ads_reader_init(&r);
	scrub_init(&sc);
	sc.mode = options(argc, argv, &r);
	ads_fields_default(&fs, ".text,.title");
	r.require = ads_fields_require(&fs);
	textreq = r.require[2] != NULL;
	/* Top-level names only: the raw line's fast path. */
	for (i = 0; i < fs.n && ads_field_key(&fs.f[i]) != NULL; i++)
		fields[nfields++] = ads_field_key(&fs.f[i]);
	if (scrub_compile(&sc, err, sizeof(err)) == -1)
		ads_die(ADS_SYSTEM, "%s", err);
	tally.counts = xcalloc((size_t)scrub_nkinds(&sc),
	    sizeof(*tally.counts));
	tally.total = xcalloc((size_t)scrub_nkinds(&sc), sizeof(*tally.total));
	ads_progress_init(NULL);
	ads_reader_open(&r, argc - optind, argv + optind);

	fastpath = ads_getenv_nonempty("ADS_NO_FASTPATH") == NULL &&
	    nfields == fs.n && scrub_fastok(fields, nfields);
	while (ads_reader_nextline(&r, &line, &linelen))
		scrubline(&r, line, linelen, fastpath, textreq);
	ads_fields_missing(&fs, r.nrecords, tally.nhave);
	level = ads_reader_finish(&r);
	summary(&r);
	ads_buf_free(&out);
	free(tally.counts);
	free(tally.total);
	ads_raw_free(&raw);
	scrub_free(&sc);
	ads_fields_free(&fs);
	return level;
}
