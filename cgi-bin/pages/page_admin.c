/*
 * GET /admin: the admins' dashboard. The site's figures for today, this
 * week (from Monday) and this month in the admin's zone: accounts made
 * and activated, campaigns made, tasks approved and the approval rate,
 * money deposited, paid out and earned in fees; what is owed now
 * (escrow, users' balances) and the queues with their links; bar charts
 * of the last 30 days and the last 52 weeks drawn here in SVG; and the
 * schema version and the loaded job types.
 *
 * Four statements whatever the site's size (market/site_stats.h): the
 * schema version, the figures now, and the 364 days' ledger and tables.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/chart.h"
#include "base/timezone.h"
#include "market/site_stats.h"
#include "storage/db.h"
#include "storage/migrate.h"
#include "pages/pages.h"

#define WEEKS 52		/* bars of the year's charts */
#define DAYS (WEEKS * 7)	/* days read: the year's charts' */
#define RECENT 30		/* bars of the month's charts */
#define CHART_HEIGHT 100	/* in SVG units */

/* The figures shown per period, in the order of the table. */
static const struct {
	const char *key;	/* Lang.AdminDash.Figure.KEY */
	enum site_figure figure;
} rows[] = {
	{ "users", SITE_USERS }, { "activations", SITE_ACTIVATIONS },
	{ "campaigns", SITE_CAMPAIGNS }, { "approved", SITE_APPROVED },
	{ "deposited", SITE_DEPOSITED }, { "paid_out", SITE_PAID_OUT },
	{ "fees", SITE_FEES }
};

/* The charts: a figure each, over the last RECENT days and WEEKS weeks. */
static const struct {
	const char *key;	/* Lang.AdminDash.Chart.KEY */
	enum site_figure figure;
} charts[] = {
	{ "users", SITE_USERS }, { "approved", SITE_APPROVED },
	{ "deposited", SITE_DEPOSITED }, { "paid_out", SITE_PAID_OUT },
	{ "fees", SITE_FEES }
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))
#define NCHARTS (sizeof(charts) / sizeof(charts[0]))

/* The periods of the table: today, this week, this month. */
enum period { TODAY, WEEK, MONTH, PERIODS };

/* A figure's value under node as name: money or a count. */
static void
set_value(HDF *node, const char *name, enum site_figure f, int64_t v)
{
	if (site_figure_is_money(f))
		page_set_money(node, name, v);
	else
		render_set_int(node, name, v);
}

/*
 * Admin.Figures.N (Key, Money when an amount, and Today, Week, Month)
 * and Admin.Rate.PERIOD (approved of rated, in percent; unset when
 * nothing was rated): the days of each period are the last ones of
 * per_day, today being the last.
 */
static void
set_periods(struct ctx *c, int64_t (*per_day)[SITE_FIGURES])
{
	static const char *const cols[PERIODS] = { "Today", "Week", "Month" };
	int64_t sum[PERIODS][SITE_FIGURES], rated;
	size_t first[PERIODS], p, d, i, f;
	struct tm tm;
	time_t now = time(NULL);
	char name[32];
	HDF *row;

	localtime_r(&now, &tm);
	first[TODAY] = DAYS - 1;
	first[WEEK] = DAYS - 1 - (size_t)((tm.tm_wday + 6) % 7);
	first[MONTH] = DAYS - (size_t)tm.tm_mday;
	memset(sum, 0, sizeof(sum));
	for (p = 0; p < PERIODS; p++)
		for (d = first[p]; d < DAYS; d++)
			for (f = 0; f < SITE_FIGURES; f++)
				sum[p][f] += per_day[d][f];
	for (i = 0; i < NROWS; i++) {
		if ((row = page_row(c->hdf, "Admin.Figures", i)) == NULL)
			continue;
		render_set(row, "Key", rows[i].key);
		if (site_figure_is_money(rows[i].figure))
			render_set(row, "Money", "1");
		for (p = 0; p < PERIODS; p++)
			set_value(row, cols[p], rows[i].figure,
			    sum[p][rows[i].figure]);
	}
	for (p = 0; p < PERIODS; p++) {
		rated = sum[p][SITE_APPROVED] + sum[p][SITE_REJECTED];
		if (rated == 0)
			continue;
		snprintf(name, sizeof(name), "Admin.Rate.%s", cols[p]);
		render_set_int(c->hdf, name, chart_percent(
		    sum[p][SITE_APPROVED], rated));
	}
}

/*
 * One chart under node: n bars of values (Bars.N: X, Y, H in SVG units,
 * Label, Value, and Shown when not 0), labels[i] naming bar i, a slot of
 * slot units for each and a bar of bar units in it; Total, Max, From, To,
 * Width, Height, ViewHeight, BarWidth, and Any when some value is not 0.
 */
