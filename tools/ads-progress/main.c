/*
 * ads-progress -- the live progress of an ads run: a bar per source and
 * stage on a terminal, one line per phase and per finished source
 * elsewhere, or JSON events with timestamps for job workers
 *
 * Each task NAME of the run has RUN/NAME.start, .end, .rc and .note
 * files, written by the driver, and its tool's ADS_PROGRESS lines in
 * PROG/NAME.jsonl; only the last line of that file is read.  The
 * program draws until it is sent SIGTERM or SIGINT, or until the
 * process -W names is gone, and then draws once more.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/util.h"
#include "progress.h"
#include "ads-progress-help.h"

#define USAGE "ads-progress [-hVx] [-a dir] [-b time] [-c card] " \
	"[-D where] [-d detail] [-e stage] [-f dir] [-i ms] [-K key] " \
	"[-k langs] [-m mode] [-n rows] [-o file] [-p dir] " \
	"[-R rounds,more] [-t stages] [-W pid] [-w sources]"

enum mode { M_TTY, M_JSON, M_LINES, M_SUMMARY, M_MERGE, M_CARD, M_END,
	M_CANCEL, M_MORE, M_FETCH };
/* Their names for -m, in that order. */
static const char *const modes[] = { "tty", "json", "lines", "summary",
	"merge", "card", "end", "cancel", "more", "fetch" };

struct task tasks[MAXTASK];
int ntasks;
const char *rundir = ".", *progdir = ".";
static enum mode mode = M_TTY;
static int xflag;		/* @@PROGRESS@@ prefix on JSON lines */
long long target;	/* rows asked, for the total bar */
FILE *out;
static int drawn;		/* tty: lines of the last frame */
static volatile sig_atomic_t stop, winch = 1;
static int cols = 80;

static void
onsig(int s)
{
	if (s == SIGWINCH)
		winch = 1;
	else
		stop = 1;
}

/* tail -- the last TAILMAX bytes of DIR/NAME.EXT, or "" (never NULL). */
char *
tail(const char *dir, const char *name, const char *ext)
{
	char *path = xasprintf("%s/%s%s", dir, name, ext), *buf;
	struct stat st;
	ssize_t n = 0;
	off_t at;
	int fd;

	buf = xmalloc(TAILMAX + 1);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd >= 0) {
		at = fstat(fd, &st) == 0 && st.st_size > TAILMAX ?
		    st.st_size - TAILMAX : 0;
		n = pread(fd, buf, TAILMAX, at);
		close(fd);
	}
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* slurp -- the last line of DIR/NAME.EXT (in its last TAILMAX bytes), or "". */
char *
slurp(const char *dir, const char *name, const char *ext)
{
	char *buf = tail(dir, name, ext), *p;
	size_t n = strlen(buf);

	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	p = strrchr(buf, '\n');
	if (p != NULL)
		memmove(buf, p + 1, strlen(p + 1) + 1);
	return buf;
}

/* exists -- DIR/NAME.EXT is a file. */
int
exists(const char *dir, const char *name, const char *ext)
{
	char *p = xasprintf("%s/%s%s", dir, name, ext);
	struct stat st;
	int r = stat(p, &st) == 0 && S_ISREG(st.st_mode);

	free(p);
	return r;
}

/* num -- o[k] as a number, or -1. */
long long
num(jv o, const char *k)
{
	double d;

	return ads_json_num(o, k, &d) == 0 && d >= 0 && d < 1e15 ?
	    (long long)d : -1;
}

/* str -- o[k] as a string into buf, or "". */
void
str(jv o, const char *k, char *buf, size_t len)
{
	const char *s = ads_json_str(o, k, NULL);

	snprintf(buf, len, "%s", s != NULL ? s : "");
}

/* The state of one task, as read from its files. */
struct row {
	char		 state[40];
	char		 note[256];
	long long	 done, total, req, retries, failed;
	long long	 start, end;
};

static long long
stamp(const char *name, const char *ext)
{
	char *s = slurp(rundir, name, ext), *e;
	long long v;

	errno = 0;
	v = strtoll(s, &e, 10);
	if (e == s || errno != 0)
		v = -1;
	free(s);
	return v;
}

