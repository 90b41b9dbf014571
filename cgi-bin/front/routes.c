/*
 * THE route table: every page of the site, with its method, path, handler
 * (cgi-bin/pages/) and the preconditions the dispatcher (router.c) checks
 * before the handler runs. A new page is one line here. Also the lookup
 * of a request's method and path in the table.
 */
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "pages/pages.h"
#include "front/routes.h"

/* A table line; HEAD is served wherever GET is. */
#define GET(path, handler, flags)	{ "GET", path, handler, flags }
#define POST(path, handler, flags)	{ "POST", path, handler, flags }

/*
 * Flags: 0 anyone; NEED_LOGIN a logged-in user; NEED_ADMIN an admin;
 * NEED_CSRF a form (its csrf field is checked); USER_FORM and ADMIN_FORM a
 * form of a logged-in user, of an admin. First match wins.
 */
static const struct route routes[] = {
	GET("/", page_home, 0),
	GET("/jobs/#", page_job, 0),
	GET("/jobtypes", page_jobtypes, 0),
	GET("/payouts", page_payouts, 0),
	GET("/help", page_help, 0),
	GET("/help/work", page_help, 0),
	GET("/help/post", page_help, 0),
	GET("/help/rules", page_help, 0),
	GET("/help/fees", page_help, 0),
	GET("/dashboard", page_dashboard, NEED_LOGIN),
	GET("/admin", page_admin, NEED_ADMIN),
	GET("/admin/flags", page_admin_flags, NEED_ADMIN),
	GET("/terms", page_terms, 0),
	/* Accounts: joining, logging in and out, passwords, settings. */
	GET("/register", page_register, 0),
	POST("/register", page_register_post, NEED_CSRF),
	GET("/activate", page_activate, 0),
	GET("/activate/resend", page_resend, 0),
	POST("/activate/resend", page_resend_post, NEED_CSRF),
	GET("/login", page_login, 0),
	POST("/login", page_login_post, NEED_CSRF),
	POST("/logout", page_logout, USER_FORM),
	GET("/forgot", page_forgot, 0),
	POST("/forgot", page_forgot_post, NEED_CSRF),
	GET("/reset", page_reset, 0),
	POST("/reset", page_reset_post, NEED_CSRF),
	GET("/settings", page_settings, NEED_LOGIN),
	POST("/settings/profile", page_settings_profile, USER_FORM),
	POST("/settings/password", page_settings_password, USER_FORM),
	POST("/settings/email", page_settings_email, USER_FORM),
	GET("/settings/api", page_api_keys, NEED_LOGIN),
	POST("/settings/api/create", page_api_key_create, USER_FORM),
	POST("/settings/api/revoke", page_api_key_revoke, USER_FORM),
	POST("/settings/api/hooks/create", page_webhook_create, USER_FORM),
	POST("/settings/api/hooks/delete", page_webhook_delete, USER_FORM),
	/* The JSON API (docs/api.md): a key with the scope, not a session. */
	GET("/api/v1/openapi.json", api_openapi, API_PUBLIC),
	GET("/api/v1/account", api_account, API_READ),
	GET("/api/v1/jobtypes", api_jobtypes, API_READ),
	POST("/api/v1/campaigns", api_campaign_create, API_POST),
	GET("/api/v1/campaigns", api_campaigns, API_READ),
	GET("/api/v1/campaigns/#", api_campaign, API_READ),
	POST("/api/v1/campaigns/#/pause", api_campaign_pause, API_POST),
	POST("/api/v1/campaigns/#/resume", api_campaign_resume, API_POST),
	POST("/api/v1/campaigns/#/slots", api_campaign_add, API_POST),
	POST("/api/v1/campaigns/#/stop", api_campaign_stop, API_POST),
	GET("/api/v1/campaigns/#/submissions", api_submissions, API_READ),
	GET("/api/v1/campaigns/#/results.csv", page_campaign_results,
	    API_READ),
	GET("/api/v1/submissions/#", api_submission, API_READ),
	GET("/api/v1/submissions/#/screenshot", page_screenshot, API_READ),
	POST("/api/v1/submissions/#/rate", api_submission_rate, API_RATE),
	POST("/api/v1/submissions/rate", api_submissions_rate, API_RATE),
	POST("/api/v1/submissions/#/bonus", api_submission_bonus, API_PAY),
	POST("/api/v1/workers/#/block", api_worker_block, API_POST),
	POST("/api/v1/workers/#/unblock", api_worker_unblock, API_POST),
	GET("/api/v1/templates", api_templates, API_READ),
	POST("/api/v1/campaigns/#/template", api_template_save, API_POST),
	POST("/api/v1/templates/#/campaigns", api_template_start, API_POST),
	POST("/api/v1/templates/#/delete", api_template_delete, API_POST),
	GET("/email/confirm", page_email_confirm, 0),
	POST("/language", page_language, NEED_CSRF),
	/* Money: the wallet, and the admins' deposit and withdrawal queues. */
	GET("/wallet", page_wallet, NEED_LOGIN),
	POST("/wallet/deposit", page_wallet_deposit, USER_FORM),
	POST("/wallet/withdraw", page_wallet_withdraw, USER_FORM),
	GET("/wallet/statement", page_statement, NEED_LOGIN),
	GET("/wallet/statement.csv", page_statement_csv, NEED_LOGIN),
	GET("/referrals", page_referrals, NEED_LOGIN),
	GET("/receipts/#", page_receipt, NEED_LOGIN),
	GET("/admin/deposits", page_admin_deposits, NEED_ADMIN),
	POST("/admin/deposits/confirm", page_admin_decide, ADMIN_FORM),
	POST("/admin/deposits/reject", page_admin_decide, ADMIN_FORM),
	GET("/admin/withdrawals", page_admin_withdrawals, NEED_ADMIN),
	POST("/admin/withdrawals/pay", page_admin_decide, ADMIN_FORM),
	POST("/admin/withdrawals/reject", page_admin_decide, ADMIN_FORM),
	/* Posting a job, and the admins' moderation of new campaigns. */
	GET("/campaigns/new", page_campaign_new, NEED_LOGIN),
	POST("/campaigns/preview", page_campaign_preview, USER_FORM),
	POST("/campaigns/create", page_campaign_create, USER_FORM),
	GET("/admin/campaigns", page_admin_campaigns, NEED_ADMIN),
	POST("/admin/campaigns/approve", page_admin_campaign_approve,
	    ADMIN_FORM),
	POST("/admin/campaigns/reject", page_admin_campaign_reject, ADMIN_FORM),
	GET("/admin/campaigns/#", page_admin_campaign, NEED_ADMIN),
	POST("/admin/campaigns/stop", page_admin_campaign_stop, ADMIN_FORM),
	/* An employer's campaigns (page_campaigns.c, page_campaign_act.c). */
	GET("/campaigns", page_campaigns, NEED_LOGIN),
	GET("/campaigns/#", page_campaign, NEED_LOGIN),
	GET("/campaigns/results/#", page_campaign_results, NEED_LOGIN),
	GET("/screenshots/#", page_screenshot, NEED_LOGIN),
	POST("/campaigns/pause", page_campaign_pause, USER_FORM),
	POST("/campaigns/resume", page_campaign_resume, USER_FORM),
	POST("/campaigns/add", page_campaign_add, USER_FORM),
	POST("/campaigns/stop", page_campaign_stop, USER_FORM),
	POST("/campaigns/rate", page_campaign_rate, USER_FORM),
	POST("/campaigns/bonus", page_campaign_bonus, USER_FORM),
	POST("/campaigns/block", page_campaign_block, USER_FORM),
	POST("/campaigns/unblock", page_campaign_unblock, USER_FORM),
	POST("/campaigns/template", page_campaign_template, USER_FORM),
	POST("/campaigns/templates/delete", page_template_delete, USER_FORM),
	/* The worker's side: tasks, proof, disputes, notifications. */
	POST("/tasks/claim", page_task_claim, USER_FORM),
	GET("/tasks", page_tasks, NEED_LOGIN),
	GET("/tasks/#", page_task, NEED_LOGIN),
	POST("/tasks/submit", page_task_submit, USER_FORM),
	POST("/tasks/dispute", page_task_dispute, USER_FORM),
	POST("/tasks/review", page_task_review, USER_FORM),
	GET("/notifications", page_notifications, NEED_LOGIN),
	GET("/admin/disputes", page_admin_disputes, NEED_ADMIN),
	POST("/admin/disputes/decide", page_admin_dispute_decide, ADMIN_FORM),
	/* Outgoing mail that failed or waits too long. */
	GET("/admin/mail", page_admin_mail, NEED_ADMIN),
	POST("/admin/mail/retry", page_admin_mail_retry, ADMIN_FORM),
	/* Who did which admin action: the audit log. */
	GET("/admin/audit", page_admin_audit, NEED_ADMIN),
	/* The job types loaded, and the plugin files refused. */
	GET("/admin/jobtypes", page_admin_jobtypes, NEED_ADMIN),
	/* Users: search, an account's page, and what admins do to it. */
	GET("/admin/users", page_admin_users, NEED_ADMIN),
	GET("/admin/users/#", page_admin_user, NEED_ADMIN),
	POST("/admin/users/ban", page_admin_user_ban, ADMIN_FORM),
	POST("/admin/users/unban", page_admin_user_unban, ADMIN_FORM),
	POST("/admin/users/adjust", page_admin_user_adjust, ADMIN_FORM),
	POST("/admin/users/admin", page_admin_user_make_admin, ADMIN_FORM),
	POST("/admin/users/unadmin", page_admin_user_unmake_admin, ADMIN_FORM),
	/* What may be fraud: shared addresses and accounts, copied proof. */
	GET("/admin/fraud", page_admin_fraud, NEED_ADMIN),
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

const struct route *
route_table(size_t *n)
{
	*n = NROUTES;
	return routes;
}

/*
 * Match path against pattern; a '#' in it takes a positive decimal id of
 * at most 18 digits (no leading zero) into *id. Returns non-zero on a
 * match.
 */
static int
route_match(const char *pattern, const char *path, int64_t *id)
{
	const char *hash = strchr(pattern, '#');
	char num[20];
	size_t pre, digits;
	int64_t n;

	if (hash == NULL)
		return strcmp(pattern, path) == 0;
	pre = (size_t)(hash - pattern);
	if (strncmp(pattern, path, pre) != 0)
		return 0;
	path += pre;
	digits = strspn(path, "0123456789");
	if (digits == 0 || digits >= sizeof(num) ||
	    strcmp(hash + 1, path + digits) != 0)
		return 0;
	memcpy(num, path, digits);
	num[digits] = '\0';
	if ((n = text_id(num)) <= 0)
		return 0;
	*id = n;
	return 1;
}

const struct route *
route_find(const char *method, const char *path, int64_t *id, int *status,
    char *allow, size_t allowlen)
{
	int head = strcmp(method, "HEAD") == 0;
	size_t i;

	*status = 404;
	allow[0] = '\0';
	for (i = 0; i < NROUTES; i++) {
		if (!route_match(routes[i].pattern, path, id))
			continue;
		if (strcmp(routes[i].method, method) == 0 ||
		    (head && strcmp(routes[i].method, "GET") == 0))
			return &routes[i];
		*status = 405;
		if (allow[0] != '\0')
			strncat(allow, ", ", allowlen - strlen(allow) - 1);
		strncat(allow, routes[i].method, allowlen - strlen(allow) - 1);
		if (strcmp(routes[i].method, "GET") == 0)
			strncat(allow, ", HEAD", allowlen - strlen(allow) - 1);
	}
	return NULL;
}
