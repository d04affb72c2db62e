/*
 * ads-worker -- run the dataset jobs of a PostgreSQL table (ads-worker(1))
 *
 * The web app queues jobs as rows of dataset_jobs (scripts/
 * dataset_jobs.sql).  A worker claims the oldest pending one with FOR
 * UPDATE SKIP LOCKED, so any number of workers on any number of machines
 * share one table, runs `ads -P json` for it, and turns the driver's
 * @@PROGRESS@@ lines into the job's progress column, at most once a
 * second and at every phase change.  Each of those updates renews the
 * job's lease and reads its cancel flag; a job whose worker died goes
 * back to pending when its lease expires, and the next worker resumes it
 * from the .ads state of its output folder.
 *
 * Every statement is a constant string with parameters: nothing of a
 * job's text is ever part of SQL, a shell command or a path (the output
 * folder is named from the job's id, checked to be a UUID or a number).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jv.h>
#include <libpq-fe.h>

#include "../../common/buf.h"
#include "../../common/jsonl.h"
#include "../../common/progress.h"
#include "../../common/util.h"
#include "worker.h"
#include "ads-worker-help.h"

#define USAGE "ads-worker [-1e] [-a ads] [-d dir] [-i seconds] " \
	"[-l seconds] [-w name]"

/* The longest line of progress kept; longer ones are skipped. */
#define MAXLINE		(1 << 20)
/* What of a failed job's log goes into its error column. */
#define LOGTAIL		4096
/* How long a cancelled or abandoned ads has to stop before SIGKILL. */
#define KILLWAIT	10

static const char *adscmd = "ads";
static const char *jobdir = "jobs";
static double pollsecs = 5;
static double leasesecs = 30;
static char *wname;
static int once, drain;
static PGconn *db;
static volatile sig_atomic_t stopping;
static struct worker_metrics met;

static const char SQL_REQUEUE[] =
    "UPDATE dataset_jobs SET status = 'pending', worker = NULL, "
    "lease_expires_at = NULL, updated_at = now() "
    "WHERE status = 'running' AND lease_expires_at < now() "
    "RETURNING id::text";
static const char SQL_DROPCANCELLED[] =
    "UPDATE dataset_jobs SET status = 'cancelled', finished_at = now(), "
    "updated_at = now() "
    "WHERE status = 'pending' AND cancel_requested RETURNING id::text";
static const char SQL_CLAIM[] =
    "UPDATE dataset_jobs j SET status = 'running', worker = $1, "
    "attempts = j.attempts + 1, started_at = coalesce(j.started_at, now()), "
    "heartbeat_at = now(), "
    "lease_expires_at = now() + make_interval(secs => $2::float8), "
    "updated_at = now(), error = NULL "
    "WHERE j.id = (SELECT id FROM dataset_jobs "
    "WHERE status = 'pending' AND NOT cancel_requested "
    "ORDER BY created_at, id FOR UPDATE SKIP LOCKED LIMIT 1) "
    "RETURNING j.id::text, j.autonomous_config::text, j.attempts";
static const char SQL_BEAT[] =
    "UPDATE dataset_jobs SET progress = $3::jsonb, heartbeat_at = now(), "
    "lease_expires_at = now() + make_interval(secs => $4::float8), "
    "output_dir = $5, updated_at = now() "
    "WHERE id::text = $1 AND worker = $2 AND status = 'running' "
    "RETURNING cancel_requested";
static const char SQL_FINISH[] =
    "UPDATE dataset_jobs SET status = $3, progress = $4::jsonb, "
    "result = $5::jsonb, error = $6, output_dir = $7, "
    "finished_at = now(), lease_expires_at = NULL, updated_at = now() "
    "WHERE id::text = $1 AND worker = $2";
static const char SQL_RELEASE[] =
    "UPDATE dataset_jobs SET status = 'pending', worker = NULL, "
    "lease_expires_at = NULL, updated_at = now() "
    "WHERE id::text = $1 AND worker = $2 AND status = 'running'";

static void
onsignal(int sig)
{
	(void)sig;
	stopping = 1;
}

/* metrics -- the counters as a log line and a progress line. */
static void
metrics(const char *why)
{
	jv m = worker_metrics_json(&met);

	ads_warn("%s: %lld claimed, %lld done, %lld failed, %lld cancelled, "
	    "%lld re-queued", why, met.claimed, met.done, met.failed,
	    met.cancelled, met.requeued);
	ads_progress_emit("worker", met.done, -1, m);
}

