/*
 * kaaj-admin's account commands: create an admin, ban and unban.
 */
#ifndef KAAJ_ADMIN_USERS_H
#define KAAJ_ADMIN_USERS_H

#include <stdio.h>

struct db;
struct kaaj_config;

/*
 * Create an active admin account. The password is the first line of in
 * (so it never shows in the process list or shell history). Returns 0, or
 * -1 after saying why on stderr.
 */
int admin_create_admin(struct db *db, const struct kaaj_config *cfg,
    const char *username, const char *email, FILE *in);

/*
 * Ban username with reason (shown to the user when they try to log in)
 * and end their sessions; or lift the ban when reason is NULL. Returns 0,
 * or -1 after saying why on stderr.
 */
int admin_ban(struct db *db, const char *username, const char *reason);

#endif
