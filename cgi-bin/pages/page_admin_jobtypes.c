/*
 * The admins' view of the job types: the plugins this process loaded
 * (name, label in the admin's language, category, the site's minimum
 * pay, file) and the files the loader refused at its last load (start-up
 * or SIGHUP), with the reason it logged. Read from the process's plugin
 * set: no query.
 */
#include <stdio.h>

#include "base/money.h"
#include "pages/pages.h"

/* Set prefix.N.key to value. */
static void
set_item(HDF *hdf, const char *prefix, size_t n, const char *key,
    const char *value)
{
	char name[96];

	snprintf(name, sizeof(name), "%s.%zu.%s", prefix, n, key);
	render_set(hdf, name, value);
}

int
page_admin_jobtypes(struct ctx *c)
{
	const struct plugin_set *ps = &c->app->plugins;
	const struct kaaj_jobtype *jt;
	char pay[32];
	size_t i;

	for (i = 0; i < ps->n; i++) {
		jt = page_jobtype(c, &ps->items[i]);
		set_item(c->hdf, "JobTypes", i, "Name", jt->name);
		set_item(c->hdf, "JobTypes", i, "Label", jt->label);
		set_item(c->hdf, "JobTypes", i, "Category", jt->category);
		set_item(c->hdf, "JobTypes", i, "MinPay", money_format(
		    config_min_pay(&c->app->cfg, jt->name, jt->min_pay), pay,
		    sizeof(pay)));
		set_item(c->hdf, "JobTypes", i, "Path", ps->items[i].path);
	}
	for (i = 0; i < ps->n_refused; i++) {
		set_item(c->hdf, "Refused", i, "Path", ps->refused[i].path);
		set_item(c->hdf, "Refused", i, "Reason",
		    ps->refused[i].reason);
	}
	render_set(c->hdf, "Plugins.Dir", c->app->cfg.plugin_dir);
	c->template = "admin_jobtypes.cs";
	return 200;
}
