/*
 * Help pages: how to work here, how to post a job, the rules, and the
 * fees. Their words are the language file's (Lang.Help); every number on
 * the fees page comes from the configuration and the plugins, so it can
 * never disagree with what the site charges.
 */
#include <stdio.h>
#include <string.h>

#include "base/money.h"
#include "money/fees.h"
#include "pages/pages.h"

#define EXAMPLE_AMOUNT (10 * MONEY_MICRO)	/* the fees page's example */

/* The help topics, by the path after /help/ ("" for the index). */
static const char *const topics[] = { "", "work", "post", "rules", "fees" };

/* The fees page's numbers: every one from the configuration. */
static void
set_fees(struct ctx *c)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	const struct plugin_set *ps = &c->app->plugins;
	int64_t fee;
	size_t i;
	HDF *row;

	page_set_percent(c->hdf, "Fees.TaskPercent", cfg->fee_task_ppm);
	fee = fee_task(cfg, EXAMPLE_AMOUNT);
	page_set_money(c->hdf, "Fees.Example", EXAMPLE_AMOUNT);
	page_set_money(c->hdf, "Fees.ExampleTaskFee", fee);
	page_set_money(c->hdf, "Fees.ExampleEmployerPays",
	    EXAMPLE_AMOUNT + fee);
	page_set_percent(c->hdf, "Fees.WithdrawalPercent",
	    cfg->fee_withdrawal_ppm);
	page_set_money(c->hdf, "Fees.WithdrawalFixed",
	    cfg->fee_withdrawal_fixed);
	fee = fee_withdrawal(cfg, EXAMPLE_AMOUNT);
	page_set_money(c->hdf, "Fees.ExampleWithdrawalFee", fee);
	page_set_money(c->hdf, "Fees.ExampleReceived", EXAMPLE_AMOUNT - fee);
	if (cfg->referral_ppm > 0) {
		page_set_percent(c->hdf, "Fees.ReferralPercent",
		    cfg->referral_ppm);
		render_set_int(c->hdf, "Fees.ReferralDays",
		    cfg->referral_days);
	}
	page_set_methods(c);
	for (i = 0; i < ps->n; i++) {
		if ((row = page_row(c->hdf, "Fees.JobTypes", i)) == NULL)
			continue;
		render_set(row, "Label", ps->items[i].jt->label);
		page_set_money(row, "MinPay", config_min_pay(cfg,
		    ps->items[i].jt->name, ps->items[i].jt->min_pay));
	}
}

int
page_help(struct ctx *c)
{
	const char *path = c->req->path, *topic;
	size_t i;

	topic = strncmp(path, "/help/", 6) == 0 ? path + 6 : "";
	for (i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
		if (strcmp(topic, topics[i]) == 0)
			break;
	if (i == sizeof(topics) / sizeof(topics[0]))
		return 404;
	render_set(c->hdf, "Help.Topic", topic[0] != '\0' ? topic : "index");
	render_set(c->hdf, "Help.Moderation",
	    c->app->cfg.moderation ? "1" : "0");
	render_set(c->hdf, "Help.ReopenRejected",
	    c->app->cfg.reopen_rejected ? "1" : "0");
	if (strcmp(topic, "fees") == 0)
		set_fees(c);
	c->template = "help.cs";
	return 200;
}
