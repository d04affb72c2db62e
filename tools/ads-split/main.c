/*
 * ads-split -- assign records to train, validation and test splits,
 * deterministically from their ids (or groups) and a seed, stratified
 * and capped on request, in a seeded shuffled order
 *
 * Pass 1 reads the records, writes each one (re-emitted compactly, with
 * the place of the "split" value noted) to a spill file, and keeps a
 * 56-byte struct entry per record.  The assignment sorts the entries.
 * The output pass sorts them by shuffle key, cuts that order into
 * buckets of at most -m bytes, copies each record to its bucket file in
 * one sequential read of the spill, then loads one bucket at a time and
 * writes its records in shuffle order: memory stays at the entries plus
 * one bucket, whatever the size of the input.
 */
#include <getopt.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jv.h>

#include "../../common/buf.h"
#include "../../common/hash.h"
#include "../../common/field.h"
#include "../../common/io.h"
#include "../../common/json.h"
#include "../../common/jsonl.h"
#include "../../common/progress.h"
#include "../../common/util.h"
#include "split.h"
#include "ads-split-help.h"

#define USAGE "ads-split [-bfsU] [-g field] [-m size] [-n count] " \
	"[-o prefix] [-p ratios] [-r rejectfile]\n[-S seed] " \
	"[-T path[,path ...]] [-t field] [file ...]"

#define H_KEY	0x6b65790000000001ULL
#define H_SHUF	0x7368756600000002ULL
#define H_TIE	0x7469650000000003ULL
#define H_STRAT	0x7374720000000004ULL

/* The spill header before each record's bytes. */
struct hdr {
	uint32_t	len;	/* bytes of JSON that follow */
	uint32_t	pos;	/* where the split goes; kind in the top bits */
};
#define KIND_VALUE	0u	/* "split" exists: insert its value */
#define KIND_COMMA	1u	/* append ,"split":"x" */
#define KIND_FIRST	2u	/* empty object: append "split":"x" */
#define POS_MASK	0x3fffffffu

static int fflag;
static const char *groupfield;
static const char *stratfield;
static const char *prefix;
static unsigned long long seed;
static long long cap = -1;
static size_t membudget = 128UL * 1024 * 1024;
static double ratios[SPLIT_MAX] = { 0.8, 0.1, 0.1 };
static int nsplits = 3;

static struct entry *ents;
static size_t nents, entsalloc;

/* A table of names (strata, cap strata), found through a small hash table. */
struct name {
	char		*s;
	size_t		 len;
	uint64_t	 hash;
};
struct strtab {
	struct name	*names;
	size_t		 n, alloc;
	uint32_t	*tab;		/* index + 1, 0 = empty */
	size_t		 cap;
};
static struct strtab strata;	/* -t values */
static struct strtab capt;	/* -n: lang length (4 bytes), lang, label */
static int bflag;		/* -b: the cap keeps the best, mix or not */


/* valuetext -- the bytes of obj[field]: a string as is, else compact JSON. */
static const char *
valuetext(jv rec, const char *field, struct ads_buf *b, size_t *len)
{
	const char *s;
	jv v;

	s = ads_json_str(rec, field, len);
	if (s != NULL)
		return s;
	if (!ads_json_has(rec, field))
		return NULL;
	v = ads_json_get(rec, field);
	ads_buf_reset(b);
	ads_json_emit(b, v);
	jv_free(v);
	*len = b->len;
	return b->p;
}

static uint32_t
strtab_id(struct strtab *t, const char *s, size_t n)
{
	uint64_t h = ads_hash64(s, n, H_STRAT);
	size_t i, j;

	if ((t->n + 1) * 2 > t->cap) {
		free(t->tab);
		t->cap = t->cap ? t->cap * 2 : 64;
		t->tab = xcalloc(t->cap, sizeof(*t->tab));
		for (j = 0; j < t->n; j++) {
			i = t->names[j].hash & (t->cap - 1);
			while (t->tab[i] != 0)
				i = (i + 1) & (t->cap - 1);
			t->tab[i] = (uint32_t)j + 1;
		}
	}
	i = h & (t->cap - 1);
	while (t->tab[i] != 0) {
		j = t->tab[i] - 1;
		if (t->names[j].hash == h && t->names[j].len == n &&
		    memcmp(t->names[j].s, s, n) == 0)
			return (uint32_t)j;
		i = (i + 1) & (t->cap - 1);
	}
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 16;
		t->names = xreallocarray(t->names, t->alloc, sizeof(*t->names));
	}
	/* Not xstrndup: a cap stratum's name holds NUL bytes. */
	t->names[t->n].s = xmalloc(n + 1);
	memcpy(t->names[t->n].s, s, n);
	t->names[t->n].s[n] = '\0';
	t->names[t->n].len = n;
	t->names[t->n].hash = h;
	t->tab[i] = (uint32_t)t->n + 1;
	return (uint32_t)t->n++;
}

