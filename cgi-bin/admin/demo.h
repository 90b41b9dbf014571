/*
 * Demo data for trying kaaj out (kaaj-admin load-demo).
 */
#ifndef KAAJ_DEMO_H
#define KAAJ_DEMO_H

#include <stdio.h>

struct db;

/*
 * Create, in one transaction, the demo accounts alice (an employer), bob
 * (a worker) and admin that do not exist yet, and, when alice has no
 * campaigns, a handful of running "signup" campaigns of hers. Accounts
 * that exist are left as they are, so running it again adds nothing. A
 * run that added something writes one audit row ("demo.load", with
 * reason, which may be NULL) in that transaction. Writes the accounts and passwords it created to out. Needs the schema
 * migrated. Returns 0, or -1 after logging what failed.
 */
int demo_load(struct db *db, const char *reason, FILE *out);

#endif
