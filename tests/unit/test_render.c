/*
 * Golden-file tests of the templates: each tests/golden/NAME.hdf is
 * rendered through its template and compared byte for byte with
 * NAME.gold. Run with KAAJ_GOLDEN_UPDATE=1 to write the .gold files after
 * a deliberate change, then read the diff before committing it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/render.h"

static const struct {
	const char *name;	/* tests/golden/NAME.hdf and NAME.gold */
	const char *template;
} golden[] = {
	{ "home", "home.cs" },
	{ "home_empty", "home.cs" },
	{ "job", "job.cs" },
	{ "jobtypes", "jobtypes.cs" },
	{ "admin", "admin.cs" },
	{ "error_404", "error.cs" },
	{ "register_errors", "register.cs" },
	{ "login_banned", "login.cs" },
	{ "settings", "settings.cs" },
	{ "link_used", "link_problem.cs" },
	{ "error_429", "error.cs" },
	{ "wallet_withdraw_errors", "wallet.cs" },
	{ "wallet_deposit_errors", "wallet.cs" },
	{ "statement", "statement.cs" },
	{ "statement_empty", "statement.cs" },
	{ "admin_deposits", "admin_deposits.cs" },
	{ "admin_deposits_conflict", "admin_deposits.cs" },
	{ "admin_withdrawals", "admin_withdrawals.cs" },
	{ "campaigns", "campaigns.cs" },
	{ "campaign", "campaign.cs" },
	{ "campaign_stopped", "campaign.cs" },
	{ "campaign_types", "campaign_new.cs" },
	{ "campaign_form_errors", "campaign_new.cs" },
	{ "campaign_preview", "campaign_preview.cs" },
	{ "admin_campaigns", "admin_campaigns.cs" },
	{ "admin_campaign_search", "admin_campaigns.cs" },
	{ "admin_campaign", "admin_campaign.cs" },
	/* The worker's side. */
	{ "job_claim", "job.cs" },
	{ "job_taken", "job.cs" },
	{ "tasks", "tasks.cs" },
	{ "task_proof_errors", "task.cs" },
	{ "task_dispute", "task.cs" },
	{ "notifications", "notifications.cs" },
	{ "dashboard", "dashboard.cs" },
	{ "admin_disputes", "admin_disputes.cs" },
	{ "admin_fraud", "admin_fraud.cs" },
	{ "admin_fraud_section", "admin_fraud.cs" },
	/* Outgoing mail. */
	{ "admin_mail", "admin_mail.cs" },
	/* The audit log. */
	{ "admin_audit", "admin_audit.cs" },
	{ "admin_audit_errors", "admin_audit.cs" },
	{ "admin_jobtypes", "admin_jobtypes.cs" },
};

static struct render_env env;

static void
setup(void)
{
	char err[512];
	NEOERR *nerr = nerr_init();

	nerr_ignore(&nerr);
	ck_assert_msg(render_env_init(&env, SRCDIR "/templates", "en", err,
	    sizeof(err)) == 0, "%s", err);
}

static void
teardown(void)
{
	render_env_free(&env);
}

/* Render golden case i into out. */
static void
render_case(int i, struct buf *out)
{
	char path[1024], err[512];
	NEOERR *nerr;
	HDF *hdf;

	hdf = render_page_new(&env, "en");
	ck_assert_ptr_nonnull(hdf);
	snprintf(path, sizeof(path), SRCDIR "/tests/golden/%s.hdf",
	    golden[i].name);
	nerr = hdf_read_file(hdf, path);
	ck_assert_msg(nerr == STATUS_OK, "cannot read %s", path);
	ck_assert_msg(render_page(&env, hdf, golden[i].template, out, err,
	    sizeof(err)) == 0, "%s", err);
	hdf_destroy(&hdf);
}

/* Read a whole file into b; -1 when it cannot be read. */
static int
slurp(const char *path, struct buf *b)
{
	char chunk[4096];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	return 0;
}

