/*
 * kaaj-admin setup (setup.h): the options, the questions and the new
 * configuration file.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <libconfig.h>
#include <sodium.h>

#include "admin/admin.h"
#include "admin/setup.h"
#include "admin/setup_conf.h"
#include "base/buf.h"
#include "base/config.h"
#include "storage/db.h"

#define ANSWER_MAX 512
#define SETUP_CONF_MAX (1 << 20)	/* bytes of a kaaj.conf read */

enum field_kind {
	F_TEXT,
	F_NUMBER,
	F_SECRET		/* --NAME-file FILE; asked with echo off */
};

struct setup_field {
	const char *flag;	/* --flag VALUE */
	const char *group;
	const char *key;
	enum field_kind kind;
	const char *question;
};

static const struct setup_field fields[SETUP_FIELDS] = {
	{ "site-name", "site", "name", F_TEXT, "Site name" },
	{ "site-url", "site", "base_url", F_TEXT,
	    "Address of the site (http:// or https://)" },
	{ "language", "site", "default_language", F_TEXT,
	    "Language for visitors (en or bn)" },
	{ "time-zone", "site", "time_zone", F_TEXT,
	    "Time zone (such as Asia/Dhaka)" },
	{ "currency", "site", "currency", F_TEXT, "Currency (USD, BDT, ...)" },
	{ "db-socket", "database", "socket", F_TEXT,
	    "MariaDB socket (- for host and port)" },
	{ "db-host", "database", "host", F_TEXT, "MariaDB host" },
	{ "db-port", "database", "port", F_NUMBER, "MariaDB port" },
	{ "db-name", "database", "name", F_TEXT, "Database name" },
	{ "db-user", "database", "user", F_TEXT, "Database user" },
	{ "db-password", "database", "password", F_SECRET,
	    "Database password" },
	{ "uploads", "paths", "uploads", F_TEXT,
	    "Folder for screenshots, outside the web root" },
	{ "mail-from", "mail", "from", F_TEXT, "Sender of the site's mail" },
};

#define F_SOCKET 5
#define F_HOST 6
#define F_PORT 7
#define F_URL 1

void
setup_usage(FILE *f)
{
	size_t i;

	fprintf(f, "\nSetup options:\n  Each sets a key of the file; one not "
	    "given keeps the file's value,\n  or is asked on a terminal.\n");
	for (i = 0; i < SETUP_FIELDS; i++)
		fprintf(f, "  --%s%s %s\n      %s.%s: %s\n", fields[i].flag,
		    fields[i].kind == F_SECRET ? "-file" : "",
		    fields[i].kind == F_SECRET ? "FILE" : "VALUE",
		    fields[i].group, fields[i].key, fields[i].question);
	fprintf(f, "  --admin-user NAME --admin-email ADDRESS\n"
	    "      the first admin (the password: asked, or the first line "
	    "of standard input)\n"
	    "  --no-admin\n      create no admin\n"
	    "  --new-secret\n      make a new secret key even if the file "
	    "has one\n");
}