static void
strtab_free(struct strtab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->names[i].s);
	free(t->names);
	free(t->tab);
	memset(t, 0, sizeof(*t));
}

static const struct strtab *sorttab;

static int
bybytes(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	if (c != 0)
		return c;
	return an < bn ? -1 : an > bn;
}

static int
bystr(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	return bybytes(sorttab->names[a].s, sorttab->names[a].len,
	    sorttab->names[b].s, sorttab->names[b].len);
}

/* capname_lang -- the length of the language of cap stratum name s. */
static size_t
capname_lang(const char *s)
{
	return ads_get32le((const unsigned char *)s);
}

/* bycap -- cap strata by language, then label, in byte order. */
static int
bycap(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const char *sa = sorttab->names[a].s, *sb = sorttab->names[b].s;
	size_t la = capname_lang(sa), lb = capname_lang(sb);
	int c;

	c = bybytes(sa + 4, la, sb + 4, lb);
	if (c != 0)
		return c;
	return bybytes(sa + 4 + la, sorttab->names[a].len - 4 - la,
	    sb + 4 + lb, sorttab->names[b].len - 4 - lb);
}

/*
 * renumber -- make the numbers of t follow the names' order (cmp), not
 * input order: rewrite the field at offset off of each entry and the
 * table itself.
 */
static void
renumber(struct strtab *t, int (*cmp)(const void *, const void *),
    size_t off)
{
	uint32_t *order, *rank, *p;
	struct name *names;
	size_t i;

	order = xreallocarray(NULL, t->n + 1, sizeof(*order));
	rank = xreallocarray(NULL, t->n + 1, sizeof(*rank));
	for (i = 0; i < t->n; i++)
		order[i] = (uint32_t)i;
	sorttab = t;
	qsort(order, t->n, sizeof(*order), cmp);
	for (i = 0; i < t->n; i++)
		rank[order[i]] = (uint32_t)i;
	for (i = 0; i < nents; i++) {
		p = (uint32_t *)((char *)&ents[i] + off);
		*p = rank[*p];
	}
	names = xreallocarray(NULL, t->n + 1, sizeof(*names));
	for (i = 0; i < t->n; i++)
		names[i] = t->names[order[i]];
	free(t->names);
	t->names = names;
	t->alloc = t->n + 1;
	/* The hash table's indexes are stale: no lookups follow. */
	free(t->tab);
	t->tab = NULL;
	t->cap = 0;
	free(order);
	free(rank);
}

/*
 * spill -- write rec compactly to f with the "split" value left out,
 * noting where it goes; fill *e's offset and length.  Borrows rec.
 */
static void
spill(FILE *f, uint64_t *foff, jv rec, struct ads_buf *b, struct entry *e)
{
	struct hdr h;
	int i, first = 1, found = 0;

	ads_buf_reset(b);
	ads_buf_addc(b, '{');
	h.pos = 0;
	for (i = jv_object_iter(rec); jv_object_iter_valid(rec, i);
	    i = jv_object_iter_next(rec, i)) {
		jv k = jv_object_iter_key(rec, i);
		jv v = jv_object_iter_value(rec, i);
		const char *ks = jv_string_value(k);
		size_t kn = (size_t)jv_string_length_bytes(jv_copy(k));

		if (!first)
			ads_buf_addc(b, ',');
		first = 0;
		ads_json_emit_string(b, ks, kn);
		ads_buf_addc(b, ':');
		if (kn == 5 && memcmp(ks, "split", 5) == 0 && !found) {
			found = 1;
			h.pos = (uint32_t)b->len | (KIND_VALUE << 30);
		} else {
			ads_json_emit(b, v);
		}
		jv_free(k);
		jv_free(v);
	}
	if (!found)
		h.pos = (uint32_t)b->len | ((first ? KIND_FIRST : KIND_COMMA)
		    << 30);
	ads_buf_addc(b, '}');
	h.len = (uint32_t)b->len;
	ads_tmp_write(f, &h, sizeof(h));
	ads_tmp_write(f, b->p, b->len);
	e->off = *foff;
	e->len = (uint32_t)(sizeof(h) + b->len);
	e->tie = ads_hash64(b->p, b->len, H_TIE);
	*foff += e->len;
}

