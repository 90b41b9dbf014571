/*
 * The page handlers, one file per area. Each follows the handler_fn
 * contract in router.h.
 */
#ifndef KAAJ_PAGES_H
#define KAAJ_PAGES_H

#include "front/router.h"
#include "accounts/token.h"
#include "base/text.h"
#include "base/upload.h"

struct db_result;
struct level_place;

/* page_shared.c: what many pages share. */

/*
 * The longest reason a person may give (characters): deposits.reason,
 * withdrawals.reason, campaigns.reject_reason and tasks.reason hold 500.
 */
#define REASON_MAX 500
/* The node name of hdf, made when missing; NULL when out of memory. */
HDF *page_node(HDF *hdf, const char *name);

/* The node LIST.I of hdf, made when missing; NULL when out of memory. */
HDF *page_row(HDF *hdf, const char *list, size_t i);

/*
 * Page data from a query, by column name. Each column of row of r whose
 * name (its SQL alias, under 64 characters) starts with a capital letter
 * is set under node with that name: "c.title AS Title" sets Title. A name
 * ending in ":money" holds micro-units and is set without the suffix as a
 * decimal: "w.amount AS `Amount:money`" sets Amount to "12.50". A name
 * ending in ":time" holds a UTC DATETIME and is set without the suffix in
 * the request's time zone, the zone named: "created_at AS `When:time`"
 * sets When to "2026-12-06 13:05 Dhaka" (base/timezone.h). SQL NULL
 * sets nothing. Other columns ("c.owner_id", a method shown by its label)
 * are the handler's, to read by name with db_value. Does nothing when
 * node is NULL or r has no such row.
 */
void page_fill(HDF *node, const struct db_result *r, size_t row);

/*
 * Run the query sql (types and the parameters as db_query takes them) and
 * put all its rows into LIST.0, LIST.1 ... as page_fill_list does. 0, or
 * -1 on a database error.
 */
int page_query_list(struct ctx *c, const char *list, const char *sql,
    const char *types, ...);

/* The first max rows of r (or all it has) into LIST.0, LIST.1 ... of hdf. */
void page_fill_list(HDF *hdf, const char *list, const struct db_result *r,
    size_t max);

/*
 * The proof of the first max tasks of tasks (column Id), listed under
 * LIST.N of the page, from f (the rows of task_fields with columns task_id,
 * name and value; any others are skipped): LIST.N.Proof.K.Label (the
 * proof field's label of job_type in the page's language, K in the
 * declared order; the stored name, after the rest, when the job type has
 * no such field or is gone) and LIST.N.Proof.K.Value.
 */
void page_set_proofs(struct ctx *c, const char *list, const char *job_type,
    const struct db_result *tasks, size_t max, const struct db_result *f);

/*
 * The query's value of name for a GET form (filters), kept for the form
 * shown (Form.NAME); "" when not given. Owned by the request.
 */
const char *page_query_kept(struct ctx *c, const char *name);

/*
 * The query's search box name without spaces at its ends into out (len
 * bytes: at least max_chars * 4 + 1), kept for the form shown. 0, or -1
 * with the form's error for name set to error when it has more than
 * max_chars characters or a control character.
 */
int page_query_box(struct ctx *c, const char *name, char *out, size_t len,
    size_t max_chars, const char *error);

/* Non-zero when s is one of the n names (a filter's list of choices). */
int page_name_known(const char *s, const char *const *names, size_t n);

/* Set name under node to amount (micro-units) as a decimal: "12.50". */
void page_set_money(HDF *node, const char *name, int64_t amount);

/*
 * Answer with the stored image folder/name (a user's upload, already
 * checked to be theirs to see): 200 with its type, or 404 when it cannot
 * be read (logged with what, a short description such as "receipt").
 */
int page_send_image(struct ctx *c, const char *folder, const char *name,
    const char *what);

/*
 * Mark field wrong with a job type's own refusal err: the text
 * Lang.JobType.NAME.error.CODE when the language has it, else the
 * plugin's English message.
 */
void page_plugin_error(struct ctx *c, const struct plugin *p,
    const char *field, const struct kaaj_error *err);

/*
 * The job type of p as the page's language shows it: its label,
 * description, field labels, help texts and choice labels translated
 * (plugin_texts); the same declarations otherwise.
 */
const struct kaaj_jobtype *page_jobtype(struct ctx *c,
    const struct plugin *p);

