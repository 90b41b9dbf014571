/*
 * The language files are complete: every templates/lang/LANG.hdf has the
 * keys of en.hdf under Lang and no others (Lang.JobType aside), with the
 * same markup ('<...>' tags, {placeholders}, &entities; and printf
 * conversions) in every text; and each language but English has the
 * Lang.JobType.NAME.* texts of every bundled plugin: label, description,
 * each field's label and help, each choice, and each error code its
 * validators can give (found by reading plugins/NAME.c, plugin_codes.c).
 * A failure names the file and the key.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cs.h"
#include "base/plugin.h"
#include "plugin_codes.h"

#define LANG_DIR	SRCDIR "/templates/lang"
#define PLUGIN_SRC_DIR	SRCDIR "/plugins"
#define HEADER_DIR	SRCDIR "/include/kaaj"
#define PLUGIN_SO_DIR	BUILDDIR "/plugins/.libs"
#define JOBTYPE_KEYS	"Lang.JobType."

/* One text: a key under Lang and its value. */
struct text {
	char *key;
	char *value;
};

/* A sorted set of texts: one language file, or what the plugins declare. */
struct texts {
	char name[64];		/* the file, or "plugins" */
	struct text *v;
	size_t n;
};

/* Read once before the tests (each test runs in its own process). */
static struct texts langs[8];	/* langs[0] is en.hdf */
static size_t nlangs;
static struct texts declared;	/* key: the plugin's English text */
static struct strlist setup_problems;

static int
text_cmp(const void *a, const void *b)
{
	return strcmp(((const struct text *)a)->key,
	    ((const struct text *)b)->key);
}

static const struct text *
texts_find(const struct texts *t, const char *key)
{
	struct text probe = { (char *)key, NULL };

	return bsearch(&probe, t->v, t->n, sizeof(*t->v), text_cmp);
}

static void
texts_add(struct texts *t, const char *key, const char *value)
{
	t->v = realloc(t->v, (t->n + 1) * sizeof(*t->v));
	ck_assert_ptr_nonnull(t->v);
	t->v[t->n].key = strdup(key);
	t->v[t->n].value = strdup(value);
	ck_assert(t->v[t->n].key != NULL && t->v[t->n].value != NULL);
	t->n++;
}

/*
 * Add every node under obj that has a value, named from prefix. A Lang
 * block inside another (a brace left open above it, which ClearSilver
 * closes at the end of the file) is a problem: its texts would be found
 * under a wrong name in every file alike.
 */
static void
texts_walk(struct texts *t, HDF *obj, const char *prefix)
{
	char key[512];

	for (obj = hdf_obj_child(obj); obj != NULL; obj = hdf_obj_next(obj)) {
		snprintf(key, sizeof(key), "%s.%s", prefix, hdf_obj_name(obj));
		if (strcmp(hdf_obj_name(obj), "Lang") == 0)
			strlist_addf(&setup_problems, "%s: %s: a Lang block "
			    "inside another; a closing brace is missing above "
			    "it", t->name, key);
		if (hdf_obj_value(obj) != NULL)
			texts_add(t, key, hdf_obj_value(obj));
		texts_walk(t, obj, key);
	}
}

/* Read the Lang tree of LANG_DIR/name into *t. */
static void
lang_read(struct texts *t, const char *name)
{
	char path[1024];
	HDF *hdf;
	NEOERR *nerr;

	snprintf(t->name, sizeof(t->name), "templates/lang/%s", name);
	snprintf(path, sizeof(path), "%s/%s", LANG_DIR, name);
	ck_assert(hdf_init(&hdf) == STATUS_OK);
	if ((nerr = hdf_read_file(hdf, path)) != STATUS_OK) {
		nerr_ignore(&nerr);
		strlist_addf(&setup_problems, "%s: ClearSilver cannot read "
		    "it", t->name);
	} else if (hdf_get_obj(hdf, "Lang") != NULL)
		texts_walk(t, hdf_get_obj(hdf, "Lang"), "Lang");
	hdf_destroy(&hdf);
	qsort(t->v, t->n, sizeof(*t->v), text_cmp);
}

/* Non-zero when name is LANG.hdf, LANG two or three small letters. */
static int
is_lang_file(const char *name)
{
	size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz");

	return n >= 2 && n <= 3 && strcmp(name + n, ".hdf") == 0;
}