/* emit -- write one spilled record (header first) with its split. */
static void
emit(struct ads_out **outs, const char *p, int split)
{
	const char *name = split_names(nsplits)[split];
	struct ads_out *o = outs[prefix ? split : 0];
	struct hdr h;
	size_t pos;
	unsigned kind;

	memcpy(&h, p, sizeof(h));
	p += sizeof(h);
	pos = h.pos & POS_MASK;
	kind = h.pos >> 30;
	ads_out_write(o, p, pos);
	if (kind == KIND_COMMA)
		ads_out_write(o, ",\"split\":", 9);
	else if (kind == KIND_FIRST)
		ads_out_write(o, "\"split\":", 8);
	ads_out_putc(o, '"');
	ads_out_puts(o, name);
	ads_out_putc(o, '"');
	ads_out_write(o, p + pos, h.len - pos);
	ads_out_putc(o, '\n');
}

/* output -- write every entry in shuffle order, a bucket at a time. */
static void
output(FILE *sp, uint64_t spillsize, struct ads_out **outs)
{
	FILE **bf = NULL;
	uint64_t *bsize = NULL, acc = 0, pos;
	size_t i, j, nb = 1, maxb = 0;
	char *mem;

	if (nents > 0)
		qsort(ents, nents, sizeof(*ents), entry_by_shuf);
	for (i = 0; i < nents; i++) {
		if (acc > 0 && acc + ents[i].len > membudget) {
			nb++;
			acc = 0;
		}
		ents[i].bucket = (uint32_t)(nb - 1);
		acc += ents[i].len;
	}
	if (fflush(sp) != 0)
		ads_die_errno(ADS_SYSTEM, "temporary file");
	if (nb == 1 && spillsize <= membudget) {
		/* Everything fits: read the spill file once. */
		mem = xmalloc(spillsize + 1);
		rewind(sp);
		(void)ads_tmp_read(sp, mem, spillsize, 0);
		for (i = 0; i < nents; i++)
			emit(outs, mem + ents[i].off, ents[i].split);
		free(mem);
		return;
	}
	/* Distribute: one sequential read of the spill file. */
	bf = xcalloc(nb, sizeof(*bf));
	bsize = xcalloc(nb, sizeof(*bsize));
	for (i = 0; i < nb; i++)
		bf[i] = ads_tmpfile();
	qsort(ents, nents, sizeof(*ents), entry_by_off);
	mem = NULL;
	rewind(sp);
	pos = 0;
	for (i = 0; i < nents; i++) {
		struct entry *e = &ents[i];

		if (e->off != pos && fseeko(sp, (off_t)e->off, SEEK_SET) != 0)
			ads_die_errno(ADS_SYSTEM, "temporary file");
		if (e->len > maxb) {
			maxb = e->len;
			mem = xrealloc(mem, maxb);
		}
		(void)ads_tmp_read(sp, mem, e->len, 0);
		pos = e->off + e->len;
		ads_tmp_write(bf[e->bucket], mem, e->len);
		e->off = bsize[e->bucket];
		bsize[e->bucket] += e->len;
	}
	free(mem);
	qsort(ents, nents, sizeof(*ents), entry_by_shuf);
	for (i = j = 0; i < nb; i++) {
		if (fflush(bf[i]) != 0)
			ads_die_errno(ADS_SYSTEM, "temporary file");
		mem = xmalloc(bsize[i] + 1);
		rewind(bf[i]);
		(void)ads_tmp_read(bf[i], mem, bsize[i], 0);
		fclose(bf[i]);
		for (; j < nents && ents[j].bucket == i; j++)
			emit(outs, mem + ents[j].off, ents[j].split);
		free(mem);
	}
	free(bf);
	free(bsize);
}

