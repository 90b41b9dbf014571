/*
 * Fuzzing target: config_load (base/config*.c), the reader of
 * etc/kaaj.conf, with libconfig under it. The input is the file's
 * text, written to a file in memory (memfd) that config_load opens by
 * its /proc path. Inputs with an @include directive are skipped: they
 * would make libconfig read other files of this machine.
 * Checks: a refusal says why, starting with the file's name, and leaves
 * the config empty; an accepted config has every string, numbers within
 * their ranges, and payout and deposit methods as config_lists.c
 * promises (a name, 0 < min <= max, texts with their variants per
 * language).
 */
#define _GNU_SOURCE	/* memfd_create, memmem */
#include <sys/mman.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "fuzz.h"

static int memfd = -1;
static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if ((memfd = memfd_create("kaaj.conf", 0)) == -1)
		fuzz_fail("memfd_create: %m");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", memfd);
	return 0;
}

/* Non-zero when s is [a-z][a-z0-9_]* of 1 to 32 bytes. */
static int
is_name(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");

	return s[0] >= 'a' && s[0] <= 'z' && n <= 32 && s[n] == '\0';
}

/*
 * A method's text: a plain text, and variants only beside a plain one,
 * each for a language of 2 or 3 small letters and picked for it.
 */
static void
check_text(const struct config_text *t)
{
	size_t i, n;

	FUZZ_CHECK(t->text != NULL);
	FUZZ_CHECK(t->n_langs == 0 || t->text[0] != '\0');
	for (i = 0; i < t->n_langs; i++) {
		n = strspn(t->langs[i].lang, "abcdefghijklmnopqrstuvwxyz");
		FUZZ_CHECK(n >= 2 && n <= 3 && t->langs[i].lang[n] == '\0');
		FUZZ_CHECK(config_text_in(t, t->langs[i].lang) ==
		    t->langs[i].text);
	}
	FUZZ_CHECK(config_text_in(t, "") == t->text);
}

/* What every accepted config holds. */
static void
check_accepted(const struct kaaj_config *c)
{
	const char *const strings[] = { c->path, c->site_name, c->base_url,
	    c->default_language, c->currency, c->template_dir, c->plugin_dir,
	    c->upload_dir, c->sql_dir, c->db_socket, c->db_host, c->db_name,
	    c->db_user, c->db_password, c->sendmail, c->mail_from };
	size_t i;

	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		FUZZ_CHECK(strings[i] != NULL);
	FUZZ_CHECK(strncmp(c->base_url, "http://", 7) == 0 ||
	    strncmp(c->base_url, "https://", 8) == 0);
	FUZZ_CHECK(c->template_dir[0] == '/' && c->plugin_dir[0] == '/');
	FUZZ_CHECK(c->db_port >= 1 && c->db_port <= 65535);
	FUZZ_CHECK(c->max_body >= 1024 && c->max_fields >= 1);
	FUZZ_CHECK(c->max_field_length >= 16 && c->max_cookies >= 1);
	FUZZ_CHECK(c->board_page_size >= 5 && c->argon2_ops >= 1);
	for (i = 0; i < c->n_payouts; i++) {
		FUZZ_CHECK(is_name(c->payouts[i].name));
		FUZZ_CHECK(c->payouts[i].label != NULL);
		check_text(&c->payouts[i].account_hint);
		FUZZ_CHECK(c->payouts[i].min > 0 &&
		    c->payouts[i].min <= c->payouts[i].max);
		FUZZ_CHECK(config_payout(c, c->payouts[i].name) ==
		    &c->payouts[i]);
	}
	for (i = 0; i < c->n_deposits; i++) {
		FUZZ_CHECK(is_name(c->deposits[i].name));
		FUZZ_CHECK(c->deposits[i].label != NULL);
		check_text(&c->deposits[i].instructions);
		FUZZ_CHECK(c->deposits[i].min > 0);
		FUZZ_CHECK(config_deposit(c, c->deposits[i].name) ==
		    &c->deposits[i]);
	}
	for (i = 0; i < c->n_min_pay; i++) {
		FUZZ_CHECK(c->min_pay[i].jobtype != NULL);
		FUZZ_CHECK(c->min_pay[i].min_pay >= 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct kaaj_config empty;
	struct kaaj_config cfg;
	char err[1024];

	if (memmem(data, size, "@include", 8) != NULL)
		return 0;
	if (ftruncate(memfd, 0) == -1 ||
	    pwrite(memfd, data, size, 0) != (ssize_t)size)
		fuzz_fail("cannot write the config to memory: %m");
	err[0] = '\0';
	if (config_load(path, &cfg, err, sizeof(err)) == 0) {
		check_accepted(&cfg);
		config_free(&cfg);
		return 0;
	}
	FUZZ_CHECK(strncmp(err, path, strlen(path)) == 0);
	FUZZ_CHECK(strlen(err) > strlen(path) + 2);
	FUZZ_CHECK(memcmp(&cfg, &empty, sizeof(cfg)) == 0);
	return 0;
}
