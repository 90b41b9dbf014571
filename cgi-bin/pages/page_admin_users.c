/*
 * The admins' users pages: GET /admin/users finds accounts by one box
 * (a username or e-mail prefix, a user number, an IP address) and lists
 * them with keyset paging; GET /admin/users/ID shows one account: its
 * state, balances, ledger lines, tasks, campaigns, record, referrals,
 * addresses and the other accounts seen on them, with the admins' forms
 * (page_admin_users_act.c). Every statement reads a range of one index
 * (sql/0019_admin_users.sql); a page costs a fixed number of them.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "front/form.h"
#include "front/params.h"
#include "market/level.h"
#include "money/ledger.h"
#include "pages/pages.h"
#include "storage/db.h"

#define USERS_PAGE 50		/* accounts a search page lists */
#define QUERY_MAX 254		/* characters of the box: an address */
#define LINES_SHOWN 20		/* ledger lines on a user's page */
#define RECENT_SHOWN 10		/* tasks, campaigns */
#define ADDRESSES_SHOWN 20
#define OTHERS_SHOWN 50		/* accounts sharing an address */

/*
 * A search's columns: the account, its available balance (the unique key
 * kind_owner) and its last login (the newest address it logged in from,
 * a range of user_addresses' primary key).
 */
#define FOUND_SQL "SELECT u.id AS Id, u.username AS Username," \
	" u.email AS Email, u.status AS State, u.is_admin AS Admin," \
	" COALESCE(b.balance, 0) AS `Balance:money`," \
	" u.created_at AS `Joined:time`," \
	" (SELECT MAX(x.last_seen) FROM user_addresses x" \
	" WHERE x.user_id = u.id AND x.logins > 0) AS `LastLogin:time`"
#define FOUND_BALANCE " LEFT JOIN ledger_accounts b" \
	" ON b.kind = 'available' AND b.owner_id = u.id"

/* What the box holds, and so which key a search reads. */
enum search_kind { FIND_ALL, FIND_ID, FIND_ADDRESS, FIND_EMAIL, FIND_NAME };

static const char *const kind_names[] = {
	"all", "id", "address", "email", "username"
};

/* By search_kind; the keyset parameter is the last row's id or text. */
static const char *const search_sql[] = {
	[FIND_ALL] = FOUND_SQL " FROM users u" FOUND_BALANCE
	    " WHERE u.id < ? ORDER BY u.id DESC LIMIT ?",
	[FIND_ID] = FOUND_SQL " FROM users u" FOUND_BALANCE
	    " WHERE u.id = ? LIMIT ?",
	[FIND_ADDRESS] = FOUND_SQL " FROM user_addresses a"
	    " JOIN users u ON u.id = a.user_id" FOUND_BALANCE
	    " WHERE a.ip = ? AND a.user_id < ? ORDER BY a.user_id DESC LIMIT ?",
	[FIND_EMAIL] = FOUND_SQL " FROM users u" FOUND_BALANCE
	    " WHERE u.email LIKE ? AND u.email > ? ORDER BY u.email LIMIT ?",
	[FIND_NAME] = FOUND_SQL " FROM users u" FOUND_BALANCE
	    " WHERE u.username LIKE ? AND u.username > ?"
	    " ORDER BY u.username LIMIT ?"
};

/* Which kind of search q (trimmed, digits in ASCII) asks for. */
static enum search_kind
search_kind(const char *q)
{
	unsigned char addr[16];

	if (*q == '\0')
		return FIND_ALL;
	if (strspn(q, "0123456789") == strlen(q))
		return FIND_ID;
	if (inet_pton(AF_INET, q, addr) == 1 ||
	    inet_pton(AF_INET6, q, addr) == 1)
		return FIND_ADDRESS;
	return strchr(q, '@') != NULL ? FIND_EMAIL : FIND_NAME;
}

/*
 * q as a LIKE pattern of the values that start with it: "\", "%" and "_"
 * escaped, "%" added. out holds QUERY_MAX * 8 + 2 bytes.
 */
static void
prefix_pattern(const char *q, char *out)
{
	for (; *q != '\0'; q++) {
		if (*q == '\\' || *q == '%' || *q == '_')
			*out++ = '\\';
		*out++ = *q;
	}
	*out++ = '%';
	*out = '\0';
}

