/*
 * pairs.h -- the task rows a Reddit thread already holds
 */
#ifndef REDDIT_PAIRS_H
#define REDDIT_PAIRS_H

#include <jv.h>

#include "../../common/task.h"

/*
 * reddit_pair -- the row of task t that post (a record of
 * reddit_listing) and its comments (records of reddit_comments, in any
 * order) make, or jv_null() when they make none; both borrowed.
 *
 * question-answering: a post whose title asks a question (a '?', or a
 * first word such as "how" or "why") with its top-scored top-level
 * comment as the answer (Reddit has no accepted answer; the score is
 * the community's choice).  "question" is the title, "context" the
 * post's own text (the title when it has none), id POST#qa.
 *
 * conversational: the post, its top-scored top-level comment, that
 * comment's top-scored reply and so on (at most 8 turns), as
 * "messages" with the roles user and assistant in turn, id POST#chat.
 */
jv reddit_pair(jv post, jv comments, enum ads_task t);

#endif
