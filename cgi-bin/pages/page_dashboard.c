/*
 * GET /dashboard: a user's overview. The worker's part: balances, pay
 * waiting for a rating, success rate and level with what the next level
 * asks, tasks by state (each a link to /tasks of that state), the
 * earnings of the last 30 days as a bar chart drawn here in SVG, and for
 * a newcomer the first steps. The employer's part, for a user who ever
 * posted a campaign or deposited: escrow, submissions waiting for a
 * rating, the average time to rate, when the oldest waiting one is
 * approved by itself, and each live campaign's progress.
 *
 * Four statements at most, whatever the user's history (market/stats.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/chart.h"
#include "base/money.h"
#include "base/text.h"
#include "base/timezone.h"
#include "market/level.h"
#include "market/stats.h"
#include "money/referral.h"
#include "pages/pages.h"
#include "storage/db.h"

#define CHART_DAYS 30		/* bars of the earnings chart */
#define CHART_HEIGHT 100	/* its height in SVG units; a bar's slot
				 * is 10 wide, so the chart is 300 wide */
#define CHART_SLOT 10
#define CHART_BAR 8
#define CAMPAIGNS_SHOWN 20	/* live campaigns listed, newest first */

/* Lang.Level.NAME, or NAME when the language has no such text. */
static const char *
level_label(struct ctx *c, const char *name)
{
	char key[64];
	const char *text;

	snprintf(key, sizeof(key), "Level.%s", name);
	text = render_lang(c->hdf, key);
	return *text != '\0' ? text : name;
}

/*
 * Dash.Record: the worker's record and level (page_set_record);
 * Dash.Level: the level's Number from 1 and, below the top, Next: what the next level still asks, as Lang.Dash.NextLevel
 * ({n} more approved tasks at {rate}%), NextCount (no rate asked) or
 * NextRate (only the rate is short) says it.
 */
static void
set_level(struct ctx *c, const struct stats_account *a)
{
	const struct kaaj_config *cfg = &c->app->cfg;
	const struct config_level *next;
	struct level_place p;
	char text[512], num[TEXT_INT_LEN];
	const char *key;

	page_set_record(c, "Dash.Record", a->satisfied, a->rejected, &p);
	render_set_int(c->hdf, "Dash.Level.Number", (int64_t)p.level + 1);
	if (!p.has_next)
		return;
	next = &cfg->levels[p.next];
	key = p.more == 0 ? "Dash.NextRate" : next->rate == 0 ?
	    "Dash.NextCount" : "Dash.NextLevel";
	snprintf(text, sizeof(text), "%s", render_lang(c->hdf, key));
	text_subst(text, sizeof(text), "{n}", text_of_int(p.more, num));
	text_subst(text, sizeof(text), "{rate}", text_of_int(next->rate,
	    num));
	text_subst(text, sizeof(text), "{level}", level_label(c, next->name));
	render_set(c->hdf, "Dash.Level.Next", text);
}

/* Dash.States.N (Name, Count) in stats_state order, and the pay waiting. */
static void
set_tasks(struct ctx *c, const struct stats_tasks *t)
{
	size_t s;
	HDF *row;

	for (s = 0; s < STATS_STATES; s++) {
		if ((row = page_row(c->hdf, "Dash.States", s)) == NULL)
			continue;
		render_set(row, "Name", stats_state_name((enum stats_state)s));
		render_set_int(row, "Count", t->count[s]);
	}
	render_set_int(c->hdf, "Dash.Tasks", t->total);
	page_set_money(c->hdf, "Dash.PendingPay", t->pending_pay);
}

/*
 * Dash.Chart: a bar per day of the last CHART_DAYS in the user's zone
 * (Bars.N: X, Y, H in SVG units, Day, Amount), the days' Total, the
 * Max, and the first and last day (From, To). -1 on a database error.
 */
static int
set_chart(struct ctx *c)
{
	time_t starts[CHART_DAYS + 1];
	char days[CHART_DAYS][TZ_DAY_LEN];
	int64_t amounts[CHART_DAYS], total = 0, max = 0;
	int heights[CHART_DAYS];
	size_t d;
	HDF *bar;

	memset(amounts, 0, sizeof(amounts));
	tz_local_days(time(NULL), CHART_DAYS, starts, days);
	if (stats_earnings(c->app->db, c->session.user_id, starts, CHART_DAYS,
	    amounts) == -1)
		return -1;
	chart_heights(amounts, CHART_DAYS, CHART_HEIGHT, heights);
	for (d = 0; d < CHART_DAYS; d++) {
		total += amounts[d];
		if (amounts[d] > max)
			max = amounts[d];
		if ((bar = page_row(c->hdf, "Dash.Chart.Bars", d)) == NULL)
			continue;
		render_set_int(bar, "X", (int64_t)(d * CHART_SLOT +
		    (CHART_SLOT - CHART_BAR) / 2));
		render_set_int(bar, "Y", CHART_HEIGHT - heights[d]);
		render_set_int(bar, "H", heights[d]);
		render_set(bar, "Day", days[d]);
		page_set_money(bar, "Amount", amounts[d]);
		if (amounts[d] > 0)
			render_set(bar, "Earned", "1");
	}
	render_set_int(c->hdf, "Dash.Chart.Width", CHART_DAYS * CHART_SLOT);
	render_set_int(c->hdf, "Dash.Chart.Height", CHART_HEIGHT);
	render_set_int(c->hdf, "Dash.Chart.ViewHeight", CHART_HEIGHT + 1);
	if (total > 0)
		render_set(c->hdf, "Dash.Chart.Earned", "1");
	render_set_int(c->hdf, "Dash.Chart.BarWidth", CHART_BAR);
	page_set_money(c->hdf, "Dash.Chart.Total", total);
	page_set_money(c->hdf, "Dash.Chart.Max", max);
	render_set(c->hdf, "Dash.Chart.From", days[0]);
	render_set(c->hdf, "Dash.Chart.To", days[CHART_DAYS - 1]);
	return 0;
}