/*
 * capstratum -- the cap stratum of rec: its "lang" and "label" (absent:
 * empty), named by the language's length in 4 bytes, the language and
 * the label, so that neither can run into the other.
 */
static uint32_t
capstratum(jv rec, struct ads_buf *vb)
{
	static struct ads_buf nb = ADS_BUF_INIT;
	unsigned char pre[4];
	const char *s;
	size_t len;

	ads_buf_reset(&nb);
	s = valuetext(rec, "lang", vb, &len);
	if (s == NULL || len > 0xffff) {
		s = "";
		len = 0;
	}
	ads_put32le(pre, (uint32_t)len);
	ads_buf_add(&nb, pre, 4);
	ads_buf_add(&nb, s, len);
	s = valuetext(rec, "label", vb, &len);
	if (s != NULL)
		ads_buf_add(&nb, s, len);
	return strtab_id(&capt, nb.p, nb.len);
}

/* entry1 -- the entry of record rec (consumed): spilled, hashed. */
static void
entry1(FILE *sp, uint64_t *spillsize, jv rec, struct ads_buf *b,
    struct ads_buf *vb)
{
	struct entry *e;
	const char *id, *s;
	size_t idn, len;
	double d;

	if (nents == entsalloc) {
		entsalloc *= 2;
		ents = xreallocarray(ents, entsalloc, sizeof(*ents));
	}
	e = &ents[nents++];
	memset(e, 0, sizeof(*e));
	spill(sp, spillsize, rec, b, e);
	id = ads_json_str(rec, "id", &idn);
	if (id == NULL) {
		/* No id: the record's own bytes stand for it. */
		id = b->p;
		idn = b->len;
	}
	e->shuf = ads_hash64(id, idn, seed ^ H_SHUF);
	s = NULL;
	if (groupfield != NULL)
		s = valuetext(rec, groupfield, vb, &len);
	if (s == NULL) {
		s = id;
		len = idn;
	}
	e->key = ads_hash64(s, len, seed ^ H_KEY);
	if (stratfield != NULL) {
		s = valuetext(rec, stratfield, vb, &len);
		e->stratum = s ? strtab_id(&strata, s, len) :
		    strtab_id(&strata, "", 0);
	}
	if (cap >= 0)
		e->cstrat = capstratum(rec, vb);
	e->quality = ads_json_num(rec, "quality", &d) == 0 ?
	    (float)d : -1.0f;
}

/* Per cap stratum: records kept and available (-n). */
static size_t *ckept, *cavail;

/* assign -- the entries capped (-n), then given their splits.  Returns
 * the number capped. */
static size_t
assign(void)
{
	size_t i, j, ncapped = 0;

	if (stratfield != NULL)
		renumber(&strata, bystr, offsetof(struct entry, stratum));
	if (groupfield != NULL && stratfield != NULL && nents > 0) {
		/* A group lives in one stratum: the first by name. */
		qsort(ents, nents, sizeof(*ents), entry_by_key);
		for (i = 0; i < nents; i = j) {
			for (j = i + 1; j < nents && ents[j].key == ents[i].key;
			    j++)
				ents[j].stratum = ents[i].stratum;
		}
	}
	if (cap >= 0 && (unsigned long long)cap < nents) {
		renumber(&capt, bycap, offsetof(struct entry, cstrat));
		ckept = xcalloc(capt.n + 1, sizeof(*ckept));
		cavail = xcalloc(capt.n + 1, sizeof(*cavail));
		ncapped = nents - (size_t)cap;
		if (bflag) {
			qsort(ents, nents, sizeof(*ents), entry_by_quality);
			for (i = 0; i < nents; i++) {
				cavail[ents[i].cstrat]++;
				ckept[ents[i].cstrat] += i < (size_t)cap;
			}
		} else {
			split_cap(ents, nents, capt.n, (size_t)cap, ckept,
			    cavail);
		}
		nents = (size_t)cap;
	}
	if (fflag) {
		split_fixed(ents, nents, ratios, nsplits);
	} else if (nents > 0) {
		/* No input: no array, and qsort may not take NULL. */
		qsort(ents, nents, sizeof(*ents), entry_by_stratum);
		split_assign(ents, nents, ratios, nsplits);
	}
	return ncapped;
}

/*
 * langrun -- the cap strata from s that share its language (the strata
 * being in language order): returns the end of the run and sets the
 * records kept and cut in it.
 */