/*
 * The posted value of a job type's declared field fd, posted as name,
 * kept as typed for the page shown again (form_keep); a whole number
 * (KAAJ_FIELD_INT) with its Bengali digits read as ASCII ones, so that
 * the check, the plugin and the stored value see "20" for "২০".
 */
const char *page_field_value(struct ctx *c, const char *name,
    const struct kaaj_field *fd);

/*
 * The core's generic check of the value v of a job type's declared field
 * fd (field_check), posted as name: 0, or -1 with name marked wrong
 * ({min} and {max} in the message are the field's limits).
 */
int page_check_field(struct ctx *c, const char *name,
    const struct kaaj_field *fd, const char *v);

/*
 * Mark field wrong when password is not good enough for the account of
 * username and email (password_problem), else field2 when again differs.
 */
void page_check_password(struct ctx *c, const char *field,
    const char *field2, const char *password, const char *again,
    const char *username, const char *email);

/* Mark field wrong unless code is a country of Lang.Country. */
void page_check_country(struct ctx *c, const char *field, const char *code);

/*
 * Count one attempt in bucket (ratelimit_take) before it is judged: 0
 * when it is within limit hits in its window of minutes, else the status
 * to answer with (429 with the wait, or 503).
 */
int page_rate_take(struct ctx *c, const char *bucket, int limit,
    int minutes);

/*
 * The rate-limit bucket "prefix:name" of an account or address, in
 * lower case: Alice and alice, Bob@Example.com and bob@example.com count
 * as one.
 */
void page_account_bucket(char *out, size_t len, const char *prefix,
    const char *name);

/*
 * Run the query sql (types and parameters as db_query takes them) of
 * deposit (payout zero) or withdrawal requests and put its first max rows
 * into LIST.0, LIST.1 ... as page_fill does, each with Method set to the
 * label of its "method" column. Returns the rows the query gave (more
 * than max says there are more), or -1 on a database error.
 */
int page_query_requests(struct ctx *c, const char *list, size_t max,
    int payout, const char *sql, const char *types, ...);

/*
 * Go back to the page path/id with Lang.Notice.NOTICE shown at its top
 * ("/campaigns", 12, "slots_added"). Returns 303.
 */
int page_back(struct ctx *c, const char *path, int64_t id,
    const char *notice);

/*
 * The payment methods of the configuration: DepositMethods.N (Name,
 * Label, Instructions, Min) and PayoutMethods.N (Name, Label, Hint, Min,
 * Max), amounts as decimals, texts in the page's language.
 */
void page_set_methods(struct ctx *c);

/*
 * A text of the configuration (a method's instructions or account hint)
 * in the page's language (Page.Lang): its variant for that language, else
 * its plain text. Owned by the configuration.
 */
const char *page_config_text(struct ctx *c, const struct config_text *t);

/* Set name to ppm parts per million as a percentage: "10", "7.5". */
void page_set_percent(HDF *hdf, const char *name, int64_t ppm);

/*
 * A length of time for people: name.Value and name.Unit (a key of
 * Lang.Duration: "minutes" up to two hours, "hours" up to two days, else
 * "days"; "minute", "hour", "day" for 1), rounded to the nearest, at
 * least 1.
 */
void page_set_duration(HDF *hdf, const char *name, int64_t seconds);

/*
 * A worker's record under name, from their satisfied and rejected task
 * counts: name.Satisfied, name.Rated, name.Rate (percent, when anything
 * was rated) and name.Level (the name of their level in the site's
 * workers.levels). *p gets the placement (market/level.h).
 */
void page_set_record(struct ctx *c, const char *name, int64_t satisfied,
    int64_t rejected, struct level_place *p);

/*
 * Set name to the one-time key of a form whose hidden key field is field
 * (FORM_KEY): when the form is shown again (again set), the key it was
 * posted with, if well formed, as nothing was stored under it, so that a
 * second click stays one request; else a fresh random one.
 */
void page_set_form_key(struct ctx *c, const char *name, const char *field,
    int again);

/* page_board.c: the job board and a job's page. */
int page_home(struct ctx *c);
/*
 * The board's filter choices, the same on every board: the job types and
 * categories of app's plugins, kept once in the process's language trees
 * (render_share) as Board.Types.N.Name and .Label and Board.Categories.N.
 * Made again each time the plugin set changes (app_plugins_changed).
 */
