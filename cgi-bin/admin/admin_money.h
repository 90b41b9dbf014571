/*
 * kaaj-admin's money commands: credit a user, check the ledger.
 */
#ifndef KAAJ_ADMIN_MONEY_H
#define KAAJ_ADMIN_MONEY_H

struct db;

/*
 * Credit username with amount (decimal text) from outside, with reason
 * (the ledger's memo and the audit row's reason). key (NULL: a random one,
 * each run its own credit) is the idempotency key: the ledger key is
 * "credit:" KEY, so a key used before credits nothing and says so, which
 * is not a failure. Returns an admin_rc (admin/admin.h): ADMIN_BAD_VALUE
 * for a wrong amount, a reason longer than 200 characters, or a key that
 * is not 1 to CREDIT_KEY_MAX printable ASCII characters without spaces.
 */
int admin_credit(struct db *db, const char *username, const char *amount,
    const char *reason, const char *key);

/* The longest --key: the ledger's key less "credit:". */
#define CREDIT_KEY_MAX 113

/*
 * Check the ledger; print each problem naming the account, then what the
 * legs add up to per kind of account ("total escrow 12.50"; escrow, owed
 * to users, revenue, outside), then "ledger ok" when it is sound.
 * Returns 0 when sound, -1 otherwise.
 */
int admin_ledger_check(struct db *db);

#endif
