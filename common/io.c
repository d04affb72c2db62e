/*
 * io.c -- bounded line input and buffered output, zstd both ways
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd.h>

#include "io.h"
#include "util.h"

#define INCHUNK	(128 * 1024)
#define OUTBUF	(256 * 1024)

struct ads_in {
	int		 fd;
	char		*name;
	int		 started;	/* magic sniffed */
	int		 eof;		/* the fd is exhausted */
	ZSTD_DStream	*zd;
	char		*raw;		/* compressed bytes (zstd only) */
	size_t		 rawpos, rawlen, rawcap;
	size_t		 zlast;		/* last ZSTD_decompressStream hint */
	char		*buf;		/* decoded bytes */
	size_t		 pos, len, cap;
	char		 err[128];
};

struct ads_out {
	int		 fd;
	char		*name;
	char		*tmpname;	/* atomic: where the data goes */
	ZSTD_CStream	*zc;
	char		*buf;
	size_t		 len;
	char		*zbuf;
	size_t		 zcap;
	int		 failed;	/* errno of the first failure */
	int		 unbuffered;
	int		 isstdout;
};

static struct ads_out *stdout_stream;

size_t
ads_maxline(void)
{
	const char *s, *errstr;
	long long v;

	s = ads_getenv_nonempty("ADS_MAXLINE");
	if (s == NULL)
		return ADS_MAXLINE_DEFAULT;
	v = ads_strtonum(s, 1024, 1LL << 30, &errstr);
	if (errstr != NULL) {
		ads_warn("ADS_MAXLINE is %s: %s; using %lu", errstr, s,
		    ADS_MAXLINE_DEFAULT);
		return ADS_MAXLINE_DEFAULT;
	}
	return (size_t)v;
}

struct ads_in *
ads_in_open(const char *path)
{
	struct ads_in *in;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
		path = "<stdin>";
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd == -1)
			return NULL;
	}
	in = xcalloc(1, sizeof(*in));
	in->fd = fd;
	in->name = xstrdup(path);
	in->cap = INCHUNK;
	in->buf = xmalloc(in->cap + 1);
	return in;
}

void
ads_in_close(struct ads_in *in)
{
	if (in == NULL)
		return;
	if (in->fd != STDIN_FILENO)
		close(in->fd);
	ZSTD_freeDStream(in->zd);
	free(in->raw);
	free(in->buf);
	free(in->name);
	free(in);
}

const char *
ads_in_name(const struct ads_in *in)
{
	return in->name;
}

const char *
ads_in_error(const struct ads_in *in)
{
	return in->err;
}

static ssize_t
rdfd(struct ads_in *in, char *p, size_t n)
{
	ssize_t r;

	do
		r = read(in->fd, p, n);
	while (r == -1 && errno == EINTR);
	if (r == -1)
		snprintf(in->err, sizeof(in->err), "read error: %s",
		    strerror(errno));
	return r;
}

/*
 * fill -- append decoded bytes to in->buf after in->len, which has room
 * for at least one byte.  Returns bytes added, 0 at the end, -1 on error.
 */
static long
fill(struct ads_in *in)
{
	size_t room = in->cap - in->len;
	ssize_t r;

	if (!in->started) {
		in->started = 1;
		r = rdfd(in, in->buf + in->len, room);
		if (r <= 0) {
			in->eof = 1;
			return r;
		}
		if (r >= 4 && (unsigned char)in->buf[in->len] == 0x28 &&
		    (unsigned char)in->buf[in->len + 1] == 0xb5 &&
		    (unsigned char)in->buf[in->len + 2] == 0x2f &&
		    (unsigned char)in->buf[in->len + 3] == 0xfd) {
			/* Move what we read into the compressed buffer. */
			in->zd = ZSTD_createDStream();
			if (in->zd == NULL)
				ads_die(ADS_SYSTEM, "out of memory");
			ZSTD_initDStream(in->zd);
			in->rawcap = ZSTD_DStreamInSize();
			if (in->rawcap < (size_t)r)
				in->rawcap = (size_t)r;
			in->raw = xmalloc(in->rawcap);
			memcpy(in->raw, in->buf + in->len, (size_t)r);
			in->rawpos = 0;
			in->rawlen = (size_t)r;
			in->zlast = 1;
		} else
			return r;
	}
	if (in->zd == NULL) {
		if (in->eof)
			return 0;
		r = rdfd(in, in->buf + in->len, room);
		if (r == 0)
			in->eof = 1;
		return r;
	}
	for (;;) {
		ZSTD_inBuffer zi;
		ZSTD_outBuffer zo;
		size_t ret;

		if (in->rawpos == in->rawlen && !in->eof) {
			r = rdfd(in, in->raw, in->rawcap);
			if (r < 0)
				return -1;
			if (r == 0)
				in->eof = 1;
			in->rawpos = 0;
			in->rawlen = (size_t)r;
		}
		if (in->rawpos == in->rawlen && in->eof) {
			if (in->zlast != 0) {
				snprintf(in->err, sizeof(in->err),
				    "truncated zstd stream");
				return -1;
			}
			return 0;
		}
		zi.src = in->raw;
		zi.size = in->rawlen;
		zi.pos = in->rawpos;
		zo.dst = in->buf + in->len;
		zo.size = room;
		zo.pos = 0;
		ret = ZSTD_decompressStream(in->zd, &zo, &zi);
		in->rawpos = zi.pos;
		if (ZSTD_isError(ret)) {
			snprintf(in->err, sizeof(in->err),
			    "zstd: %s", ZSTD_getErrorName(ret));
			return -1;
		}
		in->zlast = ret;
		if (zo.pos > 0)
			return (long)zo.pos;
	}
}

