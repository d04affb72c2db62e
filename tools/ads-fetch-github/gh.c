/*
 * gh.c -- GitHub REST answers for ads-fetch-github (gh.h)
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jv.h>
#include <openssl/evp.h>

#include "../../common/buf.h"
#include "../../common/fetch.h"
#include "../../common/json.h"
#include "../../common/util.h"
#include "gh.h"

/* findmem -- memmem(3), which needs _GNU_SOURCE. */
static const char *
findmem(const char *h, size_t hn, const char *n, size_t nn)
{
	size_t i;

	if (nn == 0)
		return h;
	for (i = 0; i + nn <= hn; i++)
		if (h[i] == n[0] && memcmp(h + i, n, nn) == 0)
			return h + i;
	return NULL;
}

static jv
item(jv it)
{
	jv rec, meta, lic, v;
	const char *full, *spdx;
	double id;

	full = ads_json_str(it, "full_name", NULL);
	if (full == NULL || ads_json_num(it, "id", &id) != 0)
		return jv_null();
	rec = jv_object();
	rec = ads_json_set(rec, "id", jv_string_fmt("github:%.0f", id));
	rec = ads_json_set(rec, "title", jv_string(full));
	v = ads_json_get(it, "html_url");
	if (jv_get_kind(v) != JV_KIND_STRING) {
		jv_free(v);
		v = jv_string_fmt("https://github.com/%s", full);
	}
	rec = ads_json_set(rec, "url", v);
	lic = ads_json_get(it, "license");
	spdx = ads_json_str(lic, "spdx_id", NULL);
	/* NOASSERTION: GitHub found a license it cannot name. */
	if (spdx != NULL && strcmp(spdx, "NOASSERTION") != 0)
		rec = ads_json_set(rec, "license", jv_string(spdx));
	rec = ads_fetch_copy(rec, "created", it, "created_at", JV_KIND_STRING);
	meta = jv_object();
	meta = ads_json_set(meta, "full_name", jv_string(full));
	meta = ads_fetch_copy(meta, "description", it, "description",
	    JV_KIND_STRING);
	meta = ads_fetch_copy(meta, "stars", it, "stargazers_count",
	    JV_KIND_NUMBER);
	meta = ads_fetch_copy(meta, "forks", it, "forks_count", JV_KIND_NUMBER);
	meta = ads_fetch_copy(meta, "language", it, "language", JV_KIND_STRING);
	meta = ads_fetch_copy(meta, "topics", it, "topics", JV_KIND_ARRAY);
	meta = ads_fetch_copy(meta, "license_name", lic, "name",
	    JV_KIND_STRING);
	meta = ads_fetch_copy(meta, "pushed", it, "pushed_at", JV_KIND_STRING);
	meta = ads_fetch_copy(meta, "default_branch", it, "default_branch",
	    JV_KIND_STRING);
	jv_free(lic);
	rec = ads_json_set(rec, "meta", meta);
	rec = ads_json_set(rec, "_readme", jv_string(full));
	return rec;
}

jv
gh_items(const char *body, size_t n, long *total, int *incomplete)
{
	jv root, items, it;
	long long c;

	*total = -1;
	*incomplete = 0;
	root = ads_json_parse(body, n);
	if (!jv_is_valid(root))
		return root;
	if (jv_get_kind(root) != JV_KIND_OBJECT) {
		jv_free(root);
		return jv_invalid_with_msg(jv_string("not a JSON object"));
	}
	if (ads_json_count(root, "total_count", &c) == 0)
		*total = (long)c;
	it = ads_json_get(root, "incomplete_results");
	*incomplete = jv_get_kind(it) == JV_KIND_TRUE;
	jv_free(it);
	items = ads_json_get(root, "items");
	jv_free(root);
	if (jv_get_kind(items) != JV_KIND_ARRAY) {
		jv_free(items);
		return jv_invalid_with_msg(jv_string("no items array"));
	}
	return items;
}

