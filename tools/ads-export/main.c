/*
 * ads-export -- write records as a dataset: data files per split in
 * JSON Lines, CSV or Parquet, with a dataset card
 *
 * JSON Lines is written in one pass.  CSV and Parquet need the columns
 * and their types before the first row, so the first pass parses every
 * record, infers the schema and spills the rows in a compact binary
 * form (rows.c) to one temporary file per split; the second pass reads
 * the spills back and writes the files.  Memory holds the schema, one
 * row group (-g) and the card's counters; disk holds the spill, about
 * the size of the input.  Everything is written under OUT/.ads-export-PID
 * and renamed into place at the end.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/field.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/progress.h"
#include "../../common/util.h"
#include "card.h"
#include "export.h"
#include "ads-export-help.h"

#define USAGE \
	"ads-export [-RsU] [-c columns] [-f format] [-g size] [-m size]\n" \
	"[-p plan] [-r rejectfile] [-S statsfile] [-T path[,path ...]]\n" \
	"[--command text] [--seed seed] -o outdir [file ...]\n" \
	"ads-export -C cardjson -o outdir"

#define MAXSPLITS	64
#define MAXCOLS		4096

/* -T: where the text is; tslow: not the top-level "text" alone. */
static struct ads_fields fs;
static int tslow;
static unsigned long nhave;

enum { F_PARQUET, F_JSONL, F_JSONLZST, F_CSV };
static const char *fmtnames[] = { "parquet", "jsonl", "jsonl.zst", "csv" };

struct split {
	char		*name;
	uint64_t	 rows;
	/* First pass: the spill (CSV, Parquet) or the open shard (JSONL). */
	FILE		*spill;
	char		*spillpath;
	struct ads_out	*out;
	uint64_t	 shardbytes;
	uint64_t	 shardrows;
	/* Shards written, under temporary names. */
	char		**files;
	uint64_t	*filerows;
	uint64_t	*filebytes;
	size_t		 nfiles;
};

static int format = F_PARQUET;
static int Rflag;		/* CSV cells as they are, formulas and all */
static const char *columns;
static const char *outdir;
static const char *planpath;
static const char *statspath;
static const char *command;
static const char *seed;
static const char *cardpath;	/* -C: render README.md from this card */
static long long rgbytes = 64LL * 1024 * 1024;
static long long shardsize = 512LL * 1024 * 1024;

static int outfd = -1;		/* outdir, opened once */
static char tmpname[64];	/* .ads-export-PID while it exists */
static char *tmpdir;
static char *datadir;
static struct split splits[MAXSPLITS];
static size_t nsplits;
static struct schema sc;

/*
 * Removal never follows a link.  rmtree_at removes the entry name of
 * the folder dfd: a link or a file is unlinked itself; a folder, opened
 * with O_NOFOLLOW so never through a link, is emptied first.  It calls
 * only async-signal-safe functions (unlinkat, openat, getdents64,
 * fstatat, close), so that the signal handler can use it.  Folders
 * nested deeper than RMDEPTH are left in place.
 */
#define RMDEPTH	64

struct dent64 {
	uint64_t	 ino;
	int64_t		 off;
	unsigned short	 reclen;
	unsigned char	 type;
	char		 name[];
};

static void
rmtree_at(int dfd, const char *name, int depth)
{
	char buf[4096];
	struct stat st;
	long n, i, seen;
	int fd, pass, dir;

	if (unlinkat(dfd, name, 0) == 0 || (errno != EISDIR && errno != EPERM))
		return;
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	/* Entries removed while reading may be skipped: read again. */
	for (pass = 0; pass < 3; pass++) {
		seen = 0;
		if (lseek(fd, 0, SEEK_SET) < 0)
			break;
		while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
			for (i = 0; i < n; ) {
				struct dent64 *e = (void *)(buf + i);

				i += e->reclen;
				if (strcmp(e->name, ".") == 0 ||
				    strcmp(e->name, "..") == 0)
					continue;
				seen++;
				dir = e->type == DT_DIR;
				if (e->type == DT_UNKNOWN && fstatat(fd, e->name,
				    &st, AT_SYMLINK_NOFOLLOW) == 0)
					dir = S_ISDIR(st.st_mode);
				if (!dir)
					unlinkat(fd, e->name, 0);
				else if (depth < RMDEPTH)
					rmtree_at(fd, e->name, depth + 1);
			}
		if (seen == 0)
			break;
	}
	close(fd);
	unlinkat(dfd, name, AT_REMOVEDIR);
}

/* rmtree -- remove outdir/name, never following a link. */
static void
rmtree(const char *name)
{
	rmtree_at(outfd, name, 0);
}

/*
 * Stale temporary folders: .ads-export-PID and .ads-export-old-PID of
 * runs that were killed.  Those of a process that is alive are left.
 */
static void
sweep(void)
{
	DIR *d;
	struct dirent *e;
	const char *p;
	char *end;
	long pid;
	int fd;

	fd = openat(outfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, ".ads-export-", 12) != 0)
			continue;
		p = e->d_name + 12;
		if (strncmp(p, "old-", 4) == 0)
			p += 4;
		if (*p < '1' || *p > '9')
			continue;
		errno = 0;
		pid = strtol(p, &end, 10);
		if (*end != '\0' || errno != 0 || pid <= 0 || pid > INT32_MAX ||
		    pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
			rmtree(e->d_name);
	}
	closedir(d);
}

