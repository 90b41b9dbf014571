/*
 * The rows of the users table: every write to an account's own columns
 * (its creation, activation, password, profile, address and ban) is one
 * function here, one statement each. Reads stay with their callers. The
 * task and rating counters are the marketplace's (market.c, rating.c,
 * dispute.c): it moves the worker's and the employer's in one statement
 * as part of rating a task.
 *
 * Each function runs one statement on db, so it fits inside a db_txn body
 * as well as outside one, and returns what db_exec() returned: DB_OK,
 * DB_DUPLICATE where a unique key (username, email) refused the write,
 * DB_RETRY inside a transaction that must run again, or DB_ERROR.
 */
#ifndef KAAJ_USERS_H
#define KAAJ_USERS_H

#include <stdint.h>

struct db;

/* A new account. */
struct user_new {
	const char *username;
	const char *email;
	const char *password_hash;
	const char *country;	/* ISO 3166 alpha-2, "" when unknown */
	const char *language;	/* a language of templates/lang/ */
	int is_admin;
	int active;	/* 0: pending until the activation link is followed;
			 * else active, activated now */
	int64_t referred_by;	/* the user whose referral link brought
				 * this one, 0 for none; never changed */
};

/*
 * Insert the account u: registration (pending), kaaj-admin create-admin
 * and the demo data (active). Its referrer is written here and nowhere
 * else: no function of this file changes users.referred_by later. *id
 * gets the new id (0 when the insert failed; DB_DUPLICATE when the
 * username or address is taken).
 */
int users_create(struct db *db, const struct user_new *u, int64_t *id);

/*
 * Activate a pending account, now. An account that is not pending
 * (already active, or banned) stays as it is; that is not a failure.
 */
int users_activate(struct db *db, int64_t user_id);

/* Replace the account's password hash. */
int users_set_password(struct db *db, int64_t user_id,
    const char *password_hash);

/*
 * Replace the password hash after a reset by mail: the mail reached the
 * address's owner, so a pending account becomes active (activated now)
 * too; a banned one stays banned.
 */
int users_reset_password(struct db *db, int64_t user_id,
    const char *password_hash);

/*
 * Replace the account's country, language, time zone ("": the country's)
 * and payout details; all checked by the caller. An empty payout_method
 * means none.
 */
int users_set_profile(struct db *db, int64_t user_id, const char *country,
    const char *language, const char *time_zone, const char *payout_method,
    const char *payout_account);

/*
 * Set the account's language (pages and mails), checked by the caller:
 * the language switch. Returns DB_OK or a db failure.
 */
int users_set_language(struct db *db, int64_t user_id, const char *language);

/*
 * Move the account to a new e-mail address. DB_DUPLICATE when another
 * account has it.
 */
int users_set_email(struct db *db, int64_t user_id, const char *email);

/*
 * Ban the account with reason (shown to its owner at login). Ending its
 * sessions is the caller's (session_end_user).
 */
int users_ban(struct db *db, int64_t user_id, const char *reason);

/*
 * Lift a ban: the account is pending again when it was never activated,
 * else active. On DB_OK, *was_banned is 1 when the account was banned, 0
 * when it was not (and nothing changed).
 */
int users_unban(struct db *db, int64_t user_id, int *was_banned);

/*
 * Record that user_id signed up (login 0) or logged in (login 1) from
 * the IP address ip (text, at most 45 characters): user_addresses keeps
 * each address's first and last time and its count of logins, so admins
 * see which accounts share an address. One statement; when the address
 * is new for the account, also its fraud signals (address_signals.h).
 * Returns a DB_* code.
 */
int users_seen_at(struct db *db, int64_t user_id, const char *ip, int login);

/*
 * Make the account an admin (is_admin 1: only an active account that is
 * not one yet) or no longer one (0: only an admin). *changed is 1 when the
 * account changed, 0 when the guard left it as it was. Keeping at least
 * one admin is the caller's (accounts/user_admin.c, under admin_guard).
 */
int users_set_admin(struct db *db, int64_t user_id, int is_admin,
    int *changed);

#endif
