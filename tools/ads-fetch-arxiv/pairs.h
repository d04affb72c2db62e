/*
 * pairs.h -- the task rows an arXiv entry already holds
 */
#ifndef PAIRS_H
#define PAIRS_H

#include <jv.h>

#include "../../common/task.h"

/*
 * arxiv_pair -- rec (a record of atom_parse; consumed) as a row of task
 * t when the entry holds one: for summarization, the abstract as
 * "document" (and "text") and the title as "summary", the extreme
 * summarization convention of SciTLDR and of title generation.  Other
 * tasks, and entries without an abstract, give rec unchanged.
 */
jv arxiv_pair(jv rec, enum ads_task t);

#endif