/* Run the search of kind for q after the keyset value after. */
static int
search_run(struct ctx *c, enum search_kind kind, const char *q,
    const char *after, struct db_result *r)
{
	char pattern[QUERY_MAX * 8 + 2];
	const int64_t limit = USERS_PAGE + 1;
	int64_t id = text_id(after);

	switch (kind) {
	case FIND_ALL:
		return db_query(c->app->db, r, search_sql[kind], "ii",
		    id > 0 ? id : INT64_MAX, limit);
	case FIND_ID:
		return db_query(c->app->db, r, search_sql[kind], "ii",
		    text_id(q) > 0 ? text_id(q) : 0, limit);
	case FIND_ADDRESS:
		return db_query(c->app->db, r, search_sql[kind], "sii", q,
		    id > 0 ? id : INT64_MAX, limit);
	default:
		prefix_pattern(q, pattern);
		return db_query(c->app->db, r, search_sql[kind], "ssi",
		    pattern, after, limit);
	}
}

int
page_admin_users(struct ctx *c)
{
	const char *after = param_get(&c->req->query, "after");
	char q[QUERY_MAX * 4 + 1];
	enum search_kind kind;
	struct db_result r;
	const char *last;

	c->template = "admin_users.cs";
	if (page_query_box(c, "q", q, sizeof(q), QUERY_MAX,
	    "users_query_bad") == -1)
		return 200;
	text_ascii_digits(q);
	kind = search_kind(q);
	render_set(c->hdf, "Users.Kind", kind_names[kind]);
	if (search_run(c, kind, q, after != NULL ? after : "", &r) != DB_OK)
		return ctx_db_error(c);
	page_fill_list(c->hdf, "Users.Rows", &r, USERS_PAGE);
	if (r.nrows > USERS_PAGE) {
		last = db_value(&r, USERS_PAGE - 1, kind == FIND_EMAIL ?
		    "Email" : kind == FIND_NAME ? "Username" : "Id");
		render_set(c->hdf, "Users.Next", last != NULL ? last : "");
	}
	if (after != NULL && after[0] != '\0')
		render_set(c->hdf, "Users.Paged", "1");
	db_result_free(&r);
	return 200;
}

/*
 * The account's row into User.*: state, balances, record, referrals.
 * Returns 1, 0 when there is no such account, or -1.
 */
static int
set_user(struct ctx *c, int64_t id)
{
	struct level_place p;
	struct db_result r;

	if (db_query(c->app->db, &r, "SELECT u.id AS Id,"
	    " u.username AS Username, u.email AS Email, u.status AS State,"
	    " u.ban_reason AS BanReason, u.is_admin AS Admin,"
	    " u.country AS Country, u.language AS Language,"
	    " u.created_at AS `Joined:time`,"
	    " u.activated_at AS `Activated:time`,"
	    " COALESCE(av.balance, 0) AS `Available:money`,"
	    " COALESCE(h.balance, 0) AS `Held:money`,"
	    " u.tasks_satisfied, u.tasks_rejected,"
	    " u.referred_by AS ReferrerId, f.username AS Referrer,"
	    " (SELECT COUNT(*) FROM users o WHERE o.referred_by = u.id)"
	    " AS Referred, (SELECT COALESCE(SUM(o.referral_earned), 0)"
	    " FROM users o WHERE o.referred_by = u.id) AS `Earned:money`"
	    " FROM users u LEFT JOIN ledger_accounts av"
	    " ON av.kind = 'available' AND av.owner_id = u.id"
	    " LEFT JOIN ledger_accounts h"
	    " ON h.kind = 'held' AND h.owner_id = u.id"
	    " LEFT JOIN users f ON f.id = u.referred_by"
	    " WHERE u.id = ?", "i", id) != DB_OK)
		return -1;
	if (r.nrows == 0) {
		db_result_free(&r);
		return 0;
	}
	page_fill(page_node(c->hdf, "User"), &r, 0);
	page_set_record(c, "User.Record", db_value_int(&r, 0,
	    "tasks_satisfied"), db_value_int(&r, 0, "tasks_rejected"), &p);
	db_result_free(&r);
	return 1;
}

/*
 * The account's newest ledger lines of its available balance below leg
 * before (0: the newest) into User.Lines, User.Older the last one's id
 * when there are more. 0 or -1.
 */
static int
set_lines(struct ctx *c, int64_t id, int64_t before)
{
	struct db_result r;

	if (db_query(c->app->db, &r, "SELECT l.id AS Id,"
	    " t.created_at AS `When:time`, t.kind AS Kind, t.memo AS Memo,"
	    " l.amount AS `Amount:money`, l.amount > 0 AS `In`,"
	    " t.idem_key AS LedgerKey"
	    " FROM ledger_legs l JOIN ledger_accounts a ON a.id = l.account_id"
	    " JOIN ledger_transactions t ON t.id = l.txn_id"
	    " WHERE a.kind = 'available' AND a.owner_id = ? AND l.id < ?"
	    " ORDER BY l.id DESC LIMIT ?", "iii", id,
	    before > 0 ? before : INT64_MAX, (int64_t)LINES_SHOWN + 1) !=
	    DB_OK)
		return -1;
	page_fill_list(c->hdf, "User.Lines", &r, LINES_SHOWN);
	if (r.nrows > LINES_SHOWN)
		render_set(c->hdf, "User.Older",
		    db_value(&r, LINES_SHOWN - 1, "Id"));
	db_result_free(&r);
	return 0;
}

