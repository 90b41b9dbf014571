/*
 * The job-type table tests: every plugin that the build made is loaded
 * through the real loader and run against its case file,
 * tests/plugins/cases/NAME.cases. A plugin without a case file fails, so
 * every job type is tested.
 *
 * A case file holds one case a line, fields separated by one TAB:
 *
 *	campaign|proof <TAB> ok|FIELD <TAB> name=value <TAB> name=value ...
 *
 * Column 1 says which form the values fill; column 2 is "ok" when the
 * values must pass, else the name of the field the refusal must name,
 * whether the core's generic checks or the plugin's validator refuse.
 * Then come name=value pairs, split at the first '=', values as they are
 * (no TABs, no newlines, may be empty or hold '='); a declared field not
 * given is empty. Empty lines and lines starting with '#' are skipped.
 *
 * A proof line is checked against the values of the file's FIRST
 * "campaign ok" line. A proof line may change some of them for itself
 * with "campaign.FIELD=value" pairs; that changed campaign must pass too.
 *
 * Each case gets the core's generic check first, field_check() of
 * cgi-bin/base/field.c, the one the campaign form and the proof page
 * call: required, max_len, control characters, whole-number range,
 * choice membership, kaaj_url_check() for URL fields; screenshot fields
 * are ignored (a value given for one is not used).
 * Only values that pass them reach the plugin's validator, as in the
 * core.
 */
#include <sys/stat.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/field.h"
#include "base/plugin.h"

#define BUILT_DIR	BUILDDIR "/plugins/.libs"
#define CASES_DIR	"tests/plugins/cases"	/* under SRCDIR */
#define DIR_TEMPLATE	"/tmp/kaaj-jobtypes-XXXXXX"
#define FIELDS_MAX	32	/* as plugin_check_jobtype allows */
#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* One line of a case file. */
struct tcase_line {
	char *where;		/* "tests/plugins/cases/NAME.cases:LINE" */
	const struct plugin *p;
	const char *error;	/* why the line cannot be run, or NULL */
	int proof;		/* a proof line, else a campaign line */
	char *want;		/* "ok" or a field name */
	size_t n;		/* name=value pairs */
	char **names;
	char **values;
	int base;		/* proof: index of the first campaign ok */
};

/* What was found for one loaded plugin. */
struct tplugin {
	const struct plugin *p;
	char *cases_path;
	const char *error;	/* the case file cannot be read, or NULL */
	int campaign_ok, proof_ok;	/* ok lines of each kind */
};

static struct plugin_set loaded;
static const char *setup_error;		/* failure before any test */
static char built[64][KAAJ_NAME_MAX + 4];	/* the .so files copied */
static int n_built;
static struct tplugin *tplugins;
static int n_tplugins;
static struct tcase_line *lines;
static int n_lines;
static char orphans[1024];	/* case files of no loaded plugin */