jv
gh_search(const char *body, size_t n, long *total, int *incomplete,
    long *bad)
{
	jv items, out, rec;

	*bad = 0;
	items = gh_items(body, n, total, incomplete);
	if (!jv_is_valid(items))
		return items;
	out = jv_array();
	jv_array_foreach(items, i, it) {
		rec = item(it);
		jv_free(it);
		if (jv_get_kind(rec) == JV_KIND_OBJECT)
			out = jv_array_append(out, rec);
		else {
			jv_free(rec);
			(*bad)++;
		}
	}
	jv_free(items);
	return out;
}

char *
gh_next(const char *link, const char *base)
{
	const char *p, *lt, *gt, *semi, *end, *path;
	size_t blen = strlen(base);
	char *url;

	if (link == NULL)
		return NULL;
	for (p = link; (lt = strchr(p, '<')) != NULL; p = end) {
		gt = strchr(lt, '>');
		if (gt == NULL)
			return NULL;
		end = strchr(gt, ',');
		if (end == NULL)
			end = gt + strlen(gt);
		semi = gt + 1;
		if (findmem(semi, end - semi, "rel=\"next\"", 10) == NULL &&
		    findmem(semi, end - semi, "rel=next", 8) == NULL)
			continue;
		if ((size_t)(gt - lt - 1) >= blen && strncmp(lt + 1, base,
		    blen) == 0)
			return xstrndup(lt + 1, gt - lt - 1);
		/* Another host: keep the path and query, use our base. */
		path = strstr(lt + 1, "://");
		path = path != NULL && path < gt ? path + 3 : lt + 1;
		while (path < gt && *path != '/')
			path++;
		url = xasprintf("%s%.*s", base, (int)(gt - path), path);
		return url;
	}
	return NULL;
}

/* b64 -- base64 with line breaks (OpenSSL's decoder); NULL when bad. */
static char *
b64(const char *s, size_t n, size_t *outlen)
{
	EVP_ENCODE_CTX *ctx;
	unsigned char *out;
	int k = 0, fin = 0, bad;

	if (n > INT_MAX / 2 || (ctx = EVP_ENCODE_CTX_new()) == NULL)
		return NULL;
	out = xmalloc(n / 4 * 3 + 4);
	EVP_DecodeInit(ctx);
	bad = EVP_DecodeUpdate(ctx, out, &k, (const unsigned char *)s,
	    (int)n) < 0 || EVP_DecodeFinal(ctx, out + k, &fin) < 0;
	EVP_ENCODE_CTX_free(ctx);
	if (bad) {
		free(out);
		return NULL;
	}
	out[k + fin] = '\0';
	*outlen = (size_t)(k + fin);
	return (char *)out;
}

char *
gh_readme_md(const char *body, size_t n, const char *ctype, size_t *len,
    const char **err)
{
	const char *enc, *content;
	size_t clen;
	char *md = NULL;
	int json;
	jv root;

	*err = NULL;
	/* JSON when the server says so; without a type, when it parses. */
	json = ctype != NULL ? strstr(ctype, "json") != NULL &&
	    strstr(ctype, "raw") == NULL : n > 0 && body[0] == '{';
	root = json ? ads_json_parse(body, n) : jv_null();
	content = ads_json_str(root, "content", &clen);
	enc = ads_json_str(root, "encoding", NULL);
	if (json && ctype != NULL && content == NULL)
		*err = jv_is_valid(root) ? "no content string" : "not JSON";
	else if (content == NULL) {
		/* The raw README, as asked for. */
		md = xstrndup(body, n);
		*len = n;
	} else if (enc != NULL && strcasecmp(enc, "base64") == 0) {
		md = b64(content, clen, len);
		if (md == NULL)
			*err = "bad base64";
	} else {
		md = xstrndup(content, clen);
		*len = clen;
	}
	jv_free(root);
	return md;
}
