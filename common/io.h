/*
 * io.h -- byte streams for ads: bounded lines in, buffered records out,
 * zstd both ways
 *
 * Input is read with read(2) into one buffer; a stream that starts with
 * the zstd frame magic is decompressed transparently, whatever its name
 * (so "zstdcat -f"-style files and stdin both work).  Output to a path
 * ending in ".zst" is zstd-compressed (level ADS_ZSTD_LEVEL, default 3).
 */
#ifndef ADS_IO_H
#define ADS_IO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ads_in;
struct ads_out;

/* Default bound on one input line, in bytes (ADS_MAXLINE overrides). */
#define ADS_MAXLINE_DEFAULT (16UL * 1024 * 1024)

/*
 * ads_in_open -- open path for reading ("-" or NULL is the standard
 * input).  Returns NULL with errno set on failure.  The name shown in
 * messages is the path, or "<stdin>".
 */
struct ads_in *ads_in_open(const char *path);
/* ads_in_close -- close and free; the standard input is not closed. */
void ads_in_close(struct ads_in *in);
/* The display name of the stream (owned by in). */
const char *ads_in_name(const struct ads_in *in);

/*
 * ads_in_getline -- read the next line, without its '\n'.
 * On success *line points into in's buffer (valid until the next call,
 * NUL-terminated) and *len is its length; returns 1.  Returns 0 at end
 * of input, ADS_IN_ERROR on a read or decompression error (message in
 * ads_in_error()), and ADS_IN_TOOLONG when the line exceeds maxlen
 * bytes: the line was consumed, and written with its newline to
 * overflow when overflow is not NULL.  A last line without '\n' counts.
 */
#define ADS_IN_ERROR	(-1)
#define ADS_IN_TOOLONG	(-2)
int ads_in_getline(struct ads_in *in, size_t maxlen, char **line,
    size_t *len, FILE *overflow);
/*
 * ads_in_read -- read up to n decompressed bytes into p.  Returns the
 * count, 0 at the end, or -1 on error (see ads_in_error()).
 */
long ads_in_read(struct ads_in *in, void *p, size_t n);
/* ads_in_slurp -- read the rest of the stream; caller frees. NULL on error. */
char *ads_in_slurp(struct ads_in *in, size_t maxlen, size_t *len);
/* The last error as text ("truncated zstd stream", strerror). */
const char *ads_in_error(const struct ads_in *in);

/* ads_maxline -- ADS_MAXLINE from the environment, or the default. */
size_t ads_maxline(void);

/*
 * ads_out_open -- open path for writing ("-" or NULL is the standard
 * output).  With ADS_OUT_ATOMIC the data goes to "path.tmp-PID" and is
 * renamed to path by a successful ads_out_close(), so an interrupted run
 * never leaves a whole-looking file; a path that is there and is not a
 * regular file (a device, a pipe) is written to in place.  Returns NULL
 * with errno set.
 */
#define ADS_OUT_ATOMIC	0x1
#define ADS_OUT_ZSTD	0x2	/* compress even when path lacks ".zst" */
#define ADS_OUT_PLAIN	0x4	/* never compress */
struct ads_out *ads_out_open(const char *path, int flags);
/* ads_out_stdout -- the standard output as a stream (one per process). */
struct ads_out *ads_out_stdout(void);

/*
 * ads_out_write -- buffer n bytes.  Write errors are fatal for the
 * standard output, as in git's check_pipe: EPIPE ends the program
 * quietly by SIGPIPE, anything else prints "write error" and exits 3.
 * For files, the error is remembered and returned by ads_out_close().
 */
void ads_out_write(struct ads_out *o, const void *p, size_t n);
void ads_out_puts(struct ads_out *o, const char *s);
void ads_out_putc(struct ads_out *o, char c);
/* ads_out_flush -- write the buffer out (and flush zstd's frame data). */
int ads_out_flush(struct ads_out *o);
/* Set unbuffered mode: flush after every ads_out_record() (-u). */
void ads_out_unbuffered(struct ads_out *o, int on);
int ads_out_is_unbuffered(const struct ads_out *o);
/* The display name ("<stdout>" or the path). */
const char *ads_out_name(const struct ads_out *o);
/*
 * ads_out_close -- flush, end the zstd frame, close, rename an atomic
 * file into place, and free.  Returns 0, or -1 after printing a located
 * "write error" (the tool should then exit ADS_SYSTEM).
 */
int ads_out_close(struct ads_out *o);
/* ads_out_abort -- close without renaming; the temporary file is removed. */
void ads_out_abort(struct ads_out *o);

/*
 * ads_out_close_stdout -- flush and close the standard output at the end
 * of main (sbase's fshut); raises ADS_SYSTEM on a write error.
 */
void ads_out_close_stdout(void);

/*
 * Temporary files: unlinked at once, in TMPDIR (/tmp when unset), named
 * after the program.  ads_tmpfd and ads_tmpfile exit ADS_SYSTEM with
 * "DIR/TOOL.XXXXXX: cannot make a temporary file (TMPDIR): why".
 * ads_tmpfile's stream reads and writes, with a 1 MB buffer.
 */
int ads_tmpfd(void);
FILE *ads_tmpfile(void);
/* ads_tmp_write -- all n bytes to f, or exit ADS_SYSTEM. */
void ads_tmp_write(FILE *f, const void *p, size_t n);
/*
 * ads_tmp_read -- n bytes of f: 1.  0 at f's end when atend is set and
 * nothing was read; any other short read exits ADS_SYSTEM.
 */
int ads_tmp_read(FILE *f, void *p, size_t n, int atend);
/* ads_tmp_rewind -- flush f and go back to its start, or exit. */
void ads_tmp_rewind(FILE *f);

/* A 32-bit number in 4 bytes, least significant first (work files). */
static inline void
ads_put32le(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static inline uint32_t
ads_get32le(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

#endif
