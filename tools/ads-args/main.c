/*
 * ads-args -- the command line and the config file of ads(1), checked,
 * as assignments for sh
 *
 * The driver runs eval "$(ads-args -- "$@")": every value is printed in
 * single quotes (ads_buf_addsh), so nothing of the user's is ever run or
 * expanded by that eval.  A usage error prints the message and the
 * driver's usage on stderr and exits 2, with nothing on stdout; -h and
 * -V of ads print sh that prints ads's help or version.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/buf.h"
#include "../../common/jsonl.h"
#include "../../common/util.h"
#include "args.h"
/* The driver's option list, from man/ads.1, beside this tool's own. */
#define ads_help ads_driver_help
#include "ads-help.h"
#undef ads_help
#include "ads-args-help.h"

#define USAGE "ads-args [-hV] [--] [argument ...]"
#define DRIVER_USAGE "ads [-ad] [--force] [--progress-fd fd] " \
	"[--progress-file file] [--prompt text] [-c mode] [-E engine] " \
	"[-F forms] [-f format] [-j jobs] [-m quality] [-n rows] [-o dir] " \
	"[-P mode] [-p plan] [-R relevance] [-S seed] [-w sources] [-y] " \
	"[prompt ...]"

static const char *const sources_all[] = { "wikipedia", "reddit",
    "youtube", "kaggle", "huggingface", "arxiv", "news", "github",
    "semanticscholar", "commoncrawl" };
#define NSOURCES (sizeof(sources_all) / sizeof(sources_all[0]))

/* The long options: the short letter they stand for, or their own name. */
static const struct lopt {
	const char	*name, *key;
	int		 val;
} lopts[] = {
	{ "all-languages", "a", 0 }, { "cache", "c", 1 },
	{ "dry-run", "d", 0 }, { "engine", "E", 1 }, { "forms", "F", 1 },
	{ "format", "f", 1 }, { "help", "h", 0 }, { "jobs", "j", 1 },
	{ "min-quality", "m", 1 }, { "rows", "n", 1 },
	{ "target-rows", "n", 1 }, { "output", "o", 1 },
	{ "progress", "P", 1 }, { "plan", "p", 1 }, { "relevance", "R", 1 },
	{ "seed", "S", 1 }, { "sources", "w", 1 }, { "version", "V", 0 },
	{ "yes", "y", 0 }, { "force", "force", 0 },
	{ "progress-fd", "progress-fd", 1 },
	{ "progress-file", "progress-file", 1 }, { "prompt", "prompt", 1 },
};
#define VALLETTERS "cEFfjmnoPpRSw"
#define FLAGLETTERS "adhVy"

static const char *cache, *format, *jobs, *sources, *engine = "",
    *minq = "", *rows = "", *outdir = "dataset", *progress = "auto",
    *pfd = "", *pfile = "", *planfile = "", *fitforms = "", *fitmin = "",
    *seed = "1";
static int alllangs, dry, force, yes;
static struct ads_buf prompt, out;

/* bad -- "ads: message", the driver's usage on stderr, exit 2. */
static void ADS_NORETURN ADS_PRINTF(1, 2)
bad(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", ads_progname());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	ads_usage(DRIVER_USAGE, ADS_USAGE);
}

/* say -- print sh that prints s on stdout, and exit 0 (-h, -V). */
static void ADS_NORETURN
say(const char *s)
{
	struct ads_buf b = ADS_BUF_INIT;

	ads_buf_adds(&b, "printf '%s' ");
	ads_buf_addsh(&b, s, strlen(s), 0);
	ads_buf_adds(&b, "\nexit 0\n");
	if (fwrite(b.p, 1, b.len, stdout) != b.len || fflush(stdout) != 0)
		ads_die_errno(ADS_SYSTEM, "stdout");
	exit(0);
}

