/*
 * Fees, exact in micro-units. Rounding rule: a percentage fee that does
 * not come out to a whole micro-unit is rounded up to the next one (so
 * 7.5% of 0.0035 is 0.000263, not 0.0002625); fixed parts are added after.
 * Percentages are kept as parts per million of the amount (10% = 100000).
 */
#ifndef KAAJ_FEES_H
#define KAAJ_FEES_H

#include <stdint.h>

struct kaaj_config;

/* ppm parts per million of amount (>= 0), rounded up. */
int64_t fee_percent(int64_t amount, int64_t ppm);

/* The site's fee on task pay (and bonuses) of amount. */
int64_t fee_task(const struct kaaj_config *cfg, int64_t amount);

/* The fee kept from a withdrawal of amount: percent plus fixed. */
int64_t fee_withdrawal(const struct kaaj_config *cfg, int64_t amount);

#endif