/* Read en.hdf into langs[0] and every other LANG.hdf after it. */
static void
langs_read(void)
{
	struct dirent *de;
	DIR *d;

	lang_read(&langs[nlangs++], "en.hdf");
	ck_assert_msg((d = opendir(LANG_DIR)) != NULL, "%s", LANG_DIR);
	while ((de = readdir(d)) != NULL)
		if (is_lang_file(de->d_name) &&
		    strcmp(de->d_name, "en.hdf") != 0) {
			ck_assert(nlangs < sizeof(langs) / sizeof(langs[0]));
			lang_read(&langs[nlangs++], de->d_name);
		}
	closedir(d);
}

/* Add a text a plugin declares; one key cannot stand for two texts. */
static void
declare(const char *plugin, const char *key_tail, const char *english)
{
	char key[512];
	size_t i;

	snprintf(key, sizeof(key), JOBTYPE_KEYS "%s.%s", plugin, key_tail);
	for (i = 0; i < declared.n; i++)
		if (strcmp(declared.v[i].key, key) == 0) {
			if (strcmp(declared.v[i].value, english) != 0)
				strlist_addf(&setup_problems, "plugins/%s.c: "
				    "%s stands for two different texts",
				    plugin, key);
			return;
		}
	texts_add(&declared, key, english);
}

/* Declare the label, help and choices of a plugin's fields. */
static void
declare_fields(const char *plugin, const struct kaaj_field *f, size_t n)
{
	const struct kaaj_choice *c;
	char tail[256];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(tail, sizeof(tail), "field.%s.label", f[i].name);
		declare(plugin, tail, f[i].label);
		if (f[i].help != NULL) {
			snprintf(tail, sizeof(tail), "field.%s.help",
			    f[i].name);
			declare(plugin, tail, f[i].help);
		}
		for (c = f[i].choices; c != NULL && c->value != NULL; c++) {
			snprintf(tail, sizeof(tail), "field.%s.choice.%s",
			    f[i].name, c->value);
			declare(plugin, tail, c->label);
		}
	}
}

/* Read the functions of every include/kaaj/NAME.h. */
static void
headers_read(struct header_funcs *h)
{
	char path[1024], *text;
	struct dirent *de;
	size_t n;
	DIR *d;

	ck_assert_msg((d = opendir(HEADER_DIR)) != NULL, "%s", HEADER_DIR);
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 3 || strcmp(de->d_name + n - 2, ".h") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", HEADER_DIR, de->d_name);
		text = codes_file_text(path);
		ck_assert_msg(text != NULL, "%s", path);
		codes_read_header(text, h);
		free(text);
	}
	closedir(d);
}

/* Declare the error codes plugins/NAME.c can give. */
static void
declare_codes(const char *plugin, const struct header_funcs *h)
{
	struct strlist codes = { NULL, 0 }, problems = { NULL, 0 };
	char path[1024], tail[128], *text;
	size_t i;

	snprintf(path, sizeof(path), "%s/%s.c", PLUGIN_SRC_DIR, plugin);
	if ((text = codes_file_text(path)) == NULL) {
		strlist_addf(&setup_problems, "plugins/%s.c: cannot be read",
		    plugin);
		return;
	}
	codes_of_source(text, h, &codes, &problems);
	for (i = 0; i < problems.n; i++)
		strlist_addf(&setup_problems, "plugins/%s.c: %s", plugin,
		    problems.v[i]);
	for (i = 0; i < codes.n; i++) {
		snprintf(tail, sizeof(tail), "error.%s", codes.v[i]);
		declare(plugin, tail, "");
	}
	free(text);
	strlist_free(&codes);
	strlist_free(&problems);
}

/*
 * Load the built plugins and declare the texts of each plugins/NAME.c;
 * every bundled source must have been built and loaded.
 */
static void
plugins_declare(void)
{
	struct header_funcs h = { NULL, 0 };
	struct plugin_set set = { .items = NULL };
	const struct kaaj_jobtype *jt;
	struct dirent *de;
	char stem[64];
	size_t n;
	DIR *d;

	snprintf(declared.name, sizeof(declared.name), "plugins");
	headers_read(&h);
	plugin_load_dir(PLUGIN_SO_DIR, &set);
	ck_assert_msg((d = opendir(PLUGIN_SRC_DIR)) != NULL, "%s",
	    PLUGIN_SRC_DIR);
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 3 || n >= sizeof(stem) ||
		    strcmp(de->d_name + n - 2, ".c") != 0)
			continue;
		snprintf(stem, sizeof(stem), "%.*s", (int)(n - 2), de->d_name);
		if (plugin_find(&set, stem) == NULL) {
			strlist_addf(&setup_problems, "plugins/%s.c: not "
			    "loaded from %s (not built?)", stem,
			    PLUGIN_SO_DIR);
			continue;
		}
		jt = plugin_find(&set, stem)->jt;
		declare(stem, "label", jt->label);
		declare(stem, "description", jt->description);
		declare_fields(stem, jt->campaign_fields,
		    jt->n_campaign_fields);
		declare_fields(stem, jt->proof_fields, jt->n_proof_fields);
		declare_codes(stem, &h);
	}
	closedir(d);
	/* The texts were copied: the plugins may go. */
	plugin_set_free(&set);
	header_funcs_free(&h);
	qsort(declared.v, declared.n, sizeof(*declared.v), text_cmp);
}

