/*
 * Checks of account fields. Each returns NULL when the value is fine, or a
 * Lang.Form.Error key saying what is wrong.
 */
#ifndef KAAJ_VALIDATE_H
#define KAAJ_VALIDATE_H

#define USERNAME_MIN 3
#define USERNAME_MAX 32
#define EMAIL_MAX 254

/* 3 to 32 of A-Z a-z 0-9 _ . -, starting with a letter or digit. */
const char *validate_username(const char *s);

/*
 * One plain ASCII address: local@domain.tld, at most 254 bytes, a local
 * part of at most 64 without a dot at either end or two in a row, no
 * spaces, quotes, brackets or control characters, a dot in the domain.
 * mail_build() accepts every address this accepts.
 */
const char *validate_email(const char *s);

/* A payout account: 3 to 120 printable characters, no control ones. */
const char *validate_payout_account(const char *s);

#endif