int
ads_in_getline(struct ads_in *in, size_t maxlen, char **line, size_t *len,
    FILE *overflow)
{
	size_t start = in->pos, scan = in->pos;
	char *nl;
	long r;
	int toolong = 0;

	/*
	 * The unread bytes are buf[start..len).  They are moved to the
	 * front only when more data is needed and the tail has little
	 * room, so a long line never makes later lines pay for copying.
	 */
	for (;;) {
		nl = memchr(in->buf + scan, '\n', in->len - scan);
		if (nl != NULL)
			break;
		if (in->len - start > maxlen) {
			/* Over the bound: spill what we have, keep looking. */
			if (overflow != NULL)
				fwrite(in->buf + start, 1, in->len - start,
				    overflow);
			toolong = 1;
			in->len = in->pos = start = 0;
		}
		scan = in->len;
		if (start > 0 && in->cap - in->len < INCHUNK / 4) {
			memmove(in->buf, in->buf + start, in->len - start);
			in->len -= start;
			scan -= start;
			start = 0;
		}
		if (in->cap - in->len < INCHUNK / 4) {
			size_t ncap = in->cap * 2;

			if (ncap > maxlen + INCHUNK)
				ncap = maxlen + INCHUNK;
			if (ncap < in->cap + INCHUNK / 4)
				ncap = in->cap + INCHUNK;
			in->buf = xrealloc(in->buf, ncap + 1);
			in->cap = ncap;
		}
		r = fill(in);
		if (r < 0)
			return ADS_IN_ERROR;
		if (r == 0) {
			size_t n = in->len - start;

			in->pos = in->len;
			if (n == 0 && !toolong)
				return 0;
			if (toolong || n > maxlen) {
				if (overflow != NULL) {
					fwrite(in->buf + start, 1, n, overflow);
					fputc('\n', overflow);
				}
				in->len = in->pos = 0;
				return ADS_IN_TOOLONG;
			}
			in->buf[in->len] = '\0';
			*line = in->buf + start;
			*len = n;
			return 1;
		}
		in->len += (size_t)r;
	}
	*len = (size_t)(nl - (in->buf + start));
	in->pos = (size_t)(nl - in->buf) + 1;
	if (toolong || *len > maxlen) {
		if (overflow != NULL)
			fwrite(in->buf + start, 1, *len + 1, overflow);
		return ADS_IN_TOOLONG;
	}
	*nl = '\0';
	*line = in->buf + start;
	return 1;
}

long
ads_in_read(struct ads_in *in, void *p, size_t n)
{
	size_t got = 0;
	long r;

	while (got < n) {
		if (in->pos < in->len) {
			size_t k = in->len - in->pos;

			if (k > n - got)
				k = n - got;
			memcpy((char *)p + got, in->buf + in->pos, k);
			in->pos += k;
			got += k;
			continue;
		}
		in->pos = in->len = 0;
		r = fill(in);
		if (r < 0)
			return got > 0 ? (long)got : -1;
		if (r == 0)
			break;
		in->len = (size_t)r;
	}
	return (long)got;
}