static size_t
langrun(size_t s, size_t *kept, size_t *cut)
{
	const char *name = capt.names[s].s;
	size_t t, ln = capname_lang(name);

	*kept = *cut = 0;
	for (t = s; t < capt.n && capname_lang(capt.names[t].s) == ln &&
	    memcmp(capt.names[t].s + 4, name + 4, ln) == 0; t++) {
		*kept += ckept[t];
		*cut += cavail[t] - ckept[t];
	}
	return t;
}

/* bylang -- an object of language (or "none") to [kept, cut]. */
static jv
bylang(void)
{
	jv o = jv_object();
	size_t s, t, kept, cut, ln;

	for (s = 0; s < capt.n; s = t) {
		t = langrun(s, &kept, &cut);
		ln = capname_lang(capt.names[s].s);
		o = jv_object_set(o, ln ? jv_string_sized(capt.names[s].s + 4,
		    (int)ln) : jv_string("none"), JV_ARRAY(
		    jv_number((double)kept), jv_number((double)cut)));
	}
	return o;
}

/* open_outputs -- the output of each split: a file, or stdout. */
static void
open_outputs(struct ads_out **outs, const char *const *names)
{
	size_t k;

	for (k = 0; k < (size_t)nsplits; k++) {
		char *path;

		if (prefix == NULL) {
			outs[k] = ads_out_stdout();
			continue;
		}
		path = xasprintf("%s-%s.jsonl", prefix, names[k]);
		outs[k] = ads_out_open(path, ADS_OUT_ATOMIC);
		if (outs[k] == NULL)
			ads_die_errno(ADS_SYSTEM, "%s", path);
		free(path);
	}
}

/* summary -- "N records in, N out: N train, ..." on stderr. */
static void
summary(unsigned long nin, unsigned long ncapped,
    const unsigned long *counts, const char *const *names)
{
	struct ads_buf m = ADS_BUF_INIT;
	size_t k;

	ads_buf_addf(&m, "%lu records in, %zu out:", nin, nents);
	for (k = 0; k < (size_t)nsplits; k++)
		ads_buf_addf(&m, "%s %lu %s", k ? "," : "", counts[k],
		    names[k]);
	if (ncapped > 0) {
		size_t s, t, kept, cut, ln;

		ads_buf_addf(&m, "; dropped: %lu cap; kept/cut by language:",
		    ncapped);
		for (s = 0; s < capt.n; s = t) {
			t = langrun(s, &kept, &cut);
			ln = capname_lang(capt.names[s].s);
			ads_buf_addf(&m, "%s %.*s %zu/%zu", s ? "," : "",
			    ln ? (int)ln : 4, ln ? capt.names[s].s + 4 : "none",
			    kept, cut);
		}
	}
	ads_warn("%s", m.p);
	ads_buf_free(&m);
}

