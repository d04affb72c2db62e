/*
 * atom.h -- the arXiv export API's Atom feed into records
 */
#ifndef ATOM_H
#define ATOM_H

#include <stddef.h>

#include <jv.h>

struct atom_feed {
	long	 total;		/* opensearch:totalResults, -1 when absent */
	long	 start;		/* opensearch:startIndex */
	long	 perpage;	/* opensearch:itemsPerPage */
	long	 nentries;	/* <entry> elements seen, errors included */
	long	 malformed;	/* entries without an id or a title */
	jv	 records;	/* array of records (id text title url lang
				   license created meta) */
	char	*error;		/* the API's error entry's message, or NULL */
};

/*
 * atom_parse -- parse the feed in xml (n bytes) by element name and
 * namespace, never by position, so the 2016 and current layouts both
 * parse.  Returns 0 and fills feed (free with atom_free), or -1 when the
 * text is not an Atom feed or has a DOCTYPE declaring entities, with a
 * reason in why (len bytes).  Every text field is capped: the summary at
 * 64 KiB, others at 4 KiB, authors and categories at 1000 each.
 */
int atom_parse(const char *xml, size_t n, struct atom_feed *feed, char *why,
    size_t len);

void atom_free(struct atom_feed *feed);

#endif