/* connect_db -- (re)connect; 0 when connected. */
static int
connect_db(void)
{
	const char *url = ads_getenv_nonempty("DATABASE_URL");
	PGresult *r;

	if (db != NULL)
		PQfinish(db);
	db = PQconnectdb(url != NULL ? url : "");
	if (PQstatus(db) != CONNECTION_OK) {
		/* libpq's message names the server, never the password. */
		ads_warn("cannot connect to the database: %s",
		    PQerrorMessage(db));
		return -1;
	}
	r = PQexec(db, "LISTEN dataset_jobs");
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		ads_warn("LISTEN failed (polling only): %s",
		    PQresultErrorMessage(r));
	PQclear(r);
	return 0;
}

/* ensure_db -- a working connection, waiting up to a minute for one. */
static int
ensure_db(void)
{
	int i;

	if (db != NULL && PQstatus(db) == CONNECTION_OK)
		return 0;
	for (i = 0; i < 12 && !stopping; i++) {
		if (db != NULL) {
			PQreset(db);
			if (PQstatus(db) == CONNECTION_OK) {
				PQclear(PQexec(db, "LISTEN dataset_jobs"));
				return 0;
			}
		} else if (connect_db() == 0)
			return 0;
		sleep(5);
	}
	return -1;
}

/*
 * exec_params -- run sql with n text parameters; NULL (and a warning)
 * when it failed.
 */
static PGresult *
exec_params(const char *sql, int n, const char *const *params)
{
	PGresult *r;
	ExecStatusType st;

	if (ensure_db() != 0)
		return NULL;
	r = PQexecParams(db, sql, n, NULL, params, NULL, NULL, 0);
	st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		ads_warn("database: %s", PQresultErrorMessage(r));
		PQclear(r);
		return NULL;
	}
	return r;
}

/* drain_notifies -- consume pending notifications; 1 when any came. */
static int
drain_notifies(void)
{
	PGnotify *n;
	int any = 0;

	if (db == NULL || PQconsumeInput(db) == 0)
		return 0;
	while ((n = PQnotifies(db)) != NULL) {
		any = 1;
		PQfreemem(n);
	}
	return any;
}

/* housekeeping -- re-queue expired leases, close cancelled pending jobs. */
static void
housekeeping(void)
{
	PGresult *r;
	int i;

	if ((r = exec_params(SQL_REQUEUE, 0, NULL)) != NULL) {
		for (i = 0; i < PQntuples(r); i++) {
			ads_warn("job %s: its lease expired; back to pending",
			    PQgetvalue(r, i, 0));
			met.requeued++;
		}
		if (PQntuples(r) > 0)
			metrics("re-queued");
		PQclear(r);
	}
	if ((r = exec_params(SQL_DROPCANCELLED, 0, NULL)) != NULL) {
		for (i = 0; i < PQntuples(r); i++) {
			ads_warn("job %s: cancelled before it started",
			    PQgetvalue(r, i, 0));
			met.cancelled++;
		}
		PQclear(r);
	}
}

/* The job being run. */
struct job {
	char		*id;
	char		*outdir;	/* absolute */
	char		*logpath;
	int		 attempt;
	pid_t		 pid;
	int		 out;		/* ads's stdout, or -1 at its end */
	int		 logfd;
	struct ads_buf	 line;
	struct worker_progress prog;
	int		 cancel;	/* cancel asked: TERM sent */
	int		 lost;		/* another worker has the job */
	double		 termat;	/* when TERM was sent */
	double		 lastbeat;
	int		 status;	/* wait status once reaped */
	int		 reaped;
};