/*
 * The account's addresses, newest first (User.Addresses: the sign-up one
 * marked SignUp, the newest login LastLogin), and the other accounts seen
 * on any of them (User.Others, each with the addresses shared). 0 or -1.
 * The others are read by the ip key, named: on a small table MariaDB
 * would rather scan every address by the primary key.
 */
static int
set_addresses(struct ctx *c, int64_t id)
{
	HDF *row = NULL;

	if (page_query_list(c, "User.Addresses", "SELECT x.ip AS Ip,"
	    " x.first_seen AS `First:time`, x.last_seen AS `Last:time`,"
	    " x.logins AS Logins,"
	    " x.first_seen <= u.created_at + INTERVAL 1 MINUTE AS SignUp"
	    " FROM user_addresses x JOIN users u ON u.id = x.user_id"
	    " WHERE x.user_id = ? ORDER BY x.last_seen DESC, x.ip LIMIT ?",
	    "ii", id, (int64_t)ADDRESSES_SHOWN) == -1)
		return -1;
	row = hdf_get_obj(c->hdf, "User.Addresses");
	for (row = row != NULL ? hdf_obj_child(row) : NULL; row != NULL;
	    row = hdf_obj_next(row))
		if (hdf_get_int_value(row, "Logins", 0) > 0) {
			render_set(row, "LastLogin", "1");
			break;
		}
	return page_query_list(c, "User.Others", "SELECT o.user_id AS Id,"
	    " u.username AS Username, u.status AS State,"
	    " GROUP_CONCAT(DISTINCT o.ip ORDER BY o.ip SEPARATOR ', ') AS Ips"
	    " FROM user_addresses m"
	    " JOIN user_addresses o FORCE INDEX (ip)"
	    " ON o.ip = m.ip AND o.user_id <> m.user_id"
	    " JOIN users u ON u.id = o.user_id"
	    " WHERE m.user_id = ? GROUP BY o.user_id, u.username, u.status"
	    " ORDER BY o.user_id LIMIT ?", "ii", id, (int64_t)OTHERS_SHOWN);
}

/* The account's recent tasks (as a worker) and campaigns. 0 or -1. */
static int
set_work(struct ctx *c, int64_t id)
{
	if (page_query_list(c, "User.Tasks", "SELECT t.id AS Id,"
	    " t.status AS State, t.campaign_id AS CampaignId, c.title AS Title,"
	    " t.claimed_at AS `When:time`"
	    " FROM tasks t JOIN campaigns c ON c.id = t.campaign_id"
	    " WHERE t.worker_id = ? ORDER BY t.id DESC LIMIT ?", "ii", id,
	    (int64_t)RECENT_SHOWN) == -1)
		return -1;
	return page_query_list(c, "User.Campaigns", "SELECT id AS Id,"
	    " title AS Title, status AS State, slots_done AS Done,"
	    " slots_total AS Total, created_at AS `When:time`"
	    " FROM campaigns WHERE owner_id = ? ORDER BY id DESC LIMIT ?",
	    "ii", id, (int64_t)RECENT_SHOWN);
}

int
page_admin_user_show(struct ctx *c, int64_t id, const char *posted)
{
	int64_t before;
	int found;

	if ((before = text_id(param_get(&c->req->query, "before"))) == -1) {
		c->error_detail = "bad_page";
		return 400;
	}
	if ((found = set_user(c, id)) == 0) {
		c->error_detail = "no_user";
		return 404;
	}
	if (found == -1 || set_lines(c, id, before) == -1 ||
	    set_work(c, id) == -1 || set_addresses(c, id) == -1)
		return ctx_db_error(c);
	if (posted != NULL)
		render_set(c->hdf, "UserForm.Posted", posted);
	/* The adjustment's idempotency key: a double submit posts once. */
	page_set_form_key(c, "UserForm.Key", "key", posted != NULL &&
	    strcmp(posted, "adjust") == 0);
	c->template = "admin_user.cs";
	return 200;
}

int
page_admin_user(struct ctx *c)
{
	return page_admin_user_show(c, c->path_id, NULL);
}