static void
opt(const char *k, const char *v)
{
	if (strcmp(k, "h") == 0)
		say(xasprintf("usage: %s\n\n%s", DRIVER_USAGE,
		    ads_driver_help));
	else if (strcmp(k, "V") == 0)
		say(xasprintf("ads (ads) %s\n", ADS_VERSION_STRING));
	else if (strcmp(k, "prompt") == 0) {
		if (prompt.len > 0)
			ads_buf_addc(&prompt, ' ');
		ads_buf_adds(&prompt, v);
	}
#define S(name, var) else if (strcmp(k, name) == 0) var = v;
	S("c", cache) S("E", engine) S("F", fitforms) S("f", format)
	S("j", jobs) S("m", minq) S("n", rows) S("o", outdir)
	S("P", progress) S("progress-fd", pfd) S("progress-file", pfile)
	S("p", planfile) S("R", fitmin) S("S", seed) S("w", sources)
#undef S
#define F(name, var) else if (strcmp(k, name) == 0) var = 1;
	F("a", alllangs) F("d", dry) F("force", force) F("y", yes)
#undef F
}

/* longopt -- --NAME or --NAME=VALUE; the value may be argv[*i + 1]. */
static void
longopt(const char *s, int argc, char **argv, int *i)
{
	const char *eq = strchr(s, '=');
	size_t kn = eq != NULL ? (size_t)(eq - s) : strlen(s), j;
	const struct lopt *l = NULL;

	for (j = 0; j < sizeof(lopts) / sizeof(lopts[0]); j++)
		if (strlen(lopts[j].name) == kn &&
		    memcmp(lopts[j].name, s, kn) == 0)
			l = &lopts[j];
	if (l == NULL)
		bad("unknown option: --%s", s);
	if (!l->val && eq != NULL)
		bad("option --%s takes no value", l->name);
	if (!l->val)
		opt(l->key, NULL);
	else if (eq != NULL)
		opt(l->key, eq + 1);
	else if (*i + 1 < argc)
		opt(l->key, argv[++*i]);
	else
		bad("option --%s needs a value", s);
}

/*
 * parse -- the options as getopts(1) reads them, with --NAME[=VALUE];
 * an operand joins the prompt and the options go on after it; "--"
 * ends them.
 */
static void
parse(int argc, char **argv)
{
	const char *a, *p;
	char k[2] = "";
	int i;

	for (i = 0; i < argc; i++) {
		a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				opt("prompt", argv[i]);
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			opt("prompt", a);
			continue;
		}
		for (p = a + 1; *p != '\0'; p++) {
			k[0] = *p;
			if (*p == '-' || strchr(VALLETTERS, *p) != NULL) {
				if (p[1] == '\0' && i + 1 >= argc)
					bad("option -%c needs a value", *p);
				a = p[1] != '\0' ? p + 1 : argv[++i];
				if (*p == '-')
					longopt(a, argc, argv, &i);
				else
					opt(k, a);
				break;
			}
			if (strchr(FLAGLETTERS, *p) == NULL)
				bad("unknown option: -%c", *p);
			opt(k, NULL);
		}
	}
}

static int
oneof(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}
#define ONEOF(s, ...) oneof(s, (const char *const[]){ __VA_ARGS__ }, \
	sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

/* addq -- one word of the command line, quoted when it needs to be. */
static void
addq(struct ads_buf *b, const char *s)
{
	ads_buf_addc(b, ' ');
	ads_buf_addsh(b, s, strlen(s), 1);
}

/* takesval -- word is an option whose value is the next word. */
static int
takesval(const char *w)
{
	size_t j;

	if (w[0] == '-' && w[1] != '-' && w[1] != '\0' && w[2] == '\0')
		return strchr(VALLETTERS, w[1]) != NULL;
	for (j = 0; w[0] == '-' && w[1] == '-' &&
	    j < sizeof(lopts) / sizeof(lopts[0]); j++)
		if (lopts[j].val && strcmp(w + 2, lopts[j].name) == 0)
			return 1;
	return 0;
}

/*
 * cmdline -- the command line for the card and the hint to continue:
 * without -d and --force, which change nothing in the dataset.
 */
static void
cmdline(int argc, char **argv, struct ads_buf *b)
{
	int i, val = 0;

	ads_buf_adds(b, "ads");
	for (i = 0; i < argc; i++) {
		if (val == 0) {
			if (ONEOF(argv[i], "-d", "--dry-run", "--force"))
				continue;
			if (takesval(argv[i]))
				val = 1;
			if (strcmp(argv[i], "--") == 0)
				val = -1;
		} else if (val == 1)
			val = 0;
		addq(b, argv[i]);
	}
}