/* spawn -- start ads for job with argv; 0 or -1. */
static int
spawn(struct job *j, char **argv)
{
	int p[2];
	pid_t pid;

	if (pipe(p) != 0) {
		ads_warn_errno("pipe");
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		ads_warn_errno("fork");
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);

		/*
		 * Its own process group, so a cancel reaches its children;
		 * a TERM when the worker dies (even by kill -9), so that ads
		 * keeps what it fetched and the folder is free for the next
		 * worker.
		 */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() == 1)
			_exit(143);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		if (nul >= 0)
			dup2(nul, 0);
		dup2(p[1], 1);
		dup2(j->logfd, 2);
		close(p[0]);
		close(p[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "ads-worker: cannot run %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	close(p[1]);
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	j->pid = pid;
	j->out = p[0];
	return 0;
}

/* signal_job -- sig to ads and everything it started. */
static void
signal_job(struct job *j, int sig)
{
	if (j->pid > 0 && !j->reaped)
		kill(-j->pid, sig);
}

/* beat -- write the progress and renew the lease; read the cancel flag. */
static void
beat(struct job *j)
{
	jv p = worker_progress_json(&j->prog, &met);
	jv s = jv_dump_string(p, 0);
	char lease[32];
	const char *params[5];
	PGresult *r;

	snprintf(lease, sizeof(lease), "%.3f", leasesecs);
	params[0] = j->id;
	params[1] = wname;
	params[2] = jv_string_value(s);
	params[3] = lease;
	params[4] = j->outdir;
	r = exec_params(SQL_BEAT, 5, params);
	jv_free(s);
	j->lastbeat = ads_monotime();
	j->prog.dirty = 0;
	if (r == NULL)
		return;
	if (PQntuples(r) == 0) {
		if (!j->lost)
			ads_warn("job %s: no longer ours (lease lost or row "
			    "gone); stopping its run", j->id);
		j->lost = 1;
	} else if (strcmp(PQgetvalue(r, 0, 0), "t") == 0 && !j->cancel) {
		ads_warn("job %s: cancel requested", j->id);
		j->cancel = 1;
	}
	PQclear(r);
	if ((j->cancel || j->lost) && j->termat == 0) {
		signal_job(j, SIGTERM);
		j->termat = ads_monotime();
	}
}

/* readlines -- what ads wrote since the last call. */
static void
readlines(struct job *j)
{
	char b[65536];
	ssize_t n;
	size_t i, start;

	for (;;) {
		n = read(j->out, b, sizeof(b));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return;	/* EAGAIN */
		if (n == 0) {
			close(j->out);
			j->out = -1;
			return;
		}
		start = 0;
		for (i = 0; i < (size_t)n; i++) {
			if (b[i] != '\n')
				continue;
			if (j->line.len + (i - start) <= MAXLINE)
				ads_buf_add(&j->line, b + start, i - start);
			worker_progress_line(&j->prog, j->line.p,
			    j->line.len, j->logfd);
			j->line.len = 0;
			start = i + 1;
		}
		if (j->line.len + ((size_t)n - start) <= MAXLINE)
			ads_buf_add(&j->line, b + start, (size_t)n - start);
	}
}

/* logtail -- the last LOGTAIL bytes of the job's log, as a new string. */
static char *
logtail(const char *path)
{
	char b[LOGTAIL + 1];
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	off_t end;
	ssize_t n;

	if (fd < 0)
		return xstrdup("");
	end = lseek(fd, 0, SEEK_END);
	lseek(fd, end > LOGTAIL ? end - LOGTAIL : 0, SEEK_SET);
	n = read(fd, b, LOGTAIL);
	close(fd);
	if (n < 0)
		n = 0;
	b[n] = '\0';
	return worker_clean_text(b, (size_t)n);
}

/* finish -- record the job's end. */
static void
finish(struct job *j, const char *status, jv result, const char *error)
{
	jv p = worker_progress_json(&j->prog, &met);
	jv ps = jv_dump_string(p, 0);
	jv rs = jv_dump_string(result, 0);
	const char *params[7];
	PGresult *r;

	params[0] = j->id;
	params[1] = wname;
	params[2] = status;
	params[3] = jv_string_value(ps);
	params[4] = jv_string_value(rs);
	params[5] = error;
	params[6] = j->outdir;
	r = exec_params(SQL_FINISH, 7, params);
	if (r != NULL)
		PQclear(r);
	jv_free(ps);
	jv_free(rs);
}

/* release -- give the job back to pending (this worker is stopping). */
static void
release(struct job *j)
{
	const char *params[2] = { j->id, wname };
	PGresult *r = exec_params(SQL_RELEASE, 2, params);

	if (r != NULL)
		PQclear(r);
}

/* supervise -- follow ads until it ends; its wait status in j. */
static void
supervise(struct job *j)
{
	struct pollfd pf[2];
	int n, rc;
	double t;

	beat(j);
	while (!j->reaped) {
		n = 0;
		if (j->out >= 0) {
			pf[n].fd = j->out;
			pf[n].events = POLLIN;
			n++;
		}
		if (db != NULL && PQsocket(db) >= 0) {
			pf[n].fd = PQsocket(db);
			pf[n].events = POLLIN;
			n++;
		}
		/* Wake for the next beat on time, a second after the last. */
		t = j->lastbeat + 1.0 - ads_monotime();
		rc = poll(pf, (nfds_t)n, t < 0 ? 0 : t < 0.2 ?
		    (int)(t * 1000) + 1 : 200);
		if (rc < 0 && errno != EINTR)
			ads_warn_errno("poll");
		if (j->out >= 0)
			readlines(j);
		t = ads_monotime();
		if (drain_notifies() || j->prog.phasechanged ||
		    t - j->lastbeat >= 1.0) {
			j->prog.phasechanged = 0;
			beat(j);
		}
		if (stopping && j->termat == 0) {
			signal_job(j, SIGTERM);
			j->termat = t;
		}
		if (j->termat > 0 && t - j->termat > KILLWAIT)
			signal_job(j, SIGKILL);
		if (j->out < 0 || j->termat > 0) {
			pid_t w = waitpid(j->pid, &j->status,
			    j->out < 0 && j->termat == 0 ? 0 : WNOHANG);
			if (w == j->pid)
				j->reaped = 1;
		}
	}
	if (j->out >= 0) {
		readlines(j);
		close(j->out);
		j->out = -1;
	}
	if (j->line.len > 0)
		worker_progress_line(&j->prog, j->line.p, j->line.len,
		    j->logfd);
}

/* outcome -- set the job's final state from how ads ended. */
static void
outcome(struct job *j, double took)
{
	int code = WIFEXITED(j->status) ? WEXITSTATUS(j->status) :
	    128 + WTERMSIG(j->status);
	char *tail;

	if (j->lost) {
		ads_warn("job %s: abandoned to the worker that holds it",
		    j->id);
		return;
	}
	if (j->cancel) {
		j->prog.phase = "Cancelled";
		worker_set_detail(&j->prog, "Cancelled; what was fetched is "
		    "kept for a rerun");
		finish(j, "cancelled", jv_object(), NULL);
		met.cancelled++;
		ads_warn("job %s: cancelled (ads exited %d)", j->id, code);
		return;
	}
	if (stopping) {
		release(j);
		ads_warn("job %s: worker stopping; back to pending", j->id);
		return;
	}
	if (code == 0 || code == 4) {
		jv res = worker_result(j->outdir, code);

		j->prog.phase = "Done";
		worker_set_detail(&j->prog, code == 0 ? "Dataset ready" :
		    "Dataset ready; some sources failed");
		finish(j, "done", res, NULL);
		met.done++;
		ads_warn("job %s: done (exit %d) in %.0f s", j->id, code, took);
		return;
	}
	tail = logtail(j->logpath);
	j->prog.phase = "Failed";
	worker_set_detail(&j->prog, "ads exited with status %d", code);
	{
		jv res = JV_OBJECT(jv_string("exit"), jv_number(code),
		    jv_string("log"), jv_string(j->logpath));
		finish(j, "failed", res, tail);
	}
	free(tail);
	met.failed++;
	ads_warn("job %s: failed (exit %d); see %s", j->id, code, j->logpath);
}

/* openlog -- the job's log, appended to across attempts; -1 on error. */
static int
openlog(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW |
	    O_CLOEXEC, 0600);

	if (fd < 0)
		ads_warn_errno("%s", path);
	return fd;
}

