/*
 * kaaj-admin setup: make an installed kaaj's configuration file ready
 * (site name and address, database, a fresh secret key), from flags or,
 * on a terminal, by asking. kaaj_admin.c then migrates and creates the
 * first admin. docs/deploy.md ("kaaj-admin setup") shows its use.
 */
#ifndef KAAJ_SETUP_H
#define KAAJ_SETUP_H

#include <stdio.h>

#define SETUP_FIELDS 13

/* What setup was told (by flags or answers). */
struct setup {
	char *values[SETUP_FIELDS];	/* NULL: keep the file's value */
	const char *admin_user;		/* --admin-user, or asked */
	const char *admin_email;	/* --admin-email, or asked */
	char *answers[2];		/* admin user and e-mail typed in */
	int ask;			/* standard input is a terminal */
	int no_admin;			/* --no-admin */
	int new_secret;			/* --new-secret */
};

/* Print setup's options and what each sets, for kaaj-admin --help. */
void setup_usage(FILE *f);

/*
 * Read setup's options (argv holds the words after "setup") and, when
 * standard input is a terminal, ask for what they left out, offering the
 * values of the file at path. Returns 0, or ADMIN_BAD_VALUE after saying
 * on stderr which option is wrong (exit 2), or ADMIN_FAILED.
 */
int setup_read(struct setup *s, const char *path, int argc, char **argv);

/*
 * Write the file at path with s's values and a fresh secret key (when it
 * has none yet, or --new-secret), keeping its comments, its other keys
 * and its owner; readable by owner and group only. The new text is
 * loaded and its database connected to before it replaces the file, so
 * a wrong value or password leaves the file as it was. Returns 0,
 * ADMIN_BAD_VALUE (a value refused, said on stderr) or ADMIN_FAILED.
 */
int setup_write_config(struct setup *s, const char *path);

/*
 * The first admin's password into out (outlen bytes): asked twice with
 * echo off on a terminal, else the first line of standard input.
 * Returns 0, or ADMIN_BAD_VALUE after saying why.
 */
int setup_admin_password(const struct setup *s, char *out, size_t outlen);

/* Free what setup_read() allocated. */
void setup_free(struct setup *s);

#endif