/* clean -- s without control characters, which are the web's words. */
void
clean(char *s)
{
	char *d = s;

	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x20 && *s != 0x7f)
			*d++ = *s;
	*d = '\0';
}

static jv shardrow(const char *);

static void
readrow(const struct task *t, struct row *r)
{
	char *pl = slurp(progdir, t->name, ".jsonl");
	char *nt = slurp(rundir, t->name, ".note");
	char ph[32];
	const char *st;
	long long rc = stamp(t->name, ".rc");
	jv o;

	memset(r, 0, sizeof(*r));
	r->start = stamp(t->name, ".start");
	r->end = stamp(t->name, ".end");
	o = jv_parse(pl);
	if (jv_get_kind(o) != JV_KIND_OBJECT && !t->source) {
		/* A stage run over shards: its tasks' lines added up. */
		jv_free(o);
		o = shardrow(t->name);
	}
	if (jv_get_kind(o) != JV_KIND_OBJECT) {
		jv_free(o);
		o = jv_object();
	}
	str(o, "phase", ph, sizeof(ph));
	r->done = num(o, "out");
	if (r->done < 0)
		r->done = num(o, "done");
	r->total = num(o, "total");
	r->req = num(o, "requests");
	r->retries = num(o, "retries");
	r->failed = num(o, "failed");
	snprintf(r->note, sizeof(r->note), "%s", nt);
	if (*nt != '\0' && r->start < 0)
		st = strncmp(nt, "reused", 6) == 0 ? "reused" : "skipped";
	else if (rc < 0 && r->start < 0)
		st = "waiting";
	else if (rc < 0)
		st = *ph != '\0' && strcmp(ph, "done") != 0 ? ph : "running";
	else if (strcmp(ph, "skipped") == 0)
		st = "skipped";
	else if (rc == 0)
		st = "done";
	else if (rc == 1)
		st = "done*";
	else if (rc == 4)
		st = r->done > 0 ? "partial" : "failed";
	else
		st = "failed";
	snprintf(r->state, sizeof(r->state), "%s", st);
	if (strcmp(r->state, "skipped") == 0 && *r->note == '\0') {
		char why[200];

		str(o, "reason", why, sizeof(why));
		snprintf(r->note, sizeof(r->note), "%s", why);
	}
	jv_free(o);
	free(pl);
	free(nt);
	clean(r->note);
}

static int
finished(const struct row *r)
{
	return strcmp(r->state, "waiting") != 0 &&
	    strcmp(r->state, "running") != 0 && r->end >= 0 ? 1 :
	    strcmp(r->state, "skipped") == 0 || strcmp(r->state, "reused") == 0;
}

/* phase -- the brief's phase of a driver stage. */
static const char *
phase(const char *stage)
{
	if (strcmp(stage, "plan") == 0)
		return "Planning";
	if (strcmp(stage, "fetch") == 0)
		return "Collecting";
	if (strcmp(stage, "export") == 0)
		return "Assembling";
	if (strcmp(stage, "done") == 0)
		return "done";
	return "Refining";
}

/* phasenum -- the order of a stage's phase. */
static int
phasenum(const char *stage)
{
	const char *p = phase(stage);

	return strcmp(p, "Planning") == 0 ? 1 : strcmp(p, "Collecting") == 0 ?
	    2 : strcmp(p, "Refining") == 0 ? 3 : 4;
}

static void
timestamp(char *buf, size_t len)
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, len - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

/* event -- one JSON progress line. */
static void
event(const char *stage, const char *detail, const char *source,
    const struct row *r)
{
	const char *const keys[] = { "total", "requests", "failed" };
	char ts[40];
	jv o;
	int i;

	timestamp(ts, sizeof(ts));
	o = JV_OBJECT(jv_string("phase"), jv_string(phase(stage)),
	    jv_string("stage"), jv_string(stage),
	    jv_string("detail"), jv_string(detail),
	    jv_string("source"), source != NULL ? jv_string(source) : jv_null());
	if (r != NULL) {
		const long long v[] = { r->total, r->req, r->failed };

		o = jv_object_set(o, jv_string("state"), jv_string(r->state));
		o = jv_object_set(o, jv_string("done"),
		    jv_number(r->done < 0 ? 0 : (double)r->done));
		for (i = 0; i < 3; i++)
			if (v[i] >= 0)
				o = jv_object_set(o, jv_string(keys[i]),
				    jv_number((double)v[i]));
	}
	o = jv_object_set(o, jv_string("time"), jv_string(ts));
	o = jv_dump_string(o, 0);
	fprintf(out, "%s%s\n", xflag ? "@@PROGRESS@@ " : "",
	    jv_string_value(o));
	jv_free(o);
	fflush(out);
}

