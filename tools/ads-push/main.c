/*
 * ads-push -- upload a dataset folder to the Hugging Face Hub
 * (ads-push(1))
 *
 * Through the Hub's documented HTTP API, as huggingface_hub does: create
 * the dataset repository (an existing one is fine), ask which files go
 * through LFS (preupload), upload those with the LFS batch API (the Hub
 * answers without an upload action for an object it already has, which
 * is what makes a rerun after a failure resume), then make one commit
 * with the small files inline and the LFS files by their SHA-256.
 *
 * The token goes only to the Hub's own origin: an upload URL the batch
 * answer gives (a storage bucket, another origin) gets only the headers
 * that answer names, and is an untrusted URL (public addresses only).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/hash.h"
#include "../../common/http.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/progress.h"
#include "../../common/util.h"
#include "hub.h"
#include "ads-push-help.h"

#define USAGE	"ads-push [-np] [-b revision] [-m message] repo dir"
#define HUB_DEFAULT	"https://huggingface.co"
#define MAXFILES	10000
#define SAMPLE		512

static const char *hub;
static const char *revision = "main";
static const char *message = "Upload dataset with ads";
static int dryrun, private;
static struct ads_http *http;
static char *authhdr;

/* A file's bytes, mapped. */
struct map {
	const unsigned char	*p;
	size_t			 n;
};

