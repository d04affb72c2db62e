/*
 * thrift.h -- a writer of the Thrift compact protocol, and the names of
 * the parquet.thrift (apache/parquet-format) enums and field numbers
 * that the Parquet writer of ads-export uses
 */
#ifndef ADS_EXPORT_THRIFT_H
#define ADS_EXPORT_THRIFT_H

#include <stddef.h>
#include <stdint.h>

#include "../../common/buf.h"

/* Thrift compact protocol types. */
enum { TT_TRUE = 1, TT_FALSE = 2, TT_I16 = 4, TT_I32 = 5, TT_I64 = 6,
    TT_BINARY = 8, TT_LIST = 9, TT_STRUCT = 12 };

/* Thrift compact writer: structs nest up to 15 deep. */
struct tw {
	struct ads_buf	*b;
	int		 last[16];
	int		 depth;
};

/* tw_field -- a field header: field id, compact type. */
void tw_field(struct tw *t, int id, int type);
void tw_varint(struct tw *t, uint64_t v);
void tw_i64(struct tw *t, int id, int64_t v);
void tw_i32(struct tw *t, int id, int32_t v);
void tw_bool(struct tw *t, int id, int v);
void tw_bin(struct tw *t, int id, const void *p, size_t n);
/* tw_list -- a list header of n elements of type etype. */
void tw_list(struct tw *t, int id, size_t n, int etype);
/* Element values inside lists carry no field header. */
void tw_elem_i32(struct tw *t, int32_t v);
void tw_elem_bin(struct tw *t, const void *p, size_t n);
/* tw_begin -- open a struct (as field id, or a list element if id 0). */
void tw_begin(struct tw *t, int id);
/* tw_end -- close it (the stop byte). */
void tw_end(struct tw *t);

/* enum Type */
enum { PT_BOOLEAN = 0, PT_INT64 = 2, PT_DOUBLE = 5, PT_BYTE_ARRAY = 6 };
/* enum Encoding */
enum { E_PLAIN = 0, E_RLE = 3, E_DELTA_BINARY_PACKED = 5,
    E_DELTA_LENGTH_BYTE_ARRAY = 6, E_RLE_DICTIONARY = 8 };
/* enum PageType */
enum { PG_DATA = 0, PG_DICT = 2 };
/* enum CompressionCodec */
enum { CODEC_ZSTD = 6 };
/* enum FieldRepetitionType */
enum { REP_REQUIRED = 0, REP_OPTIONAL = 1, REP_REPEATED = 2 };
/* enum ConvertedType */
enum { CT_UTF8 = 0, CT_LIST = 3, CT_TIMESTAMP_MICROS = 10, CT_JSON = 19 };

/* Field numbers, by struct. */
enum {	/* FileMetaData */
	FMD_VERSION = 1, FMD_SCHEMA = 2, FMD_NUM_ROWS = 3,
	FMD_ROW_GROUPS = 4, FMD_KEY_VALUE_METADATA = 5, FMD_CREATED_BY = 6,
	FMD_COLUMN_ORDERS = 7
};
enum {	/* KeyValue */
	KV_KEY = 1, KV_VALUE = 2
};
enum {	/* ColumnOrder (union) */
	CO_TYPE_ORDER = 1
};
enum {	/* SchemaElement */
	SE_TYPE = 1, SE_TYPE_LENGTH = 2, SE_REPETITION_TYPE = 3, SE_NAME = 4,
	SE_NUM_CHILDREN = 5, SE_CONVERTED_TYPE = 6, SE_LOGICAL_TYPE = 10
};
enum {	/* LogicalType (union) */
	LT_STRING = 1, LT_MAP = 2, LT_LIST = 3, LT_ENUM = 4, LT_DECIMAL = 5,
	LT_DATE = 6, LT_TIME = 7, LT_TIMESTAMP = 8, LT_INTEGER = 10,
	LT_UNKNOWN = 11, LT_JSON = 12, LT_BSON = 13, LT_UUID = 14
};
enum {	/* TimestampType */
	TS_IS_ADJUSTED_TO_UTC = 1, TS_UNIT = 2
};
enum {	/* TimeUnit (union) */
	TU_MILLIS = 1, TU_MICROS = 2, TU_NANOS = 3
};
enum {	/* RowGroup */
	RG_COLUMNS = 1, RG_TOTAL_BYTE_SIZE = 2, RG_NUM_ROWS = 3,
	RG_SORTING_COLUMNS = 4, RG_FILE_OFFSET = 5,
	RG_TOTAL_COMPRESSED_SIZE = 6, RG_ORDINAL = 7
};
enum {	/* ColumnChunk */
	CC_FILE_PATH = 1, CC_FILE_OFFSET = 2, CC_META_DATA = 3
};
enum {	/* ColumnMetaData */
	CMD_TYPE = 1, CMD_ENCODINGS = 2, CMD_PATH_IN_SCHEMA = 3, CMD_CODEC = 4,
	CMD_NUM_VALUES = 5, CMD_TOTAL_UNCOMPRESSED_SIZE = 6,
	CMD_TOTAL_COMPRESSED_SIZE = 7, CMD_KEY_VALUE_METADATA = 8,
	CMD_DATA_PAGE_OFFSET = 9, CMD_INDEX_PAGE_OFFSET = 10,
	CMD_DICTIONARY_PAGE_OFFSET = 11, CMD_STATISTICS = 12
};
enum {	/* Statistics */
	ST_MAX = 1, ST_MIN = 2, ST_NULL_COUNT = 3, ST_DISTINCT_COUNT = 4,
	ST_MAX_VALUE = 5, ST_MIN_VALUE = 6, ST_IS_MAX_VALUE_EXACT = 7,
	ST_IS_MIN_VALUE_EXACT = 8
};
enum {	/* PageHeader */
	PH_TYPE = 1, PH_UNCOMPRESSED_PAGE_SIZE = 2, PH_COMPRESSED_PAGE_SIZE = 3,
	PH_CRC = 4, PH_DATA_PAGE_HEADER = 5, PH_INDEX_PAGE_HEADER = 6,
	PH_DICTIONARY_PAGE_HEADER = 7
};
enum {	/* DataPageHeader */
	DPH_NUM_VALUES = 1, DPH_ENCODING = 2, DPH_DEFINITION_LEVEL_ENCODING = 3,
	DPH_REPETITION_LEVEL_ENCODING = 4, DPH_STATISTICS = 5
};
enum {	/* DictionaryPageHeader */
	DICT_NUM_VALUES = 1, DICT_ENCODING = 2, DICT_IS_SORTED = 3
};

#endif
