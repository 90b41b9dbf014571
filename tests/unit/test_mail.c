/*
 * mail_build: addresses, subjects, headers, body; mail_split_command;
 * mail_send / mail_pipe_to with real commands, among them
 * tests/integration/maildir-sendmail; and what the mail queue decides
 * without a database: the wait between tries, and a mail refused before
 * it is queued (tests/integration/t_17_mail_queue.sh has the rest).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* strptime */
#endif

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "base/buf.h"
#include "base/config.h"
#include "accounts/mail.h"
#include "accounts/mail_int.h"
#include "accounts/mail_queue.h"

#define BENGALI "\xe0\xa6\xb8\xe0\xa7\x8d\xe0\xa6\xac\xe0\xa6\xbe" \
	"\xe0\xa6\x97\xe0\xa6\xa4\xe0\xa6\xae"	/* স্বাগতম, "welcome" */
#define SENDMAIL SRCDIR "/tests/integration/maildir-sendmail"

/* A configuration with only what mail needs. */
static struct kaaj_config
test_config(char *sendmail)
{
	struct kaaj_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.site_name = "kaaj";
	cfg.base_url = "http://127.0.0.1:8080";
	cfg.mail_from = "kaaj <noreply@example.com>";
	cfg.sendmail = sendmail;
	return cfg;
}

/* Build a message into out (initialised here); returns mail_build's result. */
static int
build(const struct kaaj_config *cfg, const char *to, const char *subject,
    const char *body, struct buf *out)
{
	buf_init(out);
	return mail_build(cfg, to, subject, body, out);
}

/*
 * The value of header name in msg, continuation lines included, into out;
 * NULL when the header section lacks it.
 */
static char *
header(const char *msg, const char *name, char *out, size_t outlen)
{
	const char *p = msg, *end;
	size_t n = strlen(name);

	while (*p != '\n' && *p != '\0') {
		if (strncmp(p, name, n) == 0 && p[n] == ':' && p[n + 1] == ' ') {
			p += n + 2;
			for (end = p; *end != '\0'; end++)
				if (end[0] == '\n' && end[1] != ' ')
					break;
			snprintf(out, outlen, "%.*s", (int)(end - p), p);
			return out;
		}
		p = strchr(p, '\n');
		ck_assert_ptr_nonnull(p);
		p++;
	}
	return NULL;
}

/* ------------------------------------------------------------ addresses */

static const char *const good_to[] = {
	"a@b.co",
	"bob@example.com",
	"user.name+tag@mail.example.org",
	"o'brien@example.ie",
	"x@localhost",
	"X@LocalHost",
	"a_b-c@sub-domain.example.com.bd",
	/* 64 + 1 + 189 = 254 bytes */
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@"
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.com",
};

START_TEST(test_to_good)
{
	struct kaaj_config cfg = test_config("/bin/true");
	struct buf msg;
	char want[300];

	ck_assert_msg(build(&cfg, good_to[_i], "Hello", "Hi.\n", &msg) == 0,
	    "refused \"%s\"", good_to[_i]);
	snprintf(want, sizeof(want), "\nTo: %s\n", good_to[_i]);
	ck_assert_ptr_nonnull(strstr(msg.data, want));
	buf_free(&msg);
}
END_TEST

static const char *const bad_to[] = {
	"",
	"a@",
	"@b.co",
	"ab.co",
	"a@b",
	"a@bco",
	"a b@c.co",
	" a@b.co",
	"a@b.co ",
	"a@b.co\r\nBcc: victim@example.com",
	"a@b.co\nBcc: victim@example.com",
	"a@b.co\r",
	"a\t@b.co",
	"a@@b.co",
	"a@b@c.co",
	"\"a\"@b.co",
	"\"a b\"@c.co",
	"a@b.co,c@d.co",
	"a@b.co;c@d.co",
	"<a@b.co>",
	"Bob <a@b.co>",
	"a:b@c.co",
	"a@[127.0.0.1]",
	"a(comment)@b.co",
	"a\\b@c.co",
	"a@.b.co",
	"a@b.co.",
	"a@b..co",
	".a@b.co",
	"a.@b.co",
	"a..b@c.co",
	"\xc3\xa4@b.co",
	"a@b\x7f.co",
	/* 65 bytes before the @ */
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b.co",
	/* 64 + 1 + 190 = 255 bytes */
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@"
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.com",
};