/* malloc that gives up the whole run on failure. */
static void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL) {
		perror("malloc");
		exit(EXIT_FAILURE);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

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

/* Non-zero when name ends in suffix. */
static int
ends_with(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	return n > s && strcmp(name + n - s, suffix) == 0;
}

/*
 * Copy every built NAME.so into a new directory, load it with
 * plugin_load_dir and remove the directory again (the mappings stay).
 */
static void
load_built(void)
{
	char dir[] = DIR_TEMPLATE, from[4096], to[4096];
	struct dirent *de;
	struct stat st;
	DIR *d;
	int i;

	if (mkdtemp(dir) == NULL) {
		setup_error = "mkdtemp failed";
		return;
	}
	if ((d = opendir(BUILT_DIR)) == NULL) {
		setup_error = "cannot read " BUILT_DIR;
		rmdir(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (!ends_with(de->d_name, ".so") ||
		    strlen(de->d_name) >= sizeof(built[0]) ||
		    n_built == NELEM(built))
			continue;
		snprintf(from, sizeof(from), "%s/%s", BUILT_DIR, de->d_name);
		snprintf(to, sizeof(to), "%s/%s", dir, de->d_name);
		if (stat(from, &st) == -1 || !S_ISREG(st.st_mode))
			continue;
		if (copy_file(from, to) == -1) {
			setup_error = "cannot copy a built plugin";
			break;
		}
		strcpy(built[n_built++], de->d_name);
	}
	closedir(d);
	if (setup_error == NULL && plugin_load_dir(dir, &loaded) == -1)
		setup_error = "plugin_load_dir failed";
	for (i = 0; i < n_built; i++) {
		snprintf(to, sizeof(to), "%s/%s", dir, built[i]);
		unlink(to);
	}
	rmdir(dir);
}

/* The field named name in fields[0..n), or NULL. */
static const struct kaaj_field *
field_named(const struct kaaj_field *fields, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

/*
 * Split line (modified in place) into l. Returns NULL, or why the line
 * is malformed.
 */
static const char *
parse_line(struct tcase_line *l, char *line)
{
	const struct kaaj_jobtype *jt = l->p->jt;
	const struct kaaj_field *fd;
	char *col[FIELDS_MAX * 2 + 2], *eq, *name;
	size_t ncol = 0, i, j;

	for (col[ncol++] = line; (line = strchr(line, '\t')) != NULL;) {
		*line++ = '\0';
		if (ncol == (size_t)NELEM(col))
			return "too many columns";
		col[ncol++] = line;
	}
	if (ncol < 2)
		return "needs at least two TAB-separated columns";
	if (strcmp(col[0], "campaign") == 0)
		l->proof = 0;
	else if (strcmp(col[0], "proof") == 0)
		l->proof = 1;
	else
		return "column 1 is neither \"campaign\" nor \"proof\"";
	l->want = xstrdup(col[1]);
	if (strcmp(l->want, "ok") != 0 && (l->proof ?
	    field_named(jt->proof_fields, jt->n_proof_fields, l->want) :
	    field_named(jt->campaign_fields, jt->n_campaign_fields,
	    l->want)) == NULL)
		return "column 2 is neither \"ok\" nor a field of the form";
	l->names = xmalloc((ncol - 2) * sizeof(*l->names));
	l->values = xmalloc((ncol - 2) * sizeof(*l->values));
	for (i = 2; i < ncol; i++) {
		if ((eq = strchr(col[i], '=')) == NULL)
			return "a pair lacks '='";
		*eq = '\0';
		name = col[i];
		if (l->proof && strncmp(name, "campaign.", 9) == 0)
			fd = field_named(jt->campaign_fields,
			    jt->n_campaign_fields, name + 9);
		else
			fd = l->proof ? field_named(jt->proof_fields,
			    jt->n_proof_fields, name) :
			    field_named(jt->campaign_fields,
			    jt->n_campaign_fields, name);
		if (fd == NULL)
			return "a pair names no field of the form";
		for (j = 0; j < l->n; j++)
			if (strcmp(l->names[j], name) == 0)
				return "a field is given twice";
		l->names[l->n] = xstrdup(name);
		l->values[l->n++] = xstrdup(eq + 1);
	}
	return NULL;
}

/* Read the case file of t->p, appending its lines to lines[]. */
static void
read_cases(struct tplugin *t)
{
	struct tcase_line *l;
	char where[512], *buf = NULL;
	size_t cap = 0, len;
	ssize_t got;
	int lineno = 0, first = n_lines, base = -1, i;
	FILE *f;

	if ((f = fopen(t->cases_path, "r")) == NULL) {
		t->error = "no case file: every job type needs one";
		return;
	}
	while ((got = getline(&buf, &cap, f)) != -1) {
		lineno++;
		len = (size_t)got;
		while (len > 0 && (buf[len - 1] == '\n' ||
		    buf[len - 1] == '\r'))
			buf[--len] = '\0';
		if (len == 0 || buf[0] == '#')
			continue;
		lines = realloc(lines, (size_t)(n_lines + 1) * sizeof(*lines));
		if (lines == NULL) {
			perror("realloc");
			exit(EXIT_FAILURE);
		}
		l = &lines[n_lines++];
		memset(l, 0, sizeof(*l));
		snprintf(where, sizeof(where), "%s/%s.cases:%d", CASES_DIR,
		    t->p->name, lineno);
		l->where = xstrdup(where);
		l->p = t->p;
		if ((l->error = parse_line(l, buf)) != NULL)
			continue;
		if (strcmp(l->want, "ok") == 0 && l->proof)
			t->proof_ok++;
		if (strcmp(l->want, "ok") == 0 && !l->proof)
			t->campaign_ok++;
	}
	free(buf);
	fclose(f);
	/* An index: lines[] moves as later files are read. */
	for (i = first; i < n_lines && base == -1; i++)
		if (lines[i].error == NULL && !lines[i].proof &&
		    strcmp(lines[i].want, "ok") == 0)
			base = i;
	for (i = first; i < n_lines; i++)
		if (lines[i].error == NULL && lines[i].proof) {
			lines[i].base = base;
			if (base == -1)
				lines[i].error = "a proof line, but the file "
				    "has no \"campaign ok\" line";
		}
}

/* Note the case files in CASES_DIR that name no loaded plugin. */
static void
find_orphans(void)
{
	char name[KAAJ_NAME_MAX + 8];
	struct dirent *de;
	size_t len;
	DIR *d;

	if ((d = opendir(SRCDIR "/" CASES_DIR)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (!ends_with(de->d_name, ".cases") ||
		    (len = strlen(de->d_name) - 6) >= sizeof(name))
			continue;
		memcpy(name, de->d_name, len);
		name[len] = '\0';
		if (plugin_find(&loaded, name) != NULL)
			continue;
		len = strlen(orphans);
		snprintf(orphans + len, sizeof(orphans) - len, "%s%s",
		    len > 0 ? ", " : "", de->d_name);
	}
	closedir(d);
}

/* Load the plugins and read every case file, before any test runs. */
static void
setup(void)
{
	char path[1024];
	size_t i;

	load_built();
	if (setup_error != NULL)
		return;
	tplugins = xmalloc(loaded.n * sizeof(*tplugins));
	for (i = 0; i < loaded.n; i++) {
		memset(&tplugins[i], 0, sizeof(tplugins[i]));
		tplugins[i].p = &loaded.items[i];
		snprintf(path, sizeof(path), "%s/%s/%s.cases", SRCDIR,
		    CASES_DIR, loaded.items[i].name);
		tplugins[i].cases_path = xstrdup(path);
		read_cases(&tplugins[i]);
	}
	n_tplugins = (int)loaded.n;
	find_orphans();
}

/* The value of name in l, or NULL. */
static const char *
line_value(const struct tcase_line *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->names[i], name) == 0)
			return l->values[i];
	return NULL;
}

/* The values of one form, every declared field present. */
struct form {
	size_t n;
	const char *names[FIELDS_MAX];
	const char *values[FIELDS_MAX];
	struct kaaj_values kv;
};

/*
 * Fill f from fields: the value in over (a pair "campaign.NAME" when
 * prefixed), else in l, else "". Screenshot fields are left out of a
 * campaign (as the campaign form does) and given "" in a proof (as the
 * proof page does), whatever the line says. A field that does not apply
 * to campaign (NULL: to f itself, as the campaign form reads it) is ""
 * whatever the line says, as the core reads it.
 */
static void
form_fill(struct form *f, const struct kaaj_field *fields, size_t n,
    int proof, const struct tcase_line *l, const struct tcase_line *over,
    const struct kaaj_values *campaign)
{
	char name[KAAJ_NAME_MAX + 16];
	const char *v;
	size_t i;

	f->n = 0;
	for (i = 0; i < n && f->n < FIELDS_MAX; i++) {
		if (fields[i].type == KAAJ_FIELD_SCREENSHOT && !proof)
			continue;
		v = NULL;
		if (over != NULL) {
			snprintf(name, sizeof(name), "campaign.%s",
			    fields[i].name);
			v = line_value(over, name);
		}
		if (v == NULL && l != NULL &&
		    fields[i].type != KAAJ_FIELD_SCREENSHOT)
			v = line_value(l, fields[i].name);
		f->names[f->n] = fields[i].name;
		f->values[f->n++] = v != NULL ? v : "";
	}
	f->kv.n = f->n;
	f->kv.names = f->names;
	f->kv.values = f->values;
	for (i = 0; i < f->n; i++)
		if (!field_applies(field_named(fields, n, f->names[i]),
		    campaign != NULL ? campaign : &f->kv))
			f->values[i] = "";
}

/*
 * The generic checks of a form, in field order, of the fields that apply
 * to campaign (NULL: to f itself). Returns the first field refused (its
 * reason in *why), or NULL.
 */
static const char *
form_check(const struct form *f, const struct kaaj_field *fields, size_t n,
    const struct kaaj_values *campaign, const char **why)
{
	const struct kaaj_field *fd;
	size_t i;

	for (i = 0; i < f->n; i++) {
		fd = field_named(fields, n, f->names[i]);
		if (!field_applies(fd, campaign != NULL ? campaign : &f->kv))
			continue;
		if ((*why = field_fault_code(field_check(fd,
		    f->values[i]))) != NULL)
			return f->names[i];
	}
	return NULL;
}

/* Non-zero when s is a non-empty [a-z_]+ code. */
static int
is_code(const char *s)
{
	return s != NULL && *s != '\0' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz_") == strlen(s);
}

/* Fail unless a plugin refusal carries a field, a code and a message. */
static void
check_refusal(const struct tcase_line *l, const struct kaaj_error *err)
{
	ck_assert_msg(err->field != NULL, "%s: the refusal names no field",
	    l->where);
	ck_assert_msg(is_code(err->code), "%s: the refusal's code \"%s\" is "
	    "not [a-z_]+", l->where, err->code != NULL ? err->code : "(null)");
	ck_assert_msg(err->message != NULL && err->message[0] != '\0',
	    "%s: the refusal has no message", l->where);
}

START_TEST(test_setup)
{
	const char *missing = NULL;
	char stem[KAAJ_NAME_MAX + 4];
	int i;

	ck_assert_msg(setup_error == NULL, "%s", setup_error);
	ck_assert_msg(n_built > 0, "no plugin built in %s", BUILT_DIR);
	for (i = 0; i < n_built; i++) {
		memcpy(stem, built[i], strlen(built[i]) - 3);
		stem[strlen(built[i]) - 3] = '\0';
		if (plugin_find(&loaded, stem) == NULL)
			missing = built[i];
	}
	ck_assert_msg(missing == NULL, "%s was built but the loader skipped "
	    "it (see its log line above)", missing);
	ck_assert_uint_eq(loaded.n, (size_t)n_built);
	ck_assert_msg(orphans[0] == '\0', "case files of no built plugin in "
	    "%s: %s", CASES_DIR, orphans);
}
END_TEST

/* The declarations of one form: labels everywhere, labelled choices. */
static void
check_form(const char *name, const char *form, const struct kaaj_field *f,
    size_t n)
{
	const struct kaaj_choice *ch;
	size_t i;

	for (i = 0; i < n; i++) {
		ck_assert_msg(f[i].label != NULL && f[i].label[0] != '\0',
		    "%s: %s field %s has no label", name, form, f[i].name);
		if (f[i].type != KAAJ_FIELD_CHOICE)
			continue;
		ck_assert_msg(f[i].choices != NULL &&
		    f[i].choices[0].value != NULL, "%s: %s field %s has no "
		    "choices", name, form, f[i].name);
		for (ch = f[i].choices; ch->value != NULL; ch++)
			ck_assert_msg(ch->label != NULL && ch->label[0] != '\0',
			    "%s: choice %s of %s field %s has no label", name,
			    ch->value, form, f[i].name);
	}
}

START_TEST(test_plugin)
{
	const struct tplugin *t = &tplugins[_i];
	const struct kaaj_jobtype *jt = t->p->jt;
	const char *why;

	why = plugin_check_jobtype(jt, t->p->name);
	ck_assert_msg(why == NULL, "%s: %s", t->p->name, why);
	ck_assert_msg(jt->min_pay > 0, "%s: min_pay %lld is not above 0",
	    t->p->name, (long long)jt->min_pay);
	check_form(t->p->name, "campaign", jt->campaign_fields,
	    jt->n_campaign_fields);
	check_form(t->p->name, "proof", jt->proof_fields, jt->n_proof_fields);
	ck_assert_msg(t->error == NULL, "%s: %s: %s", t->p->name,
	    t->cases_path, t->error);
	ck_assert_msg(t->campaign_ok > 0, "%s: no \"campaign ok\" line",
	    t->cases_path);
	ck_assert_msg(t->proof_ok > 0, "%s: no \"proof ok\" line",
	    t->cases_path);
}
END_TEST

START_TEST(test_case)
{
	const struct tcase_line *l = &lines[_i];
	const struct kaaj_jobtype *jt = l->p->jt;
	struct kaaj_error err = { NULL, NULL, NULL };
	struct form campaign, proof;
	const char *field, *why = NULL, *got;
	int rc;

	ck_assert_msg(l->error == NULL, "%s: %s", l->where, l->error);
	if (!l->proof) {
		form_fill(&campaign, jt->campaign_fields,
		    jt->n_campaign_fields, 0, l, NULL, NULL);
		field = form_check(&campaign, jt->campaign_fields,
		    jt->n_campaign_fields, NULL, &why);
		if (field == NULL && jt->validate_campaign != NULL &&
		    (rc = jt->validate_campaign(&campaign.kv, &err)) !=
		    KAAJ_OK) {
			ck_assert_msg(rc == KAAJ_INVALID, "%s: validator "
			    "returned %d", l->where, rc);
			check_refusal(l, &err);
		}
	} else {
		form_fill(&campaign, jt->campaign_fields,
		    jt->n_campaign_fields, 0, &lines[l->base], l, NULL);
		field = form_check(&campaign, jt->campaign_fields,
		    jt->n_campaign_fields, NULL, &why);
		if (field == NULL && jt->validate_campaign != NULL &&
		    jt->validate_campaign(&campaign.kv, &err) != KAAJ_OK)
			field = err.field != NULL ? err.field : "(null)";
		ck_assert_msg(field == NULL, "%s: its campaign is refused at "
		    "%s (%s)", l->where, field, why != NULL ? why :
		    err.message);
		/* The proof page hands every campaign field, shots as "". */
		form_fill(&campaign, jt->campaign_fields,
		    jt->n_campaign_fields, 1, &lines[l->base], l, NULL);
		form_fill(&proof, jt->proof_fields, jt->n_proof_fields, 1, l,
		    NULL, &campaign.kv);
		field = form_check(&proof, jt->proof_fields,
		    jt->n_proof_fields, &campaign.kv, &why);
		if (field == NULL && jt->validate_proof != NULL &&
		    (rc = jt->validate_proof(&campaign.kv, &proof.kv,
		    &err)) != KAAJ_OK) {
			ck_assert_msg(rc == KAAJ_INVALID, "%s: validator "
			    "returned %d", l->where, rc);
			check_refusal(l, &err);
		}
	}
	if (field == NULL && err.field != NULL) {
		field = err.field;
		why = err.code;
	}
	got = field != NULL ? field : "ok";
	ck_assert_msg(strcmp(got, l->want) == 0, "%s: want %s, got %s%s%s%s",
	    l->where, l->want, got, why != NULL ? " (" : "",
	    why != NULL ? why : "", why != NULL ? ")" : "");
}
END_TEST

static Suite *
jobtypes_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("jobtypes");

	tc = tcase_create("plugins");
	tcase_add_test(tc, test_setup);
	tcase_add_loop_test(tc, test_plugin, 0, n_tplugins);
	suite_add_tcase(s, tc);

	tc = tcase_create("cases");
	tcase_add_loop_test(tc, test_case, 0, n_lines);
	suite_add_tcase(s, tc);

	return s;
}

/* Load the plugins, read the cases, run every test; 0 when all passed. */
int
main(void)
{
	SRunner *sr;
	int failed;

	setup();
	sr = srunner_create(jobtypes_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	plugin_set_free(&loaded);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