/* fmtnum -- n in at most 6 characters: 999999, 1.2M. */
static void
fmtnum(char *buf, size_t len, double n)
{
	if (n < 0)
		snprintf(buf, len, "-");
	else if (n < 1e5)
		snprintf(buf, len, "%.0f", n);
	else if (n < 1e6)
		snprintf(buf, len, "%.0fk", n / 1e3);
	else if (n < 1e9)
		snprintf(buf, len, "%.1fM", n / 1e6);
	else
		snprintf(buf, len, "%.1fG", n / 1e9);
}

static void
fmttime(char *buf, size_t len, long long s)
{
	if (s < 0)
		snprintf(buf, len, "-");
	else if (s < 60)
		snprintf(buf, len, "%llds", s);
	else if (s < 3600)
		snprintf(buf, len, "%lldm%02llds", s / 60, s % 60);
	else
		snprintf(buf, len, "%lldh%02lldm", s / 3600, s % 3600 / 60);
}

/* bar -- w cells, f of them full. */
static void
bar(char *buf, int w, double f)
{
	int i, full;

	if (w <= 0) {
		*buf = '\0';
		return;
	}
	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	full = (int)(f * (w - 2) + 0.5);
	buf[0] = '[';
	for (i = 0; i < w - 2; i++)
		buf[i + 1] = i < full ? '#' : '.';
	buf[w - 1] = ']';
	buf[w] = '\0';
}

/*
 * line -- one row of the table in at most cols - 1 columns: name,
 * state, bar, count, and as room allows rate, ETA, requests and time.
 */
static void
line(const char *name, const char *state, long long done, long long total,
    long long el, long long req, long long err)
{
	/* The optional columns: width, the bar they must leave, format. */
	static const struct {
		int		 w, minbar;
		const char	*fmt;
	} opt[4] = {
		{ 9, 10, " %8.8s" }, { 10, 10, " eta %5.5s" },
		{ 8, 20, " %7.7s" }, { 12, 20, " req %7.7s" }
	};
	char cnt[48], d[24], t[24], rate[32], eta[32], tm[32], rq[48];
	char b[256], buf[512];
	const char *val[4] = { rate, eta, tm, rq };
	double r = el > 0 && done > 0 ? (double)done / (double)el : -1;
	int w = cols - 1, namew = w >= 100 ? 14 : 10, fixed, bw, i;
	int show[4];

	fmtnum(d, sizeof(d), done < 0 ? 0 : (double)done);
	fmtnum(t, sizeof(t), (double)total);
	if (total >= 0)
		snprintf(cnt, sizeof(cnt), "%s/%s", d, t);
	else
		snprintf(cnt, sizeof(cnt), "%s", d);
	if (r > 0) {
		fmtnum(rate, sizeof(rate), r);
		strcat(rate, "/s");
	} else
		snprintf(rate, sizeof(rate), "-");
	fmttime(eta, sizeof(eta), r > 0 && total > done &&
	    strcmp(state, "done") != 0 ? (long long)((double)(total - done) / r) :
	    -1);
	fmttime(tm, sizeof(tm), el);
	snprintf(rq, sizeof(rq), "%lld/%lld", req < 0 ? 0 : req,
	    err < 0 ? 0 : err);
	/*
	 * name state count, then the optional columns while a bar of
	 * at least 10 cells still fits.
	 */
	fixed = namew + 1 + 8 + 1 + 1 + 11;
	bw = w - fixed;
	for (i = 0; i < 4; i++) {
		show[i] = bw - opt[i].w >= opt[i].minbar;
		if (show[i])
			bw -= opt[i].w;
	}
	if (bw > 50)
		bw = 50;
	if (bw < 3)
		bw = 0;
	bar(b, bw, total > 0 ? (double)(done < 0 ? 0 : done) / (double)total :
	    strcmp(state, "done") == 0);
	snprintf(buf, sizeof(buf), "%-*.*s %-8.8s %s%s%11.11s", namew, namew,
	    name, state, b, bw > 0 ? " " : "", cnt);
	for (i = 0; i < 4; i++)
		if (show[i])
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    opt[i].fmt, val[i]);
	if ((int)strlen(buf) > w)
		buf[w > 0 ? w : 0] = '\0';
	fprintf(out, "%s\033[K\n", buf);
}