START_TEST(test_golden)
{
	struct buf out, want;
	char path[1024];
	FILE *f;

	buf_init(&out);
	buf_init(&want);
	render_case(_i, &out);
	snprintf(path, sizeof(path), SRCDIR "/tests/golden/%s.gold",
	    golden[_i].name);
	if (getenv("KAAJ_GOLDEN_UPDATE") != NULL) {
		f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		fwrite(out.data, 1, out.len, f);
		fclose(f);
	}
	ck_assert_msg(slurp(path, &want) == 0, "missing %s", path);
	ck_assert_msg(out.len == want.len &&
	    memcmp(out.data, want.data, out.len) == 0,
	    "%s differs from its rendering:\n%s", path, out.data);
	buf_free(&out);
	buf_free(&want);
}
END_TEST

/* Whatever a user typed must reach the page escaped, in every template. */
START_TEST(test_escaping)
{
	struct buf out;

	buf_init(&out);
	render_case(_i, &out);
	ck_assert_msg(strstr(out.data, "<script>") == NULL &&
	    strstr(out.data, "<img src=x") == NULL &&
	    strstr(out.data, "<b>now") == NULL &&
	    strstr(out.data, "<b>zed") == NULL &&
	    strstr(out.data, "<i>again") == NULL,
	    "%s renders markup unescaped", golden[_i].name);
	buf_free(&out);
}
END_TEST

START_TEST(test_escaped_forms)
{
	struct buf out;

	buf_init(&out);
	render_case(0, &out);	/* home */
	ck_assert_ptr_nonnull(strstr(out.data,
	    "Sign up &amp; confirm &lt;b&gt;now&lt;/b&gt;"));
	ck_assert_ptr_nonnull(strstr(out.data, "&quot;Quoted&quot; title&#39;s"));
	buf_reset(&out);
	render_case(2, &out);	/* job: a URL inside an attribute */
	ck_assert_ptr_nonnull(strstr(out.data,
	    "href=\"https://example.com/join?a=1&amp;b=&quot;2&quot;\""));
	buf_reset(&out);
	render_case(7, &out);	/* login: typed text kept, escaped, no password */
	ck_assert_ptr_nonnull(strstr(out.data,
	    "value=\"carol&quot;&gt;&lt;script&gt;\""));
	ck_assert_ptr_null(strstr(out.data, "type=\"password\" value="));
	buf_reset(&out);
	render_case(6, &out);	/* register: the country stays chosen */
	ck_assert_ptr_nonnull(strstr(out.data,
	    "<option value=\"BD\" selected>Bangladesh</option>"));
	ck_assert_ptr_nonnull(strstr(out.data, "<noscript>"));
	buf_free(&out);
}
END_TEST

START_TEST(test_unknown_language_falls_back)
{
	HDF *hdf = render_page_new(&env, "xx");

	ck_assert_ptr_nonnull(hdf);
	ck_assert_str_eq(render_lang(hdf, "Error.404.Title"), "Page not found");
	ck_assert_str_eq(render_lang(hdf, "No.Such.Key"), "");
	hdf_destroy(&hdf);
}
END_TEST

/* Write text to dir/name. */
static void
put_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

/* Render dir's t.cs with hdf into a fresh string (freed by the caller). */
static char *
render_t(struct render_env *e, HDF *hdf)
{
	char err[512];
	struct buf out;
	char *s;

	buf_init(&out);
	ck_assert_msg(render_page(e, hdf, "t.cs", &out, err, sizeof(err)) == 0,
	    "%s", err);
	s = strdup(out.data != NULL ? out.data : "");
	buf_free(&out);
	return s;
}

/* Render dir's t.cs with hdf and check that it gives want. */
static void
expect_t(struct render_env *e, HDF *hdf, const char *want)
{
	char *s = render_t(e, hdf);

	ck_assert_str_eq(s, want);
	free(s);
}

/*
 * Make a template folder in dir (a mkdtemp pattern): English and Bangla
 * strings Lang.Hi and the template t.cs holding text.
 */
static void
site_make(char *dir, const char *text)
{
	char sub[300];

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/lang", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	put_file(sub, "en.hdf", "Lang.Hi = Hello\n");
	put_file(sub, "bn.hdf", "Lang.Hi = Nomoskar\n");
	put_file(dir, "t.cs", text);
}