/* The temporary folder goes on any exit before install() ends. */
static void
cleanup(void)
{
	if (tmpname[0] != '\0')
		rmtree(tmpname);
}

static void
onsignal(int sig)
{
	cleanup();
	_exit(128 + sig);
}

/* catch -- clean up on sig, unless it is ignored (nohup, a background job). */
static void
catch(int sig)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &sa) < 0 || sa.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsignal;
	sigfillset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static int
valid_split(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* getsplit -- the split named s, added when new; NULL when too many. */
static struct split *
getsplit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < nsplits; i++)
		if (strlen(splits[i].name) == n &&
		    memcmp(splits[i].name, s, n) == 0)
			return &splits[i];
	if (nsplits == MAXSPLITS)
		return NULL;
	memset(&splits[nsplits], 0, sizeof(splits[0]));
	splits[nsplits].name = xstrndup(s, n);
	return &splits[nsplits++];
}

static const char *
ext(void)
{
	return fmtnames[format];
}

/* nworkers -- zstd threads: one per processor, at most 4. */
static int
nworkers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 2 ? 0 : n > 4 ? 4 : (int)n;
}

/* shard_path -- temporary path of shard k of split s. */
static char *
shard_path(const struct split *s, size_t k)
{
	return xasprintf("%s/%s-%05zu.%s", datadir, s->name, k, ext());
}

static void
shard_done(struct split *s, char *path, uint64_t rows, uint64_t bytes)
{
	s->files = xreallocarray(s->files, s->nfiles + 1, sizeof(char *));
	s->filerows = xreallocarray(s->filerows, s->nfiles + 1, 8);
	s->filebytes = xreallocarray(s->filebytes, s->nfiles + 1, 8);
	s->files[s->nfiles] = path;
	s->filerows[s->nfiles] = rows;
	s->filebytes[s->nfiles] = bytes;
	s->nfiles++;
}

/* jsonl_close -- close the open JSON Lines shard of s. */
static void
jsonl_close(struct split *s)
{
	char *path;

	if (s->out == NULL)
		return;
	path = xstrdup(ads_out_name(s->out));
	if (ads_out_close(s->out) < 0)
		exit(ADS_SYSTEM);
	s->out = NULL;
	shard_done(s, path, s->shardrows, s->shardbytes);
}

/* project -- the record with only the -c columns, in their order. */
static jv
project(jv rec)
{
	jv out = jv_object();
	size_t i;

	for (i = 0; i < sc.ncols; i++) {
		jv v = jv_object_get(jv_copy(rec), jv_string(sc.cols[i].name));

		if (jv_is_valid(v))
			out = jv_object_set(out, jv_string(sc.cols[i].name), v);
		else
			jv_free(v);
	}
	jv_free(rec);
	return out;
}

/*
 * plan_classes -- the names of the plan's label set ("labels": objects
 * with a "name", or strings) for the "label" column, when it has one.
 */
static void
plan_classes(jv plan)
{
	jv labels = ads_json_get(plan, "labels");
	int n;

	if (jv_get_kind(labels) != JV_KIND_ARRAY) {
		jv_free(labels);
		return;
	}
	n = jv_array_length(jv_copy(labels));
	sc.classes = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*sc.classes));
	jv_array_foreach(labels, i, l) {
		const char *name;

		if (jv_get_kind(l) == JV_KIND_OBJECT)
			name = ads_json_str(l, "name", NULL);
		else
			name = jv_get_kind(l) == JV_KIND_STRING ?
			    jv_string_value(l) : NULL;
		/* A name given twice counts once. */
		if (name != NULL && *name != '\0' &&
		    class_index(&sc, name, strlen(name)) < 0)
			sc.classes[sc.nclasses++] = xstrdup(name);
		jv_free(l);
	}
	jv_free(labels);
}

/* times -- "created" and "retrieved" as uniform RFC 3339 times. */
static jv
times(jv rec)
{
	static const char *const names[] = { "created", "retrieved" };
	const char *v;
	size_t i, n;
	int64_t us;
	char ts[32];

	for (i = 0; i < 2; i++) {
		v = ads_json_str(rec, names[i], &n);
		if (v == NULL || ts_parse(v, n, &us) < 0)
			continue;
		ts_format(us, ts);
		rec = jv_object_set(rec, jv_string(names[i]), jv_string(ts));
	}
	return rec;
}

static void
jsonl_write(struct split *s, jv rec, struct ads_buf *b)
{
	char *path;

	if (s->out != NULL && s->shardbytes >= (uint64_t)shardsize)
		jsonl_close(s);
	if (s->out == NULL) {
		path = shard_path(s, s->nfiles);
		s->out = ads_out_open(path, 0);
		if (s->out == NULL)
			ads_die_errno(ADS_SYSTEM, "%s", path);
		free(path);
		s->shardbytes = s->shardrows = 0;
	}
	if (columns != NULL)
		rec = project(rec);
	rec = times(rec);
	ads_buf_reset(b);
	ads_json_emit(b, rec);
	ads_buf_addc(b, '\n');
	jv_free(rec);
	ads_out_write(s->out, b->p, b->len);
	s->shardbytes += b->len;
	s->shardrows++;
}