START_TEST(test_to_bad)
{
	struct kaaj_config cfg = test_config("/bin/true");
	struct buf msg;

	ck_assert_msg(build(&cfg, bad_to[_i], "Hello", "Hi.\n", &msg) == -1,
	    "accepted \"%s\"", bad_to[_i]);
	ck_assert_uint_eq(msg.len, 0);
	buf_free(&msg);
}
END_TEST

/* A failed build leaves what the buffer held before. */
START_TEST(test_build_keeps_buffer)
{
	struct kaaj_config cfg = test_config("/bin/true");
	struct buf msg;

	buf_init(&msg);
	ck_assert_int_eq(buf_puts(&msg, "before"), 0);
	ck_assert_int_eq(mail_build(&cfg, "a@b", "x", "y", &msg), -1);
	ck_assert_str_eq(msg.data, "before");
	cfg.mail_from = "not an address";
	ck_assert_int_eq(mail_build(&cfg, "a@b.co", "x", "y", &msg), -1);
	ck_assert_str_eq(msg.data, "before");
	ck_assert_uint_eq(msg.len, 6);
	buf_free(&msg);
}
END_TEST

/* mail_compose says why it refuses, and keeps the buffer as it was. */
START_TEST(test_compose_reasons)
{
	static const struct {
		char *from;
		const char *to, *subject, *want;
	} cases[] = {
		{ "kaaj <noreply@example.com>", "a@b", "Hi",
		    "the recipient address must have a dot in its domain "
		    "(or be @localhost)" },
		{ "kaaj <noreply@example.com>", "a@b.co", "Hi\nBcc: x@y.co",
		    "subject holds a control character" },
		{ "kaaj <noreply>", "a@b.co", "Hi",
		    "mail.from must be an address or \"Name <address>\"" },
	};
	struct kaaj_config cfg = test_config("/bin/true");
	struct buf msg;
	char err[200];
	size_t i;

	buf_init(&msg);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cfg.mail_from = cases[i].from;
		err[0] = '\0';
		ck_assert_int_eq(mail_compose(&cfg, cases[i].to,
		    cases[i].subject, "x\n", &msg, err, sizeof(err)), -1);
		ck_assert_str_eq(err, cases[i].want);
		ck_assert_uint_eq(msg.len, 0);
	}
	cfg.mail_from = "kaaj <noreply@example.com>";
	ck_assert_int_eq(mail_compose(&cfg, "a@b.co", "Hi", "x\n", &msg, err,
	    sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(msg.data, "\nTo: a@b.co\n"));
	buf_free(&msg);
}
END_TEST

/* ------------------------------------------------------------ subjects */

static const char *const bad_subject[] = {
	"Hello\r\nBcc: x@example.com",
	"Hello\nBcc: x@example.com",
	"Hello\r",
	"tab\there",
	"bell\a",
	"del\x7f",
	"C1 \xc2\x85 next line",
	"C1 \xc2\x9f",
};

START_TEST(test_subject_bad)
{
	struct kaaj_config cfg = test_config("/bin/true");
	struct buf msg;

	ck_assert_int_eq(build(&cfg, "a@b.co", bad_subject[_i], "x\n", &msg),
	    -1);
	buf_free(&msg);
}
END_TEST

START_TEST(test_subject_length)
{
	struct kaaj_config cfg = test_config("/bin/true");
	char subject[202];
	struct buf msg;

	memset(subject, 'a', 200);
	subject[200] = '\0';
	ck_assert_int_eq(build(&cfg, "a@b.co", subject, "x\n", &msg), 0);
	buf_free(&msg);
	subject[200] = 'a';
	subject[201] = '\0';
	ck_assert_int_eq(build(&cfg, "a@b.co", subject, "x\n", &msg), -1);
	buf_free(&msg);
}
END_TEST

START_TEST(test_subject_ascii_plain)
{
	struct kaaj_config cfg = test_config("/bin/true");
	struct buf msg;
	char v[300];

	ck_assert_int_eq(build(&cfg, "a@b.co", "Activate your kaaj account",
	    "x\n", &msg), 0);
	ck_assert_str_eq(header(msg.data, "Subject", v, sizeof(v)),
	    "Activate your kaaj account");
	buf_free(&msg);
	ck_assert_int_eq(build(&cfg, "a@b.co", "", "x\n", &msg), 0);
	ck_assert_str_eq(header(msg.data, "Subject", v, sizeof(v)), "");
	buf_free(&msg);
}
END_TEST

