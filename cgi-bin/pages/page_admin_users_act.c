/*
 * The forms of an account's admin page (/admin/users/ID): ban, unban,
 * adjust the balance, make an admin, remove an admin. Each needs a
 * reason, is one transaction with its audit row (accounts/user_admin.h,
 * money/wallet.h), and goes back to the account's page with a notice; a
 * wrong field shows the page again with that form's message and what was
 * typed.
 */
#include <string.h>

#include "accounts/user_admin.h"
#include "base/log.h"
#include "base/money.h"
#include "front/form.h"
#include "money/ledger.h"
#include "money/wallet.h"
#include "pages/pages.h"
#include "storage/db.h"

/* A form of a reason: ban and unban (the user sees it), the admin role. */
enum { REASON_ID, REASON_TEXT, REASON_FIELDS };
static const struct form_field ban_form[REASON_FIELDS] = {
	[REASON_ID] = FORM_ID_FIELD("id"),
	[REASON_TEXT] = { "reason", FORM_LINE, 1, 0, REASON_MAX, NULL, NULL }
};
static const struct form_field role_form[REASON_FIELDS] = {
	[REASON_ID] = FORM_ID_FIELD("id"),
	[REASON_TEXT] = { "reason", FORM_LINE, 1, 0, REASON_MAX,
	    "admin_reason", NULL }
};

/* The adjustment: a signed amount, the reason, the form's one-time key. */
enum { ADJ_ID, ADJ_AMOUNT, ADJ_REASON, ADJ_KEY, ADJ_FIELDS };
static const struct form_field adjust_form[ADJ_FIELDS] = {
	[ADJ_ID] = FORM_ID_FIELD("id"),
	[ADJ_AMOUNT] = { "amount", FORM_LINE, 1, 0, 0, "adjust_amount", NULL },
	[ADJ_REASON] = { "reason", FORM_LINE, 1, 0, CREDIT_REASON_MAX,
	    "credit_reason", NULL },
	[ADJ_KEY] = { "key", FORM_KEY, 1, 0, 0, "request_key", NULL }
};

/* The message of a refused action, at the form's reason; or 404, 503. */
static int
refused(struct ctx *c, int64_t id, const char *form,
    enum user_admin_result ur)
{
	switch (ur) {
	case USER_ADMIN_NOT_FOUND:
		c->error_detail = "no_user";
		return 404;
	case USER_ADMIN_IS_ADMIN:
		form_error(c, "reason", "user_ban_admin");
		break;
	case USER_ADMIN_NOT_ACTIVE:
		form_error(c, "reason", "user_admin_inactive");
		break;
	case USER_ADMIN_LAST:
		form_error(c, "reason", "user_admin_last");
		break;
	default:
		return ctx_db_error(c);
	}
	return page_admin_user_show(c, id, form);
}

/*
 * Read a reason form (fields) posted as form; run act, and go back with
 * the notice done (unchanged when it was so already).
 */
static int
reason_action(struct ctx *c, const struct form_field *fields,
    const char *form, int is_admin,
    enum user_admin_result (*act)(struct db *, int64_t, const char *),
    const char *done, const char *unchanged)
{
	struct form_value v[REASON_FIELDS];
	enum user_admin_result ur;
	int64_t id;
	int rc;

	if ((rc = form_read(c, fields, REASON_FIELDS, v)) != 0)
		return rc;
	id = v[REASON_ID].num;
	if (form_errors(c) > 0)
		return page_admin_user_show(c, id, form);
	ur = act != NULL ? act(c->app->db, id, v[REASON_TEXT].text) :
	    user_admin_set_admin(c->app->db, id, is_admin,
	    v[REASON_TEXT].text);
	if (ur == USER_ADMIN_OK) {
		log_info(c->req->rid, "user %lld: %s by admin %lld",
		    (long long)id, done, (long long)c->session.user_id);
		return page_back(c, "/admin/users", id, done);
	}
	if (ur == USER_ADMIN_UNCHANGED)
		return page_back(c, "/admin/users", id, unchanged);
	return refused(c, id, form, ur);
}

int
page_admin_user_ban(struct ctx *c)
{
	return reason_action(c, ban_form, "ban", 0, user_admin_ban,
	    "user_banned", "user_banned");
}