static void
readwidth(void)
{
	struct winsize ws;
	const char *c;

	winch = 0;
	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		cols = ws.ws_col;
	else if ((c = getenv("COLUMNS")) != NULL && atoi(c) > 0)
		cols = atoi(c);
	if (cols < 20)
		cols = 20;
	if (cols > 400)
		cols = 400;
}

static void
draw(long long now)
{
	struct row r;
	long long sd = 0, st = 0, t0 = -1, req = 0, err = 0;
	int i, anytotal = 0;

	if (winch)
		readwidth();
	if (drawn > 0)
		fprintf(out, "\r\033[%dA", drawn);
	drawn = 0;
	for (i = 0; i < ntasks; i++) {
		readrow(&tasks[i], &r);
		if (tasks[i].source) {
			if (r.done > 0)
				sd += r.done;
			if (r.total > 0) {
				st += r.total;
				anytotal = 1;
			}
			if (r.start >= 0 && (t0 < 0 || r.start < t0))
				t0 = r.start;
			req += r.req > 0 ? r.req : 0;
			err += r.failed > 0 ? r.failed : 0;
		}
		line(tasks[i].name, r.state, r.done, r.total,
		    r.start < 0 ? -1 : (r.end >= 0 ? r.end : now) - r.start,
		    r.req, r.failed);
		drawn++;
	}
	if (target > 0 && !anytotal)
		st = target;
	line("total", sd >= st && st > 0 ? "done" : "", sd, st > 0 ? st : -1,
	    t0 < 0 ? -1 : now - t0, req, err);
	drawn++;
	/* What a narrower terminal wrapped of the last frame goes. */
	fprintf(out, "\033[J");
	fflush(out);
}

/* tell -- JSON or lines mode: report what changed since the last call. */
static void
tell(void)
{
	struct row r;
	char sig[64], detail[512], when[40];
	static int lastphase;
	int i, fin, ph;

	for (i = 0; i < ntasks; i++) {
		struct task *t = &tasks[i];

		readrow(t, &r);
		fin = finished(&r);
		snprintf(sig, sizeof(sig), "%s/%lld", r.state, r.done);
		if (strcmp(sig, t->sig) == 0)
			continue;
		snprintf(t->sig, sizeof(t->sig), "%s", sig);
		if (mode == M_JSON) {
			int n = snprintf(detail, sizeof(detail), "%s %s",
			    t->name, r.state);

			if (r.done >= 0)
				n += snprintf(detail + n, sizeof(detail) - n,
				    " %lld", r.done);
			if (r.total >= 0)
				n += snprintf(detail + n, sizeof(detail) - n,
				    "/%lld", r.total);
			if (strcmp(r.state, "skipped") == 0 && *r.note)
				snprintf(detail + n, sizeof(detail) - n,
				    ": %s", r.note);
			event(t->source ? "fetch" : t->name, detail,
			    t->source ? t->name : NULL, &r);
			continue;
		}
		/*
		 * Lines: a phase's start, and a task's end; again when the
		 * task ran again (a further round of fetching) and ended
		 * otherwise, so the last line of a task is its last round's,
		 * which the summary shows.
		 */
		if (strcmp(r.state, "waiting") == 0 ||
		    strcmp(r.state, "reused") == 0 ||
		    strcmp(t->told, sig) == 0)
			continue;
		timestamp(when, sizeof(when));
		when[19] = '\0';
		ph = phasenum(t->source ? "fetch" : t->name);
		if (ph > lastphase || (*t->told != '\0' && ph < lastphase)) {
			lastphase = ph;
			fprintf(out, "ads: %s %s\n", when + 11,
			    phase(t->source ? "fetch" : t->name));
		}
		if (!fin)
			continue;
		if (strcmp(r.state, "skipped") == 0)
			fprintf(out, "ads: %s %s: %s skipped: %s\n", when + 11,
			    t->source ? "Collecting" : phase(t->name), t->name,
			    strncmp(r.note, "skipped: ", 9) == 0 ? r.note + 9 :
			    *r.note ? r.note : "no reason given");
		else if (t->source)
			fprintf(out, "ads: %s Collecting: %s %s, %lld records"
			    "\n", when + 11, t->name, r.state,
			    r.done < 0 ? 0 : r.done);
		else
			fprintf(out, "ads: %s %s: %s %s, %lld out\n",
			    when + 11, phase(t->name), t->name, r.state,
			    r.done < 0 ? 0 : r.done);
		snprintf(t->told, sizeof(t->told), "%s", sig);
		fflush(out);
	}
}