/* run -- run one claimed job to its end. */
static void
run(const char *id, const char *config, int attempt)
{
	struct job j;
	struct worker_args a;
	char *err = NULL, *base;
	double t0 = ads_monotime();

	memset(&j, 0, sizeof(j));
	j.id = xstrdup(id);
	j.attempt = attempt;
	j.out = -1;
	worker_progress_init(&j.prog, attempt);
	met.claimed++;
	ads_warn("job %s: claimed (attempt %d)", id, attempt);
	metrics("claimed");

	base = realpath(jobdir, NULL);
	if (base == NULL) {
		ads_warn_errno("%s", jobdir);
		base = xstrdup(jobdir);
	}
	if (!worker_id_ok(id)) {
		j.outdir = xstrdup("");
		finish(&j, "failed", jv_object(), "the job id is not a UUID "
		    "or a number; no folder can be named from it");
		met.failed++;
		goto out;
	}
	j.outdir = xasprintf("%s/%s", base, id);
	j.logpath = xasprintf("%s/%s.log", base, id);
	if (worker_args(config, adscmd, j.outdir, &a, &err) != 0) {
		ads_warn("job %s: %s", id, err);
		j.prog.phase = "Failed";
		worker_set_detail(&j.prog, "%s", err);
		finish(&j, "failed", jv_object(), err);
		met.failed++;
		goto out;
	}
	if ((j.logfd = openlog(j.logpath)) < 0 || spawn(&j, a.argv) != 0) {
		finish(&j, "failed", jv_object(), "cannot start ads");
		met.failed++;
		worker_args_free(&a);
		goto out;
	}
	worker_args_free(&a);
	supervise(&j);
	outcome(&j, ads_monotime() - t0);
out:
	metrics("job ended");
	if (j.logfd > 0)
		close(j.logfd);
	worker_progress_free(&j.prog);
	ads_buf_free(&j.line);
	free(err);
	free(base);
	free(j.outdir);
	free(j.logpath);
	free(j.id);
}