/* Names a shell sets itself: a config file's line does not reach them. */
static int
shellvar(const char *k)
{
	return ONEOF(k, "PPID", "OPTIND", "LINENO", "PWD");
}

/*
 * config -- ADS_CONFIG or ~/.config/ads/config: each setting the
 * environment does not have goes into it and out as an export line.
 */
static void
config(void)
{
	const char *home = ads_getenv_nonempty("HOME");
	const char *path = ads_getenv_nonempty("ADS_CONFIG");
	char *own = NULL, *line = NULL, *k, *v;
	unsigned long ln = 0;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	if (path == NULL && home != NULL)
		path = own = xasprintf("%s/.config/ads/config", home);
	if (path == NULL)
		return;
	f = fopen(path, "r");
	if (f == NULL && own == NULL)
		ads_die(ADS_SYSTEM, "ADS_CONFIG: cannot read %s", path);
	if (f == NULL) {
		free(own);
		return;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		ln++;
		if (line[n - 1] == '\n')
			n--;
		switch (conf_line(line, (size_t)n, getenv("HOME"), &k, &v)) {
		case CONF_BAD:
			ads_locwarn(path, ln, "not a setting of ads: %s", k);
			break;
		case CONF_SET:
			if (getenv(k) != NULL || shellvar(k))
				break;
			if (setenv(k, v, 1) != 0)
				ads_die_errno(ADS_SYSTEM, "%s", k);
			ads_buf_addf(&out, "export %s=", k);
			ads_buf_addsh(&out, v, strlen(v), 0);
			ads_buf_addc(&out, '\n');
			break;
		case CONF_SKIP:
			break;
		}
		free(k);
		free(v);
	}
	if (ferror(f) && own == NULL)
		ads_die(ADS_SYSTEM, "ADS_CONFIG: cannot read %s", path);
	fclose(f);
	free(line);
	free(own);
}

static int
isnum(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 0 && s[n] == '\0' && n <= 9;
}

/* frac -- s is a decimal number from 0 to max: 3, .5, 0.25. */
static int
frac(const char *s, double max)
{
	size_t n = strspn(s, "0123456789");

	if (s[n] == '.' && s[n + 1] != '\0')
		n += 1 + strspn(s + n + 1, "0123456789");
	else if (n == 0)
		return 0;
	return s[n] == '\0' && s[n - 1] != '.' && strtod(s, NULL) <= max;
}

/* wanted -- the name of source i is among the words of -w. */
static int
wanted(size_t i)
{
	const char *p = sources;
	size_t n, len = strlen(sources_all[i]);

	for (; *p != '\0'; p += n) {
		p += strspn(p, ", \t\n");
		n = strcspn(p, ", \t\n");
		if (n == len && memcmp(p, sources_all[i], n) == 0)
			return 1;
	}
	return 0;
}

/* checksources -- every word of -w names a source; the sources of -w
 * (run) and all (all), in the driver's order. */
static void
checksources(struct ads_buf *run, struct ads_buf *all)
{
	const char *p = sources;
	size_t i, n;

	for (i = 0; i < NSOURCES; i++) {
		ads_buf_adds(all, i > 0 ? " " : "");
		ads_buf_adds(all, sources_all[i]);
		if (wanted(i)) {
			ads_buf_addc(run, ' ');
			ads_buf_adds(run, sources_all[i]);
		}
	}
	for (; *p != '\0'; p += n) {
		p += strspn(p, ", \t\n");
		n = strcspn(p, ", \t\n");
		for (i = 0; n > 0 && i < NSOURCES; i++)
			if (strlen(sources_all[i]) == n &&
			    memcmp(p, sources_all[i], n) == 0)
				break;
		if (n > 0 && i == NSOURCES)
			bad("-w: unknown source: %.*s (one of: %s)", (int)n, p,
			    all->p);
	}
}