/* shardthere -- true when task I of PHASE has a progress file. */
static int
shardthere(const char *ph, int i)
{
	char *path = xasprintf("%s/shard/%s.%d.jsonl", progdir, ph, i);
	int r = access(path, F_OK) == 0;

	free(path);
	return r;
}

/*
 * shardrow -- the records out (or done) and requests of the last lines
 * of a stage's shard tasks (PROG/shard/PHASE.I.jsonl) added up, while
 * ads-engine runs them: dedup's are those of its apply phase.
 */
static jv
shardrow(const char *stage)
{
	const char *ph = strcmp(stage, "dedup") == 0 ? "apply" : stage;
	long long done = 0, req = 0;
	int i, miss = 0;

	/* Tasks start in any order: a gap of 16 ends the list. */
	for (i = 0; miss < 16 && i < 1000000; i++) {
		char *n = xasprintf("shard/%s.%d", ph, i), *l;
		jv o;

		l = slurp(progdir, n, ".jsonl");
		free(n);
		if (*l == '\0') {
			free(l);
			miss = shardthere(ph, i) ? 0 : miss + 1;
			continue;
		}
		miss = 0;
		o = jv_parse(l);
		free(l);
		if (jv_get_kind(o) == JV_KIND_OBJECT) {
			long long c = num(o, "out");

			if (c < 0)
				c = num(o, "done");
			done += c > 0 ? c : 0;
			req += num(o, "requests") > 0 ? num(o, "requests") : 0;
		}
		jv_free(o);
	}
	return JV_OBJECT(jv_string("done"), jv_number((double)done),
	    jv_string("requests"), jv_number((double)req));
}

static void
addtasks(const char *list, int source)
{
	char *s = xstrdup(list), *p, *save = NULL;

	for (p = strtok_r(s, " ,", &save); p != NULL;
	    p = strtok_r(NULL, " ,", &save)) {
		if (ntasks == MAXTASK)
			ads_die(ADS_USAGE, "too many sources and stages");
		if (strchr(p, '/') != NULL || strcmp(p, "..") == 0)
			ads_die(ADS_USAGE, "%s: not a name", p);
		tasks[ntasks].name = xstrdup(p);
		tasks[ntasks].source = source;
		ntasks++;
	}
	free(s);
}

/*
 * follow -- draw (tty) or tell (lines, json) every interval ms until a
 * signal, or until the process pid is gone, and once more then.
 */
static void
follow(long long interval, long long pid)
{
	struct sigaction sa;
	struct timespec ts;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsig;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		int last = stop || (pid > 0 && kill((pid_t)pid, 0) != 0 &&
		    errno == ESRCH);

		if (mode == M_TTY)
			draw((long long)time(NULL));
		else
			tell();
		if (last || ferror(out))
			break;
		ts.tv_sec = interval / 1000;
		ts.tv_nsec = interval % 1000 * 1000000;
		nanosleep(&ts, NULL);
	}
}

/* modeof -- the mode named name (-m), or exit. */
static int
modeof(const char *name)
{
	int m;

	for (m = 0; m < (int)(sizeof(modes) / sizeof(modes[0])); m++)
		if (strcmp(name, modes[m]) == 0)
			return m;
	ads_die(ADS_USAGE, "-m: unknown mode: %s (tty, json, lines, summary, "
	    "merge, card, end, cancel, more or fetch)", name);
	return -1;
}

