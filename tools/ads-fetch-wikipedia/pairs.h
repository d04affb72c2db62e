/*
 * pairs.h -- the task rows a Wikipedia article already holds: its lead
 * as the summary of the rest (summarization), and its sections beside
 * those of the same article in another language (translation, marked
 * comparable: the editions are written apart, not translated)
 *
 * The functions take answer bytes or record text and never fail on
 * any input; they are linked into fuzz/ads-fetch-wikipedia/.
 */
#ifndef WIKI_PAIRS_H
#define WIKI_PAIRS_H

#include <stddef.h>

#include <jv.h>

/*
 * wiki_sections -- article text (an extract with exsectionformat=plain,
 * tidied by wiki_plain) cut at its headings: a new array of
 * {"heading": text or null for the lead, "text": text}.  A heading is
 * a line of its own after an empty line, of at most 10 words and 100
 * bytes, that does not end a sentence (. ! ? , ; : or a quote).  The
 * closing sections with nothing but lists of links ("See also",
 * "References", "External links", "Notes", "Further reading" and their
 * equivalents in a few languages) are left out.
 */
jv wiki_sections(const char *s, size_t n);

/*
 * wiki_lead_pair -- rec (a page record; consumed) as a summarization
 * row when its lead (20 words or more) is at most half as long as the
 * rest: "summary" the lead, "document" (and "text") the sections after
 * it, meta.pair "article/lead".  Otherwise rec unchanged.
 */
jv wiki_lead_pair(jv rec);

/*
 * wiki_langlink -- the title, in edition lang, of the page of a
 * prop=langlinks answer (body, n bytes; formatversion 1 or 2), or
 * jv_null().  Returns a new reference.
 */
jv wiki_langlink(const char *body, size_t n, const char *lang);

/*
 * wiki_align -- the translation rows of source record src and target
 * record dst (both borrowed; "text", "lang", "id", "url", "title"):
 * lead with lead, and, when both have the same number of sections,
 * each section with the one at the same place.  Pairs whose lengths in
 * characters differ by more than a factor of 3, or with a side of
 * fewer than 5 words, are left out and counted in *skipped.  Each row:
 * id SRC#tr-LANG-K, "translation" {srclang: text, dstlang: text},
 * "text" the source side, context_id the source id, meta.alignment
 * "comparable", meta.section, meta.target_id and meta.target_url.
 * Returns a new array.
 */
jv wiki_align(jv src, jv dst, long *skipped);

#endif