/*
 * Decode the encoded words of header value v into out; check that each is
 * "=?UTF-8?B?...?=" of at most 75 characters, on a line of at most 76
 * with its header name (prefix bytes), and holds whole UTF-8 characters.
 */
static void
decode_words(const char *v, size_t prefix, char *out, size_t outlen)
{
	const char *p = v, *end;
	size_t used = 0, n, line = prefix;

	for (;;) {
		ck_assert_msg(strncmp(p, "=?UTF-8?B?", 10) == 0, "at \"%s\"", p);
		end = strstr(p + 10, "?=");
		ck_assert_ptr_nonnull(end);
		ck_assert_uint_le((size_t)(end + 2 - p), 75);
		ck_assert_uint_le(line + (size_t)(end + 2 - p), 76);
		ck_assert_int_eq(sodium_base642bin((unsigned char *)out + used,
		    outlen - used - 1, p + 10, (size_t)(end - p - 10), NULL, &n,
		    NULL, sodium_base64_VARIANT_ORIGINAL), 0);
		ck_assert_uint_gt(n, 0);
		ck_assert_msg(((unsigned char)out[used] & 0xc0) != 0x80,
		    "a word starts inside a character");
		used += n;
		p = end + 2;
		if (*p == '\0')
			break;
		ck_assert_msg(strncmp(p, "\n ", 2) == 0, "words not folded: %s",
		    p);
		p += 2;
		line = 1;
	}
	out[used] = '\0';
}

START_TEST(test_subject_bengali)
{
	static const char *const subjects[] = {
		BENGALI,
		BENGALI " " BENGALI " kaaj " BENGALI " " BENGALI " " BENGALI
		    " " BENGALI " " BENGALI,
		"ASCII that looks like =?UTF-8?B?eA==?= an encoded word",
	};
	struct kaaj_config cfg = test_config("/bin/true");
	char v[1024], text[512];
	struct buf msg;
	size_t i;

	for (i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
		ck_assert_int_eq(build(&cfg, "a@b.co", subjects[i], "x\n",
		    &msg), 0);
		ck_assert_ptr_nonnull(header(msg.data, "Subject", v,
		    sizeof(v)));
		decode_words(v, strlen("Subject: "), text, sizeof(text));
		ck_assert_str_eq(text, subjects[i]);
		buf_free(&msg);
	}
}
END_TEST

/* ------------------------------------------------------------ headers */

START_TEST(test_headers)
{
	static const char *const order[] = {
		"From: ", "To: ", "Subject: ", "Date: ", "Message-ID: ",
		"MIME-Version: ", "Content-Type: ", "Content-Transfer-Encoding: ",
	};
	struct kaaj_config cfg = test_config("/bin/true");
	const char *body = "Hello Bob,\n\n.\n..a line with dots\nhttp://x/activate?t=1\n";
	const char *p;
	char v[300], host[64], hex[64];
	struct buf msg;
	struct tm tm;
	size_t i;
	time_t t;

	ck_assert_int_eq(build(&cfg, "bob@example.com", "Welcome", body,
	    &msg), 0);
	p = msg.data;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		ck_assert_msg(strncmp(p, order[i], strlen(order[i])) == 0,
		    "header %zu is not %s: %s", i, order[i], p);
		p = strchr(p, '\n') + 1;
	}
	ck_assert_msg(*p == '\n', "no blank line after the headers");
	ck_assert_str_eq(p + 1, body);
	ck_assert_ptr_null(strchr(msg.data, '\r'));

	ck_assert_str_eq(header(msg.data, "From", v, sizeof(v)),
	    "kaaj <noreply@example.com>");
	ck_assert_str_eq(header(msg.data, "MIME-Version", v, sizeof(v)), "1.0");
	ck_assert_str_eq(header(msg.data, "Content-Type", v, sizeof(v)),
	    "text/plain; charset=utf-8");
	ck_assert_str_eq(header(msg.data, "Content-Transfer-Encoding", v,
	    sizeof(v)), "8bit");

	header(msg.data, "Date", v, sizeof(v));
	memset(&tm, 0, sizeof(tm));
	p = strptime(v, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	ck_assert_msg(p != NULL && *p == '\0', "bad Date: %s", v);
	t = timegm(&tm);
	ck_assert_msg(t <= time(NULL) && t >= time(NULL) - 60, "Date: %s", v);

	header(msg.data, "Message-ID", v, sizeof(v));
	ck_assert_int_eq(sscanf(v, "<%63[0-9a-f]@%63[^>]>", hex, host), 2);
	ck_assert_uint_eq(strlen(hex), 32);
	ck_assert_str_eq(host, "127.0.0.1");
	buf_free(&msg);
}
END_TEST

