/*
 * Tests of the plugin loader, of plugin_check_jobtype, and of the signup
 * plugin's validators as the loader hands them out.
 *
 * The loader tests scan a directory made at run time from the plugins
 * that libtool built, plus a symlink, a copy under another name, a
 * directory, text files and garbage, and compare the log with what each
 * file must produce.
 */
#include <sys/stat.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/field.h"
#include "base/plugin.h"

#define SIGNUP_SO	BUILDDIR "/plugins/.libs/signup.so"
#define TEST_SO(name)	BUILDDIR "/tests/plugins/.libs/" name ".so"
#define DIR_TEMPLATE	"/tmp/kaaj-plugins-XXXXXX"

/* Made by the fixture before the "loaded" tests run, removed after. */
static char plugin_dir[sizeof(DIR_TEMPLATE)];
static const char *fixture_error;	/* why the fixture failed, or NULL */
static struct plugin_set loaded;	/* plugin_load_dir(plugin_dir) */
static int load_rc;			/* what it returned */
static char *load_log;			/* what it wrote to stderr */

/* Copy src to a new file dst. Returns 0, or -1 with errno set. */
static int
copy_file(const char *src, const char *dst)
{
	char block[8192];
	ssize_t n = 0;
	int in, out;

	if ((in = open(src, O_RDONLY)) == -1)
		return -1;
	if ((out = open(dst, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1) {
		close(in);
		return -1;
	}
	while ((n = read(in, block, sizeof(block))) > 0)
		if (write(out, block, (size_t)n) != n) {
			n = -1;
			break;
		}
	close(in);
	if (close(out) == -1)
		n = -1;
	return n == 0 ? 0 : -1;
}

/* Write text to a new file path. Returns 0 or -1. */
static int
write_file(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd, rc = 0;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1)
		return -1;
	if (write(fd, text, len) != (ssize_t)len)
		rc = -1;
	if (close(fd) == -1)
		rc = -1;
	return rc;
}

/* dir/name in a static buffer: fine for these short paths. */
static const char *
in_dir(const char *dir, const char *name)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

/*
 * Run plugin_load_dir(dir, set) with stderr sent to a temporary file.
 * Returns what was logged (the caller frees it) and sets *rc, or returns
 * NULL when the capture itself failed.
 */
static char *
load_logged(const char *dir, struct plugin_set *set, int *rc)
{
	char path[] = "/tmp/kaaj-log-XXXXXX";
	char *text = NULL;
	struct stat st;
	int fd, saved;

	if ((fd = mkstemp(path)) == -1)
		return NULL;
	unlink(path);
	fflush(stderr);
	if ((saved = dup(STDERR_FILENO)) == -1 ||
	    dup2(fd, STDERR_FILENO) == -1) {
		if (saved != -1)
			close(saved);
		close(fd);
		return NULL;
	}
	*rc = plugin_load_dir(dir, set);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	if (fstat(fd, &st) == 0 && (text = malloc((size_t)st.st_size + 1)) !=
	    NULL) {
		if (pread(fd, text, (size_t)st.st_size, 0) == st.st_size)
			text[st.st_size] = '\0';
		else {
			free(text);
			text = NULL;
		}
	}
	close(fd);
	return text;
}

/* Remove dir and everything in it (one level deep). */
static void
remove_dir(const char *dir)
{
	struct dirent *de;
	struct stat st;
	const char *path;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		path = in_dir(dir, de->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			rmdir(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

/*
 * Unchecked fixture (runs once, outside the tests): fill a new directory
 * and load it. Failures are kept in fixture_error for the tests to
 * report, since a fixture must not fail itself.
 */
static void
setup_loaded(void)
{
	static const struct {
		const char *from;
		const char *to;
	} copies[] = {
		{ SIGNUP_SO, "signup.so" },
		{ SIGNUP_SO, "signup2.so" },
		{ TEST_SO("badabi"), "badabi.so" },
		{ TEST_SO("nosymbol"), "nosymbol.so" },
		{ TEST_SO("misnamed"), "misnamed.so" },
	};
	static char copy_error[512];
	size_t i;

	memcpy(plugin_dir, DIR_TEMPLATE, sizeof(DIR_TEMPLATE));
	if (mkdtemp(plugin_dir) == NULL) {
		fixture_error = "mkdtemp failed";
		return;
	}
	for (i = 0; i < sizeof(copies) / sizeof(copies[0]); i++)
		if (copy_file(copies[i].from,
		    in_dir(plugin_dir, copies[i].to)) == -1) {
			snprintf(copy_error, sizeof(copy_error),
			    "cannot copy %s: %s", copies[i].from,
			    strerror(errno));
			fixture_error = copy_error;
			return;
		}
	if (symlink("signup.so", in_dir(plugin_dir, "evil.so")) == -1 ||
	    mkdir(in_dir(plugin_dir, "subdir.so"), 0755) == -1 ||
	    write_file(in_dir(plugin_dir, "notes.txt"),
	    "not a plugin, not even named like one\n") == -1 ||
	    write_file(in_dir(plugin_dir, "garbage.so"),
	    "this is text, not an ELF shared object\n") == -1 ||
	    write_file(in_dir(plugin_dir, "Bad-Name.so"),
	    "never opened: the name is refused first\n") == -1) {
		fixture_error = "cannot fill the plugin directory";
		return;
	}
	if ((load_log = load_logged(plugin_dir, &loaded, &load_rc)) == NULL)
		fixture_error = "cannot capture stderr";
}

static void
teardown_loaded(void)
{
	plugin_set_free(&loaded);
	free(load_log);
	load_log = NULL;
	if (plugin_dir[0] != '\0')
		remove_dir(plugin_dir);
	fixture_error = NULL;
}

/*
 * What each file must log, after "plugin DIR/FILE ", in the order the
 * loader tries them (strcmp order of the file names).
 */
static const struct {
	const char *file;
	const char *verdict;
} expected_log[] = {
	{ "Bad-Name.so", "skipped: file name is not NAME.so with NAME "
	    "[a-z][a-z0-9_]* of at most 32 characters\n" },
	{ "badabi.so", "skipped: ABI version 999, this kaaj needs 3 (build "
	    "the plugin again against this kaaj's <kaaj/jobtype.h>)\n" },
	{ "evil.so", "skipped: not a regular file (symlink)\n" },
	{ "garbage.so", "skipped: dlopen failed: " },
	{ "misnamed.so", "skipped: job-type name differs from the file "
	    "name (NAME.so must declare NAME)\n" },
	{ "nosymbol.so", "skipped: no kaaj_jobtype symbol "
	    "(not a kaaj plugin)\n" },
	{ "signup.so", "loaded: signup (min pay 20000 micro)\n" },
	{ "signup2.so", "skipped: job-type name differs from the file "
	    "name (NAME.so must declare NAME)\n" },
	{ "subdir.so", "skipped: not a regular file\n" },
};

START_TEST(test_load_dir)
{
	const char *at, *prev = NULL;
	char want[512];
	size_t i, lines = 0;

	ck_assert_msg(fixture_error == NULL, "%s", fixture_error);
	ck_assert_int_eq(load_rc, 1);
	ck_assert_uint_eq(loaded.n, 1);
	ck_assert_str_eq(loaded.items[0].name, "signup");
	ck_assert_str_eq(loaded.items[0].path,
	    in_dir(plugin_dir, "signup.so"));
	ck_assert_ptr_nonnull(loaded.items[0].handle);
	ck_assert_str_eq(loaded.items[0].jt->name, "signup");

	for (i = 0; i < sizeof(expected_log) / sizeof(expected_log[0]); i++) {
		snprintf(want, sizeof(want), "plugin %s/%s %s", plugin_dir,
		    expected_log[i].file, expected_log[i].verdict);
		at = strstr(load_log, want);
		ck_assert_msg(at != NULL, "log lacks \"%s\"; log:\n%s", want,
		    load_log);
		ck_assert_msg(prev == NULL || at > prev,
		    "%s logged out of order", expected_log[i].file);
		prev = at;
	}
	for (at = load_log; (at = strchr(at, '\n')) != NULL; at++)
		lines++;
	ck_assert_msg(lines == i, "%zu log lines for %zu files:\n%s", lines,
	    i, load_log);
	ck_assert_ptr_null(strstr(load_log, "notes.txt"));
}
END_TEST

/* Each refusal logged is kept in the set, in order, with its reason. */
START_TEST(test_load_dir_refusals)
{
	const char *reason, *verdict;
	size_t i, k = 0, len;

	ck_assert_msg(fixture_error == NULL, "%s", fixture_error);
	for (i = 0; i < sizeof(expected_log) / sizeof(expected_log[0]); i++) {
		verdict = expected_log[i].verdict;
		if (strncmp(verdict, "skipped: ", 9) != 0)
			continue;
		ck_assert_uint_lt(k, loaded.n_refused);
		ck_assert_str_eq(loaded.refused[k].path,
		    in_dir(plugin_dir, expected_log[i].file));
		/* The log's reason, without its newline (or what follows). */
		reason = verdict + 9;
		len = strcspn(reason, "\n");
		ck_assert_msg(strncmp(loaded.refused[k].reason, reason, len) ==
		    0, "%s: kept \"%s\", logged \"%s\"",
		    expected_log[i].file, loaded.refused[k].reason, reason);
		k++;
	}
	ck_assert_uint_eq(loaded.n_refused, k);
}
END_TEST

START_TEST(test_find)
{
	ck_assert_msg(fixture_error == NULL, "%s", fixture_error);
	ck_assert_ptr_eq(plugin_find(&loaded, "signup"), &loaded.items[0]);
	ck_assert_ptr_null(plugin_find(&loaded, "badabi"));
	ck_assert_ptr_null(plugin_find(&loaded, "othername"));
	ck_assert_ptr_null(plugin_find(&loaded, "signup2"));
	ck_assert_ptr_null(plugin_find(&loaded, ""));
}
END_TEST

/* The loaded signup job type; fails the test when there is none. */
static const struct kaaj_jobtype *
signup(void)
{
	const struct plugin *p;

	ck_assert_msg(fixture_error == NULL, "%s", fixture_error);
	p = plugin_find(&loaded, "signup");
	ck_assert_ptr_nonnull(p);
	return p->jt;
}

START_TEST(test_signup_declarations)
{
	const struct kaaj_jobtype *jt = signup();
	const struct kaaj_field *f;

	ck_assert_ptr_null(plugin_check_jobtype(jt, "signup"));
	ck_assert_str_eq(jt->category, "signup");
	ck_assert_str_eq(jt->label, "Sign up on a website");
	ck_assert_int_eq(jt->min_pay, 20000);
	ck_assert_uint_eq(jt->n_campaign_fields, 2);
	f = jt->campaign_fields;
	ck_assert_str_eq(f[0].name, "signup_url");
	ck_assert_int_eq(f[0].type, KAAJ_FIELD_URL);
	ck_assert_int_ne(f[0].required, 0);
	ck_assert_uint_eq(f[0].max_len, 500);
	ck_assert_str_eq(f[0].label, "Sign-up page URL");
	ck_assert_str_eq(f[1].name, "action");
	ck_assert_int_eq(f[1].type, KAAJ_FIELD_CHOICE);
	ck_assert_int_ne(f[1].required, 0);
	ck_assert_str_eq(f[1].choices[0].value, "register");
	ck_assert_str_eq(f[1].choices[1].value, "register_and_verify_email");
	ck_assert_ptr_null(f[1].choices[2].value);
	ck_assert_uint_eq(jt->n_proof_fields, 2);
	f = jt->proof_fields;
	ck_assert_str_eq(f[0].name, "username");
	ck_assert_int_eq(f[0].type, KAAJ_FIELD_TEXT);
	ck_assert_int_ne(f[0].required, 0);
	ck_assert_uint_eq(f[0].max_len, 100);
	ck_assert_str_eq(f[0].label, "Username or email you signed up with");
	ck_assert_str_eq(f[1].name, "screenshot");
	ck_assert_int_eq(f[1].type, KAAJ_FIELD_SCREENSHOT);
	ck_assert_int_eq(f[1].required, 0);
	ck_assert(jt->validate_campaign != NULL);
	ck_assert(jt->validate_proof != NULL);
}
END_TEST

/* signup_url values and the error code each gets (NULL: accepted). */
static const struct {
	const char *url;
	const char *code;
} url_cases[] = {
	{ "https://example.com/signup", NULL },
	{ "http://example.com", NULL },
	{ "HTTPS://Sub.Example.org:8443/join?ref=1#top", NULL },
	{ "https://example.com?ref=abc", NULL },
	{ "https://medium.com/@someone", NULL },
	{ "http://my_site.example.net/", NULL },
	{ "http://93.184.216.34/register", NULL },
	{ "http://172.32.0.1/", NULL },
	{ "https://xn--54b7fta0cc.xn--45brj9c/", NULL },
	{ "", "bad_scheme" },
	{ "example.com/signup", "bad_scheme" },
	{ "ftp://example.com/", "bad_scheme" },
	{ "javascript:alert(1)//http://x.com", "bad_scheme" },
	{ "httpx://example.com/", "bad_scheme" },
	{ "//example.com/", "bad_scheme" },
	{ "http:/example.com/", "bad_scheme" },
	{ "http://exa mple.com/", "bad_char" },
	{ "http://example.com/a b", "bad_char" },
	{ "http://example.com/\tx", "bad_char" },
	{ "http://evil.com\\@good.com/", "bad_char" },
	{ "http://user@example.com/", "has_userinfo" },
	{ "http://user:secret@example.com/", "has_userinfo" },
	{ "http://example.com@evil.com/", "has_userinfo" },
	{ "http://", "bad_host" },
	{ "http:///signup", "bad_host" },
	{ "http://?x=1", "bad_host" },
	{ "http://examplecom/", "bad_host" },
	{ "http://example..com/", "bad_host" },
	{ "http://.example.com/", "bad_host" },
	{ "http://example.com./", "bad_host" },
	{ "http://exa!mple.com/", "bad_host" },
	{ "http://[::1]/", "bad_host" },
	{ "http://[::ffff:127.0.0.1]:80/", "bad_host" },
	{ "http://127.1/", "bad_host" },
	{ "http://0x7f.0.0.1/", "bad_host" },
	{ "http://0177.0.0.1/", "bad_host" },
	{ "http://999.1.1.1/", "bad_host" },
	{ "http://1.2.3.4.5/", "bad_host" },
	{ "http://example.com:/", "bad_port" },
	{ "http://example.com:0/", "bad_port" },
	{ "http://example.com:65536/", "bad_port" },
	{ "http://example.com:8o/", "bad_port" },
	{ "http://localhost/", "private_host" },
	{ "http://LocalHost:8080/signup", "private_host" },
	{ "http://app.localhost/", "private_host" },
	{ "http://127.0.0.1/", "private_host" },
	{ "http://127.8.9.10:8000/", "private_host" },
	{ "http://10.1.2.3/", "private_host" },
	{ "http://192.168.0.1/", "private_host" },
	{ "http://172.16.5.4/", "private_host" },
	{ "http://172.31.255.255/", "private_host" },
	{ "http://169.254.169.254/latest/", "private_host" },
	{ "http://0.0.0.0/", "private_host" },
};

START_TEST(test_signup_campaign)
{
	const struct kaaj_jobtype *jt = signup();
	const char *url = url_cases[_i].url, *code = url_cases[_i].code;
	static const char *const names[] = { "signup_url", "action" };
	const char *const values[] = { url, "register" };
	struct kaaj_values v = { 2, names, values };
	struct kaaj_error err = { NULL, NULL, NULL };
	int rc;

	rc = jt->validate_campaign(&v, &err);
	if (code == NULL) {
		ck_assert_msg(rc == KAAJ_OK, "\"%s\" refused: %s", url,
		    err.code);
		return;
	}
	ck_assert_msg(rc == KAAJ_INVALID, "\"%s\" accepted", url);
	ck_assert_msg(strcmp(err.code, code) == 0, "\"%s\": %s, not %s", url,
	    err.code, code);
	ck_assert_str_eq(err.field, "signup_url");
	ck_assert(err.message != NULL && err.message[0] != '\0');
}
END_TEST

/* username values and the error code each gets (NULL: accepted). */
static const struct {
	const char *username;
	const char *code;
} username_cases[] = {
	{ "ab", NULL },
	{ "alice@example.com", NULL },
	{ "Rahim Uddin", NULL },
	{ " x", NULL },
	{ "\xe0\xa6\xb0\xe0\xa6\xb9\xe0\xa6\xbf\xe0\xa6\xae", NULL },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL },
	{ "", "too_short" },
	{ "a", "too_short" },
	{ "\xe0\xa6\xb0", "too_short" },
	{ " ", "blank" },
	{ "     ", "blank" },
	{ "a\tb", "bad_char" },
	{ "a\nb", "bad_char" },
	{ "ab\x7f", "bad_char" },
	{ "a\xc2\x85" "b", "bad_char" },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "too_long" },
};

START_TEST(test_signup_proof)
{
	const struct kaaj_jobtype *jt = signup();
	const char *user = username_cases[_i].username;
	const char *code = username_cases[_i].code;
	static const char *const cnames[] = { "signup_url", "action" };
	static const char *const cvalues[] = {
		"https://example.com/join", "register"
	};
	static const char *const pnames[] = { "username", "screenshot" };
	const char *const pvalues[] = { user, "" };
	struct kaaj_values campaign = { 2, cnames, cvalues };
	struct kaaj_values proof = { 2, pnames, pvalues };
	struct kaaj_error err = { NULL, NULL, NULL };
	int rc;

	rc = jt->validate_proof(&campaign, &proof, &err);
	if (code == NULL) {
		ck_assert_msg(rc == KAAJ_OK, "\"%s\" refused: %s", user,
		    err.code);
		return;
	}
	ck_assert_msg(rc == KAAJ_INVALID, "\"%s\" accepted", user);
	ck_assert_msg(strcmp(err.code, code) == 0, "\"%s\": %s, not %s",
	    user, err.code, code);
	ck_assert_str_eq(err.field, "username");
	ck_assert(err.message != NULL && err.message[0] != '\0');
}
END_TEST

START_TEST(test_load_missing_dir)
{
	static struct plugin dummy;
	struct plugin_set set = { .items = &dummy, .n = 1 };
	char *log;
	int rc = 0;

	log = load_logged("/nonexistent/kaaj/plugins", &set, &rc);
	ck_assert_ptr_nonnull(log);
	ck_assert_int_eq(rc, -1);
	ck_assert_uint_eq(set.n, 0);
	ck_assert_ptr_null(set.items);
	ck_assert_ptr_nonnull(strstr(log, "/nonexistent/kaaj/plugins"));
	free(log);
}
END_TEST

START_TEST(test_load_empty_dir)
{
	char dir[] = DIR_TEMPLATE;
	struct plugin_set set;
	char *log;
	int rc = -1;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	log = load_logged(dir, &set, &rc);
	rmdir(dir);
	ck_assert_ptr_nonnull(log);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(set.n, 0);
	ck_assert_str_eq(log, "");
	plugin_set_free(&set);
	free(log);
}
END_TEST

static const struct kaaj_choice two_choices[] = {
	{ "yes", "Yes" }, { "no", "No" }, { NULL, NULL }
};
static const struct kaaj_choice no_choices[] = { { NULL, NULL } };
static const struct kaaj_choice empty_choice[] = {
	{ "yes", "Yes" }, { "", "Empty" }, { NULL, NULL }
};
static const struct kaaj_choice unlabelled_choice[] = {
	{ "yes", "Yes" }, { "no", NULL }, { NULL, NULL }
};
static const struct kaaj_choice bad_choice_value[] = {
	{ "Yes!", "Yes" }, { NULL, NULL }
};

static const struct kaaj_field good_fields[] = {
	{ .name = "site", .type = KAAJ_FIELD_URL, .label = "Site",
	    .max_len = 200 },
	{ .name = "notes", .type = KAAJ_FIELD_TEXTAREA, .label = "Notes",
	    .help = "Anything else", .max_len = 65535 },
	{ .name = "count", .type = KAAJ_FIELD_INT, .label = "Count",
	    .min = 3, .max = 3 },
	{ .name = "kind", .type = KAAJ_FIELD_CHOICE, .label = "Kind",
	    .choices = two_choices },
	{ .name = "shot", .type = KAAJ_FIELD_SCREENSHOT, .label = "Shot" },
	{ .name = "code_2", .type = KAAJ_FIELD_TEXT, .label = "Code",
	    .required = 1, .max_len = 1 },
};

/* A job type that plugin_check_jobtype(jt, "good") accepts. */
static struct kaaj_jobtype
good_jobtype(void)
{
	struct kaaj_jobtype jt = {
		.abi_version = KAAJ_JOBTYPE_ABI,
		.name = "good",
		.category = "tests",
		.label = "Good",
		.description = "",
		.min_pay = 0,
		.campaign_fields = good_fields,
		.n_campaign_fields = sizeof(good_fields) /
		    sizeof(good_fields[0]),
		.proof_fields = good_fields,
		.n_proof_fields = 2,
	};

	return jt;
}

START_TEST(test_check_good)
{
	static const char long_name[] = "abcdefghijklmnopqrstuvwxyz_01234";
	struct kaaj_field many[32];
	char names[32][8];
	struct kaaj_jobtype jt = good_jobtype();
	size_t i;

	ck_assert_ptr_null(plugin_check_jobtype(&jt, "good"));
	jt.n_proof_fields = sizeof(good_fields) / sizeof(good_fields[0]);
	jt.verify_field = "code_2";
	ck_assert_ptr_null(plugin_check_jobtype(&jt, "good"));
	jt = good_jobtype();

	jt.campaign_fields = jt.proof_fields = NULL;
	jt.n_campaign_fields = jt.n_proof_fields = 0;
	ck_assert_ptr_null(plugin_check_jobtype(&jt, "good"));

	ck_assert_uint_eq(strlen(long_name), KAAJ_NAME_MAX);
	jt.name = long_name;
	ck_assert_ptr_null(plugin_check_jobtype(&jt, long_name));

	for (i = 0; i < 32; i++) {
		snprintf(names[i], sizeof(names[i]), "f%zu", i);
		many[i] = good_fields[0];
		many[i].name = names[i];
	}
	jt = good_jobtype();
	jt.campaign_fields = jt.proof_fields = many;
	jt.n_campaign_fields = jt.n_proof_fields = 32;
	ck_assert_ptr_null(plugin_check_jobtype(&jt, "good"));
}
END_TEST

/* Each case spoils good_jobtype() in one way; want is in the reason. */
START_TEST(test_check_bad_jobtype)
{
	static const char long_name[] = "abcdefghijklmnopqrstuvwxyz_012345";
	struct kaaj_jobtype jt = good_jobtype();
	const char *stem = "good", *want, *why;

	switch (_i) {
	case 0:
		jt.abi_version = KAAJ_JOBTYPE_ABI + 1;
		jt.name = NULL;		/* must not be read */
		want = "ABI version";
		break;
	case 1:
		jt.name = NULL;
		want = "job-type name is not";
		break;
	case 2:
		jt.name = stem = "Good";
		want = "job-type name is not";
		break;
	case 3:
		jt.name = stem = long_name;
		want = "job-type name is not";
		break;
	case 4:
		jt.name = "";
		stem = "";
		want = "job-type name is not";
		break;
	case 5:
		jt.name = "other";
		want = "differs from the file name";
		break;
	case 6:
		jt.category = NULL;
		want = "category";
		break;
	case 7:
		jt.category = "a-b";
		want = "category";
		break;
	case 8:
		jt.label = NULL;
		want = "no label";
		break;
	case 9:
		jt.label = "";
		want = "no label";
		break;
	case 10:
		jt.description = NULL;
		want = "no description";
		break;
	case 11:
		jt.min_pay = -1;
		want = "min_pay";
		break;
	case 12:
		jt.n_campaign_fields = 33;
		want = "more than 32 campaign fields";
		break;
	case 13:
		jt.campaign_fields = NULL;
		want = "campaign_fields is NULL";
		break;
	case 14:
		jt.n_proof_fields = 33;
		want = "more than 32 proof fields";
		break;
	case 15:
		jt.proof_fields = NULL;
		want = "proof_fields is NULL";
		break;
	case 16:
		jt.verify_field = "nowhere";
		want = "verify_field names no proof field";
		break;
	case 17:
		jt.verify_field = "notes";	/* a TEXTAREA */
		want = "not TEXT";
		break;
	default:
		ck_abort_msg("no case %d", _i);
	}
	why = plugin_check_jobtype(&jt, stem);
	ck_assert_msg(why != NULL, "case %d accepted", _i);
	ck_assert_msg(strstr(why, want) != NULL, "case %d: \"%s\" lacks "
	    "\"%s\"", _i, why, want);
}
END_TEST
#define N_BAD_JOBTYPES	18

/* Forms of one or two fields, each refused for the reason in want. */
static const struct {
	struct kaaj_field f[2];
	size_t n;
	const char *want;
} bad_forms[] = {
	{ { { .name = NULL, .type = KAAJ_FIELD_SCREENSHOT, .label = "L" } },
	    1, "field name is not" },
	{ { { .name = "1st", .type = KAAJ_FIELD_SCREENSHOT, .label = "L" } },
	    1, "field name is not" },
	{ { { .name = "Shot", .type = KAAJ_FIELD_SCREENSHOT, .label = "L" } },
	    1, "field name is not" },
	{ { { .name = "abcdefghijklmnopqrstuvwxyz_012345",
	    .type = KAAJ_FIELD_SCREENSHOT, .label = "L" } },
	    1, "field name is not" },
	{ { { .name = "shot", .type = KAAJ_FIELD_SCREENSHOT, .label = "A" },
	    { .name = "shot", .type = KAAJ_FIELD_SCREENSHOT, .label = "B" } },
	    2, "share a name" },
	{ { { .name = "shot", .type = KAAJ_FIELD_SCREENSHOT, .label = NULL } },
	    1, "no label" },
	{ { { .name = "shot", .type = KAAJ_FIELD_SCREENSHOT, .label = "" } },
	    1, "no label" },
	{ { { .name = "x", .type = (enum kaaj_field_type)0, .label = "L" } },
	    1, "unknown type" },
	{ { { .name = "x", .type = (enum kaaj_field_type)99, .label = "L" } },
	    1, "unknown type" },
	{ { { .name = "x", .type = KAAJ_FIELD_TEXT, .label = "L",
	    .max_len = 0 } }, 1, "max_len" },
	{ { { .name = "x", .type = KAAJ_FIELD_TEXTAREA, .label = "L",
	    .max_len = 65536 } }, 1, "max_len" },
	{ { { .name = "x", .type = KAAJ_FIELD_URL, .label = "L",
	    .max_len = 0 } }, 1, "max_len" },
	{ { { .name = "x", .type = KAAJ_FIELD_INT, .label = "L",
	    .min = 5, .max = 4 } }, 1, "min above max" },
	{ { { .name = "x", .type = KAAJ_FIELD_CHOICE, .label = "L",
	    .choices = NULL } }, 1, "no choices" },
	{ { { .name = "x", .type = KAAJ_FIELD_CHOICE, .label = "L",
	    .choices = no_choices } }, 1, "no choices" },
	{ { { .name = "x", .type = KAAJ_FIELD_CHOICE, .label = "L",
	    .choices = empty_choice } }, 1, "empty choice" },
	{ { { .name = "x", .type = KAAJ_FIELD_CHOICE, .label = "L",
	    .choices = bad_choice_value } }, 1, "not [a-z0-9_]+" },
	{ { { .name = "x", .type = KAAJ_FIELD_CHOICE, .label = "L",
	    .choices = unlabelled_choice } }, 1, "without a label" },
};

/* Each bad form must be refused as campaign fields and as proof fields. */
START_TEST(test_check_bad_field)
{
	struct kaaj_jobtype jt = good_jobtype();
	const char *why;

	jt.campaign_fields = bad_forms[_i].f;
	jt.n_campaign_fields = bad_forms[_i].n;
	why = plugin_check_jobtype(&jt, "good");
	ck_assert_msg(why != NULL && strstr(why, bad_forms[_i].want) != NULL,
	    "campaign case %d: \"%s\" lacks \"%s\"", _i,
	    why != NULL ? why : "(accepted)", bad_forms[_i].want);

	jt = good_jobtype();
	jt.proof_fields = bad_forms[_i].f;
	jt.n_proof_fields = bad_forms[_i].n;
	why = plugin_check_jobtype(&jt, "good");
	ck_assert_msg(why != NULL && strstr(why, bad_forms[_i].want) != NULL,
	    "proof case %d: \"%s\" lacks \"%s\"", _i,
	    why != NULL ? why : "(accepted)", bad_forms[_i].want);
}
END_TEST

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* Campaign fields with a choice and a field that applies to some of it. */
static const struct kaaj_field shown_campaign[] = {
	{ .name = "kind", .type = KAAJ_FIELD_CHOICE, .label = "Kind",
	    .required = 1, .choices = two_choices },
	{ .name = "why", .type = KAAJ_FIELD_TEXT, .label = "Why",
	    .required = 1, .max_len = 9, .shown_if = "kind=no" },
	{ .name = "both", .type = KAAJ_FIELD_TEXT, .label = "Both",
	    .max_len = 9, .shown_if = "kind=yes|no" },
};
static const struct kaaj_field shown_proof[] = {
	{ .name = "note", .type = KAAJ_FIELD_TEXT, .label = "Note",
	    .required = 1, .max_len = 9, .shown_if = "kind=yes" },
};

/* ABI 3: shown_if naming a choice and its values is accepted. */
START_TEST(test_check_shown_if_good)
{
	struct kaaj_jobtype jt = good_jobtype();

	jt.campaign_fields = shown_campaign;
	jt.n_campaign_fields = 3;
	jt.proof_fields = shown_proof;
	jt.n_proof_fields = 1;
	ck_assert_ptr_null(plugin_check_jobtype(&jt, "good"));
}
END_TEST

/* ABI 3: each shown_if below is refused for the reason in want. */
static const struct {
	int proof;		/* set on the proof field, else on "why" */
	const char *shown_if, *want;
} bad_shown_if[] = {
	{ 0, "kind", "not FIELD=VALUE" },
	{ 0, "=no", "not FIELD=VALUE" },
	{ 0, "kind=", "not FIELD=VALUE" },
	{ 0, "nope=no", "no choice field declared before it" },
	{ 0, "why=no", "no choice field declared before it" },
	{ 0, "both=no", "no choice field declared before it" },
	{ 0, "kind=maybe", "not one of that field's choices" },
	{ 0, "kind=no|", "not one of that field's choices" },
	{ 0, "kind=no|yes|n", "not one of that field's choices" },
	{ 1, "note=yes", "no campaign choice field" },
	{ 1, "why=yes", "no campaign choice field" },
	{ 1, "kind=YES", "not one of that field's choices" },
};

START_TEST(test_check_shown_if_bad)
{
	struct kaaj_field campaign[3], proof[1];
	struct kaaj_jobtype jt = good_jobtype();
	const char *why;

	memcpy(campaign, shown_campaign, sizeof(campaign));
	memcpy(proof, shown_proof, sizeof(proof));
	if (bad_shown_if[_i].proof)
		proof[0].shown_if = bad_shown_if[_i].shown_if;
	else
		campaign[1].shown_if = bad_shown_if[_i].shown_if;
	jt.campaign_fields = campaign;
	jt.n_campaign_fields = 3;
	jt.proof_fields = proof;
	jt.n_proof_fields = 1;
	why = plugin_check_jobtype(&jt, "good");
	ck_assert_msg(why != NULL && strstr(why, bad_shown_if[_i].want) !=
	    NULL, "case %d (%s): \"%s\" lacks \"%s\"", _i,
	    bad_shown_if[_i].shown_if, why != NULL ? why : "(accepted)",
	    bad_shown_if[_i].want);
}
END_TEST

/* Whether a field applies, as the forms and pages decide it. */
START_TEST(test_field_applies)
{
	const char *names[] = { "kind", "why" };
	const char *values[] = { "no", "" };
	struct kaaj_values kv = { 2, names, values };

	ck_assert_int_eq(field_applies(&shown_campaign[0], &kv), 1);
	ck_assert_int_eq(field_applies(&shown_campaign[1], &kv), 1);
	ck_assert_int_eq(field_applies(&shown_campaign[2], &kv), 1);
	ck_assert_int_eq(field_applies(&shown_proof[0], &kv), 0);
	values[0] = "yes";
	ck_assert_int_eq(field_applies(&shown_campaign[1], &kv), 0);
	ck_assert_int_eq(field_applies(&shown_campaign[2], &kv), 1);
	ck_assert_int_eq(field_applies(&shown_proof[0], &kv), 1);
	values[0] = "";		/* no choice: nothing that depends applies */
	ck_assert_int_eq(field_applies(&shown_campaign[2], &kv), 0);
	kv.n = 0;		/* the choice is missing altogether */
	ck_assert_int_eq(field_applies(&shown_proof[0], &kv), 0);
	ck_assert_int_eq(field_value_listed("yes|no", "no"), 1);
	ck_assert_int_eq(field_value_listed("yes|no", "n"), 0);
	ck_assert_int_eq(field_value_listed("yes|no", "yes|no"), 0);
	ck_assert_int_eq(field_value_listed("yes|no", ""), 0);
}
END_TEST


static Suite *
plugin_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("plugin");

	tc = tcase_create("loaded");
	tcase_add_unchecked_fixture(tc, setup_loaded, teardown_loaded);
	tcase_add_test(tc, test_load_dir);
	tcase_add_test(tc, test_load_dir_refusals);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_signup_declarations);
	tcase_add_loop_test(tc, test_signup_campaign, 0, NELEM(url_cases));
	tcase_add_loop_test(tc, test_signup_proof, 0,
	    NELEM(username_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("dirs");
	tcase_add_test(tc, test_load_missing_dir);
	tcase_add_test(tc, test_load_empty_dir);
	suite_add_tcase(s, tc);

	tc = tcase_create("check");
	tcase_add_test(tc, test_check_good);
	tcase_add_loop_test(tc, test_check_bad_jobtype, 0, N_BAD_JOBTYPES);
	tcase_add_loop_test(tc, test_check_bad_field, 0, NELEM(bad_forms));
	tcase_add_test(tc, test_check_shown_if_good);
	tcase_add_loop_test(tc, test_check_shown_if_bad, 0,
	    NELEM(bad_shown_if));
	tcase_add_test(tc, test_field_applies);
	suite_add_tcase(s, tc);

	return s;
}

/* Run every test; exits 0 when all passed. */
int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(plugin_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
