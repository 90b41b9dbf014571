/*
 * Bar charts drawn by the server: the heights of the bars, so that a
 * template can write them as SVG rectangles. Pure functions.
 */
#ifndef KAAJ_CHART_H
#define KAAJ_CHART_H

#include <stddef.h>
#include <stdint.h>

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

#endif