static const struct {
	char *base_url;
	const char *host;
} id_hosts[] = {
	{ "http://127.0.0.1:8080", "127.0.0.1" },
	{ "https://jobs.example.com", "jobs.example.com" },
	{ "https://user@jobs.example.com:8443/kaaj", "jobs.example.com" },
	{ "http://[::1]:8080", "localhost" },
	{ NULL, "localhost" },
};

START_TEST(test_message_id_host)
{
	struct kaaj_config cfg = test_config("/bin/true");
	char v[300], hex[64], host[64];
	struct buf msg, again;

	cfg.base_url = id_hosts[_i].base_url;
	ck_assert_int_eq(build(&cfg, "a@b.co", "x", "y\n", &msg), 0);
	header(msg.data, "Message-ID", v, sizeof(v));
	ck_assert_int_eq(sscanf(v, "<%63[0-9a-f]@%63[^>]>", hex, host), 2);
	ck_assert_str_eq(host, id_hosts[_i].host);
	ck_assert_int_eq(build(&cfg, "a@b.co", "x", "y\n", &again), 0);
	ck_assert_str_ne(header(again.data, "Message-ID", v, sizeof(v)), hex);
	buf_free(&msg);
	buf_free(&again);
}
END_TEST

START_TEST(test_body)
{
	struct kaaj_config cfg = test_config("/bin/true");
	struct buf msg;
	const char *p;

	ck_assert_int_eq(build(&cfg, "a@b.co", "x", "no line end", &msg), 0);
	p = strstr(msg.data, "\n\n");
	ck_assert_str_eq(p + 2, "no line end\n");
	buf_free(&msg);
	ck_assert_int_eq(build(&cfg, "a@b.co", "x", "", &msg), 0);
	ck_assert_str_eq(strstr(msg.data, "\n\n"), "\n\n");
	buf_free(&msg);
	ck_assert_int_eq(build(&cfg, "a@b.co", "x", BENGALI "\n.\n", &msg), 0);
	ck_assert_str_eq(strstr(msg.data, "\n\n") + 2, BENGALI "\n.\n");
	buf_free(&msg);
}
END_TEST

START_TEST(test_from)
{
	struct kaaj_config cfg = test_config("/bin/true");
	static char *const bad[] = {
		"", "kaaj", "kaaj <noreply>", "kaaj <noreply@example.com",
		"kaaj <a@b.co>\nBcc: x@y.co", "<a@b.co> trailing",
	};
	char v[300], text[200];
	struct buf msg;
	size_t i;

	cfg.mail_from = "noreply@example.com";
	ck_assert_int_eq(build(&cfg, "a@b.co", "x", "y\n", &msg), 0);
	ck_assert_str_eq(header(msg.data, "From", v, sizeof(v)),
	    "noreply@example.com");
	buf_free(&msg);

	cfg.mail_from = "\"" BENGALI "\" <noreply@example.com>";
	ck_assert_int_eq(build(&cfg, "a@b.co", "x", "y\n", &msg), 0);
	header(msg.data, "From", v, sizeof(v));
	ck_assert_msg(strstr(v, " <noreply@example.com>") != NULL, "%s", v);
	*strstr(v, " <") = '\0';
	decode_words(v, strlen("From: "), text, sizeof(text));
	ck_assert_str_eq(text, BENGALI);
	buf_free(&msg);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cfg.mail_from = bad[i];
		ck_assert_msg(build(&cfg, "a@b.co", "x", "y\n", &msg) == -1,
		    "accepted From \"%s\"", bad[i]);
		buf_free(&msg);
	}
}
END_TEST