void page_board_share(struct app *app);
int page_job(struct ctx *c);

/* page_jobtypes.c: the job types this site offers. */
int page_jobtypes(struct ctx *c);

/* page_admin.c: the admin overview. */
int page_admin(struct ctx *c);
/*
 * page_admin_fraud.c: GET /admin/fraud, the fraud signals by section
 * (market/fraud.h), newest first, a "more" link for each and keyset
 * paging of one (?section=NAME&before=ID); GET /admin/flags, its section
 * of employers approving their own second account.
 */
int page_admin_fraud(struct ctx *c);
int page_admin_flags(struct ctx *c);

/* page_register.c: new accounts, the terms of use, activation. */
int page_terms(struct ctx *c);
int page_register(struct ctx *c);
int page_register_post(struct ctx *c);
int page_activate(struct ctx *c);
int page_resend(struct ctx *c);
int page_resend_post(struct ctx *c);

/*
 * Say what is wrong with a mailed link (unknown, expired, used) on a page
 * with the way forward for kind ("activate", "reset", "email"); returns
 * the status to answer with.
 */
int page_link_problem(struct ctx *c, enum token_result tr, const char *kind);

/* page_login.c: logging in and out. */
int page_login(struct ctx *c);
int page_login_post(struct ctx *c);
int page_logout(struct ctx *c);

/* page_password.c: forgotten passwords. */
int page_forgot(struct ctx *c);
int page_forgot_post(struct ctx *c);
int page_reset(struct ctx *c);
int page_reset_post(struct ctx *c);

/* page_settings.c: a user's own settings. */
int page_settings(struct ctx *c);
int page_settings_profile(struct ctx *c);
int page_settings_password(struct ctx *c);
int page_settings_email(struct ctx *c);

/* Settings, API keys (page_api_keys.c): list, make (shown once), revoke. */
int page_api_keys(struct ctx *c);
int page_api_key_create(struct ctx *c);
int page_api_key_revoke(struct ctx *c);

/* Repeatable campaigns (page_templates.c). */
int page_campaign_template(struct ctx *c);
int page_template_delete(struct ctx *c);

/* The user's templates into Templates.N (Id, Name, Type, When): 0 or -1. */
int page_templates_list(struct ctx *c);

/*
 * The new-campaign form filled from the user's template tid: its job
 * type into *p, its values kept under Form and checked. 0, 404 or 503.
 */
int page_template_form(struct ctx *c, int64_t tid, const struct plugin **p);

/*
 * The API settings page (/settings/api) with the user's keys and
 * webhooks, answered with status (200, or 422 with the form's errors).
 */
int page_api_show(struct ctx *c, int status);

/*
 * Webhooks, a section of /settings/api (page_webhooks.c): register one
 * (its secret shown once), delete one; page_webhooks_fill puts the
 * user's hooks (Hooks) and each one's last deliveries (Deliveries) into
 * the page: 0, or -1 on a database error.
 */
int page_webhook_create(struct ctx *c);
int page_webhook_delete(struct ctx *c);
int page_webhooks_fill(struct ctx *c);


/* The JSON API (docs/api.md, front/api.h): api_*.c under pages/. */
int api_openapi(struct ctx *c);
int api_templates(struct ctx *c);
int api_template_save(struct ctx *c);
int api_template_start(struct ctx *c);
int api_template_delete(struct ctx *c);
int api_account(struct ctx *c);
int api_jobtypes(struct ctx *c);
int api_campaign_create(struct ctx *c);
int api_campaigns(struct ctx *c);
int api_campaign(struct ctx *c);
int api_campaign_pause(struct ctx *c);
int api_campaign_resume(struct ctx *c);
int api_campaign_add(struct ctx *c);
int api_campaign_stop(struct ctx *c);
int api_submissions(struct ctx *c);
int api_submission(struct ctx *c);
int api_submission_rate(struct ctx *c);
int api_submissions_rate(struct ctx *c);
int api_submission_bonus(struct ctx *c);
int api_worker_block(struct ctx *c);
int api_worker_unblock(struct ctx *c);
int page_email_confirm(struct ctx *c);

/*
 * page_language.c: the language switch on every page. POST lang (a
 * loaded language) and next (the page to go back to): sets the
 * kaaj_lang cookie, saves it as a logged-in user's language, and
 * answers 303 to next when next is a local path of a page that answers
 * GET, else to "/". 400 for a language the site does not have.
 */