static void
spill_write(struct split *s, const struct ads_buf *row, struct ads_buf *b)
{
	if (s->spill == NULL) {
		s->spillpath = xasprintf("%s/spill-%s", tmpdir, s->name);
		s->spill = fopen(s->spillpath, "w+");
		if (s->spill == NULL)
			ads_die_errno(ADS_SYSTEM, "%s", s->spillpath);
		setvbuf(s->spill, NULL, _IOFBF, 1 << 20);
	}
	ads_buf_reset(b);
	put_uvarint(b, row->len);
	if (fwrite(b->p, 1, b->len, s->spill) != b->len ||
	    fwrite(row->p, 1, row->len, s->spill) != row->len)
		ads_die_errno(ADS_SYSTEM, "%s: write error", s->spillpath);
}

/* A buffered reader of the spill. */
struct spillin {
	FILE		*f;
	const char	*path;
	unsigned char	*buf;
	size_t		 cap, start, end;
};

/* spill_rewind -- in reads the spill of s from its start. */
static void
spill_rewind(struct spillin *in, const struct split *s)
{
	memset(in, 0, sizeof(*in));
	in->f = s->spill;
	in->path = s->spillpath;
	if (fflush(in->f) != 0 || ferror(in->f))
		ads_die_errno(ADS_SYSTEM, "%s: write error", in->path);
	rewind(in->f);
}

/* fill -- make at least n bytes available; returns 0 or -1 at EOF. */
static int
fill(struct spillin *in, size_t n)
{
	size_t k;

	if (in->end - in->start >= n)
		return 0;
	if (in->start > 0) {
		memmove(in->buf, in->buf + in->start, in->end - in->start);
		in->end -= in->start;
		in->start = 0;
	}
	if (n > in->cap) {
		in->cap = n + (1 << 20);
		in->buf = xrealloc(in->buf, in->cap);
	}
	while (in->end < n) {
		k = fread(in->buf + in->end, 1, in->cap - in->end, in->f);
		if (k == 0)
			return -1;
		in->end += k;
	}
	return 0;
}

/* spill_row -- the next row decoded into f; returns 1, or 0 at the end. */
static int
spill_row(struct spillin *in, struct field *f)
{
	const unsigned char *q, *e;
	uint64_t len;

	if (fill(in, 1) < 0)
		return 0;
	fill(in, 10);
	q = in->buf + in->start;
	e = in->buf + in->end;
	if (get_uvarint(&q, e, &len) < 0 || len > ((uint64_t)1 << 40))
		ads_die(ADS_SYSTEM, "%s: corrupt spill file", in->path);
	in->start = (size_t)(q - in->buf);
	if (fill(in, (size_t)len) < 0 ||
	    row_decode(&sc, in->buf + in->start, (size_t)len, f) < 0)
		ads_die(ADS_SYSTEM, "%s: corrupt spill file", in->path);
	in->start += (size_t)len;
	return 1;
}

/* write_csv_header -- the column names. */
static void
csv_header(struct ads_buf *b)
{
	size_t i;

	for (i = 0; i < sc.ncols; i++) {
		if (i > 0)
			ads_buf_addc(b, ',');
		csv_cell(b, sc.cols[i].name, sc.cols[i].namelen, Rflag);
	}
	ads_buf_add(b, "\r\n", 2);
}

/* typed -- 1 when a column is a candidate of types_begin. */
static int
typed(void)
{
	size_t i;

	for (i = 0; i < sc.ncols; i++)
		if (sc.cols[i].tcand == 1)
			return 1;
	return 0;
}

/*
 * checkpass -- read every spill once to see which task columns can be
 * nested in Parquet (nested.c), which time columns hold only times and
 * whether "label" holds only names of the plan's label set; only when
 * a column is a candidate.
 */
static void
checkpass(struct field *f)
{
	struct spillin in;
	size_t i;

	if (format == F_PARQUET)
		nest_begin(&sc);
	types_begin(&sc);
	for (i = 0; i < nsplits && (nest_any(&sc) || typed()); i++) {
		if (splits[i].spill == NULL)
			continue;
		spill_rewind(&in, &splits[i]);
		while (spill_row(&in, f)) {
			if (format == F_PARQUET)
				nest_see(&sc, f);
			types_see(&sc, f);
		}
		free(in.buf);
		if (fseeko(in.f, 0, SEEK_END) != 0)
			ads_die_errno(ADS_SYSTEM, "%s", splits[i].spillpath);
	}
	if (format == F_PARQUET)
		nest_end(&sc);
	types_end(&sc);
}

/*
 * shard_end -- close shard path of s (Parquet writer w on fd, or CSV
 * output o) after rows rows and bytes bytes, and add it to s's files.
 */
