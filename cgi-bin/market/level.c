/*
 * A worker's level (level.h).
 */
#include "market/level.h"

/* Non-zero when the record reaches level l. */
static int
reaches(const struct config_level *l, int64_t satisfied, int64_t rated)
{
	return satisfied >= l->approved &&
	    satisfied * 100 >= (int64_t)l->rate * rated;
}

void
level_place(const struct config_level *levels, size_t n, int64_t satisfied,
    int64_t rejected, struct level_place *out)
{
	int64_t rated = satisfied + rejected;
	const struct config_level *next;
	size_t i;

	out->level = 0;
	for (i = 1; i < n && reaches(&levels[i], satisfied, rated); i++)
		out->level = i;
	out->rate = rated > 0 ? satisfied * 100 / rated : -1;
	out->has_next = out->level + 1 < n;
	out->next = out->level + 1;
	out->more = 0;
	out->rate_short = 0;
	if (!out->has_next)
		return;
	next = &levels[out->next];
	if (next->approved > satisfied)
		out->more = next->approved - satisfied;
	out->rate_short = satisfied * 100 < (int64_t)next->rate * rated;
}
