/*
 * Fees in micro-units.
 */
#include "base/config.h"
#include "money/fees.h"

int64_t
fee_percent(int64_t amount, int64_t ppm)
{
	__int128 p;

	if (amount <= 0 || ppm <= 0)
		return 0;
	/* Round up: ceil(amount * ppm / 1e6), without overflow. */
	p = (__int128)amount * ppm;
	return (int64_t)((p + 999999) / 1000000);
}

int64_t
fee_task(const struct kaaj_config *cfg, int64_t amount)
{
	return fee_percent(amount, cfg->fee_task_ppm);
}

int64_t
fee_withdrawal(const struct kaaj_config *cfg, int64_t amount)
{
	return fee_percent(amount, cfg->fee_withdrawal_ppm) +
	    cfg->fee_withdrawal_fixed;
}