static void
set_bars(HDF *node, enum site_figure f, const int64_t *values,
    char (*labels)[TZ_DAY_LEN], size_t n, int slot, int bar)
{
	int heights[WEEKS > RECENT ? WEEKS : RECENT];
	int64_t total = 0, max = 0;
	HDF *b;
	size_t i;

	chart_heights(values, n, CHART_HEIGHT, heights);
	for (i = 0; i < n; i++) {
		total += values[i];
		if (values[i] > max)
			max = values[i];
		if ((b = page_row(node, "Bars", i)) == NULL)
			continue;
		render_set_int(b, "X", (int64_t)i * slot + (slot - bar) / 2);
		render_set_int(b, "Y", CHART_HEIGHT - heights[i]);
		render_set_int(b, "H", heights[i]);
		render_set(b, "Label", labels[i]);
		set_value(b, "Value", f, values[i]);
		if (values[i] != 0) {
			render_set(b, "Shown", "1");
			render_set(node, "Any", "1");
		}
	}
	set_value(node, "Total", f, total);
	set_value(node, "Max", f, max);
	render_set(node, "From", labels[0]);
	render_set(node, "To", labels[n - 1]);
	render_set_int(node, "Width", (int64_t)n * slot);
	render_set_int(node, "Height", CHART_HEIGHT);
	render_set_int(node, "ViewHeight", CHART_HEIGHT + 1);
	render_set_int(node, "BarWidth", bar);
	if (site_figure_is_money(f))
		render_set(node, "Money", "1");
}

/*
 * Admin.Recent.N and Admin.Year.N: each chart's figure by day over the
 * last RECENT days and by week (labelled by its first day) over the last
 * WEEKS weeks, with its Key.
 */
static void
set_charts(struct ctx *c, int64_t (*per_day)[SITE_FIGURES],
    char (*days)[TZ_DAY_LEN])
{
	int64_t recent[RECENT], year[WEEKS];
	char weeks[WEEKS][TZ_DAY_LEN];
	enum site_figure f;
	size_t i, d;
	HDF *node;

	for (i = 0; i < WEEKS; i++)
		memcpy(weeks[i], days[i * 7], TZ_DAY_LEN);
	for (i = 0; i < NCHARTS; i++) {
		f = charts[i].figure;
		memset(year, 0, sizeof(year));
		for (d = 0; d < DAYS; d++)
			year[d / 7] += per_day[d][f];
		for (d = 0; d < RECENT; d++)
			recent[d] = per_day[DAYS - RECENT + d][f];
		if ((node = page_row(c->hdf, "Admin.Recent", i)) != NULL) {
			render_set(node, "Key", charts[i].key);
			set_bars(node, f, recent, days + DAYS - RECENT, RECENT,
			    10, 8);
		}
		if ((node = page_row(c->hdf, "Admin.Year", i)) != NULL) {
			render_set(node, "Key", charts[i].key);
			set_bars(node, f, year, weeks, WEEKS, 6, 4);
		}
	}
}

/* Admin.Now: the money owed now, the queues and their oldest payout. */
static void
set_now(struct ctx *c, const struct site_now *now)
{
	page_set_money(c->hdf, "Admin.Now.Escrow", now->escrow);
	page_set_money(c->hdf, "Admin.Now.Owed", now->owed);
	page_set_money(c->hdf, "Admin.Now.Revenue", now->revenue);
	render_set_int(c->hdf, "Admin.Queues.deposits", now->deposits);
	render_set_int(c->hdf, "Admin.Queues.withdrawals", now->payouts);
	render_set_int(c->hdf, "Admin.Queues.disputes", now->disputes);
	render_set_int(c->hdf, "Admin.Queues.campaigns", now->moderation);
	render_set_int(c->hdf, "Admin.Queues.flags", now->flags);
	if (now->payout_age >= 0)
		page_set_duration(c->hdf, "Admin.PayoutAge", now->payout_age);
	render_set(c->hdf, "Admin.DbVersion", now->db_version);
}

int
page_admin(struct ctx *c)
{
	int64_t per_day[DAYS][SITE_FIGURES];
	time_t starts[DAYS + 1];
	char days[DAYS][TZ_DAY_LEN];
	struct site_now now;
	char name[64];
	size_t i;
	int version;

	memset(per_day, 0, sizeof(per_day));
	tz_local_days(time(NULL), DAYS, starts, days);
	if (migrate_current(c->app->db, &version) != 0 ||
	    site_stats_now(c->app->db, &now) == -1 ||
	    site_stats_days(c->app->db, starts, DAYS, per_day) == -1)
		return ctx_db_error(c);
	render_setf(c->hdf, "Admin.SchemaVersion", "%d", version);
	set_now(c, &now);
	set_periods(c, per_day);
	set_charts(c, per_day, days);
	for (i = 0; i < c->app->plugins.n; i++) {
		snprintf(name, sizeof(name), "Admin.Plugins.%zu.Name", i);
		render_set(c->hdf, name, c->app->plugins.items[i].name);
		snprintf(name, sizeof(name), "Admin.Plugins.%zu.Path", i);
		render_set(c->hdf, name, c->app->plugins.items[i].path);
	}
	render_set_int(c->hdf, "Admin.PluginCount",
	    (int64_t)c->app->plugins.n);
	render_set(c->hdf, "Admin.PluginDir", c->app->cfg.plugin_dir);
	c->template = "admin.cs";
	return 200;
}