static void
setup(void)
{
	langs_read();
	plugins_declare();
}

/* The length of the markup token at s: <tag>, {name}, &entity; or a
 * printf conversion; 0 when s starts none. */
static size_t
markup_len(const char *s)
{
	size_t n;

	switch (s[0]) {
	case '<':
		n = strcspn(s, ">");
		return s[n] == '>' ? n + 1 : n;
	case '{':
		n = 1 + strspn(s + 1, "abcdefghijklmnopqrstuvwxyz_");
		return n > 1 && s[n] == '}' ? n + 1 : 0;
	case '&':
		n = 1 + strspn(s + 1, "#abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
		return n > 1 && s[n] == ';' ? n + 1 : 0;
	case '%':
		n = 1 + strspn(s + 1, "-+#0123456789.");
		n += strspn(s + n, "hljzt");
		return s[n] != '\0' && strchr("diouxXeEfgGcsp%", s[n]) !=
		    NULL ? n + 1 : 0;
	default:
		return 0;
	}
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

#define MARKUP_MAX 32

/* The markup of text, sorted and joined by spaces, into out. */
static void
markup(const char *text, char *out, size_t outlen)
{
	char each[MARKUP_MAX][64], *sorted[MARKUP_MAX];
	size_t n = 0, len, i;

	for (; *text != '\0'; text += len > 0 ? len : 1)
		if ((len = markup_len(text)) > 0 && n < MARKUP_MAX) {
			snprintf(each[n], sizeof(each[n]), "%.*s", (int)len,
			    text);
			sorted[n] = each[n];
			n++;
		}
	qsort(sorted, n, sizeof(*sorted), str_cmp);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(out + strlen(out), outlen - strlen(out), "%s ",
		    sorted[i]);
}

/* Fail with the number of problems after printing each. */
static void
expect_none(const struct strlist *problems)
{
	size_t i;

	for (i = 0; i < problems->n; i++)
		fprintf(stderr, "%s\n", problems->v[i]);
	ck_assert_msg(problems->n == 0, "%zu problem(s), the first: %s",
	    problems->n, problems->n > 0 ? problems->v[0] : "");
}

static int
is_jobtype_key(const char *key)
{
	return strncmp(key, JOBTYPE_KEYS, strlen(JOBTYPE_KEYS)) == 0;
}

START_TEST(test_read)
{
	ck_assert_msg(langs[0].n > 0, "templates/lang/en.hdf has no Lang");
	ck_assert_msg(declared.n > 0, "no plugin texts were found");
	expect_none(&setup_problems);
}
END_TEST

/* Every language has the keys of en.hdf and no others. */
START_TEST(test_same_keys)
{
	struct strlist problems = { NULL, 0 };
	const struct texts *en = &langs[0], *l;
	size_t i, j;

	for (i = 1; i < nlangs; i++) {
		l = &langs[i];
		for (j = 0; j < en->n; j++)
			if (!is_jobtype_key(en->v[j].key) &&
			    texts_find(l, en->v[j].key) == NULL)
				strlist_addf(&problems, "%s: %s is missing "
				    "(%s has it)", l->name, en->v[j].key,
				    en->name);
		for (j = 0; j < l->n; j++)
			if (!is_jobtype_key(l->v[j].key) &&
			    texts_find(en, l->v[j].key) == NULL)
				strlist_addf(&problems, "%s: %s is not in %s",
				    l->name, l->v[j].key, en->name);
	}
	expect_none(&problems);
	strlist_free(&problems);
}
END_TEST

/* Compare the markup of key in l with its English text. */
static void
compare_markup(struct strlist *problems, const struct texts *l,
    const struct text *t, const char *english, const char *where)
{
	char a[1024], b[1024];

	markup(english, a, sizeof(a));
	markup(t->value, b, sizeof(b));
	if (strcmp(a, b) != 0)
		strlist_addf(problems, "%s: %s has the markup \"%s\", %s has "
		    "\"%s\"", l->name, t->key, b, where, a);
}

/* Tags, placeholders, entities and conversions are those of English. */
START_TEST(test_same_markup)
{
	struct strlist problems = { NULL, 0 };
	const struct text *en, *d;
	const struct texts *l;
	size_t i, j;

	for (i = 1; i < nlangs; i++) {
		l = &langs[i];
		for (j = 0; j < l->n; j++) {
			if ((en = texts_find(&langs[0], l->v[j].key)) != NULL)
				compare_markup(&problems, l, &l->v[j],
				    en->value, langs[0].name);
			else if ((d = texts_find(&declared, l->v[j].key)) !=
			    NULL && d->value[0] != '\0')
				compare_markup(&problems, l, &l->v[j],
				    d->value, "its plugin's C string");
		}
	}
	expect_none(&problems);
	strlist_free(&problems);
}
END_TEST

/* Each language but English translates every text a plugin declares, and
 * no language has a Lang.JobType key that no plugin declares. */
START_TEST(test_plugin_texts)
{
	struct strlist problems = { NULL, 0 };
	const struct text *t;
	const struct texts *l;
	char plugin[64];
	size_t i, j;

	for (i = 0; i < nlangs; i++) {
		l = &langs[i];
		for (j = 0; i > 0 && j < declared.n; j++) {
			sscanf(declared.v[j].key + strlen(JOBTYPE_KEYS),
			    "%63[^.]", plugin);
			if ((t = texts_find(l, declared.v[j].key)) == NULL ||
			    t->value[0] == '\0')
				strlist_addf(&problems, "%s: %s is missing "
				    "(plugins/%s.c declares it)", l->name,
				    declared.v[j].key, plugin);
		}
		for (j = 0; j < l->n; j++)
			if (is_jobtype_key(l->v[j].key) &&
			    texts_find(&declared, l->v[j].key) == NULL)
				strlist_addf(&problems, "%s: %s is declared "
				    "by no bundled plugin", l->name,
				    l->v[j].key);
	}
	expect_none(&problems);
	strlist_free(&problems);
}
END_TEST

/*
 * Problems with the blocks of the language file at path: a line that
 * ends in "{" opens one, a line that is only "}" closes one; none may
 * close what is not open, and all must be closed at the end (ClearSilver
 * takes a block left open at the end of a file without a word, which
 * moves every key after it).
 */
static void
check_blocks(const char *path, const char *name, struct strlist *problems)
{
	char *text = codes_file_text(path), *line, *next, *end;
	int depth = 0, lineno = 0, opened_at[64];

	if (text == NULL) {
		strlist_addf(problems, "%s: cannot be read", name);
		return;
	}
	for (line = text; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line += strspn(line, " \t");
		end = line + strlen(line);
		while (end > line && (end[-1] == ' ' || end[-1] == '\t' ||
		    end[-1] == '\r'))
			*--end = '\0';
		if (*line == '#' || *line == '\0' || strchr(line, '=') != NULL)
			continue;
		if (end > line && end[-1] == '{') {
			if (depth < 64)
				opened_at[depth] = lineno;
			depth++;
		} else if (strcmp(line, "}") == 0 && --depth < 0) {
			strlist_addf(problems, "%s:%d: a } that closes nothing",
			    name, lineno);
			depth = 0;
		}
	}
	if (depth > 0)
		strlist_addf(problems, "%s: %d block(s) never closed, the "
		    "innermost opened on line %d", name, depth,
		    opened_at[depth - 1 < 64 ? depth - 1 : 63]);
	free(text);
}

/* Every language file's blocks are closed, each where it should be. */
START_TEST(test_blocks_closed)
{
	struct strlist problems = { NULL, 0 };
	char path[1024];
	struct dirent *de;
	size_t n;
	DIR *d;

	ck_assert_msg((d = opendir(LANG_DIR)) != NULL, "%s", LANG_DIR);
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".hdf") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", LANG_DIR, de->d_name);
		check_blocks(path, de->d_name, &problems);
	}
	closedir(d);
	expect_none(&problems);
	strlist_free(&problems);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("lang");
	TCase *tc = tcase_create("files");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_read);
	tcase_add_test(tc, test_same_keys);
	tcase_add_test(tc, test_same_markup);
	tcase_add_test(tc, test_plugin_texts);
	tcase_add_test(tc, test_blocks_closed);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