/* Remove what site_make made. */
static void
site_remove(const char *dir)
{
	char sub[300];

	snprintf(sub, sizeof(sub), "%s/lang/en.hdf", dir);
	unlink(sub);
	snprintf(sub, sizeof(sub), "%s/lang/bn.hdf", dir);
	unlink(sub);
	snprintf(sub, sizeof(sub), "%s/t.cs", dir);
	unlink(sub);
	snprintf(sub, sizeof(sub), "%s/lang", dir);
	rmdir(sub);
	rmdir(dir);
}

/*
 * A parsed template is rendered again with each page's own data and
 * language, and read from disk again once forgotten (SIGHUP).
 */
START_TEST(test_parsed_once)
{
	char dir[] = "/tmp/kaaj-render-XXXXXX", err[512], *a, *b;
	struct render_env e;
	HDF *h1, *h2;

	site_make(dir, "<?cs var:Lang.Hi ?> <?cs var:Who ?>");
	ck_assert_msg(render_env_init(&e, dir, "en", err, sizeof(err)) == 0,
	    "%s", err);
	h1 = render_page_new(&e, "en");
	h2 = render_page_new(&e, "bn");
	render_set(h1, "Who", "<rahim>");
	render_set(h2, "Who", "karim");
	a = render_t(&e, h1);
	b = render_t(&e, h2);
	ck_assert_str_eq(a, "Hello &lt;rahim&gt;");
	ck_assert_str_eq(b, "Nomoskar karim");
	free(a);
	free(b);
	/* Changed on disk: the parsed copy serves until it is forgotten. */
	put_file(dir, "t.cs", "changed <?cs var:Who ?>");
	a = render_t(&e, h2);
	ck_assert_str_eq(a, "Nomoskar karim");
	free(a);
	render_forget_templates(&e);
	a = render_t(&e, h2);
	ck_assert_str_eq(a, "changed karim");
	free(a);
	hdf_destroy(&h1);
	hdf_destroy(&h2);
	render_env_free(&e);
	site_remove(dir);
}
END_TEST

/*
 * Shared data reaches every page in every language, escaped; a page's own
 * value wins; unshared, it is gone; the strings cannot be replaced.
 */
START_TEST(test_shared)
{
	char dir[] = "/tmp/kaaj-render-XXXXXX", err[512];
	struct render_env e;
	HDF *h1, *h2;

	site_make(dir, "<?cs each:t = Kinds ?><?cs var:t.Name ?>,<?cs /each ?>"
	    " <?cs var:Site.Name ?> <?cs var:Lang.Hi ?>");
	ck_assert_msg(render_env_init(&e, dir, "en", err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_int_eq(render_share(&e, "Kinds.0.Name", "a<b"), 0);
	ck_assert_int_eq(render_share(&e, "Kinds.1.Name", "c"), 0);
	ck_assert_int_eq(render_share(&e, "Site.Name", "Shared"), 0);
	ck_assert_int_eq(render_share(&e, "Lang.Hi", "Replaced"), -1);
	h1 = render_page_new(&e, "en");
	h2 = render_page_new(&e, "bn");
	render_set(h2, "Site.Name", "Own");
	expect_t(&e, h1, "a&lt;b,c, Shared Hello");
	expect_t(&e, h2, "a&lt;b,c, Own Nomoskar");
	render_unshare(&e, "Kinds");
	render_unshare(&e, "Lang");
	expect_t(&e, h1, " Shared Hello");
	hdf_destroy(&h1);
	hdf_destroy(&h2);
	render_env_free(&e);
	site_remove(dir);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("templates");
	SRunner *sr;
	int failed, n = (int)(sizeof(golden) / sizeof(golden[0]));

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_golden, 0, n);
	tcase_add_loop_test(tc, test_escaping, 0, n);
	tcase_add_test(tc, test_escaped_forms);
	tcase_add_test(tc, test_unknown_language_falls_back);
	tcase_add_test(tc, test_parsed_once);
	tcase_add_test(tc, test_shared);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
