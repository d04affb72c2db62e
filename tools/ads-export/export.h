/*
 * export.h -- the parts of ads-export: the row schema and its spill
 * format (rows.c), the Parquet writer (parquet.c), the CSV writer
 * (csv.c) and the dataset card (card_facts.c, card_render.c); the
 * Thrift writer (thrift.c) and encodings (encode.c) under parquet.c.
 */
#ifndef ADS_EXPORT_H
#define ADS_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include <jv.h>

#include "../../common/buf.h"

/* Kinds of value seen in a column (a bit mask while inferring). */
#define K_INT	0x01
#define K_DBL	0x02
#define K_BOOL	0x04
#define K_STR	0x08
#define K_NEST	0x10

/* Column types, decided from the kinds once every record was seen. */
enum coltype {
	T_STRING,	/* strings only (or only nulls) */
	T_INT64,	/* integral numbers only */
	T_DOUBLE,	/* numbers, some not integral */
	T_BOOL,		/* booleans only */
	T_JSON,		/* objects and arrays only: compact JSON text */
	T_MIXED,	/* anything else: every value as JSON text */
	T_STRUCT,	/* "translation": objects of strings, a struct in
			   Parquet with a field per key (nested.c) */
	T_MESSAGES,	/* "messages": arrays of {role, content}, a list
			   of structs in Parquet (nested.c) */
	T_TIMESTAMP,	/* "created", "retrieved": RFC 3339 strings, INT64
			   microseconds since the epoch (UTC) in Parquet */
	T_CLASS		/* "label": names from the plan's label set, their
			   index (-1 for none) in Parquet */
};

/* Value tags in the spill. */
#define V_NULL	0
#define V_FALSE	1
#define V_TRUE	2
#define V_INT	3
#define V_DBL	4
#define V_STR	5
#define V_NEST	6

struct column {
	char		*name;
	size_t		 namelen;
	unsigned	 kinds;
	enum coltype	 type;
	/* nested.c: the struct's fields (T_STRUCT), a candidate's state. */
	char		**keys;
	size_t		 nkeys;
	int		 nest;		/* 0 no, 1 candidate, -1 refused */
	int		 tcand;		/* types_begin: the same */
};

struct schema {
	struct column	*cols;
	size_t		 ncols;
	size_t		 cap;
	uint32_t	*slots;		/* open hash: column index + 1 */
	size_t		 nslots;
	int		 fixed;		/* -c: only the named columns */
	size_t		 maxcols;
	/* The plan's label names, in order (T_CLASS). */
	char		**classes;
	size_t		 nclasses;
	/* The "huggingface" key of the Parquet footer, or NULL. */
	char		*features;
};

/* One decoded field of a spilled row. */
struct field {
	int		 tag;
	int64_t		 i;
	double		 d;
	const char	*s;
	size_t		 len;
};

void schema_init(struct schema *sc, size_t maxcols);
/* schema_fix -- limit the schema to the comma-separated names in list. */
void schema_fix(struct schema *sc, const char *list);
/* schema_fix_one -- add column name (len bytes) when missing. */
void schema_fix_one(struct schema *sc, const char *name, size_t len);
void schema_free(struct schema *sc);
/* schema_find -- the index of column name, or -1. */
long schema_find(const struct schema *sc, const char *name, size_t len);
/* schema_decide -- set every column's type from the kinds seen. */
void schema_decide(struct schema *sc);
const char *coltype_name(enum coltype t);

/*
 * row_encode -- append record rec (an object; borrowed) to out in the
 * spill format, adding new columns to sc and recording the kinds.
 * Returns 0, or -1 when the record would need more than maxcols columns
 * (nothing is appended then).
 */
int row_encode(struct schema *sc, jv rec, struct ads_buf *out);
/*
 * row_decode -- decode one spilled row body p (n bytes) into f, an array
 * of sc->ncols fields (V_NULL where absent).  Returns 0, or -1 when the
 * body is corrupt.  Strings point into p.
 */
int row_decode(const struct schema *sc, const unsigned char *p, size_t n,
    struct field *f);
/*
 * The Hugging Face side of the schema.  ts_parse reads an RFC 3339 time
 * (a date alone is midnight, a year or a year and month alone their
 * first day, no offset is UTC, digits past microseconds
 * are cut) into microseconds since the epoch; returns 0 or -1.
 * ts_format writes us as YYYY-MM-DDTHH:MM:SS.ffffffZ into buf (32).
 */
int ts_parse(const char *s, size_t n, int64_t *us);
void ts_format(int64_t us, char *buf);
/* ts_column -- 1 when name is one of the time columns. */
int ts_column(const char *name, size_t len);
/* class_index -- the index of label s (n bytes) in sc's set, or -1. */
long class_index(const struct schema *sc, const char *s, size_t n);
/*
 * types_begin, types_see, types_end -- like the nest_ functions: mark
 * the time columns and "label" (when the plan has a label set) whose
 * values are strings, check every row, keep the types every value fits.
 */