int page_language(struct ctx *c);

/* page_wallet.c: balances, deposit and withdrawal requests, receipts. */
int page_wallet(struct ctx *c);
int page_wallet_deposit(struct ctx *c);
int page_wallet_withdraw(struct ctx *c);
int page_receipt(struct ctx *c);

/*
 * page_dashboard.c: GET /dashboard, a user's overview as a worker and,
 * once they posted a campaign or deposited, as an employer.
 */
int page_dashboard(struct ctx *c);

/* page_statement.c: a user's ledger lines, as pages and as CSV. */
int page_statement(struct ctx *c);
int page_statement_csv(struct ctx *c);

/*
 * GET /campaigns/results/#: the owner's results file of a campaign with
 * one item per slot, streamed (page_items.c); 404 for anyone else.
 */
int page_campaign_results(struct ctx *c);

/*
 * Set node's Instructions to instructions with the {{column}}
 * placeholders filled from cells (market/items.h); nothing when columns
 * or cells is NULL. 0, or -1 when out of memory or the cells are not
 * readable.
 */
int page_item_instructions(HDF *node, const char *instructions,
    const char *columns, const char *cells);

/* page_admin_money.c: the deposit and withdrawal queues. */
int page_admin_deposits(struct ctx *c);
int page_admin_withdrawals(struct ctx *c);

/*
 * An admin's decision on a request, by the path it is posted to
 * (/admin/deposits/confirm, /admin/deposits/reject, /admin/withdrawals/pay,
 * /admin/withdrawals/reject).
 */
int page_admin_decide(struct ctx *c);

/*
 * page_campaigns.c: an employer's campaigns and one campaign's page (the
 * owner's only; anyone else gets 404), and the screenshots of tasks (the
 * task's worker, the campaign's owner and admins only).
 */
int page_campaigns(struct ctx *c);
int page_campaign(struct ctx *c);
int page_screenshot(struct ctx *c);

/*
 * page_campaign_act.c: the campaign page's forms: pause, resume, add
 * slots, stop, rate many tasks at once, pay a bonus, block and unblock a
 * worker. Each goes back to the campaign's page with a notice.
 */
int page_campaign_pause(struct ctx *c);
int page_campaign_resume(struct ctx *c);
int page_campaign_add(struct ctx *c);
int page_campaign_stop(struct ctx *c);
int page_campaign_rate(struct ctx *c);
int page_campaign_bonus(struct ctx *c);
int page_campaign_block(struct ctx *c);
int page_campaign_unblock(struct ctx *c);

/* page_campaign_new.c: posting a job: type, form, preview, create. */
int page_campaign_new(struct ctx *c);
int page_campaign_preview(struct ctx *c);
int page_campaign_create(struct ctx *c);

/* page_admin_campaigns.c: new campaigns waiting for an admin. */
int page_admin_campaigns(struct ctx *c);
int page_admin_campaign_approve(struct ctx *c);
int page_admin_campaign_reject(struct ctx *c);
/*
 * page_admin_campaign_search.c: the search tab of /admin/campaigns (by
 * id, title start, owner, state), which page_admin_campaigns shows when
 * the query asks for it.
 */
int page_admin_campaign_search(struct ctx *c);
/*
 * page_admin_campaign_view.c: GET /admin/campaigns/ID, a campaign and its
 * submissions for an admin; POST /admin/campaigns/stop, an admin's stop
 * with a reason (the page again with the message when it is missing).
 */
int page_admin_campaign(struct ctx *c);
int page_admin_campaign_stop(struct ctx *c);

/* page_task.c: the worker's tasks, claims, proof and disputes. */
int page_task_claim(struct ctx *c);
int page_tasks(struct ctx *c);
int page_task(struct ctx *c);
int page_task_submit(struct ctx *c);
int page_task_dispute(struct ctx *c);

/*
 * The task page of the viewer's task id; posted names the form shown
 * again with what is wrong ("proof", "dispute", "review"), or is NULL.
 */
int page_task_show(struct ctx *c, int64_t id, const char *posted);

/* page_help.c: the help pages, /help and /help/TOPIC. */
int page_help(struct ctx *c);

/*
 * page_referrals.c: the user's referral link, its share, the users it
 * brought and what they earned the user; 404 when referrals are off.
 */
int page_referrals(struct ctx *c);

/* page_payouts.c: how the site pays, for anyone to see. */
int page_payouts(struct ctx *c);