/*
 * Dash.Steps.N: a newcomer's next steps (Lang.Dash.Step.KEY): how the
 * work goes, the country (jobs depend on it), the first job, a payout
 * account; each while it is not done.
 */
static void
set_steps(struct ctx *c, const struct stats_account *a, int64_t tasks)
{
	size_t n = 0;

	if (a->satisfied > 0 && a->country[0] != '\0' && a->has_payout)
		return;
	if (a->satisfied == 0)
		render_set(page_row(c->hdf, "Dash.Steps", n++), "Key", "help");
	if (a->country[0] == '\0')
		render_set(page_row(c->hdf, "Dash.Steps", n++), "Key",
		    "country");
	if (tasks == 0)
		render_set(page_row(c->hdf, "Dash.Steps", n++), "Key", "board");
	if (!a->has_payout)
		render_set(page_row(c->hdf, "Dash.Steps", n++), "Key",
		    "payout");
}

/*
 * Progress under row: a campaign's done of total slots and the
 * submissions waiting, as Lang.Dash.Progress says it.
 */
static void
set_progress(struct ctx *c, HDF *row, int64_t done, int64_t total,
    int64_t waiting)
{
	char text[512], num[TEXT_INT_LEN];

	snprintf(text, sizeof(text), "%s", render_lang(c->hdf,
	    "Dash.Progress"));
	text_subst(text, sizeof(text), "{done}", text_of_int(done, num));
	text_subst(text, sizeof(text), "{total}", text_of_int(total, num));
	text_subst(text, sizeof(text), "{waiting}", text_of_int(waiting,
	    num));
	render_set(row, "Progress", text);
}

/*
 * The employer's part: Dash.Employer, the escrow, the average time to
 * rate, and Dash.Campaigns.N (as stats_campaigns, with DonePct and
 * WaitPct for the progress bar), the Waiting total and the Oldest
 * auto-approval among them. -1 on a database error.
 */
static int
set_employer(struct ctx *c, const struct stats_account *a)
{
	const char *oldest = NULL, *o;
	int64_t waiting = 0, total, done, wait;
	struct db_result r;
	char local[96];
	size_t i;
	HDF *row;

	render_set(c->hdf, "Dash.Employer", "1");
	page_set_money(c->hdf, "Dash.Escrow", a->escrow);
	if (a->rated_timed > 0)
		page_set_duration(c->hdf, "Dash.RateTime", a->rate_seconds /
		    a->rated_timed);
	if (stats_campaigns(c->app->db, c->session.user_id, &r) != DB_OK)
		return -1;
	for (i = 0; i < r.nrows; i++) {
		wait = db_value_int(&r, i, "Waiting");
		waiting += wait;
		o = db_value(&r, i, "oldest");
		if (o != NULL && (oldest == NULL || strcmp(o, oldest) < 0))
			oldest = o;
		if (i >= CAMPAIGNS_SHOWN ||
		    (row = page_row(c->hdf, "Dash.Campaigns", i)) == NULL)
			continue;
		page_fill(row, &r, i);
		total = db_value_int(&r, i, "Total");
		done = db_value_int(&r, i, "Done");
		render_set_int(row, "DonePct", chart_percent(done, total));
		render_set_int(row, "WaitPct", chart_percent(done + wait,
		    total) - chart_percent(done, total));
		set_progress(c, row, done, total, wait);
	}
	render_set_int(c->hdf, "Dash.Waiting", waiting);
	if (oldest != NULL)
		render_set(c->hdf, "Dash.Oldest", tz_local_time(oldest, local,
		    sizeof(local)) == 0 ? local : oldest);
	if (r.nrows > CAMPAIGNS_SHOWN)
		render_set(c->hdf, "Dash.MoreCampaigns", "1");
	db_result_free(&r);
	return 0;
}

/*
 * With referrals on: Dash.Referred (how many joined through the user's
 * link) and Dash.ReferralEarned (what their task pay earned the user).
 * -1 on a database error.
 */
static int
set_referrals(struct ctx *c)
{
	int64_t referred, earned;

	if (c->app->cfg.referral_ppm <= 0)
		return 0;
	if (referral_summary(c->app->db, c->session.user_id, &referred,
	    &earned) == -1)
		return -1;
	render_set_int(c->hdf, "Dash.Referred", referred);
	page_set_money(c->hdf, "Dash.ReferralEarned", earned);
	return 0;
}

int
page_dashboard(struct ctx *c)
{
	struct stats_account a;
	struct stats_tasks t;

	if (stats_account(c->app->db, c->session.user_id, &a) == -1 ||
	    stats_tasks(c->app->db, c->session.user_id, &t) == -1)
		return ctx_db_error(c);
	page_set_money(c->hdf, "Dash.Available", a.available);
	page_set_money(c->hdf, "Dash.Held", a.held);
	set_level(c, &a);
	set_tasks(c, &t);
	set_steps(c, &a, t.total);
	if (set_chart(c) == -1 || set_referrals(c) == -1 ||
	    (a.employer && set_employer(c, &a) == -1))
		return ctx_db_error(c);
	c->template = "dashboard.cs";
	return 200;
}
