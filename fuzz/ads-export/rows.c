/*
 * rows -- libFuzzer harness over ads-export's record-to-row path: each
 * line of the input is scanned into the spill format by the fast
 * scanner (row_scan), or by libjq and row_encode where the scanner gives
 * up; a scanned row must decode to the same values as libjq's parse of
 * the line.  Then the schema is decided and every row decoded again and
 * written through the Parquet writer (to /dev/null; with compression
 * threads for inputs of odd length) and the CSV cell encoder, and the
 * fields the dataset card counts go through card_add; the types pass
 * checks times (read, written, read again) and labels.  An input
 * starting with '#' is instead a raw spill row, decoded against a
 * schema of one column of each type.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../tools/ads-export/card.h"
#include "../../tools/ads-export/export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__lsan_default_suppressions(void);

/*
 * libjq 1.6's parser leaks a token on some syntax errors (valgrind shows
 * the same with ads-echo); its frames are unwound no further than
 * jv_mem_alloc, so leaks from inside libjq are suppressed.
 */
const char *
__lsan_default_suppressions(void)
{
	return "leak:jv_mem_alloc\nleak:libjq.so\n";
}

static void
write_rows(struct schema *sc, struct ads_buf *spill, size_t *ends,
    size_t n, int nworkers)
{
	struct field *f = calloc(sc->ncols + 1, sizeof(*f));
	struct ads_buf cell = ADS_BUF_INIT, csv = ADS_BUF_INIT;
	struct pq_writer *w;
	size_t i, j, start = 0;
	int fd = open("/dev/null", O_WRONLY);

	w = pq_open(fd, "/dev/null", sc, 4096, 1, nworkers);
	for (i = 0; i < n; i++) {
		if (row_decode(sc, (const unsigned char *)spill->p + start,
		    ends[i] - start, f) == 0) {
			pq_add(w, f);
			for (j = 0; j < sc->ncols; j++) {
				ads_buf_reset(&cell);
				field_text(&f[j], j & 1, &cell);
				ads_buf_reset(&csv);
				csv_cell(&csv, cell.p, cell.len, j & 2);
			}
		}
		start = ends[i];
	}
	pq_close(w);
	close(fd);
	ads_buf_free(&cell);
	ads_buf_free(&csv);
	free(f);
}

/*
 * typecheck -- the types pass of main.c over the rows; every string
 * that reads as a time must read the same after ts_format.
 */
static void
typecheck(struct schema *sc, struct ads_buf *spill, size_t *ends, size_t n)
{
	struct field *f = calloc(sc->ncols + 1, sizeof(*f));
	size_t i, j, start = 0;
	int64_t us, us2;
	char ts[32];

	types_begin(sc);
	for (i = 0; i < n; i++) {
		if (row_decode(sc, (const unsigned char *)spill->p + start,
		    ends[i] - start, f) == 0) {
			types_see(sc, f);
			for (j = 0; j < sc->ncols; j++) {
				if (f[j].tag != V_STR ||
				    ts_parse(f[j].s, f[j].len, &us) < 0)
					continue;
				ts_format(us, ts);
				if (ts_parse(ts, strlen(ts), &us2) < 0 ||
				    us2 != us)
					abort();
			}
		}
		start = ends[i];
	}
	types_end(sc);
	free(f);
}

/*
 * same_as_jq -- the fast scanner's row (p, n) must decode to the same
 * values as libjq's parse of the line through row_encode.
 */
static void
same_as_jq(struct schema *sc, const char *line, size_t len, const char *p,
    size_t n)
{
	struct schema sc2;
	struct ads_buf b = ADS_BUF_INIT;
	struct field *f1, *f2;
	size_t k;
	jv v = ads_json_parse(line, len);

	ads_buf_grow(&b, 64);

	if (jv_get_kind(v) != JV_KIND_OBJECT)
		__builtin_trap();	/* accepted what jq rejects */
	schema_init(&sc2, 1u << 20);
	/* The same columns in the same order, so indices agree. */
	for (k = 0; k < sc->ncols; k++) {
		if (schema_find(&sc2, sc->cols[k].name,
		    sc->cols[k].namelen) >= 0)
			goto out;	/* names with NUL or commas: skip */
		schema_fix_one(&sc2, sc->cols[k].name, sc->cols[k].namelen);
	}
	sc2.fixed = 0;
	if (row_encode(&sc2, v, &b) < 0 || sc2.ncols != sc->ncols)
		__builtin_trap();
	f1 = calloc(sc->ncols + 1, sizeof(*f1));
	f2 = calloc(sc->ncols + 1, sizeof(*f2));
	if (row_decode(sc, (const unsigned char *)p, n, f1) < 0 ||
	    row_decode(&sc2, (const unsigned char *)b.p, b.len, f2) < 0)
		__builtin_trap();
	for (k = 0; k < sc->ncols; k++) {
		if (f1[k].tag != f2[k].tag)
			__builtin_trap();
		switch (f1[k].tag) {
		case V_INT:
			if (f1[k].i != f2[k].i)
				__builtin_trap();
			break;
		case V_DBL:
			if (memcmp(&f1[k].d, &f2[k].d, sizeof(double)) != 0)
				__builtin_trap();
			break;
		case V_STR:
		case V_NEST:
			if (f1[k].len != f2[k].len ||
			    memcmp(f1[k].s, f2[k].s, f1[k].len) != 0)
				__builtin_trap();
			break;
		}
	}
	free(f1);
	free(f2);
out:
	jv_free(v);
	ads_buf_free(&b);
	schema_free(&sc2);
}