/* ------------------------------------------------------------ commands */

START_TEST(test_split)
{
	char *argv[MAIL_MAX_WORDS + 1], err[200];
	char line[400];
	int i;

	strcpy(line, "/usr/sbin/sendmail -t -i");
	ck_assert_int_eq(mail_split_command(line, argv, err, sizeof(err)), 3);
	ck_assert_str_eq(argv[0], "/usr/sbin/sendmail");
	ck_assert_str_eq(argv[1], "-t");
	ck_assert_str_eq(argv[2], "-i");
	ck_assert_ptr_null(argv[3]);

	strcpy(line, " \t/x  \t -f\t\tnoreply@example.com  ");
	ck_assert_int_eq(mail_split_command(line, argv, err, sizeof(err)), 3);
	ck_assert_str_eq(argv[0], "/x");
	ck_assert_str_eq(argv[1], "-f");
	ck_assert_str_eq(argv[2], "noreply@example.com");
	ck_assert_ptr_null(argv[3]);

	strcpy(line, "/x");
	for (i = 1; i < MAIL_MAX_WORDS; i++)
		strcat(line, " w");
	ck_assert_int_eq(mail_split_command(line, argv, err, sizeof(err)),
	    MAIL_MAX_WORDS);
	ck_assert_ptr_null(argv[MAIL_MAX_WORDS]);
	strcat(strcpy(line, "/x"), " 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16");
	ck_assert_int_eq(mail_split_command(line, argv, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "mail.sendmail has more than 16 words");

	strcpy(line, " \t ");
	ck_assert_int_eq(mail_split_command(line, argv, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "mail.sendmail is empty");
	strcpy(line, "sendmail -t -i");
	ck_assert_int_eq(mail_split_command(line, argv, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "mail.sendmail must start with an absolute path");
}
END_TEST

/* Read the one file in dir into a new string; remove it and dir. */
static char *
take_only_file(const char *dir)
{
	char path[1400], *text;
	struct dirent *e;
	DIR *d;
	FILE *f;
	long size;
	int n = 0;

	ck_assert_ptr_nonnull(d = opendir(dir));
	path[0] = '\0';
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		n++;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
	}
	closedir(d);
	ck_assert_int_eq(n, 1);
	ck_assert_msg(strlen(path) > 4 &&
	    strcmp(path + strlen(path) - 4, ".eml") == 0, "%s", path);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	ck_assert_ptr_nonnull(text = calloc(1, (size_t)size + 1));
	ck_assert_uint_eq(fread(text, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	unlink(path);
	rmdir(dir);
	return text;
}

START_TEST(test_send_maildir)
{
	char dir[] = "/tmp/kaaj-mail-XXXXXX", cmd[1024], err[300] = "";
	char sub[1100], *text;
	const char *body = "Hello Bob,\n\n.\nhttp://127.0.0.1:8080/activate?t=ab\n";
	const char *head = "From: kaaj <noreply@example.com>\n"
	    "To: bob@example.com\nSubject: =?UTF-8?B?";
	struct kaaj_config cfg;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "%s  %s\t-t -i -f noreply@example.com",
	    SENDMAIL, dir);
	cfg = test_config(cmd);
	ck_assert_msg(mail_send(&cfg, "bob@example.com", BENGALI, body, err,
	    sizeof(err)) == 0, "%s", err);
	snprintf(sub, sizeof(sub), "%s/tmp", dir);
	ck_assert_int_eq(rmdir(sub), 0);	/* empty */
	snprintf(sub, sizeof(sub), "%s/new", dir);
	text = take_only_file(sub);
	ck_assert_int_eq(rmdir(dir), 0);
	ck_assert_msg(strncmp(text, head, strlen(head)) == 0, "%s", text);
	ck_assert_str_eq(strstr(text, "\n\n") + 2, body);
	free(text);
}
END_TEST

START_TEST(test_send_failures)
{
	static const struct {
		char *sendmail;
		const char *to, *want;
	} cases[] = {
		{ "/bin/false", "a@b.co", "/bin/false failed with exit status 1" },
		{ "false", "a@b.co", "mail.sendmail must start with an absolute path" },
		{ "/nonexistent/sendmail -t -i", "a@b.co",
		    "could not run /nonexistent/sendmail: " },
		{ "/etc/passwd -t", "a@b.co", "could not run /etc/passwd" },
		{ "/bin/false", "a@b.co\nBcc: x@y.co", "the recipient address must" },
	};
	struct kaaj_config cfg;
	char err[300];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cfg = test_config(cases[i].sendmail);
		err[0] = '\0';
		ck_assert_int_eq(mail_send(&cfg, cases[i].to, "Hi", "x\n", err,
		    sizeof(err)), -1);
		ck_assert_msg(strstr(err, cases[i].want) != NULL,
		    "%s: \"%s\" lacks \"%s\"", cases[i].sendmail, err,
		    cases[i].want);
	}
}
END_TEST

/* Milliseconds since some fixed point. */
static long long
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* No child of ours is left, running or as a zombie. */
static void
assert_no_children(void)
{
	ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
}

START_TEST(test_timeout)
{
	char *sleeper[] = { "/bin/sleep", "60", NULL };
	size_t big_len = 1 << 20;
	char err[300] = "", *big;
	long long t0;

	/* Waiting: the command reads nothing and the message fits the pipe. */
	t0 = ms_now();
	ck_assert_int_eq(mail_pipe_to(sleeper, "To: a@b.co\n\nx\n", 14, 300,
	    err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "sendmail timed out") != NULL, "%s", err);
	ck_assert_int_lt(ms_now() - t0, 2000);
	ck_assert_int_ge(ms_now() - t0, 250);
	assert_no_children();

	/* Writing: a message the pipe cannot hold, never read. */
	ck_assert_ptr_nonnull(big = malloc(big_len));
	memset(big, 'x', big_len);
	t0 = ms_now();
	ck_assert_int_eq(mail_pipe_to(sleeper, big, big_len, 300, err,
	    sizeof(err)), -1);
	ck_assert_msg(strstr(err, "sendmail timed out") != NULL, "%s", err);
	ck_assert_int_lt(ms_now() - t0, 2000);
	assert_no_children();
	free(big);
}
END_TEST

START_TEST(test_big_and_early_exit)
{
	char *cat[] = { "/bin/cat", NULL }, *true_[] = { "/bin/true", NULL };
	char *killed[] = { "/bin/sh", "-c", "kill -KILL $$", NULL };
	size_t big_len = 4 << 20;
	char err[300] = "", *big;

	ck_assert_ptr_nonnull(big = malloc(big_len));
	memset(big, 'x', big_len);
	ck_assert_msg(mail_pipe_to(cat, big, big_len, 10000, err,
	    sizeof(err)) == 0, "%s", err);
	/* SIGPIPE is not ignored here: EPIPE must not kill the test. */
	ck_assert_int_eq(mail_pipe_to(true_, big, big_len, 10000, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err,
	    "/bin/true exited before reading the whole message");
	ck_assert_int_eq(mail_pipe_to(killed, "x", 1, 10000, err,
	    sizeof(err)), -1);
	ck_assert_msg(strstr(err, "/bin/sh was killed by signal 9") == err,
	    "%s", err);
	assert_no_children();
	free(big);
}
END_TEST

/*
 * The command gets the message on stdin, /dev/null as stdout, no other
 * descriptor of ours, and SIGPIPE not ignored even when we ignore it.
 */
START_TEST(test_child_environment)
{
	char script[600], err[300] = "";
	char *argv[] = { "/bin/sh", "-c", script, NULL };
	struct sigaction ign, old;
	int extra;

	extra = fcntl(open("/dev/null", O_RDONLY), F_DUPFD, 20);
	ck_assert_int_ge(extra, 20);
	snprintf(script, sizeof(script),
	    "[ \"$(cat)\" = message ] || exit 4; "
	    "[ -e /proc/self/fd/%d ] && exit 5; "
	    "[ /proc/self/fd/1 -ef /dev/null ] || exit 6; "
	    "while read -r k v; do "
	    "[ \"$k\" = SigIgn: ] && [ $((0x$v & 0x1000)) -ne 0 ] && exit 7; "
	    "done </proc/self/status; exit 0", extra);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	ck_assert_msg(mail_pipe_to(argv, "message", 7, 10000, err,
	    sizeof(err)) == 0, "%s", err);
	sigaction(SIGPIPE, &old, NULL);
	close(extra);
}
END_TEST

/* The wait after each failed try: doubling, at most a day. */
START_TEST(test_retry_seconds)
{
	struct kaaj_config cfg = test_config(SENDMAIL);

	cfg.mail_retry_minutes = 5;
	ck_assert_int_eq(mail_retry_seconds(&cfg, 1), 300);
	ck_assert_int_eq(mail_retry_seconds(&cfg, 2), 600);
	ck_assert_int_eq(mail_retry_seconds(&cfg, 3), 1200);
	ck_assert_int_eq(mail_retry_seconds(&cfg, 4), 2400);
	ck_assert_int_eq(mail_retry_seconds(&cfg, 9), 76800);
	ck_assert_int_eq(mail_retry_seconds(&cfg, 10), MAIL_RETRY_MAX_SECONDS);
	ck_assert_int_eq(mail_retry_seconds(&cfg, 100),
	    MAIL_RETRY_MAX_SECONDS);
	cfg.mail_retry_minutes = 1;
	ck_assert_int_eq(mail_retry_seconds(&cfg, 1), 60);
	ck_assert_int_eq(mail_retry_seconds(&cfg, 11), 61440);
	ck_assert_int_eq(mail_retry_seconds(&cfg, 12), MAIL_RETRY_MAX_SECONDS);
	cfg.mail_retry_minutes = 1440;
	ck_assert_int_eq(mail_retry_seconds(&cfg, 1), MAIL_RETRY_MAX_SECONDS);
	ck_assert_int_eq(mail_retry_seconds(&cfg, 3), MAIL_RETRY_MAX_SECONDS);
}
END_TEST

/*
 * A mail that could never be sent is refused before anything is written
 * (no database is needed to see it), with mail_build's reason.
 */
START_TEST(test_queue_refuses)
{
	struct kaaj_config cfg = test_config(SENDMAIL);
	char err[160] = "";

	ck_assert_int_eq(mail_queue_add(NULL, &cfg, "nobody.example.com",
	    "Hello", "body", err, sizeof(err)), -1);
	ck_assert_str_eq(err, "the recipient address must hold exactly one @");
	ck_assert_int_eq(mail_queue_add(NULL, &cfg, "a@b.co", "Two\nlines",
	    "body", err, sizeof(err)), -1);
	ck_assert_str_eq(err, "subject holds a control character");
	cfg.mail_from = "not an address";
	ck_assert_int_eq(mail_queue_add(NULL, &cfg, "a@b.co", "Hello", "body",
	    err, sizeof(err)), -1);
	ck_assert_str_eq(err,
	    "mail.from must be an address or \"Name <address>\"");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("mail");
	TCase *tc = tcase_create("build");
	TCase *tr = tcase_create("run");
	SRunner *sr;
	int failed;

	if (sodium_init() < 0)
		return EXIT_FAILURE;
	tcase_add_loop_test(tc, test_to_good, 0,
	    sizeof(good_to) / sizeof(good_to[0]));
	tcase_add_loop_test(tc, test_to_bad, 0,
	    sizeof(bad_to) / sizeof(bad_to[0]));
	tcase_add_test(tc, test_build_keeps_buffer);
	tcase_add_test(tc, test_compose_reasons);
	tcase_add_loop_test(tc, test_subject_bad, 0,
	    sizeof(bad_subject) / sizeof(bad_subject[0]));
	tcase_add_test(tc, test_subject_length);
	tcase_add_test(tc, test_subject_ascii_plain);
	tcase_add_test(tc, test_subject_bengali);
	tcase_add_test(tc, test_headers);
	tcase_add_loop_test(tc, test_message_id_host, 0,
	    sizeof(id_hosts) / sizeof(id_hosts[0]));
	tcase_add_test(tc, test_body);
	tcase_add_test(tc, test_from);
	tcase_add_test(tc, test_retry_seconds);
	tcase_add_test(tc, test_queue_refuses);
	suite_add_tcase(s, tc);
	tcase_add_test(tr, test_split);
	tcase_add_test(tr, test_send_maildir);
	tcase_add_test(tr, test_send_failures);
	tcase_add_test(tr, test_timeout);
	tcase_add_test(tr, test_big_and_early_exit);
	tcase_add_test(tr, test_child_environment);
	tcase_set_timeout(tr, 20);
	suite_add_tcase(s, tr);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
