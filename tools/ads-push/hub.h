/*
 * hub.h -- the Hugging Face Hub answers ads-push reads (hub.c): the
 * preupload answer (which files go through LFS) and the LFS batch answer
 * (where to upload each object, or nothing when the Hub has it already).
 */
#ifndef ADS_PUSH_HUB_H
#define ADS_PUSH_HUB_H

#include <stddef.h>

#include <jv.h>

/* One file of the dataset folder. */
struct hub_file {
	char		*path;		/* relative, '/'-separated */
	long long	 size;
	char		 oid[65];	/* SHA-256, hex */
	int		 lfs;		/* uploadMode "lfs" */
	int		 ignore;	/* shouldIgnore */
};

/* What the LFS batch answer asks for one object. */
struct hub_action {
	char		*upload;	/* href to PUT to, or NULL: already there */
	jv		 upheaders;	/* object of headers for the PUT */
	char		*verify;	/* href to POST {oid, size} to, or NULL */
	jv		 vheaders;
	char		*error;		/* the Hub refused this object */
};

/* hub_repo_ok -- 1 when repo is "owner/name" of safe characters. */
int hub_repo_ok(const char *repo);

/*
 * hub_preupload_read -- apply the preupload answer (body, n bytes) to
 * files; 0, or -1 with *err set (a new string) when it is not one.
 */
int hub_preupload_read(const char *body, size_t n, struct hub_file *files,
    size_t nfiles, char **err);

/*
 * hub_batch_read -- the action for object oid in an LFS batch answer;
 * 0, or -1 with *err set when the answer is malformed or lacks it.
 */
int hub_batch_read(const char *body, size_t n, const char *oid,
    struct hub_action *a, char **err);
void hub_action_free(struct hub_action *a);

/* hub_base64 -- n bytes as base64; a new string. */
char *hub_base64(const void *p, size_t n);

#endif