/* donefigures -- the members of the final progress line. */
static jv
donefigures(unsigned long nin, unsigned long ncapped,
    const unsigned long *counts, const char *const *names)
{
	jv extra, dropped, splits;
	size_t k;

	dropped = ncapped > 0 ? JV_OBJECT(jv_string("cap"),
	    jv_number((double)ncapped)) : jv_object();
	splits = jv_object();
	for (k = 0; k < (size_t)nsplits; k++)
		splits = ads_json_set(splits, names[k],
		    jv_number((double)counts[k]));
	extra = JV_OBJECT(jv_string("in"), jv_number((double)nin),
	    jv_string("out"), jv_number((double)nents),
	    jv_string("dropped"), dropped);
	if (ncapped > 0)
		extra = ads_json_set(extra, "languages", bylang());
	extra = ads_json_set(extra, "splits", splits);
	extra = ads_json_set(extra, "seed", jv_number((double)seed));
	return extra;
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "best",	no_argument,		NULL,	'b' },
		{ "fixed",	no_argument,		NULL,	'f' },
		{ "group",	required_argument,	NULL,	'g' },
		{ "max",	required_argument,	NULL,	'n' },
		{ "memory",	required_argument,	NULL,	'm' },
		{ "output",	required_argument,	NULL,	'o' },
		{ "ratios",	required_argument,	NULL,	'p' },
		{ "seed",	required_argument,	NULL,	'S' },
		{ "stratify",	required_argument,	NULL,	't' },
		{ "text",	required_argument,	NULL,	'T' },
		ADS_STD_LONGOPTS,
		{ NULL,		0,			NULL,	0 }
	};
	struct ads_reader r;
	struct ads_buf b = ADS_BUF_INIT, vb = ADS_BUF_INIT;
	struct ads_out *outs[SPLIT_MAX];
	unsigned long counts[SPLIT_MAX] = { 0 };
	unsigned long nin = 0, ncapped = 0, nhave = 0;
	struct ads_fields fs;
	int tcheck;
	const char *const *names;
	uint64_t spillsize = 0;
	size_t i, k;
	FILE *sp;
	jv rec, extra;
	int c, rc;

	ads_setprogname(argv[0]);
	ads_reader_init(&r);
	memset(&fs, 0, sizeof(fs));
	while ((c = getopt_long(argc, argv, ADS_STD_OPTS "bfg:m:n:o:p:S:T:t:",
	    lopts, NULL)) != -1) {
		if (ads_reader_opt(&r, c, optarg, USAGE))
			continue;
		switch (c) {
		case 'b':
			bflag = 1;
			break;
		case 'f':
			fflag = 1;
			break;
		case 'g':
			groupfield = optarg;
			break;
		case 'm':
			membudget = (size_t)ads_optsize("-m", optarg, 1 << 16,
			    1LL << 40);
			break;
		case 'n':
			cap = ads_optnum("-n", optarg, 0, LLONG_MAX);
			break;
		case 'o':
			prefix = optarg;
			break;
		case 'p':
			if (split_ratios(optarg, ratios, &nsplits) != 0)
				ads_die(ADS_USAGE, "-p: bad ratios: %s "
				    "(two or three numbers such as 80/10/10)",
				    optarg);
			break;
		case 'S':
			seed = (unsigned long long)ads_optnum("-S", optarg, 0,
			    LLONG_MAX);
			break;
		case 't':
			stratfield = optarg;
			break;
		case 'T':
			ads_fields_opt(&fs, "-T", optarg);
			break;
		default:
			ads_usage(USAGE, ADS_USAGE);
		}
	}
	if (prefix != NULL && *prefix == '\0')
		ads_die(ADS_USAGE, "-o: empty prefix");
	ads_fields_default(&fs, ".text");
	r.require = ads_fields_require(&fs);
	/* The reader checks a top-level "text"; other paths are looked at. */
	tcheck = ads_fields_key(&fs) == NULL ||
	    strcmp(ads_fields_key(&fs), "text") != 0;
	ads_reader_open(&r, argc - optind, argv + optind);
	names = split_names(nsplits);
	/* Acquire the outputs before reading anything. */
	open_outputs(outs, names);
	ads_progress_init(NULL);
	sp = ads_tmpfile();

	/* Never NULL, so that sorting no records (qsort(3)) is defined. */
	entsalloc = 4096;
	ents = xreallocarray(NULL, entsalloc, sizeof(*ents));
	while (ads_reader_next(&r, &rec)) {
		nin++;
		entry1(sp, &spillsize, rec, &b, &vb);
		nhave += !tcheck || ads_fields_count(&fs, rec) > 0;
		jv_free(rec);
		if ((nin & 4095) == 0)
			ads_progress("reading", (long long)nin, -1);
	}
	ads_buf_free(&vb);
	ads_fields_missing(&fs, nin, nhave);
	ads_fields_free(&fs);

	ncapped = assign();
	for (i = 0; i < nents; i++)
		counts[ents[i].split]++;
	ads_progress("writing", 0, (long long)nents);
	output(sp, spillsize, outs);
	fclose(sp);
	ads_buf_free(&b);

	rc = 0;
	if (prefix != NULL)
		for (k = 0; k < (size_t)nsplits; k++)
			if (ads_out_close(outs[k]) != 0)
				rc = -1;
	if (rc != 0)
		ads_raise(ADS_SYSTEM);

	summary(nin, ncapped, counts, names);
	extra = donefigures(nin, ncapped, counts, names);
	ads_progress_emit("done", (long long)nin, -1, extra);
	ads_progress_close();
	strtab_free(&strata);
	strtab_free(&capt);
	free(ckept);
	free(cavail);
	free(ents);
	return ads_reader_finish(&r);
}
