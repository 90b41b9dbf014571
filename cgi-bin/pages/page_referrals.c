/*
 * The referrals page: the user's referral link, what it earns them (the
 * share and how long it lasts, from the configuration), the users it
 * brought and what each has earned them, and the total. Two statements,
 * both through users' referred_by key: the newest referred users with
 * their counters, and the count and total (referral_summary). What a
 * referred user has earned their referrer is kept on that user's row
 * (users.referral_earned), raised in the transaction that pays it, so no
 * statement reads the ledger or runs once per row.
 */
#include <stdio.h>

#include "money/referral.h"
#include "pages/pages.h"

#define REFERRALS_SHOWN 200	/* referred users listed, newest first */

int
page_referrals(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	int64_t referred, earned;

	if (cfg->referral_ppm == 0)
		return 404;
	if (referral_summary(c->app->db, c->session.user_id, &referred,
	    &earned) == -1)
		return ctx_db_error(c);
	if (page_query_list(c, "Referrals.Users", "SELECT username AS Name,"
	    " created_at AS `Joined:time`, tasks_satisfied AS Approved,"
	    " referral_earned AS `Earned:money` FROM users"
	    " WHERE referred_by = ? ORDER BY id DESC LIMIT ?", "ii",
	    c->session.user_id, (int64_t)REFERRALS_SHOWN) == -1)
		return ctx_db_error(c);
	/* Usernames are letters, digits, _ . and -: safe in a query. */
	render_setf(c->hdf, "Referrals.Link", "%s/register?ref=%s",
	    cfg->base_url, c->session.username);
	page_set_percent(c->hdf, "Referrals.Percent", cfg->referral_ppm);
	render_set_int(c->hdf, "Referrals.Days", cfg->referral_days);
	render_set_int(c->hdf, "Referrals.Count", referred);
	page_set_money(c->hdf, "Referrals.Total", earned);
	if (referred > REFERRALS_SHOWN)
		render_set(c->hdf, "Referrals.More", "1");
	c->template = "referrals.cs";
	return 200;
}