/* claim -- claim and run one job; 1 when one ran, 0 when none was free. */
static int
claim(void)
{
	char lease[32];
	const char *params[2];
	PGresult *r;
	char *id, *config;
	int attempt;

	housekeeping();
	snprintf(lease, sizeof(lease), "%.3f", leasesecs);
	params[0] = wname;
	params[1] = lease;
	r = exec_params(SQL_CLAIM, 2, params);
	if (r == NULL || PQntuples(r) == 0) {
		if (r != NULL)
			PQclear(r);
		return 0;
	}
	id = xstrdup(PQgetvalue(r, 0, 0));
	config = xstrdup(PQgetvalue(r, 0, 1));
	attempt = atoi(PQgetvalue(r, 0, 2));
	PQclear(r);
	run(id, config, attempt);
	free(id);
	free(config);
	return 1;
}

/* idle -- wait for a notification, the poll interval, or a signal. */
static void
idle(void)
{
	struct pollfd pf;
	double until = ads_monotime() + pollsecs;

	while (!stopping && ads_monotime() < until) {
		if (db == NULL || PQstatus(db) != CONNECTION_OK) {
			sleep(1);
			return;
		}
		pf.fd = PQsocket(db);
		pf.events = POLLIN;
		(void)poll(&pf, 1, (int)((until - ads_monotime()) * 1000) + 1);
		if (drain_notifies())
			return;
	}
}

int
main(int argc, char *argv[])
{
	struct sigaction sa;
	const char *e;
	char host[256];
	int c, ran;

	ads_setprogname(argv[0]);
	if ((e = ads_getenv_nonempty("ADS_WORKER_ADS")) != NULL)
		adscmd = e;
	if ((e = ads_getenv_nonempty("ADS_WORKER_DIR")) != NULL)
		jobdir = e;
	while ((c = getopt(argc, argv, "1a:d:ehi:l:Vw:")) != -1) {
		switch (c) {
		case '1':
			once = 1;
			break;
		case 'a':
			adscmd = optarg;
			break;
		case 'd':
			jobdir = optarg;
			break;
		case 'e':
			drain = 1;
			break;
		case 'h':
			ads_usage(USAGE, 0);
		case 'i':
			pollsecs = ads_optdouble("-i", optarg, 0.05, 3600);
			break;
		case 'l':
			leasesecs = ads_optdouble("-l", optarg, 1, 86400);
			break;
		case 'V':
			ads_version();
		case 'w':
			if (optarg[0] == '\0' || strlen(optarg) > 200)
				ads_die(ADS_USAGE, "-w: a name of 1 to 200 bytes");
			wname = xstrdup(optarg);
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	if (optind != argc) {
		ads_usage(USAGE, ADS_USAGE);
	}
	if (wname == NULL) {
		if (gethostname(host, sizeof(host)) != 0)
			strcpy(host, "localhost");
		host[sizeof(host) - 1] = '\0';
		wname = xasprintf("%s:%ld", host, (long)getpid());
	}
	if (mkdir(jobdir, 0700) != 0 && errno != EEXIST)
		ads_die_errno(ADS_SYSTEM, "%s", jobdir);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsignal;	/* no SA_RESTART: poll returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	ads_progress_init(NULL);

	if (connect_db() != 0 && ensure_db() != 0)
		return ADS_SYSTEM;
	ads_warn("worker %s ready", wname);
	while (!stopping) {
		ran = claim();
		if (ran && once)
			break;
		if (!ran && drain)
			break;
		if (!ran)
			idle();
	}
	metrics("stopped");
	ads_progress_close();
	PQfinish(db);
	free(wname);
	return 0;
}
