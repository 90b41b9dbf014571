/*
 * kaaj-admin's money commands: credit a user, check the ledger.
 */
#ifndef KAAJ_ADMIN_MONEY_H
#define KAAJ_ADMIN_MONEY_H

struct db;

/*
 * Credit username with amount (decimal text) from outside, with reason.
 * Returns 0, or -1 after saying why on stderr.
 */
int admin_credit(struct db *db, const char *username, const char *amount,
    const char *reason);

/*
 * Check the ledger; print "ledger ok" or each problem naming the account.
 * Returns 0 when sound, -1 otherwise.
 */
int admin_ledger_check(struct db *db);

#endif
