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