char *
ads_in_slurp(struct ads_in *in, size_t maxlen, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *p = xmalloc(cap + 1);
	long r;

	for (;;) {
		if (n == cap) {
			if (cap >= maxlen) {
				snprintf(in->err, sizeof(in->err),
				    "input too large (limit %zu bytes)", maxlen);
				free(p);
				return NULL;
			}
			cap *= 2;
			p = xrealloc(p, cap + 1);
		}
		r = ads_in_read(in, p + n, cap - n);
		if (r < 0) {
			free(p);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	p[n] = '\0';
	*len = n;
	return p;
}

/* Output. */

static int
zlevel(void)
{
	const char *s, *errstr;
	long long v;

	s = ads_getenv_nonempty("ADS_ZSTD_LEVEL");
	if (s == NULL)
		return 3;
	v = ads_strtonum(s, 1, 19, &errstr);
	return errstr == NULL ? (int)v : 3;
}

static int
endswith(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static struct ads_out *
outnew(int fd, const char *name, int zstd)
{
	struct ads_out *o = xcalloc(1, sizeof(*o));

	o->fd = fd;
	o->name = xstrdup(name);
	o->buf = xmalloc(OUTBUF);
	if (zstd) {
		o->zc = ZSTD_createCStream();
		if (o->zc == NULL)
			ads_die(ADS_SYSTEM, "out of memory");
		ZSTD_initCStream(o->zc, zlevel());
		o->zcap = ZSTD_CStreamOutSize();
		o->zbuf = xmalloc(o->zcap);
	}
	return o;
}

struct ads_out *
ads_out_open(const char *path, int flags)
{
	struct ads_out *o;
	struct stat st;
	char *tmp = NULL;
	int fd, z;

	if (path == NULL || strcmp(path, "-") == 0)
		return ads_out_stdout();
	z = (flags & ADS_OUT_ZSTD) ||
	    (!(flags & ADS_OUT_PLAIN) && endswith(path, ".zst"));
	/* A device or a pipe ("-c /dev/null") is written to, not replaced. */
	if ((flags & ADS_OUT_ATOMIC) && stat(path, &st) == 0 &&
	    !S_ISREG(st.st_mode))
		flags &= ~ADS_OUT_ATOMIC;
	if (flags & ADS_OUT_ATOMIC) {
		tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	} else
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd == -1) {
		free(tmp);
		return NULL;
	}
	o = outnew(fd, path, z);
	o->tmpname = tmp;
	return o;
}

struct ads_out *
ads_out_stdout(void)
{
	if (stdout_stream == NULL) {
		stdout_stream = outnew(STDOUT_FILENO, "<stdout>", 0);
		stdout_stream->isstdout = 1;
	}
	return stdout_stream;
}

const char *
ads_out_name(const struct ads_out *o)
{
	return o->name;
}

void
ads_out_unbuffered(struct ads_out *o, int on)
{
	o->unbuffered = on;
}

int
ads_out_is_unbuffered(const struct ads_out *o)
{
	return o->unbuffered;
}

/*
 * failwrite -- a write to o failed with errno e.  On the standard output
 * this ends the program: quietly by SIGPIPE for EPIPE (git's
 * check_pipe), with a message and ADS_SYSTEM otherwise.
 */
static void
failwrite(struct ads_out *o, int e)
{
	if (o->failed == 0)
		o->failed = e;
	if (!o->isstdout)
		return;
	if (e == EPIPE) {
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
		_exit(ADS_OK);
	}
	errno = e;
	ads_die_errno(ADS_SYSTEM, "write error: %s", o->name);
}

static void
rawwrite(struct ads_out *o, const char *p, size_t n)
{
	ssize_t r;

	if (o->failed)
		return;
	while (n > 0) {
		r = write(o->fd, p, n);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			failwrite(o, errno);
			return;
		}
		p += r;
		n -= (size_t)r;
	}
}

static void
zwrite(struct ads_out *o, const char *p, size_t n, ZSTD_EndDirective end)
{
	ZSTD_inBuffer zi = { p, n, 0 };
	size_t rem;

	do {
		ZSTD_outBuffer zo = { o->zbuf, o->zcap, 0 };

		rem = ZSTD_compressStream2(o->zc, &zo, &zi, end);
		if (ZSTD_isError(rem)) {
			ads_warn("%s: zstd: %s", o->name,
			    ZSTD_getErrorName(rem));
			failwrite(o, EIO);
			return;
		}
		rawwrite(o, o->zbuf, zo.pos);
	} while (end == ZSTD_e_continue ? zi.pos < zi.size : rem != 0);
}

static void
drain(struct ads_out *o)
{
	if (o->len == 0)
		return;
	if (o->zc != NULL)
		zwrite(o, o->buf, o->len, ZSTD_e_continue);
	else
		rawwrite(o, o->buf, o->len);
	o->len = 0;
}

void
ads_out_write(struct ads_out *o, const void *p, size_t n)
{
	if (o->len + n > OUTBUF) {
		drain(o);
		if (n >= OUTBUF) {
			if (o->zc != NULL)
				zwrite(o, p, n, ZSTD_e_continue);
			else
				rawwrite(o, p, n);
			return;
		}
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

void
ads_out_puts(struct ads_out *o, const char *s)
{
	ads_out_write(o, s, strlen(s));
}

void
ads_out_putc(struct ads_out *o, char c)
{
	if (o->len == OUTBUF)
		drain(o);
	o->buf[o->len++] = c;
}

int
ads_out_flush(struct ads_out *o)
{
	drain(o);
	if (o->zc != NULL)
		zwrite(o, "", 0, ZSTD_e_flush);
	return o->failed ? -1 : 0;
}

static void
outfree(struct ads_out *o)
{
	if (o == stdout_stream)
		stdout_stream = NULL;
	ZSTD_freeCStream(o->zc);
	free(o->zbuf);
	free(o->buf);
	free(o->name);
	free(o->tmpname);
	free(o);
}

int
ads_out_close(struct ads_out *o)
{
	int rc = 0;

	drain(o);
	if (o->zc != NULL)
		zwrite(o, "", 0, ZSTD_e_end);
	if (!o->isstdout && close(o->fd) == -1 && o->failed == 0)
		o->failed = errno;
	if (o->failed) {
		errno = o->failed;
		ads_warn_errno("%s: write error", o->name);
		if (o->tmpname != NULL)
			unlink(o->tmpname);
		rc = -1;
	} else if (o->tmpname != NULL && rename(o->tmpname, o->name) == -1) {
		ads_warn_errno("%s: cannot rename into place", o->name);
		unlink(o->tmpname);
		rc = -1;
	}
	outfree(o);
	return rc;
}

void
ads_out_abort(struct ads_out *o)
{
	if (!o->isstdout)
		close(o->fd);
	if (o->tmpname != NULL)
		unlink(o->tmpname);
	outfree(o);
}

void
ads_out_close_stdout(void)
{
	if (stdout_stream != NULL) {
		ads_out_flush(stdout_stream);
		outfree(stdout_stream);
	}
	if (fflush(stdout) == EOF || close(STDOUT_FILENO) == -1) {
		if (errno == EPIPE)
			return;
		if (errno != EBADF) {
			ads_warn_errno("write error: <stdout>");
			ads_raise(ADS_SYSTEM);
		}
	}
}

int
ads_tmpfd(void)
{
	const char *dir = ads_getenv_nonempty("TMPDIR");
	char *path;
	int fd;

	path = xasprintf("%s/%s.XXXXXX", dir != NULL ? dir : "/tmp",
	    ads_progname());
	if ((fd = mkstemp(path)) == -1)
		ads_die_errno(ADS_SYSTEM, "%s: cannot make a temporary file "
		    "(TMPDIR)", path);
	(void)unlink(path);
	free(path);
	return fd;
}

FILE *
ads_tmpfile(void)
{
	FILE *f = fdopen(ads_tmpfd(), "w+");

	if (f == NULL)
		ads_die_errno(ADS_SYSTEM, "fdopen");
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

void
ads_tmp_write(FILE *f, const void *p, size_t n)
{
	if (n > 0 && fwrite(p, 1, n, f) != n)
		ads_die_errno(ADS_SYSTEM, "temporary file: write error");
}

int
ads_tmp_read(FILE *f, void *p, size_t n, int atend)
{
	size_t got = n > 0 ? fread(p, 1, n, f) : 0;

	if (got == n)
		return 1;
	if (atend && got == 0 && feof(f))
		return 0;
	if (ferror(f))
		ads_die_errno(ADS_SYSTEM, "temporary file: read error");
	ads_die(ADS_SYSTEM, "temporary file: read error");
}

void
ads_tmp_rewind(FILE *f)
{
	if (fflush(f) != 0 || fseeko(f, 0, SEEK_SET) != 0)
		ads_die_errno(ADS_SYSTEM, "temporary file");
}