/* check -- every value, in the order and words of ads(1). */
static void
check(void)
{
	if (!ONEOF(cache, "use", "refresh", "off", "only"))
		bad("-c: unknown cache mode: %s (use, refresh, off or only)",
		    cache);
	if (!ONEOF(engine, "", "local", "parallel", "slurm"))
		bad("-E: unknown engine: %s (local, parallel or slurm)",
		    engine);
	if (!ONEOF(format, "jsonl", "jsonl.zst", "csv", "parquet"))
		bad("-f: unknown format: %s (parquet, csv, jsonl or "
		    "jsonl.zst)", format);
	if (!ONEOF(progress, "auto", "tty", "json", "lines", "none"))
		bad("-P: unknown progress mode: %s (auto, tty, lines, json "
		    "or none)", progress);
	if (fitforms[strspn(fitforms, "abcdefghijklmnopqrstuvwxyz,-")] != 0)
		bad("-F: forms are names separated by commas: %s", fitforms);
	if (*pfd != '\0' && !(pfd[0] >= '3' && pfd[0] <= '9' && pfd[1] == 0))
		bad("--progress-fd: a descriptor from 3 to 9: %s", pfd);
	if (!isnum(jobs) || atoi(jobs) < 1 || atoi(jobs) > 64)
		bad("-j: jobs must be a number from 1 to 64: %s", jobs);
	if (*minq != '\0' && !frac(minq, 1))
		bad("-m: quality must be a number from 0 to 1: %s", minq);
	if (*fitmin != '\0' && !frac(fitmin, 100))
		bad("-R: relevance must be a number from 0 to 100: %s",
		    fitmin);
	if (*rows != '\0' && (!isnum(rows) || atoi(rows) < 1))
		bad("-n: rows must be a number from 1 to 999999999: %s",
		    rows);
	if (!isnum(seed))
		bad("-S: seed must be a number from 0 to 999999999: %s",
		    seed);
	if (*outdir == '\0')
		bad("-o: the output directory is empty");
	if (*pfd != '\0' && *pfile != '\0')
		bad("--progress-fd and --progress-file: one or the other");
}

/* var -- NAME='value' on the output. */
static void
var(const char *name, const char *v)
{
	ads_buf_addf(&out, "%s=", name);
	ads_buf_addsh(&out, v, strlen(v), 0);
	ads_buf_addc(&out, '\n');
}

/* dotslash -- a path that begins with - never reaches a command as an
 * option: ./PATH. */
static const char *
dotslash(const char *s)
{
	return s[0] == '-' ? xasprintf("./%s", s) : s;
}

/*
 * outcheck -- OUT, when there, is a folder, and one that ads wrote
 * (OUT/.ads or OUT/dataset_card.json), or empty, or --force says to
 * write there anyway; or exit 2.
 */
static void
outcheck(void)
{
	struct stat st;
	struct dirent *d;
	char *a, *c;
	DIR *dir;
	int empty = 1;

	if (lstat(outdir, &st) != 0)
		return;
	if (stat(outdir, &st) != 0 || !S_ISDIR(st.st_mode))
		ads_die(ADS_USAGE, "-o: %s exists and is not a folder", outdir);
	a = xasprintf("%s/.ads", outdir);
	c = xasprintf("%s/dataset_card.json", outdir);
	if (!force && lstat(a, &st) != 0 && stat(c, &st) != 0 &&
	    (dir = opendir(outdir)) != NULL) {
		while (empty && (d = readdir(dir)) != NULL)
			empty = strcmp(d->d_name, ".") == 0 ||
			    strcmp(d->d_name, "..") == 0;
		closedir(dir);
		if (!empty)
			ads_die(ADS_USAGE, "-o: %s holds files ads did not "
			    "write; its data/ and README.md would be replaced "
			    "(use --force to write there anyway)", outdir);
	}
	free(a);
	free(c);
}

/* llm -- the LLM of ads-label and ads-synth: ADS_LLM_URL or a key. */
static const char *
llm(void)
{
	static const char *const keys[][2] = { { "ADS_LLM_URL", "llm" },
	    { "OPENAI_API_KEY", "openai" },
	    { "ANTHROPIC_API_KEY", "anthropic" },
	    { "GEMINI_API_KEY", "gemini" },
	    { "OPENROUTER_API_KEY", "openrouter" } };
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (ads_getenv_nonempty(keys[i][0]) != NULL)
			return keys[i][1];
	return "none";
}