int
page_admin_user_unban(struct ctx *c)
{
	return reason_action(c, ban_form, "unban", 0, user_admin_unban,
	    "user_unbanned", "user_not_banned");
}

int
page_admin_user_make_admin(struct ctx *c)
{
	return reason_action(c, role_form, "admin", 1, NULL,
	    "user_made_admin", "user_is_admin");
}

int
page_admin_user_unmake_admin(struct ctx *c)
{
	return reason_action(c, role_form, "unadmin", 0, NULL,
	    "user_unmade_admin", "user_not_admin");
}

/*
 * The signed amount typed (Bengali digits read as ASCII ones): a leading
 * "-" (or the minus sign U+2212) takes money away, "+" adds. 0 and *out,
 * or -1 with the field marked.
 */
static int
read_signed_amount(struct ctx *c, int64_t *out)
{
	static const char *const codes[] = {
		[MONEY_EMPTY] = "amount_empty",
		[MONEY_SYNTAX] = "amount_syntax",
		[MONEY_NEGATIVE] = "amount_syntax",
		[MONEY_PRECISION] = "amount_precision",
		[MONEY_RANGE] = "amount_range"
	};
	const char *v = form_get_number(c, "amount");
	enum money_parse_err pe;
	int negative = 0;

	if (v[0] == '-' || v[0] == '+') {
		negative = v[0] == '-';
		v++;
	} else if (strncmp(v, "\xe2\x88\x92", 3) == 0) {
		negative = 1;
		v += 3;
	}
	if ((pe = money_parse(v, out)) != MONEY_OK) {
		form_error(c, "amount", (size_t)pe < FORM_N(codes) &&
		    codes[pe] != NULL ? codes[pe] : "amount_syntax");
		return -1;
	}
	if (*out == 0) {
		form_error(c, "amount", "adjust_amount_zero");
		return -1;
	}
	if (negative)
		*out = -*out;
	return 0;
}

/* Non-zero when the account id exists. -1 on a database error. */
static int
user_exists(struct ctx *c, int64_t id)
{
	struct db_result r;
	int n;

	if (db_query(c->app->db, &r, "SELECT 1 FROM users WHERE id = ?", "i",
	    id) != DB_OK)
		return -1;
	n = r.nrows == 1;
	db_result_free(&r);
	return n;
}

int
page_admin_user_adjust(struct ctx *c)
{
	struct form_value v[ADJ_FIELDS];
	char key[LEDGER_KEY_MAX + 1];
	int64_t id, amount = 0, available;
	enum wallet_result wr;
	int rc;

	if ((rc = form_read(c, adjust_form, ADJ_FIELDS, v)) != 0)
		return rc;
	id = v[ADJ_ID].num;
	if (v[ADJ_AMOUNT].ok)
		read_signed_amount(c, &amount);
	/* The ledger never gets an account for a user id that has none. */
	if ((rc = user_exists(c, id)) <= 0) {
		c->error_detail = "no_user";
		return rc == 0 ? 404 : ctx_db_error(c);
	}
	if (form_errors(c) > 0)
		return page_admin_user_show(c, id, "adjust");
	snprintf(key, sizeof(key), "credit:%s", v[ADJ_KEY].text);
	wr = wallet_credit(c->app->db, id, amount, v[ADJ_REASON].text, key);
	switch (wr) {
	case WALLET_OK:
		log_info(c->req->rid, "user %lld: balance adjusted by %lld "
		    "micro-units by admin %lld", (long long)id,
		    (long long)amount, (long long)c->session.user_id);
		return page_back(c, "/admin/users", id, amount > 0 ?
		    "user_credited" : "user_debited");
	case WALLET_DONE_BEFORE:
		return page_back(c, "/admin/users", id, "adjust_done_before");
	case WALLET_SHORT:
		if (ledger_balance(c->app->db, LEDGER_AVAILABLE, id,
		    &available) == -1)
			return ctx_db_error(c);
		form_error_amount(c, "amount", "adjust_short", available);
		return page_admin_user_show(c, id, "adjust");
	default:
		return ctx_db_error(c);
	}
}
