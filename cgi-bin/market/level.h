/*
 * A worker's level: where their record (satisfied and not satisfied
 * tasks) places them on the site's ladder of levels (workers.levels in
 * etc/kaaj.conf), and what the next level still asks. Pure functions of
 * their arguments.
 */
#ifndef KAAJ_LEVEL_H
#define KAAJ_LEVEL_H

#include <stddef.h>
#include <stdint.h>

#include "base/config.h"

/* Where a record stands. */
struct level_place {
	size_t level;		/* index into the levels: 0 is the first */
	int64_t rate;		/* percent satisfied of rated, rounded
				 * down; -1 when nothing is rated */
	int has_next;		/* a higher level exists */
	size_t next;		/* its index, when has_next */
	int64_t more;		/* satisfied tasks it still needs (>= 0) */
	int rate_short;		/* the success rate is below its rate */
};

/*
 * Place the record satisfied, rejected (counts >= 0) on the n levels
 * (n >= 1, lowest first, each needing more than the one before, as
 * config_load checks): the highest level whose approved count and rate
 * the record reaches. Levels with a rate of 0 ask no rate, so a worker
 * with nothing rated yet is on every level that asks only a count.
 */
void level_place(const struct config_level *levels, size_t n,
    int64_t satisfied, int64_t rejected, struct level_place *out);

#endif