/* count -- the card's fields of a scanned line, as main.c passes them. */
static void
count(struct card *c, const struct scaninfo *si)
{
	struct cardrec r;

	memset(&r, 0, sizeof(r));
	if (!si->f[SI_SOURCE].notstr) {
		r.src = si->f[SI_SOURCE].s;
		r.sl = si->f[SI_SOURCE].len;
	}
	if (!si->f[SI_LANG].notstr) {
		r.lang = si->f[SI_LANG].s;
		r.gl = si->f[SI_LANG].len;
	}
	r.hasq = si->f[SI_QUALITY].isnum;
	r.q = si->f[SI_QUALITY].d;
	if (si->f[SI_PII].notstr && si->f[SI_PII].s != NULL &&
	    si->f[SI_PII].s[0] == '{') {
		r.pii = si->f[SI_PII].s;
		r.piilen = si->f[SI_PII].len;
	}
	r.label = si->f[SI_LABEL].s;
	r.labellen = si->f[SI_LABEL].len;
	card_add(c, &r, "train");
}

/* okrec -- a line the scanner takes passes the reader's checks. */
static void
okrec(const char *p, size_t n)
{
	jv v = ads_json_parse(p, n);

	if (jv_get_kind(v) != JV_KIND_OBJECT ||
	    ads_record_check(p, n, v, 0, ads_record_required) != NULL)
		abort();
	jv_free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct schema sc;
	struct scaninfo si;
	struct card card;
	struct ads_buf spill = ADS_BUF_INIT;
	size_t ends[64], n = 0, i = 0, j, start;

	schema_init(&sc, 64);
	/* Never a null buffer: an empty row is spill.p + start, n = 0. */
	ads_buf_grow(&spill, 64);
	if (size > 0 && data[0] == '#') {
		schema_fix(&sc, "a,b,c,d,e,f");
		for (j = 0; j < sc.ncols; j++)
			sc.cols[j].kinds = 1u << (j % 5);
		schema_decide(&sc);
		sc.cols[5].type = T_MIXED;
		ads_buf_add(&spill, data + 1, size - 1);
		ends[n++] = spill.len;
		write_rows(&sc, &spill, ends, n, (int)(size & 1) * 2);
		goto out;
	}
	memset(&si, 0, sizeof(si));
	card_init(&card);
	while (i < size && n < 64) {
		const uint8_t *nl = memchr(data + i, '\n', size - i);
		size_t len = nl != NULL ? (size_t)(nl - data) - i : size - i;
		jv v;

		/* The fast scanner first, libjq when it gives up (main.c). */
		start = spill.len;
		if (row_scan(&sc, (const char *)data + i, len, &spill,
		    &si) == SCAN_OK) {
			ends[n++] = spill.len;
			same_as_jq(&sc, (const char *)data + i, len,
			    spill.p + start, spill.len - start);
			okrec((const char *)data + i, len);
			count(&card, &si);
			i += len + 1;
			continue;
		}
		v = ads_json_parse((const char *)data + i, len);
		if (jv_get_kind(v) == JV_KIND_OBJECT &&
		    row_encode(&sc, v, &spill) == 0)
			ends[n++] = spill.len;
		jv_free(v);
		i += len + 1;
	}
	for (j = 0; j < SI_N; j++)
		ads_buf_free(&si.keep[j]);
	ads_buf_free(&si.tmp);
	ads_buf_free(&si.key);
	ads_buf_free(&si.nest);
	free(si.undo);
	/* The labelling facts of what was counted: K of N never above N. */
	{
		jv lb = labelling(&card);

		if (jv_get_kind(lb) == JV_KIND_OBJECT &&
		    num(lb, "labelled") > num(lb, "rows"))
			abort();
		jv_free(lb);
	}
	card_free(&card);
	schema_decide(&sc);
	/* The Hub types: times, and labels of a set of two. */
	sc.classes = calloc(2, sizeof(*sc.classes));
	sc.classes[0] = strdup("a");
	sc.classes[1] = strdup("b");
	sc.nclasses = 2;
	typecheck(&sc, &spill, ends, n);
	write_rows(&sc, &spill, ends, n, (int)(size & 1) * 2);
out:
	ads_buf_free(&spill);
	schema_free(&sc);
	return 0;
}
