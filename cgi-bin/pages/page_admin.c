/*
 * The admin overview: schema version, loaded job types and counts. The
 * moderation queues come with the marketplace.
 */
#include <stdio.h>

#include "storage/db.h"
#include "storage/migrate.h"
#include "pages/pages.h"

int
page_admin(struct ctx *c)
{
	struct db_result r;
	char name[64];
	size_t i;
	int version;

	if (migrate_current(c->app->db, &version) != 0 ||
	    db_query(c->app->db, &r, "SELECT (SELECT COUNT(*) FROM users)"
	    " AS Users, (SELECT COUNT(*) FROM campaigns) AS Campaigns,"
	    " (SELECT COUNT(*) FROM campaigns WHERE status = 'running')"
	    " AS Running, (SELECT COUNT(*) FROM fraud_flags"
	    " WHERE created_at > UTC_TIMESTAMP() - INTERVAL 30 DAY) AS Flags,"
	    " VERSION() AS DbVersion", "") != DB_OK)
		return ctx_db_error(c);
	render_setf(c->hdf, "Admin.SchemaVersion", "%d", version);
	page_fill(page_node(c->hdf, "Admin"), &r, 0);
	db_result_free(&r);
	for (i = 0; i < c->app->plugins.n; i++) {
		snprintf(name, sizeof(name), "Admin.Plugins.%zu.Name", i);
		render_set(c->hdf, name, c->app->plugins.items[i].name);
		snprintf(name, sizeof(name), "Admin.Plugins.%zu.Path", i);
		render_set(c->hdf, name, c->app->plugins.items[i].path);
	}
	render_set(c->hdf, "Admin.PluginDir", c->app->cfg.plugin_dir);
	c->template = "admin.cs";
	return 200;
}

int
page_admin_flags(struct ctx *c)
{
	if (page_query_list(c, "Flags", "SELECT f.id AS Id, f.kind AS Kind,"
	    " f.task_id AS Task, t.campaign_id AS CampaignId,"
	    " c.title AS Title, e.username AS Employer,"
	    " w.username AS Worker, f.ip AS Ip, f.created_at AS `When:time`"
	    " FROM fraud_flags f JOIN tasks t ON t.id = f.task_id"
	    " JOIN campaigns c ON c.id = t.campaign_id"
	    " JOIN users e ON e.id = f.employer_id"
	    " JOIN users w ON w.id = f.worker_id"
	    " ORDER BY f.id DESC LIMIT 200", "") != 0)
		return ctx_db_error(c);
	c->template = "admin_flags.cs";
	return 200;
}