void types_begin(struct schema *sc);
void types_see(struct schema *sc, const struct field *f);
void types_end(struct schema *sc);
/*
 * schema_features -- the columns as the features of the Hugging Face
 * datasets library ({"name": {"dtype": ..., "_type": "Value"}, ...}).
 */
jv schema_features(const struct schema *sc);

/*
 * field_text -- append the text form of f for a T_MIXED or T_JSON
 * column (JSON) or a CSV cell (raw strings, JSON for the rest) to b.
 */
void field_text(const struct field *f, int json, struct ads_buf *b);

/*
 * The fast path: a record line scanned straight into the spill, with
 * the fields the card counts.  Lines it does not fully understand
 * (escaped oddities, invalid text, records without the string "id",
 * "source" and "text") are left to libjq and the reader's checks
 * (SCAN_SLOW).
 */
enum { SI_SPLIT, SI_SOURCE, SI_LICENSE, SI_LANG, SI_QUALITY, SI_PII,
    SI_LABEL, SI_LABEL_SOURCE, SI_N };
struct scaninfo {
	struct {
		int		 present;	/* the key was there */
		int		 notstr;	/* ... not a string */
		const char	*s;		/* the string value, or the
						   compact JSON of another */
		size_t		 len;
		int		 isnum;		/* a number: d */
		double		 d;
	} f[SI_N];
	struct ads_buf	 keep[SI_N];
	struct ads_buf	 tmp, key, nest;
	size_t		 ncols0;	/* columns before this line */
	struct {
		size_t		 col;
		unsigned	 kinds;
	}		*undo;		/* kinds before this line */
	size_t		 nundo, undocap;
};
#define SCAN_OK		0
#define SCAN_SLOW	1
/*
 * row_scan -- like row_encode for the JSON text of one line.  Returns
 * SCAN_OK, or SCAN_SLOW: nothing appended and the schema unchanged;
 * parse it with libjq (which also reports too many columns).
 */
int row_scan(struct schema *sc, const char *line, size_t len,
    struct ads_buf *out, struct scaninfo *si);

/* Varints for the spill. */
void put_uvarint(struct ads_buf *b, uint64_t v);
int get_uvarint(const unsigned char **p, const unsigned char *end,
    uint64_t *v);

/* Parquet encodings (encode.c, after Encodings.md). */
/*
 * rle_encode -- the RLE / bit-packing hybrid of n values of width bits:
 * runs of 8 or more equal values are RLE runs, the rest bit-packed in
 * groups of 8 (the last group padded with zeros).
 */
void rle_encode(struct ads_buf *b, const uint32_t *v, size_t n, int width);
/* bitwidth -- the bits needed for values up to maxv. */
int bitwidth(uint64_t maxv);
/* put_zigzag -- v as a zigzag varint. */
void put_zigzag(struct ads_buf *b, int64_t v);
/* delta_pack -- DELTA_BINARY_PACKED of the n values v. */
void delta_pack(struct ads_buf *b, const int64_t *v, size_t n);

/* The Parquet writer: one file, rows appended, row groups by size. */
struct pq_writer;
/*
 * pq_open -- start a Parquet file on fd (already open) with the schema's
 * columns; rgbytes bounds the buffered row group, level is the zstd
 * level and nworkers the zstd worker threads (0: none).
 */
struct pq_writer *pq_open(int fd, const char *name, const struct schema *sc,
    size_t rgbytes, int level, int nworkers);
/* pq_add -- append one row (sc->ncols fields).  Returns 0 or -1 (I/O). */
int pq_add(struct pq_writer *w, const struct field *f);
/*
 * pq_bytes -- bytes written to the file so far; a full row group is
 * in it when pq_add returns.
 */
uint64_t pq_bytes(const struct pq_writer *w);
/* pq_close -- flush, write the footer, free.  Returns 0 or -1 (I/O). */
int pq_close(struct pq_writer *w);

/*
 * The task columns of ads-record(5) that Parquet gets nested, as the
 * Hugging Face Hub expects them: "translation" (every value an object
 * of strings) as a struct with a field per language, "messages" (every
 * value an array of {role, content} strings) as a list of structs.
 * nest_begin marks the candidates among the T_JSON columns, nest_see
 * checks one decoded row (sc->ncols fields), nest_end gives the
 * columns that passed their type.  Other formats keep JSON text.
 */
void nest_begin(struct schema *sc);
void nest_see(struct schema *sc, const struct field *f);
void nest_end(struct schema *sc);
/* nest_any -- 1 when a column is a candidate (nest_begin). */
int nest_any(const struct schema *sc);

/*
 * csv_cell -- append s (n bytes) to b as one RFC 4180 cell, quoted when
 * it must be.  Unless raw, a cell that begins with '=', '+', '-', '@',
 * TAB or CR, which a spreadsheet would take for a formula, is quoted
 * and prefixed with a single quote (OWASP, "CSV Injection").
 */
void csv_cell(struct ads_buf *b, const char *s, size_t n, int raw);

#endif
