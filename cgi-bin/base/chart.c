/*
 * Bar charts drawn by the server (chart.h).
 */
#include "base/chart.h"

void
chart_heights(const int64_t *values, size_t n, int height, int *heights)
{
	int64_t max = 0, h;
	size_t i;

	for (i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	for (i = 0; i < n; i++) {
		if (max == 0 || values[i] <= 0) {
			heights[i] = 0;
			continue;
		}
		h = (values[i] * height * 2 + max) / (max * 2);
		heights[i] = h < 1 ? 1 : (int)h;
	}
}

int
chart_percent(int64_t part, int64_t whole)
{
	if (whole <= 0 || part <= 0)
		return 0;
	if (part >= whole)
		return 100;
	return (int)(part * 100 / whole);
}

int64_t
chart_step(const time_t *starts, size_t n)
{
	int64_t step = 0, a, b, t;
	size_t d;

	for (d = 1; d <= n; d++) {
		a = (int64_t)(starts[d] - starts[0]);
		b = step;
		while (b != 0) {
			t = a % b;
			a = b;
			b = t;
		}
		step = a;
	}
	return step > 0 ? step : 1;
}

long
chart_day_of(const time_t *starts, size_t n, int64_t at)
{
	size_t lo = 0, hi = n, mid;

	if (n == 0 || at < (int64_t)starts[0] || at >= (int64_t)starts[n])
		return -1;
	/* starts[lo] <= at < starts[hi] */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (at < (int64_t)starts[mid])
			hi = mid;
		else
			lo = mid;
	}
	return (long)lo;
}