static void
shard_end(struct split *s, char *path, struct pq_writer *w, int fd,
    struct ads_out *o, uint64_t rows, uint64_t bytes)
{
	if (format == F_PARQUET) {
		if (pq_close(w) < 0)
			exit(ADS_SYSTEM);
		bytes = (uint64_t)lseek(fd, 0, SEEK_END);
		if (close(fd) < 0)
			ads_die_errno(ADS_SYSTEM, "%s: write error", path);
	} else if (ads_out_close(o) < 0)
		exit(ADS_SYSTEM);
	shard_done(s, path, rows, bytes);
}

/* second -- read the spill of s back and write its shards. */
static void
second(struct split *s, struct field *f, int level)
{
	struct spillin in;
	struct pq_writer *w = NULL;
	struct ads_out *o = NULL;
	struct ads_buf b = ADS_BUF_INIT, cell = ADS_BUF_INIT;
	size_t i;
	uint64_t rows = 0, bytes = 0;
	char *path = NULL, ts[32];
	int64_t us;
	int fd = -1;

	spill_rewind(&in, s);
	while (spill_row(&in, f)) {
		if (path == NULL) {
			path = shard_path(s, s->nfiles);
			rows = bytes = 0;
			if (format == F_PARQUET) {
				fd = open(path, O_WRONLY | O_CREAT | O_TRUNC,
				    0644);
				if (fd < 0)
					ads_die_errno(ADS_SYSTEM, "%s", path);
				w = pq_open(fd, path, &sc, (size_t)rgbytes,
				    level, nworkers());
			} else {
				o = ads_out_open(path, ADS_OUT_PLAIN);
				if (o == NULL)
					ads_die_errno(ADS_SYSTEM, "%s", path);
				ads_buf_reset(&b);
				csv_header(&b);
				ads_out_write(o, b.p, b.len);
				bytes = b.len;
			}
		}
		rows++;
		if (format == F_PARQUET) {
			if (pq_add(w, f) < 0)
				exit(ADS_SYSTEM);
			bytes = pq_bytes(w);
		} else {
			ads_buf_reset(&b);
			for (i = 0; i < sc.ncols; i++) {
				if (i > 0)
					ads_buf_addc(&b, ',');
				if (f[i].tag == V_STR && ts_column(sc.cols[i].name,
				    sc.cols[i].namelen) && ts_parse(f[i].s,
				    f[i].len, &us) == 0) {
					ts_format(us, ts);
					csv_cell(&b, ts, strlen(ts), 1);
					continue;
				}
				if (f[i].tag == V_STR) {
					csv_cell(&b, f[i].s, f[i].len, Rflag);
					continue;
				}
				/* Numbers and JSON text are no formulas. */
				ads_buf_reset(&cell);
				field_text(&f[i], 0, &cell);
				csv_cell(&b, cell.p, cell.len, 1);
			}
			ads_buf_add(&b, "\r\n", 2);
			ads_out_write(o, b.p, b.len);
			bytes += b.len;
		}
		if (bytes >= (uint64_t)shardsize) {
			shard_end(s, path, w, fd, o, rows, bytes);
			w = NULL;
			path = NULL;
			o = NULL;
		}
	}
	if (path != NULL)
		shard_end(s, path, w, fd, o, rows, bytes);
	fclose(s->spill);
	s->spill = NULL;
	unlink(s->spillpath);
	free(in.buf);
	ads_buf_free(&b);
	ads_buf_free(&cell);
}

/* split_rank -- train, validation, test first, then the rest as met. */
static int
split_rank(const char *name)
{
	if (strcmp(name, "train") == 0)
		return 0;
	if (strcmp(name, "validation") == 0)
		return 1;
	if (strcmp(name, "test") == 0)
		return 2;
	return 3;
}

static int
split_cmp(const void *a, const void *b)
{
	const struct split *x = a, *y = b;
	int rx = split_rank(x->name), ry = split_rank(y->name);

	return rx != ry ? rx - ry : 0;
}

/* finish -- final names, the card, and everything into place. */
static jv
final_names(void)
{
	jv files = jv_array();
	size_t i, k;

	for (i = 0; i < nsplits; i++) {
		struct split *s = &splits[i];

		for (k = 0; k < s->nfiles; k++) {
			char *name, *to;

			name = xasprintf("%s-%05zu-of-%05zu.%s", s->name, k,
			    s->nfiles, ext());
			to = xasprintf("%s/%s", datadir, name);
			if (rename(s->files[k], to) < 0)
				ads_die_errno(ADS_SYSTEM, "%s", to);
			files = jv_array_append(files, JV_OBJECT(
			    jv_string("split"), jv_string(s->name),
			    jv_string("path"), jv_string_fmt("data/%s", name),
			    jv_string("rows"),
			    jv_number((double)s->filerows[k]),
			    jv_string("bytes"),
			    jv_number((double)s->filebytes[k])));
			free(name);
			free(to);
		}
	}
	return files;
}

/*
 * ourlicense -- 1 when outdir/LICENSE.md is one ads-export wrote (card_render.c
 * starts it so), -1 when there is none, 0 for another file.
 */
