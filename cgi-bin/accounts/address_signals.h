/*
 * The fraud signals an address raises (sql/0021_fraud.sql): when an
 * account is seen on an address for the first time, the accounts seen
 * there before it, and the accounts of its referral chain among them,
 * are written to fraud_signals for the admins' fraud view
 * (/admin/fraud). Written once each (the table's unique key), never read
 * here.
 */
#ifndef KAAJ_ADDRESS_SIGNALS_H
#define KAAJ_ADDRESS_SIGNALS_H

#include <stdint.h>

struct db;

/*
 * user_id was just seen on ip for the first time (users_seen_at): write
 * an "address" signal pairing it with each of the ADDRESS_SIGNALS_MAX
 * newest other accounts seen on ip, and a "referral" signal for each of
 * its referrer, its referrer's referrer and (up to ADDRESS_SIGNALS_MAX)
 * the accounts it referred, that was seen on ip. Two statements, each a
 * range of a key; fits inside a db_txn body. Returns a DB_* code.
 */
int address_signals(struct db *db, int64_t user_id, const char *ip);

/* The most accounts one new address is paired with, of each kind. */
#define ADDRESS_SIGNALS_MAX 5

#endif