/* The first line of a file into a new string, or NULL after saying why. */
static char *
first_line(const char *file)
{
	char line[ANSWER_MAX];
	FILE *f;

	if ((f = fopen(file, "r")) == NULL) {
		fprintf(stderr, "kaaj-admin: cannot read %s: %s\n", file,
		    strerror(errno));
		return NULL;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	return strdup(line);
}

/*
 * Print prompt, then read one line from standard input; when secret,
 * with echo off from before the prompt shows, so that nothing typed
 * after it is shown.
 */
static char *
read_answer(const char *prompt, int secret)
{
	char line[ANSWER_MAX];
	struct termios old, quiet;
	int hidden = 0;
	char *got;

	if (secret && tcgetattr(STDIN_FILENO, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		hidden = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
	}
	fputs(prompt, stdout);
	fflush(stdout);
	got = fgets(line, sizeof(line), stdin);
	if (hidden) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fputc('\n', stdout);
	}
	if (got == NULL)
		return NULL;
	line[strcspn(line, "\r\n")] = '\0';
	return strdup(line);
}

/* Ask question, offering shown; an empty answer takes shown. */
static char *
ask(const char *question, const char *shown, int secret)
{
	char prompt[ANSWER_MAX + 128];
	char *a;

	snprintf(prompt, sizeof(prompt), "%s [%s]: ", question, shown);
	if ((a = read_answer(prompt, secret)) != NULL && a[0] == '\0') {
		free(a);
		a = strdup(shown);
	}
	return a;
}

/* The file's value of field f as text, "" when it has none. */
static void
file_value(const config_t *cf, const struct setup_field *f, char *out,
    size_t outlen)
{
	char path[64];
	const char *s;
	int n;

	snprintf(path, sizeof(path), "%s.%s", f->group, f->key);
	out[0] = '\0';
	if (f->kind == F_NUMBER && config_lookup_int(cf, path, &n))
		snprintf(out, outlen, "%d", n);
	else if (f->kind != F_NUMBER && config_lookup_string(cf, path, &s))
		snprintf(out, outlen, "%s", s);
}

/* Ask for the fields no flag gave, and for the admin. */
static int
ask_missing(struct setup *s, const config_t *cf)
{
	char shown[ANSWER_MAX];
	const char *sock;
	size_t i;

	printf("Setting up kaaj: press Enter to keep the value in [ ].\n");
	for (i = 0; i < SETUP_FIELDS; i++) {
		if (s->values[i] != NULL)
			continue;
		sock = s->values[F_SOCKET];
		if ((i == F_HOST || i == F_PORT) && sock != NULL &&
		    sock[0] != '\0')
			continue;
		file_value(cf, &fields[i], shown, sizeof(shown));
		if (fields[i].kind == F_SECRET)
			snprintf(shown, sizeof(shown), "%s",
			    shown[0] != '\0' ? "unchanged" : "none");
		s->values[i] = ask(fields[i].question, shown,
		    fields[i].kind == F_SECRET);
		if (s->values[i] == NULL)
			return ADMIN_BAD_VALUE;
		if (fields[i].kind == F_SECRET &&
		    strcmp(s->values[i], shown) == 0) {
			free(s->values[i]);
			s->values[i] = NULL;	/* keep the file's */
		}
		if (i == F_SOCKET && strcmp(s->values[i], "-") == 0)
			s->values[i][0] = '\0';
	}
	if (s->no_admin)
		return 0;
	if (s->admin_user == NULL)
		s->admin_user = s->answers[0] = ask("First admin's username",
		    "admin", 0);
	if (s->admin_email == NULL)
		s->admin_email = s->answers[1] = ask("First admin's e-mail",
		    "", 0);
	return s->admin_user == NULL || s->admin_email == NULL ?
	    ADMIN_BAD_VALUE : 0;
}

/* Read one option at argv[*i]; returns 0 or ADMIN_BAD_VALUE. */
static int
read_option(struct setup *s, int argc, char **argv, int *i)
{
	const char *opt = argv[*i];
	size_t j, n;

	if (strcmp(opt, "--no-admin") == 0)
		return s->no_admin = 1, 0;
	if (strcmp(opt, "--new-secret") == 0)
		return s->new_secret = 1, 0;
	if (strncmp(opt, "--", 2) != 0 || *i + 1 >= argc)
		goto bad;
	opt += 2;
	if (strcmp(opt, "admin-user") == 0)
		return s->admin_user = argv[++*i], 0;
	if (strcmp(opt, "admin-email") == 0)
		return s->admin_email = argv[++*i], 0;
	for (j = 0; j < SETUP_FIELDS; j++) {
		n = strlen(fields[j].flag);
		if (strncmp(opt, fields[j].flag, n) != 0 ||
		    strcmp(opt + n, fields[j].kind == F_SECRET ? "-file" :
		    "") != 0)
			continue;
		free(s->values[j]);
		s->values[j] = fields[j].kind == F_SECRET ?
		    first_line(argv[++*i]) : strdup(argv[++*i]);
		return s->values[j] == NULL ? ADMIN_BAD_VALUE : 0;
	}
bad:
	fprintf(stderr, "kaaj-admin: setup: unknown option or no value: "
	    "%s\nkaaj-admin: see kaaj-admin --help\n", argv[*i]);
	return ADMIN_BAD_VALUE;
}

int
setup_read(struct setup *s, const char *path, int argc, char **argv)
{
	config_t cf;
	size_t n;
	int i, rc = 0;

	memset(s, 0, sizeof(*s));
	s->ask = isatty(STDIN_FILENO);
	for (i = 0; i < argc && rc == 0; i++)
		rc = read_option(s, argc, argv, &i);
	if (rc != 0)
		return rc;
	config_init(&cf);
	if (!config_read_file(&cf, path)) {
		fprintf(stderr, "kaaj-admin: setup: cannot read %s%s%s: "
		    "install kaaj first (make install puts the file in "
		    "SYSCONFDIR/kaaj), or name it with -c FILE\n", path,
		    config_error_line(&cf) > 0 ? ": " : "",
		    config_error_line(&cf) > 0 ? config_error_text(&cf) : "");
		config_destroy(&cf);
		return ADMIN_FAILED;
	}
	if (s->ask)
		rc = ask_missing(s, &cf);
	config_destroy(&cf);
	if (rc == 0 && !s->no_admin &&
	    (s->admin_user == NULL || s->admin_email == NULL)) {
		fprintf(stderr, "kaaj-admin: setup: give the first admin with "
		    "--admin-user NAME --admin-email ADDRESS (or --no-admin)"
		    "\n");
		return ADMIN_BAD_VALUE;
	}
	/* http://example.com/ is meant as http://example.com */
	if (s->values[F_URL] != NULL)
		for (n = strlen(s->values[F_URL]);
		    n > 0 && s->values[F_URL][n - 1] == '/'; n--)
			s->values[F_URL][n - 1] = '\0';
	return rc;
}

/* Whether the file's secret key is missing or the sample's zeros. */
static int
needs_secret(const char *path)
{
	config_t cf;
	const char *key;
	int none;

	config_init(&cf);
	none = !config_read_file(&cf, path) ||
	    !config_lookup_string(&cf, "site.secret_key", &key) ||
	    strspn(key, "0") == strlen(key);
	config_destroy(&cf);
	return none;
}

/* The settings s gives, their literals in lits (freed by the caller). */
static int
settings_of(const struct setup *s, const char *path,
    struct conf_setting *set, size_t *n, struct buf *lits)
{
	unsigned char key[32];
	char hex[65];
	size_t i, at[SETUP_FIELDS + 1];
	const char *v;

	*n = 0;
	for (i = 0; i < SETUP_FIELDS; i++) {
		if ((v = s->values[i]) == NULL)
			continue;
		at[*n] = lits->len;
		if (fields[i].kind == F_NUMBER ? v[0] == '\0' ||
		    strspn(v, "0123456789") != strlen(v) || strlen(v) > 9 ||
		    buf_puts(lits, v) == -1 : conf_quote(v, lits) == -1) {
			fprintf(stderr, "kaaj-admin: setup: --%s%s needs %s\n",
			    fields[i].flag, fields[i].kind == F_SECRET ?
			    "-file" : "", fields[i].kind == F_NUMBER ?
			    "a number" : "one line of text");
			return ADMIN_BAD_VALUE;
		}
		if (buf_append(lits, "", 1) == -1)
			return ADMIN_FAILED;
		set[(*n)++] = (struct conf_setting){ fields[i].group,
		    fields[i].key, NULL };
	}
	if (s->new_secret || needs_secret(path)) {
		randombytes_buf(key, sizeof(key));
		sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
		sodium_memzero(key, sizeof(key));
		at[*n] = lits->len;
		if (buf_printf(lits, "\"%s\"", hex) == -1 ||
		    buf_append(lits, "", 1) == -1)
			return ADMIN_FAILED;
		set[(*n)++] = (struct conf_setting){ "site", "secret_key",
		    NULL };
		sodium_memzero(hex, sizeof(hex));
	}
	/* lits may have moved while it grew: point into it at the end. */
	for (i = 0; i < *n; i++)
		set[i].value = lits->data + at[i];
	return 0;
}

/* Read the whole (non-empty) file at path into out. */
static int
read_file(const char *path, struct buf *out)
{
	if (buf_read_file(out, path, SETUP_CONF_MAX) != 0) {
		fprintf(stderr, "kaaj-admin: setup: cannot read %s: %s\n",
		    path, strerror(errno));
		return -1;
	}
	return out->data == NULL ? -1 : 0;
}

/* Write text into a new file beside path; its name into tmp. */
static int
write_beside(const char *path, const struct buf *text, char *tmp,
    size_t tmplen)
{
	struct stat st;
	ssize_t w;
	size_t off = 0;
	int fd;

	snprintf(tmp, tmplen, "%s.setup-XXXXXX", path);
	if (stat(path, &st) == -1 || (fd = mkstemp(tmp)) == -1) {
		fprintf(stderr, "kaaj-admin: setup: cannot write beside %s: "
		    "%s\n", path, strerror(errno));
		return -1;
	}
	/* The owner stays; the secrets are not for everyone. */
	if (fchown(fd, st.st_uid, st.st_gid) == -1 && geteuid() == 0)
		goto fail;
	if (fchmod(fd, st.st_mode & 0660) == -1)
		goto fail;
	while (off < text->len) {
		if ((w = write(fd, text->data + off, text->len - off)) <= 0)
			goto fail;
		off += (size_t)w;
	}
	if (fsync(fd) == -1)
		goto fail;
	return close(fd);
fail:
	fprintf(stderr, "kaaj-admin: setup: cannot write %s: %s\n", tmp,
	    strerror(errno));
	close(fd);
	unlink(tmp);
	return -1;
}

/* Load the file at tmp and connect to its database; 0 when both work. */
static int
try_config(const char *tmp)
{
	struct kaaj_config cfg;
	struct db *db;
	char err[512];
	int rc = 0;

	if (config_load(tmp, &cfg, err, sizeof(err)) == -1) {
		fprintf(stderr, "kaaj-admin: setup: refused, the file is "
		    "left as it was: %s\n", err);
		return ADMIN_BAD_VALUE;
	}
	if ((db = db_new(&cfg)) == NULL || db_connect(db) != DB_OK) {
		fprintf(stderr, "kaaj-admin: setup: cannot connect to the "
		    "database with these settings, the file is left as it "
		    "was: %s\n", db != NULL ? db_error(db) : "out of memory");
		rc = ADMIN_FAILED;
	}
	db_free(db);
	config_free(&cfg);
	return rc;
}

int
setup_write_config(struct setup *s, const char *path)
{
	struct conf_setting set[SETUP_FIELDS + 1];
	struct buf lits, old, text;
	char tmp[4096];
	size_t n;
	int rc;

	buf_init(&lits);
	buf_init(&old);
	buf_init(&text);
	if (sodium_init() < 0 || strlen(path) > sizeof(tmp) - 16)
		rc = ADMIN_FAILED;
	else if ((rc = settings_of(s, path, set, &n, &lits)) != 0)
		;
	else if (read_file(path, &old) == -1 ||
	    conf_text_set(old.data, set, n, &text) == -1 ||
	    write_beside(path, &text, tmp, sizeof(tmp)) == -1)
		rc = ADMIN_FAILED;
	else if ((rc = try_config(tmp)) != 0)
		unlink(tmp);
	else if (rename(tmp, path) == -1) {
		fprintf(stderr, "kaaj-admin: setup: cannot replace %s: %s\n",
		    path, strerror(errno));
		unlink(tmp);
		rc = ADMIN_FAILED;
	} else
		printf("%s: written%s\n", path, n > 0 &&
		    strcmp(set[n - 1].key, "secret_key") == 0 ?
		    ", with a new secret key" : "");
	if (lits.data != NULL)
		sodium_memzero(lits.data, lits.len);
	if (text.data != NULL)
		sodium_memzero(text.data, text.len);
	buf_free(&lits);
	buf_free(&old);
	buf_free(&text);
	return rc;
}

int
setup_admin_password(const struct setup *s, char *out, size_t outlen)
{
	char *a, *b;
	int same;

	if (!s->ask) {
		if (fgets(out, (int)outlen, stdin) == NULL) {
			fprintf(stderr, "kaaj-admin: setup: give the first "
			    "admin's password as the first line of standard "
			    "input\n");
			return ADMIN_BAD_VALUE;
		}
		out[strcspn(out, "\r\n")] = '\0';
		return 0;
	}
	a = read_answer("First admin's password: ", 1);
	b = read_answer("The same password again: ", 1);
	same = a != NULL && b != NULL && strcmp(a, b) == 0 &&
	    strlen(a) < outlen;
	if (same)
		memcpy(out, a, strlen(a) + 1);
	else
		fprintf(stderr, "kaaj-admin: setup: the two passwords "
		    "differ\n");
	if (a != NULL)
		sodium_memzero(a, strlen(a));
	if (b != NULL)
		sodium_memzero(b, strlen(b));
	free(a);
	free(b);
	return same ? 0 : ADMIN_BAD_VALUE;
}

void
setup_free(struct setup *s)
{
	size_t i;

	for (i = 0; i < SETUP_FIELDS; i++) {
		if (s->values[i] != NULL && fields[i].kind == F_SECRET)
			sodium_memzero(s->values[i], strlen(s->values[i]));
		free(s->values[i]);
	}
	free(s->answers[0]);
	free(s->answers[1]);
}