/* page_review.c: a worker's review of the employer of a rated task. */
int page_task_review(struct ctx *c);

/*
 * The review of task under Review.* (Pay, Clarity, Speed), or
 * Review.Open = 1 when it has none yet. 0, or -1 on a database error.
 */
int page_review_set(struct ctx *c, int64_t task);

/* page_proof.c: a job type's proof form. */

#define PROOF_FIELDS_MAX 32	/* as the plugin loader's limit */

/* A posted proof form, read by proof_read. */
struct proof_input {
	struct kaaj_values proof;	/* text fields, declared order */
	const char *names[PROOF_FIELDS_MAX];
	const char *values[PROOF_FIELDS_MAX];
	const struct upload *shot;	/* the screenshot sent, or NULL */
	const char *shot_field;		/* its form field, NULL: none asked */
};

/*
 * Describe p's proof form (Proof.Fields, Proof.Shot) for the task page,
 * with only the proof fields that apply to the campaign's values;
 * shot_required: the campaign asks for a screenshot.
 */
void proof_form_set(struct ctx *c, const struct plugin *p,
    int shot_required, const struct kaaj_values *campaign);

/*
 * Task.VerifyLink: for a campaign (id, its values) that checks completion
 * codes, the first URL field of its job type p with
 * "kaaj_campaign=C&kaaj_worker=W" added to its query, so the employer's
 * page can show the worker's code.
 */
void proof_verify_link_set(struct ctx *c, const struct plugin *p,
    const struct kaaj_values *campaign, int64_t id, int64_t worker);

/* Proof.Sent: the proof stored for task. 0, or -1 on a database error. */
int proof_shown_set(struct ctx *c, const struct plugin *p, int64_t task);

/*
 * Read the posted proof form of p (NULL: the job type is gone) for a task
 * of campaign into *in, marking every wrong field (generic checks, then
 * the plugin's validate_proof); a proof field that does not apply to the
 * campaign's values is "", unchecked. Returns 0, or an error status.
 */
int proof_read(struct ctx *c, const struct plugin *p, int64_t campaign,
    int shot_required, struct proof_input *in);

/*
 * Store in->shot (there is one) as a screenshot: name gets its stored name
 * and hash its SHA-256. 0, or -1 with its field marked.
 */
int proof_store_shot(struct ctx *c, const struct proof_input *in,
    char name[UPLOAD_NAME_MAX], unsigned char hash[32]);

/* page_notify.c: a user's notifications. */
int page_notifications(struct ctx *c);

/* page_admin_disputes.c: the admins' queue of disputes. */
int page_admin_disputes(struct ctx *c);
int page_admin_dispute_decide(struct ctx *c);

/*
 * page_admin_mail.c: outgoing mail for the admins: what waits, what
 * failed (with its last error), and sending a failed mail again.
 */
int page_admin_mail(struct ctx *c);
int page_admin_mail_retry(struct ctx *c);

/*
 * page_admin_audit.c: the audit log, newest first, AUDIT_PAGE rows a
 * page (keyset "older" link), filtered by actor, action and target.
 */
int page_admin_audit(struct ctx *c);

/*
 * page_admin_users.c: GET /admin/users, accounts found by a username or
 * e-mail prefix, a user number or an IP address (keyset pages); GET
 * /admin/users/ID, one account for the admins.
 */
int page_admin_users(struct ctx *c);
int page_admin_user(struct ctx *c);

/*
 * The admin page of account id; posted names the form shown again with
 * what is wrong ("ban", "unban", "adjust", "admin", "unadmin"), or is
 * NULL. 200, 404 for no such account, 400, 503.
 */
int page_admin_user_show(struct ctx *c, int64_t id, const char *posted);

/*
 * page_admin_users_act.c: the account page's forms, each with a reason
 * and audited: ban, unban, adjust the balance (a signed amount, once per
 * form key), make an admin, remove an admin (never the last).
 */
int page_admin_user_ban(struct ctx *c);
int page_admin_user_unban(struct ctx *c);
int page_admin_user_adjust(struct ctx *c);
int page_admin_user_make_admin(struct ctx *c);
int page_admin_user_unmake_admin(struct ctx *c);

/*
 * page_admin_jobtypes.c: GET /admin/jobtypes, the loaded job types and
 * the plugin files the last load refused, with why.
 */
int page_admin_jobtypes(struct ctx *c);

#endif