/* finish -- the checks that need the others, the paths, the progress. */
static void
finish(void)
{
	struct ads_buf run = ADS_BUF_INIT, all = ADS_BUF_INIT;
	const char *p = prompt.p != NULL ? prompt.p : "";
	int tostdout = strcmp(outdir, "-") == 0;

	checksources(&run, &all);
	if (*p != '\0' && p[strspn(p, " \t\n\v\f\r")] == '\0')
		bad("the prompt is only white space");
	if (*p == '\0' && *planfile == '\0')
		bad("a prompt or -p plan is needed");
	if (tostdout && strcmp(progress, "json") == 0 && *pfd == '\0' &&
	    *pfile == '\0')
		bad("-o - -P json: give the progress --progress-fd or "
		    "--progress-file");
	if (tostdout)
		format = "jsonl";
	else
		outdir = dotslash(outdir);
	if (planfile[0] == '-' && planfile[1] != '\0')
		planfile = dotslash(planfile);
	if (*planfile != '\0' && strcmp(planfile, "-") != 0 &&
	    access(planfile, R_OK) != 0)
		ads_die(ADS_SYSTEM, "%s: cannot read the plan", planfile);
	if (*pfd != '\0' && fcntl(pfd[0] - '0', F_GETFD) == -1)
		bad("--progress-fd: %s is not open", pfd);
	pfile = dotslash(pfile);
	if (!tostdout)
		outcheck();
	if ((*pfd != '\0' || *pfile != '\0') && strcmp(progress, "auto") == 0)
		progress = "json";
	if (strcmp(progress, "auto") == 0)
		progress = isatty(2) ? "tty" : "lines";
	var("cache", cache);
	var("format", format);
	var("jobs", jobs);
	var("all_sources", all.p);
	var("run_sources", run.p != NULL ? run.p : "");
	var("engine", engine);
	var("minq", minq);
	var("rows", rows);
	var("out", outdir);
	var("progress", progress);
	var("pfd", pfd);
	var("pfile", pfile);
	var("px", *pfd != '\0' || *pfile != '\0' ? "" : "-x");
	var("planfile", planfile);
	var("fitforms", fitforms);
	var("fitmin", fitmin);
	var("seed", seed);
	var("prompt", p);
	var("llm", llm());
	ads_buf_addf(&out, "alllangs=%d dry=%d yes=%d tostdout=%d\n",
	    alllangs, dry, yes, tostdout);
	ads_buf_free(&run);
	ads_buf_free(&all);
}

int
main(int argc, char **argv)
{
	struct ads_buf cmd = ADS_BUF_INIT;
	int c;

	ads_setprogname(argv[0]);
	while ((c = getopt(argc, argv, "+hV")) != -1)
		switch (c) {
		case 'h':
			ads_usage(USAGE, 0);
			/* NOTREACHED */
		case 'V':
			ads_version();
			/* NOTREACHED */
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	argc -= optind;
	argv += optind;
	/* From here on the messages are the driver's. */
	ads_setprogname("ads");
	cmdline(argc, argv, &cmd);
	config();
	cache = ads_getenv_nonempty("ADS_CACHE");
	format = ads_getenv_nonempty("ADS_FORMAT");
	jobs = ads_getenv_nonempty("ADS_JOBS");
	sources = ads_getenv_nonempty("ADS_SOURCES");
	cache = cache != NULL ? cache : "use";
	format = format != NULL ? format : "parquet";
	jobs = jobs != NULL ? jobs : "8";
	sources = sources != NULL ? sources : "";
	parse(argc, argv);
	check();
	finish();
	var("cmdline", cmd.p);
	if (fwrite(out.p, 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0)
		ads_die_errno(ADS_SYSTEM, "stdout");
	ads_buf_free(&cmd);
	ads_buf_free(&out);
	ads_buf_free(&prompt);
	return 0;
}