/* mapfile -- map dir/path read-only, refusing links; 0 or -1. */
static int
mapfile(int dirfd, const char *path, struct map *m)
{
	struct stat st;
	int fd = openat(dirfd, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	m->p = NULL;
	m->n = 0;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		ads_warn_errno("%s", path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	m->n = (size_t)st.st_size;
	if (m->n > 0) {
		void *p = mmap(NULL, m->n, PROT_READ, MAP_PRIVATE, fd, 0);

		if (p == MAP_FAILED) {
			ads_warn_errno("%s", path);
			close(fd);
			return -1;
		}
		m->p = p;
	} else
		m->p = (const unsigned char *)"";
	close(fd);
	return 0;
}

static void
unmap(struct map *m)
{
	if (m->n > 0)
		munmap((void *)m->p, m->n);
	m->p = NULL;
	m->n = 0;
}

static int
bypath(const void *a, const void *b)
{
	return strcmp(((const struct hub_file *)a)->path,
	    ((const struct hub_file *)b)->path);
}

/*
 * collect -- the files to push: README.md, dataset_card.json, LICENSE.md
 * (the card's license_link, when ads-export wrote one) and the regular
 * files of data/, never through a link, never .ads/.
 */
static size_t
collect(int dirfd, struct hub_file **out)
{
	struct hub_file *f = NULL;
	size_t n = 0, cap = 0;
	static const char *const top[] = { "README.md", "dataset_card.json",
	    "LICENSE.md" };
	struct stat st;
	struct dirent *de;
	DIR *d;
	int dfd;
	size_t i;

	for (i = 0; i < sizeof(top) / sizeof(top[0]); i++) {
		if (fstatat(dirfd, top[i], &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (!S_ISREG(st.st_mode))
			ads_die(ADS_USAGE, "%s is not a regular file", top[i]);
		f = xreallocarray(f, ++n, sizeof(*f));
		memset(&f[n - 1], 0, sizeof(*f));
		f[n - 1].path = xstrdup(top[i]);
		f[n - 1].size = st.st_size;
	}
	dfd = openat(dirfd, "data", O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dfd < 0)
		ads_die(ADS_USAGE, "no data folder (or a link to one): %s",
		    strerror(errno));
	if ((d = fdopendir(dfd)) == NULL)
		ads_die_errno(ADS_SYSTEM, "data");
	cap = n;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			ads_die_errno(ADS_SYSTEM, "data/%s", de->d_name);
		if (!S_ISREG(st.st_mode)) {
			ads_warn("data/%s: not a regular file; left out",
			    de->d_name);
			continue;
		}
		if (n >= MAXFILES)
			ads_die(ADS_USAGE, "more than %d files in data/",
			    MAXFILES);
		if (n == cap) {
			cap = cap * 2 + 8;
			f = xreallocarray(f, cap, sizeof(*f));
		}
		memset(&f[n], 0, sizeof(*f));
		f[n].path = xasprintf("data/%s", de->d_name);
		f[n].size = st.st_size;
		n++;
	}
	closedir(d);
	if (n == 0 || strcmp(f[0].path, "README.md") != 0)
		ads_die(ADS_USAGE, "no README.md: not a dataset folder");
	qsort(f, n, sizeof(*f), bypath);
	*out = f;
	return n;
}

/* hashall -- every file's SHA-256. */
static void
hashall(int dirfd, struct hub_file *f, size_t n)
{
	struct map m;
	size_t i;

	for (i = 0; i < n; i++) {
		if (mapfile(dirfd, f[i].path, &m) != 0)
			ads_die(ADS_SYSTEM, "cannot read %s", f[i].path);
		ads_hash_sha256_hex(m.p, m.n, f[i].oid);
		f[i].size = (long long)m.n;
		unmap(&m);
	}
}

/* token -- the Hub token: HF_TOKEN, or the file huggingface-cli wrote. */
static char *
token(void)
{
	const char *t = ads_getenv_nonempty("HF_TOKEN"), *home;
	char *path = NULL, buf[512];
	size_t len;
	FILE *fp;

	if (t != NULL)
		return xstrdup(t);
	if ((t = ads_getenv_nonempty("HF_TOKEN_PATH")) != NULL)
		path = xstrdup(t);
	else if ((home = ads_getenv_nonempty("HF_HOME")) != NULL)
		path = xasprintf("%s/token", home);
	else if ((home = ads_getenv_nonempty("HOME")) != NULL)
		path = xasprintf("%s/.cache/huggingface/token", home);
	if (path == NULL || (fp = fopen(path, "re")) == NULL) {
		free(path);
		return NULL;
	}
	free(path);
	len = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[len] = '\0';
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r' ||
	    buf[len - 1] == ' '))
		buf[--len] = '\0';
	return len > 0 ? xstrdup(buf) : NULL;
}

/* sameorigin -- 1 when url is on the Hub's scheme, host and port. */
static int
sameorigin(const char *url)
{
	size_t n = strlen(hub);

	while (n > 0 && hub[n - 1] == '/')
		n--;
	return strncmp(url, hub, n) == 0 && (url[n] == '/' ||
	    url[n] == '\0' || url[n] == '?');
}

/*
 * call -- one request; returns the status, or 0 on transport failure
 * (with a message).  headers (consumed) are sent as secrets, since an
 * upload action's headers may be presigned credentials; the token goes
 * only to the Hub's own origin.
 */
static long
call(const char *method, const char *url, const char *ctype,
    const void *body, size_t n, jv headers, int untrusted,
    struct ads_http_resp *r)
{
	const char *pub[2] = { ctype, NULL };
	const char **sec;
	char **own;
	struct ads_http_req q;
	int nh = 0, nown = 0, nsec = 0, i;

	memset(&q, 0, sizeof(q));
	memset(r, 0, sizeof(*r));
	if (jv_get_kind(headers) == JV_KIND_OBJECT)
		nh = jv_object_length(jv_copy(headers));
	own = xcalloc((size_t)nh + 1, sizeof(*own));
	sec = xcalloc((size_t)nh + 2, sizeof(*sec));
	if (nh > 0) {
		jv_object_foreach(headers, k, v) {
			if (jv_get_kind(v) == JV_KIND_STRING && nown < nh &&
			    strpbrk(jv_string_value(k), "\r\n:") == NULL &&
			    strpbrk(jv_string_value(v), "\r\n") == NULL) {
				own[nown] = xasprintf("%s: %s",
				    jv_string_value(k), jv_string_value(v));
				sec[nsec++] = own[nown++];
			}
			jv_free(k);
			jv_free(v);
		}
	}
	jv_free(headers);
	if (sameorigin(url))
		sec[nsec++] = authhdr;
	q.method = method;
	q.url = url;
	q.body = body;
	q.bodylen = n;
	q.headers = ctype != NULL ? pub : NULL;
	q.secret_headers = nsec > 0 ? sec : NULL;
	q.untrusted = untrusted;
	q.nocache = 1;
	if (ads_http_do(http, &q, r) != 0) {
		/* err names the URL with its signatures redacted. */
		ads_warn("%s %s", method, r->err);
		r->status = 0;
	}
	for (i = 0; i < nown; i++)
		free(own[i]);
	free(own);
	free(sec);
	return r->status;
}

/* hubmsg -- the Hub's error message in an answer, for a message. */
static const char *
hubmsg(const struct ads_http_resp *r, char *buf, size_t len)
{
	jv v = jv_parse_sized(r->body != NULL ? r->body : "",
	    r->len > 65536 ? 0 : (int)r->len);
	const char *e = ads_json_str(v, "error", NULL);

	if (e != NULL)
		snprintf(buf, len, "HTTP %ld: %.200s", r->status, e);
	else
		snprintf(buf, len, "HTTP %ld", r->status);
	jv_free(v);
	return buf;
}

/* create -- the dataset repository; an existing one is fine. */
static int
create(const char *repo)
{
	const char *slash = strchr(repo, '/');
	char *url = xasprintf("%s/api/repos/create", hub), msg[300];
	jv body = JV_OBJECT(jv_string("name"), jv_string(slash + 1),
	    jv_string("organization"), jv_string_sized(repo,
	    (int)(slash - repo)), jv_string("private"), jv_bool(private),
	    jv_string("type"), jv_string("dataset"));
	jv s = jv_dump_string(body, 0);
	struct ads_http_resp r;
	long st;

	st = call("POST", url, "Content-Type: application/json",
	    jv_string_value(s), strlen(jv_string_value(s)), jv_null(), 0, &r);
	jv_free(s);
	free(url);
	if (st == 200 || st == 201)
		ads_warn("created the dataset repository %s", repo);
	else if (st == 409)
		ads_warn("the dataset repository %s exists; pushing to it",
		    repo);
	else if (st != 0)
		ads_warn("creating %s: %s", repo, hubmsg(&r, msg, sizeof(msg)));
	ads_http_resp_free(&r);
	return st == 200 || st == 201 || st == 409 ? 0 : -1;
}

/* preupload -- ask the Hub which files go through LFS. */
static int
preupload(const char *repo, char *rev, int dirfd, struct hub_file *f,
    size_t n)
{
	char *url = xasprintf("%s/api/datasets/%s/preupload/%s", hub, repo,
	    rev), *err = NULL, msg[300];
	jv files = jv_array(), s;
	struct ads_http_resp r;
	struct map m;
	size_t i;
	int rc = -1;

	for (i = 0; i < n; i++) {
		char *b64;

		if (mapfile(dirfd, f[i].path, &m) != 0)
			ads_die(ADS_SYSTEM, "cannot read %s", f[i].path);
		b64 = hub_base64(m.p, m.n < SAMPLE ? m.n : SAMPLE);
		files = jv_array_append(files, JV_OBJECT(jv_string("path"),
		    jv_string(f[i].path), jv_string("sample"), jv_string(b64),
		    jv_string("size"), jv_number((double)m.n)));
		free(b64);
		unmap(&m);
	}
	s = jv_dump_string(JV_OBJECT(jv_string("files"), files), 0);
	if (call("POST", url, "Content-Type: application/json",
	    jv_string_value(s), strlen(jv_string_value(s)), jv_null(), 0,
	    &r) == 200) {
		if (hub_preupload_read(r.body, r.len, f, n, &err) == 0)
			rc = 0;
		else
			ads_warn("preupload: %s", err);
	} else if (r.status != 0)
		ads_warn("preupload: %s", hubmsg(&r, msg, sizeof(msg)));
	free(err);
	jv_free(s);
	free(url);
	ads_http_resp_free(&r);
	return rc;
}

/*
 * lfsupload -- one LFS object: ask, upload when the Hub lacks it,
 * verify.  Returns 1 uploaded, 0 already there, -1 failed.
 */
static int
lfsupload(const char *repo, int dirfd, const struct hub_file *f)
{
	char *url = xasprintf("%s/datasets/%s.git/info/lfs/objects/batch",
	    hub, repo), *err = NULL, msg[300];
	jv req = JV_OBJECT(jv_string("operation"), jv_string("upload"),
	    jv_string("transfers"), JV_ARRAY(jv_string("basic")),
	    jv_string("objects"), JV_ARRAY(JV_OBJECT(jv_string("oid"),
	    jv_string(f->oid), jv_string("size"), jv_number((double)f->size))),
	    jv_string("hash_algo"), jv_string("sha256"));
	jv s = jv_dump_string(req, 0);
	struct hub_action a;
	struct ads_http_resp r;
	struct map m;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	a.upheaders = jv_invalid();
	a.vheaders = jv_invalid();
	if (call("POST", url, "Content-Type: application/vnd.git-lfs+json",
	    jv_string_value(s), strlen(jv_string_value(s)), jv_null(), 0,
	    &r) != 200) {
		if (r.status != 0)
			ads_warn("%s: LFS batch: %s", f->path,
			    hubmsg(&r, msg, sizeof(msg)));
		goto out;
	}
	hub_action_free(&a);
	if (hub_batch_read(r.body, r.len, f->oid, &a, &err) != 0) {
		ads_warn("%s: %s", f->path, err);
		goto out;
	}
	if (a.error != NULL) {
		ads_warn("%s: the Hub refused the object: %.200s", f->path,
		    a.error);
		goto out;
	}
	if (a.upload == NULL) {
		rc = 0;
		goto out;
	}
	ads_http_resp_free(&r);
	if (mapfile(dirfd, f->path, &m) != 0)
		ads_die(ADS_SYSTEM, "cannot read %s", f->path);
	call("PUT", a.upload, "Content-Type: application/octet-stream",
	    m.p, m.n, jv_copy(a.upheaders), !sameorigin(a.upload), &r);
	unmap(&m);
	if (r.status < 200 || r.status > 299) {
		if (r.status != 0)
			ads_warn("%s: upload: HTTP %ld", f->path, r.status);
		goto out;
	}
	if (a.verify != NULL) {
		jv v = jv_dump_string(JV_OBJECT(jv_string("oid"),
		    jv_string(f->oid), jv_string("size"),
		    jv_number((double)f->size)), 0);

		ads_http_resp_free(&r);
		call("POST", a.verify, "Content-Type: "
		    "application/vnd.git-lfs+json", jv_string_value(v),
		    strlen(jv_string_value(v)), jv_copy(a.vheaders),
		    !sameorigin(a.verify), &r);
		jv_free(v);
		if (r.status < 200 || r.status > 299) {
			if (r.status != 0)
				ads_warn("%s: verify: HTTP %ld", f->path,
				    r.status);
			goto out;
		}
	}
	rc = 1;
out:
	ads_http_resp_free(&r);
	hub_action_free(&a);
	free(err);
	jv_free(s);
	free(url);
	return rc;
}

/* commit -- one commit of every file; prints its URL. */
static int
commit(const char *repo, const char *rev, int dirfd,
    const struct hub_file *f, size_t n)
{
	char *url = xasprintf("%s/api/datasets/%s/commit/%s", hub, repo, rev),
	    msg[300];
	struct ads_buf b = ADS_BUF_INIT;
	struct ads_http_resp r;
	struct map m;
	size_t i;
	int rc = -1;
	jv v;

	v = JV_OBJECT(jv_string("key"), jv_string("header"),
	    jv_string("value"), JV_OBJECT(jv_string("summary"),
	    jv_string(message), jv_string("description"), jv_string("")));
	ads_json_emit(&b, v);
	jv_free(v);
	ads_buf_addc(&b, '\n');
	for (i = 0; i < n; i++) {
		if (f[i].ignore)
			continue;
		if (f[i].lfs) {
			v = JV_OBJECT(jv_string("key"), jv_string("lfsFile"),
			    jv_string("value"), JV_OBJECT(jv_string("path"),
			    jv_string(f[i].path), jv_string("algo"),
			    jv_string("sha256"), jv_string("oid"),
			    jv_string(f[i].oid)));
		} else {
			char *b64;

			if (mapfile(dirfd, f[i].path, &m) != 0)
				ads_die(ADS_SYSTEM, "cannot read %s",
				    f[i].path);
			b64 = hub_base64(m.p, m.n);
			unmap(&m);
			v = JV_OBJECT(jv_string("key"), jv_string("file"),
			    jv_string("value"), JV_OBJECT(jv_string("content"),
			    jv_string(b64), jv_string("path"),
			    jv_string(f[i].path), jv_string("encoding"),
			    jv_string("base64")));
			free(b64);
		}
		ads_json_emit(&b, v);
		jv_free(v);
		ads_buf_addc(&b, '\n');
	}
	if (call("POST", url, "Content-Type: application/x-ndjson", b.p,
	    b.len, jv_null(), 0, &r) == 200) {
		jv ans = jv_parse_sized(r.body, (int)r.len);
		jv cu = jv_get_kind(ans) == JV_KIND_OBJECT ?
		    jv_object_get(jv_copy(ans), jv_string("commitUrl")) :
		    jv_invalid();

		printf("%s\n", jv_get_kind(cu) == JV_KIND_STRING ?
		    jv_string_value(cu) : url);
		jv_free(cu);
		jv_free(ans);
		rc = 0;
	} else if (r.status != 0)
		ads_warn("commit: %s", hubmsg(&r, msg, sizeof(msg)));
	ads_http_resp_free(&r);
	ads_buf_free(&b);
	free(url);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct ads_http_opts o;
	struct hub_file *f;
	const char *repo, *dir;
	char *tok, *rev;
	size_t n, i, nlfs = 0, up = 0, had = 0, failed = 0;
	int c, dirfd, k;

	ads_setprogname(argv[0]);
	while ((c = getopt(argc, argv, "b:hm:npV")) != -1) {
		switch (c) {
		case 'b':
			revision = optarg;
			break;
		case 'h':
			ads_usage(USAGE, 0);
		case 'm':
			message = optarg;
			break;
		case 'n':
			dryrun = 1;
			break;
		case 'p':
			private = 1;
			break;
		case 'V':
			ads_version();
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	if (argc - optind != 2) {
		ads_usage(USAGE, ADS_USAGE);
	}
	repo = argv[optind];
	dir = argv[optind + 1];
	if (!hub_repo_ok(repo))
		ads_die(ADS_USAGE, "%s: not a repository id (owner/name)",
		    repo);
	if (revision[0] == '\0' || strlen(revision) > 255 ||
	    strpbrk(revision, "\r\n\t ") != NULL)
		ads_die(ADS_USAGE, "-b: not a revision: %s", revision);
	if (strlen(message) > 4096 || strpbrk(message, "\r\n") != NULL)
		ads_die(ADS_USAGE, "-m: one line of at most 4096 bytes");
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		ads_die_errno(ADS_USAGE, "%s", dir);
	n = collect(dirfd, &f);
	hashall(dirfd, f, n);
	hub = ads_http_base("ADS_HF_URL", HUB_DEFAULT);
	if (dryrun) {
		for (i = 0; i < n; i++)
			printf("%s\t%lld\t%s\n", f[i].path, f[i].size,
			    f[i].oid);
		return 0;
	}
	if ((tok = token()) == NULL)
		ads_die(ADS_USAGE, "no Hugging Face token: set HF_TOKEN or "
		    "run huggingface-cli login");
	authhdr = xasprintf("Authorization: Bearer %s", tok);
	free(tok);
	memset(&o, 0, sizeof(o));
	o.source = "huggingface-hub";
	o.timeout_ms = 3600L * 1000;
	http = ads_http_new(&o);
	ads_progress_init("huggingface-hub");
	rev = ads_http_escape(revision);

	if (create(repo) != 0 || preupload(repo, rev, dirfd, f, n) != 0)
		ads_die(ADS_REMOTE, "nothing was uploaded; run it again");
	for (i = 0; i < n; i++) {
		if (!f[i].lfs || f[i].ignore)
			continue;
		nlfs++;
		k = lfsupload(repo, dirfd, &f[i]);
		if (k == 1)
			up++;
		else if (k == 0)
			had++;
		else
			failed++;
		ads_progress("uploading", (long long)(up + had + failed),
		    (long long)nlfs);
	}
	if (failed > 0)
		ads_die(ADS_REMOTE, "%zu of %zu large files failed to upload "
		    "(%zu uploaded); nothing was committed; run it again to "
		    "upload the rest", failed, nlfs, up);
	if (commit(repo, rev, dirfd, f, n) != 0)
		ads_die(ADS_REMOTE, "the commit failed; the large files are "
		    "on the Hub: run it again to commit");
	ads_warn("committed %zu files to %s: %zu through LFS (%zu uploaded, "
	    "%zu already on the Hub)", n, repo, nlfs, up, had);
	ads_progress("done", (long long)n, (long long)n);
	ads_progress_close();
	for (i = 0; i < n; i++)
		free(f[i].path);
	free(f);
	free(rev);
	free(authhdr);
	ads_http_free(http);
	close(dirfd);
	return 0;
}