static int
ourlicense(void)
{
	static const char head[] = "# Licenses\n\nEach record of this dataset";
	char b[sizeof(head)];
	ssize_t n;
	int fd;

	fd = openat(outfd, "LICENSE.md", O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? -1 : 0;
	n = read(fd, b, sizeof(head) - 1);
	close(fd);
	return n == (ssize_t)sizeof(head) - 1 &&
	    memcmp(b, head, sizeof(head) - 1) == 0;
}

/* move_in -- tmpdir/name renamed outdir/name, or the run fails. */
static void
move_in(const char *name)
{
	char *p = xasprintf("%s/%s", tmpdir, name);
	char *q = xasprintf("%s/%s", outdir, name);

	if (rename(p, q) < 0)
		ads_die_errno(ADS_SYSTEM, "%s", q);
	free(p);
	free(q);
}

/*
 * workdir -- open the output folder and make its temporary folder
 * (removed at exit unless installed).
 */
static void
workdir(void)
{
	if (mkdir(outdir, 0777) < 0 && errno != EEXIST)
		ads_die_errno(ADS_SYSTEM, "%s", outdir);
	outfd = open(outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (outfd < 0)
		ads_die_errno(ADS_SYSTEM, "%s", outdir);
	sweep();
	snprintf(tmpname, sizeof(tmpname), ".ads-export-%ld", (long)getpid());
	tmpdir = xasprintf("%s/%s", outdir, tmpname);
	datadir = xasprintf("%s/data", tmpdir);
	rmtree(tmpname);
	if (mkdirat(outfd, tmpname, 0700) < 0) {
		ads_warn_errno("%s", tmpdir);
		tmpname[0] = '\0';
		exit(ADS_SYSTEM);
	}
	atexit(cleanup);
	catch(SIGHUP);
	catch(SIGINT);
	catch(SIGTERM);
}

/*
 * install_license -- the card's license_link, when the card has one:
 * never in place of a LICENSE.md ads-export did not write; one it wrote
 * before goes when the new card has none.
 */
static void
install_license(void)
{
	char *p, *q;

	p = xasprintf("%s/LICENSE.md", tmpdir);
	q = xasprintf("%s/LICENSE.md", outdir);
	if (access(p, F_OK) == 0) {
		if (ourlicense() != 0 && rename(p, q) < 0)
			ads_die_errno(ADS_SYSTEM, "%s", q);
	} else if (ourlicense() == 1)
		unlink(q);
	free(p);
	free(q);
}

/* install -- move the finished tree from tmpdir into outdir. */
static void
install(void)
{
	char *old, *p, oldname[64];
	sigset_t sigs, prev;

	unlinkat(outfd, "README.md", 0);
	unlinkat(outfd, "dataset_card.json", 0);
	/* A signal waits until everything is in place. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigprocmask(SIG_BLOCK, &sigs, &prev);
	snprintf(oldname, sizeof(oldname), ".ads-export-old-%ld",
	    (long)getpid());
	old = xasprintf("%s/%s", outdir, oldname);
	p = xasprintf("%s/data", outdir);
	if (rename(p, old) < 0 && errno != ENOENT)
		ads_die_errno(ADS_SYSTEM, "%s", p);
	if (rename(datadir, p) < 0)
		ads_die_errno(ADS_SYSTEM, "%s", p);
	free(p);
	/* The old data, or a link that stood in its place: never its target. */
	rmtree(oldname);
	free(old);
	move_in("dataset_card.json");
	move_in("README.md");
	install_license();
	rmtree(tmpname);
	tmpname[0] = '\0';
	sigprocmask(SIG_SETMASK, &prev, NULL);
}

/*
 * rerender -- -C: outdir/README.md (and LICENSE.md) rendered again
 * from the facts of a dataset_card.json alone.
 */
static int
rerender(void)
{
	const char *why;
	sigset_t sigs, prev;
	jv facts;
	int err;

	facts = card_readjson(cardpath, &err);
	if (err)
		exit(err);
	if (!jv_is_valid(facts)) {
		jv msg = jv_invalid_get_msg(facts);

		ads_warn("%s: not JSON: %s", cardpath,
		    jv_get_kind(msg) == JV_KIND_STRING ?
		    jv_string_value(msg) : "no value");
		jv_free(msg);
		exit(ADS_DATA);
	}
	if ((why = card_check(facts)) != NULL) {
		ads_warn("%s: not a card ads-export wrote: %s", cardpath, why);
		jv_free(facts);
		exit(ADS_DATA);
	}
	workdir();
	if (card_render(facts, tmpdir) < 0)
		exit(ADS_SYSTEM);
	jv_free(facts);
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigprocmask(SIG_BLOCK, &sigs, &prev);
	move_in("README.md");
	install_license();
	rmtree(tmpname);
	tmpname[0] = '\0';
	sigprocmask(SIG_SETMASK, &prev, NULL);
	free(tmpdir);
	free(datadir);
	return 0;
}

/*
 * pick -- the split of a record from its "split" field (present: the key
 * is there; sn NULL: not a string), or NULL after reporting it.
 */
static struct split *
pick(struct ads_reader *r, int present, const char *sn, size_t sl,
    uint64_t *bad)
{
	struct split *s;

	if (!present) {
		sn = "train";
		sl = 5;
	} else if (sn == NULL || !valid_split(sn, sl)) {
		ads_reader_bad(r, "invalid split name");
		(*bad)++;
		return NULL;
	}
	s = getsplit(sn, sl);
	if (s == NULL) {
		ads_reader_bad(r, "too many splits (limit %d)", MAXSPLITS);
		(*bad)++;
	}
	return s;
}

/*
 * slowline -- parse a line the fast path left with libjq and spill it.
 */
static void
slowline(struct ads_reader *r, struct card *card, const char *line,
    size_t len, struct ads_buf *row, struct ads_buf *tmp, uint64_t *bad_split,
    uint64_t *bad_cols)
{
	struct split *s;
	const char *sn;
	size_t sl = 0;
	jv v;

	if (!ads_reader_parse(r, line, len, &v))
		return;
	nhave += !tslow || ads_fields_count(&fs, v) > 0;
	sn = ads_json_str(v, "split", &sl);
	s = pick(r, ads_json_has(v, "split"), sn, sl, bad_split);
	if (s == NULL) {
		jv_free(v);
		return;
	}
	ads_buf_reset(row);
	if (row_encode(&sc, v, row) < 0) {
		ads_reader_bad(r, "too many columns (limit %d)", MAXCOLS);
		(*bad_cols)++;
		jv_free(v);
		return;
	}
	card_count(card, v, s->name);
	s->rows++;
	spill_write(s, row, tmp);
	jv_free(v);
}

/* scanstr -- field i of the fast path's scan when a string, else NULL. */
static const char *
scanstr(const struct scaninfo *si, int i, size_t *len)
{
	*len = si->f[i].notstr ? 0 : si->f[i].len;
	return si->f[i].notstr ? NULL : si->f[i].s;
}

/* cardrec -- the fields the card counts, from the fast path's scan. */
static const struct cardrec *
cardrec(const struct scaninfo *si, struct cardrec *r)
{
	memset(r, 0, sizeof(*r));
	r->src = scanstr(si, SI_SOURCE, &r->sl);
	r->lic = scanstr(si, SI_LICENSE, &r->ll);
	r->lang = scanstr(si, SI_LANG, &r->gl);
	r->hasq = si->f[SI_QUALITY].isnum;
	r->q = si->f[SI_QUALITY].d;
	if (si->f[SI_PII].notstr && si->f[SI_PII].s != NULL &&
	    si->f[SI_PII].s[0] == '{') {
		r->pii = si->f[SI_PII].s;
		r->piilen = si->f[SI_PII].len;
	}
	r->label = si->f[SI_LABEL].s;
	r->labellen = si->f[SI_LABEL].len;
	r->lsrc = scanstr(si, SI_LABEL_SOURCE, &r->lsl);
	return r;
}

static int
zstd_level(void)
{
	const char *s = ads_getenv_nonempty("ADS_ZSTD_LEVEL");

	/*
	 * Parquet pages default to 3: with DELTA_LENGTH_BYTE_ARRAY strings
	 * and 4 MiB pages the files are no larger than DuckDB's at level 3,
	 * for a third of the time level 6 takes.
	 */
	if (s == NULL)
		return 3;
	return (int)ads_optnum("ADS_ZSTD_LEVEL", s, 1, 19);
}

/* options -- parse the command line into the globals; r takes its own. */
static void
options(int argc, char *argv[], struct ads_reader *r)
{
	enum { O_COMMAND = 256, O_SEED };
	static const struct option lopts[] = {
		{ "card",	required_argument,	NULL,	'C' },
		{ "columns",	required_argument,	NULL,	'c' },
		{ "command",	required_argument,	NULL,	O_COMMAND },
		{ "format",	required_argument,	NULL,	'f' },
		{ "group-size",	required_argument,	NULL,	'g' },
		ADS_STD_LONGOPTS,
		{ "max-shard",	required_argument,	NULL,	'm' },
		{ "output",	required_argument,	NULL,	'o' },
		{ "plan",	required_argument,	NULL,	'p' },
		{ "raw-csv",	no_argument,		NULL,	'R' },
		{ "seed",	required_argument,	NULL,	O_SEED },
		{ "stats",	required_argument,	NULL,	'S' },
		{ "text",	required_argument,	NULL,	'T' },
		{ NULL, 0, NULL, 0 }
	};
	int c, nother = 0;

	while ((c = getopt_long(argc, argv, "C:c:f:g:m:o:p:RS:T:" ADS_STD_OPTS,
	    lopts, NULL)) != -1) {
		nother += c != 'C' && c != 'o';
		if (ads_reader_opt(r, c, optarg, USAGE))
			continue;
		switch (c) {
		case 'C':
			cardpath = optarg;
			break;
		case 'c':
			columns = optarg;
			break;
		case 'T':
			ads_fields_opt(&fs, "-T", optarg);
			break;
		case O_COMMAND:
			command = optarg;
			break;
		case 'f':
			for (format = 0; format < 4; format++)
				if (strcmp(optarg, fmtnames[format]) == 0)
					break;
			if (format == 4) {
				ads_warn("-f: unknown format: %s (parquet, "
				    "jsonl, jsonl.zst or csv)", optarg);
				exit(ADS_USAGE);
			}
			break;
		case 'g':
			rgbytes = ads_optsize("-g", optarg, 1024,
			    1024LL * 1024 * 1024);
			break;
		case 'm':
			shardsize = ads_optsize("-m", optarg, 1024,
			    1LL << 50);
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'p':
			planpath = optarg;
			break;
		case 'R':
			Rflag = 1;
			break;
		case O_SEED:
			seed = optarg;
			break;
		case 'S':
			statspath = optarg;
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	if (outdir == NULL) {
		ads_warn("-o outdir is required");
		ads_usage(USAGE, ADS_USAGE);
	}
	if (cardpath != NULL && (optind < argc || nother > 0)) {
		ads_warn("-C takes -o outdir and nothing else");
		ads_usage(USAGE, ADS_USAGE);
	}
	if (columns != NULL && *columns == '\0') {
		ads_warn("-c: no columns named");
		exit(ADS_USAGE);
	}
}

/*
 * acquire -- open the inputs, the output folder and its temporary
 * folder (removed at exit unless installed).
 */
static void
acquire(int argc, char *argv[], struct ads_reader *r)
{
	ads_fields_default(&fs, ".text");
	r->require = ads_fields_require(&fs);
	tslow = ads_fields_key(&fs) == NULL ||
	    strcmp(ads_fields_key(&fs), "text") != 0;
	ads_reader_open(r, argc - optind, argv + optind);
	workdir();
	if (mkdir(datadir, 0777) < 0)
		ads_die_errno(ADS_SYSTEM, "%s", datadir);
}

/* first_jsonl -- the first pass of JSON Lines output: records to splits. */
static void
first_jsonl(struct ads_reader *r, struct card *card, struct ads_buf *tmp,
    uint64_t *bad_split)
{
	jv rec;

	while (ads_reader_next(r, &rec)) {
		const char *sn;
		size_t sl = 0;
		struct split *s;

		nhave += !tslow || ads_fields_count(&fs, rec) > 0;
		sn = ads_json_str(rec, "split", &sl);
		s = pick(r, ads_json_has(rec, "split"), sn, sl,
		    bad_split);
		if (s == NULL) {
			jv_free(rec);
			continue;
		}
		card_count(card, rec, s->name);
		s->rows++;
		jsonl_write(s, rec, tmp);
		if ((r->nrecords & 0x3ff) == 0)
			ads_progress("reading", (long long)r->nrecords,
			    -1);
	}
}

/*
 * first_rows -- the first pass of Parquet and CSV output: rows encoded
 * by the scanner (or libjq) and spilled per split.
 */
static void
first_rows(struct ads_reader *r, struct card *card, struct ads_buf *row,
    struct ads_buf *tmp, uint64_t *bad_split, uint64_t *bad_cols)
{
	struct scaninfo si;
	struct cardrec cr;
	char *line;
	size_t len, i;

	memset(&si, 0, sizeof(si));
	while (ads_reader_nextline(r, &line, &len)) {
		struct split *s;

		ads_buf_reset(row);
		/* The scanner checks "text": other paths take libjq. */
		if (tslow ||
		    row_scan(&sc, line, len, row, &si) != SCAN_OK) {
			slowline(r, card, line, len, row, tmp,
			    bad_split, bad_cols);
			continue;
		}
		r->nrecords++;
		nhave++;
		s = pick(r, si.f[SI_SPLIT].present,
		    si.f[SI_SPLIT].notstr ? NULL : si.f[SI_SPLIT].s,
		    si.f[SI_SPLIT].len, bad_split);
		if (s == NULL)
			continue;
		card_add(card, cardrec(&si, &cr), s->name);
		s->rows++;
		spill_write(s, row, tmp);
		if ((r->nrecords & 0x3ff) == 0)
			ads_progress("reading", (long long)r->nrecords,
			    -1);
	}
	for (i = 0; i < SI_N; i++)
		ads_buf_free(&si.keep[i]);
	ads_buf_free(&si.tmp);
	ads_buf_free(&si.key);
	ads_buf_free(&si.nest);
	free(si.undo);
}

/*
 * second_pass -- each split's files, in the usual order of splits;
 * returns the datasets features (null for JSON Lines).
 */
static jv
second_pass(int level, uint64_t *written, size_t *nfiles)
{
	jv features = jv_null();
	struct field *f;
	size_t i;

	qsort(splits, nsplits, sizeof(splits[0]), split_cmp);
	f = xcalloc(sc.ncols ? sc.ncols : 1, sizeof(*f));
	if (format == F_PARQUET || format == F_CSV) {
		checkpass(f);
		features = schema_features(&sc);
		if (format == F_PARQUET) {
			struct ads_buf fb = ADS_BUF_INIT;
			jv hf = JV_OBJECT(jv_string("info"), JV_OBJECT(
			    jv_string("features"), jv_copy(features)));

			ads_json_emit(&fb, hf);
			jv_free(hf);
			sc.features = xstrdup(fb.p);
			ads_buf_free(&fb);
		}
	}
	for (i = 0; i < nsplits; i++) {
		if (format == F_JSONL || format == F_JSONLZST)
			jsonl_close(&splits[i]);
		else if (splits[i].spill != NULL)
			second(&splits[i], f, level);
		*written += splits[i].rows;
		*nfiles += splits[i].nfiles;
		ads_progress("writing", (long long)*written,
		    (long long)*written);
	}
	free(f);
	return features;
}

/* write_card -- the dataset card in the temporary folder. */
static void
write_card(struct card *card, jv files, jv features)
{
	jv cols = jv_array(), splitrows = jv_object();
	size_t i;

	if (format != F_JSONL && format != F_JSONLZST)
		for (i = 0; i < sc.ncols; i++)
			cols = jv_array_append(cols, JV_OBJECT(
			    jv_string("name"),
			    jv_string_sized(sc.cols[i].name,
			    (int)sc.cols[i].namelen),
			    jv_string("type"),
			    jv_string(coltype_name(sc.cols[i].type))));
	for (i = 0; i < nsplits; i++)
		splitrows = jv_object_set(splitrows,
		    jv_string(splits[i].name),
		    jv_number((double)splits[i].rows));
	card->format = fmtnames[format];
	card->csvraw = Rflag;
	card->command = command;
	card->seed = seed;
	card->outdir = outdir;
	card->features = features;
	if (card_write(card, tmpdir, files, cols, splitrows) < 0)
		exit(ADS_SYSTEM);
}

/* report -- the summary on stderr and the progress done line. */
static void
report(const struct ads_reader *r, uint64_t nin, uint64_t written,
    size_t nfiles, uint64_t bad_split, uint64_t bad_cols)
{
	jv extra, split = jv_object(), dropped;
	size_t i;

	for (i = 0; i < nsplits; i++)
		split = jv_object_set(split, jv_string(splits[i].name),
		    jv_number((double)splits[i].rows));
	dropped = JV_OBJECT(jv_string("malformed"),
	    jv_number((double)(r->nbad - bad_split - bad_cols)));
	if (bad_split > 0)
		dropped = jv_object_set(dropped, jv_string("split"),
		    jv_number((double)bad_split));
	if (bad_cols > 0)
		dropped = jv_object_set(dropped, jv_string("columns"),
		    jv_number((double)bad_cols));
	extra = JV_OBJECT(jv_string("in"),
	    jv_number((double)nin),
	    jv_string("out"), jv_number((double)written),
	    jv_string("dropped"), dropped,
	    jv_string("splits"), split,
	    jv_string("files"), jv_number((double)nfiles),
	    jv_string("format"), jv_string(fmtnames[format]));
	ads_progress_emit("done", (long long)r->nrecords, -1, extra);
}

int
main(int argc, char *argv[])
{
	struct ads_reader r;
	struct ads_buf row = ADS_BUF_INIT, tmp = ADS_BUF_INIT;
	struct card card;
	jv files, features;
	uint64_t bad_split = 0, bad_cols = 0, written = 0, nin;
	size_t i, nfiles = 0;
	int level;

	ads_setprogname(argv[0]);
	ads_reader_init(&r);
	options(argc, argv, &r);
	if (cardpath != NULL)
		return rerender();
	level = zstd_level();
	card_init(&card);
	if (card_load(&card, planpath, statspath) < 0)
		exit(ads_level());

	acquire(argc, argv, &r);
	schema_init(&sc, MAXCOLS);
	plan_classes(card.plan);
	if (columns != NULL)
		schema_fix(&sc, columns);
	ads_progress_init(NULL);

	/* First pass. */
	if (format == F_JSONL || format == F_JSONLZST)
		first_jsonl(&r, &card, &tmp, &bad_split);
	else
		first_rows(&r, &card, &row, &tmp, &bad_split, &bad_cols);
	ads_fields_missing(&fs, r.nrecords, nhave);
	if (ads_level() >= ADS_SYSTEM)
		exit(ads_level());
	schema_decide(&sc);

	/* Second pass, split by split in the usual order. */
	features = second_pass(level, &written, &nfiles);
	files = final_names();
	write_card(&card, files, features);
	install();

	nin = r.nrecords + r.nbad - bad_split - bad_cols;
	ads_warn("%llu records in, %llu written to %zu files in %zu splits, "
	    "%lu malformed", (unsigned long long)nin,
	    (unsigned long long)written, nfiles, nsplits, r.nbad);
	report(&r, nin, written, nfiles, bad_split, bad_cols);
	for (i = 0; i < nsplits; i++) {
		size_t k;

		for (k = 0; k < splits[i].nfiles; k++)
			free(splits[i].files[k]);
		free(splits[i].files);
		free(splits[i].filerows);
		free(splits[i].filebytes);
		free(splits[i].spillpath);
		free(splits[i].name);
	}
	card_free(&card);
	schema_free(&sc);
	ads_fields_free(&fs);
	ads_buf_free(&row);
	ads_buf_free(&tmp);
	free(tmpdir);
	free(datadir);
	return ads_reader_finish(&r);
}
