/*
 * Workers rate employers: once a task is rated, its worker may give its
 * employer 1 to 5 for fair pay, clear instructions and speed of rating,
 * once per task. The employer's counters (users.reviews and the sums)
 * rise in the same transaction, so averages are exact and cost one
 * primary-key read to show.
 */
#ifndef KAAJ_REVIEW_H
#define KAAJ_REVIEW_H

#include <stdint.h>

#include "market/market.h"

struct db;

#define REVIEW_MIN 1
#define REVIEW_MAX 5

struct review_marks {
	int pay, clarity, speed;	/* each REVIEW_MIN to REVIEW_MAX */
};

/*
 * Store worker's review of the employer of task. MARKET_OK;
 * MARKET_DONE_BEFORE when the task has its review already;
 * MARKET_NOT_FOUND when it is not worker's task; MARKET_WRONG_STATE when
 * the task is not rated (satisfied or not satisfied) as it is stored;
 * MARKET_NOT_ALLOWED for a mark out of range; MARKET_DB_ERROR.
 */
enum market_result review_employer(struct db *db, int64_t task,
    int64_t worker, const struct review_marks *m);

#endif