int
main(int argc, char *argv[])
{
	const char *estage = NULL, *detail = "", *ofile = NULL, *key = NULL;
	struct endinfo e = { NULL, "", 0, 0, -1, NULL, NULL };
	char *comma;
	long long interval = 500, pid = 0;
	int c;

	ads_setprogname(argv[0]);
	if (ads_getenv_nonempty("ADS_PROGRESS_INTERVAL") != NULL)
		interval = ads_optnum("ADS_PROGRESS_INTERVAL",
		    getenv("ADS_PROGRESS_INTERVAL"), 50, 60000);
	while ((c = getopt(argc, argv, "a:b:c:D:d:e:f:hi:K:k:m:n:o:p:R:t:VW:w:x"))
	    != -1) {
		switch (c) {
		case 'a':
			e.adsdir = optarg;
			rundir = xasprintf("%s/run", optarg);
			progdir = xasprintf("%s/progress", optarg);
			break;
		case 'b':
			e.t0 = ads_optnum("-b", optarg, 0, 1LL << 40);
			break;
		case 'c':
			e.card = optarg;
			break;
		case 'D':
			e.dataset = optarg;
			break;
		case 'K':
			key = optarg;
			break;
		case 'k':
			e.langs = optarg;
			break;
		case 'R':
			comma = strchr(optarg, ',');
			if (comma != NULL)
				*comma = '\0';
			e.rounds = ads_optnum("-R", optarg, 0, 1000);
			e.maxmore = comma == NULL ? 1000 :
			    ads_optnum("-R", comma + 1, 0, 1000);
			break;
		case 'd':
			detail = optarg;
			break;
		case 'e':
			estage = optarg;
			break;
		case 'f':
			rundir = optarg;
			break;
		case 'h':
			ads_usage(USAGE, 0);
			break;
		case 'i':
			interval = ads_optnum("-i", optarg, 50, 60000);
			break;
		case 'm':
			mode = (enum mode)modeof(optarg);
			break;
		case 'n':
			target = ads_optnum("-n", optarg, 0, 999999999);
			break;
		case 'o':
			ofile = optarg;
			break;
		case 'p':
			progdir = optarg;
			break;
		case 't':
			addtasks(optarg, 0);
			break;
		case 'V':
			ads_version();
			break;
		case 'W':
			pid = ads_optnum("-W", optarg, 1, 1 << 30);
			break;
		case 'w':
			addtasks(optarg, 1);
			break;
		case 'x':
			xflag = 1;
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	if (optind != argc)
		ads_usage(USAGE, ADS_USAGE);
	out = stdout;
	if (ofile != NULL && (out = fopen(ofile, "a")) == NULL)
		ads_die_errno(ADS_SYSTEM, "%s", ofile);
	if (estage != NULL) {
		event(estage, detail, NULL, NULL);
		return ferror(out) ? ADS_SYSTEM : 0;
	}
	if (mode >= M_CARD && e.adsdir == NULL)
		ads_die(ADS_USAGE, "-m %s: the run's folder is needed (-a)",
		    modes[mode]);
	if (mode == M_FETCH && key == NULL)
		ads_die(ADS_USAGE, "-m fetch: the stamp is needed (-K)");
	if (mode == M_CANCEL)
		cancelreport(e.adsdir);
	else if (mode == M_MORE)
		moresources(e.adsdir);
	else if (mode == M_FETCH)
		fetchround(e.adsdir, e.rounds, key);
	if (mode >= M_CANCEL)
		return ferror(out) ? ADS_SYSTEM : 0;
	if (mode == M_CARD) {
		cardlines(&e);
		return ferror(out) ? ADS_SYSTEM : 0;
	}
	if (mode == M_END) {
		c = endsummary(&e);
		return ferror(out) ? ADS_SYSTEM : c;
	}
	if (mode == M_MERGE) {
		merge();
		return ferror(out) ? ADS_SYSTEM : 0;
	}
	if (mode == M_SUMMARY) {
		summary();
		return ferror(out) ? ADS_SYSTEM : 0;
	}
	follow(interval, pid);
	return ferror(out) ? ADS_SYSTEM : 0;
}
