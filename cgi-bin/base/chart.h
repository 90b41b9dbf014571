/*
 * Bar charts drawn by the server: the heights of the bars, so that a
 * template can write them as SVG rectangles, and the days the bars stand
 * for. Pure functions.
 */
#ifndef KAAJ_CHART_H
#define KAAJ_CHART_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * The heights of n bars of values (each >= 0) in a chart height units
 * tall, into heights: the largest value gets height, every other its
 * share of it, rounded to the nearest unit but at least 1 for a value
 * above 0 (so that a small day still shows), 0 for 0. All 0 when every
 * value is 0. Values up to 2^62 / height are exact.
 */
void chart_heights(const int64_t *values, size_t n, int height,
    int *heights);

/*
 * The share of part in whole as a whole percent, rounded down, within 0
 * to 100 (0 when whole <= 0): the width of a progress bar.
 */
int chart_percent(int64_t part, int64_t whole);

/*
 * The step by which the database can group times for a chart of n days
 * whose local midnights are starts[0 .. n] (ascending, n + 1 of them, as
 * tz_local_days gives them): the greatest common divisor of every
 * starts[d] - starts[0], so that each group of step seconds from
 * starts[0] lies within one day. A day in a zone without summer time;
 * an hour (or less) when the days are not all 24 hours long. n must be
 * at least 1.
 */
int64_t chart_step(const time_t *starts, size_t n);

/*
 * The day of at among the n days from starts[0 .. n] (as chart_step's):
 * the d with starts[d] <= at < starts[d + 1], found by halving; -1 when
 * at is before starts[0] or not before starts[n].
 */
long chart_day_of(const time_t *starts, size_t n, int64_t at);

#endif
