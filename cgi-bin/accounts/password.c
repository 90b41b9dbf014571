/*
 * Password hashing and rules.
 */
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "base/config.h"
#include "accounts/password.h"

/* Passwords people pick first; refused whatever their length. */
static const char *const common_passwords[] = {
	"12345678", "123456789", "1234567890", "password", "password1",
	"password123", "qwertyuiop", "qwerty123", "11111111", "00000000",
	"iloveyou", "abcd1234", "1q2w3e4r", "1qaz2wsx", "asdfghjkl",
	"letmein123", "welcome1", "welcome123", "admin123", "bangladesh",
	"87654321", "abc12345", "12341234", "88888888", "qwerty12",
	NULL
};

static unsigned long long
opslimit(const struct kaaj_config *cfg)
{
	return (unsigned long long)cfg->argon2_ops;
}

static size_t
memlimit(const struct kaaj_config *cfg)
{
	return cfg->argon2_mem_kib * 1024;
}

int
password_hash(const struct kaaj_config *cfg, const char *password,
    char out[PASSWORD_HASH_MAX])
{
	return crypto_pwhash_str_alg(out, password, strlen(password),
	    opslimit(cfg), memlimit(cfg), crypto_pwhash_ALG_ARGON2ID13);
}

int
password_verify(const struct kaaj_config *cfg, const char *hash,
    const char *password)
{
	char dummy[PASSWORD_HASH_MAX];

	if (hash == NULL || hash[0] == '\0') {
		/* Spend the same time as a real check, then say no. */
		if (password_hash(cfg, password, dummy) == 0)
			sodium_memzero(dummy, sizeof(dummy));
		return 0;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int
password_needs_rehash(const struct kaaj_config *cfg, const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, opslimit(cfg),
	    memlimit(cfg)) != 0;
}

/* Characters (UTF-8 code points) in s. */
static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

const char *
password_problem(const char *password, const char *username,
    const char *email)
{
	size_t i, n = utf8_chars(password);
	size_t ulen;

	if (n < PASSWORD_MIN)
		return "password_short";
	if (n > PASSWORD_MAX)
		return "password_long";
	for (i = 0; common_passwords[i] != NULL; i++)
		if (strcasecmp(password, common_passwords[i]) == 0)
			return "password_common";
	/* One character repeated ("aaaaaaaa") is as weak as a common one. */
	if (strspn(password, (char[]){ password[0], '\0' }) == strlen(password))
		return "password_common";
	if (username != NULL && strcasecmp(password, username) == 0)
		return "password_personal";
	if (email != NULL) {
		ulen = strcspn(email, "@");
		if (strcasecmp(password, email) == 0 ||
		    (ulen >= PASSWORD_MIN && strlen(password) == ulen &&
		    strncasecmp(password, email, ulen) == 0))
			return "password_personal";
	}
	return NULL;
}
