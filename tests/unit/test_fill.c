/*
 * page_fill, page_fill_list and db_value: query rows put into the page
 * data by column name, on a result made by hand.
 */
#include <check.h>
#include <stdlib.h>

#include "pages/pages.h"
#include "storage/db.h"

/* Two rows of an imagined "SELECT c.id AS Id, c.owner_id, ..." */
static char *names[] = { "Id", "owner_id", "Pay:money", "Note", "When" };
static char *cells[] = {
	"7", "42", "12500000", NULL, "2024-01-02",
	"8", "43", "5000", "<b>", NULL
};
static const struct db_result two_rows = { 2, 5, cells, NULL, names };

static HDF *
new_hdf(void)
{
	HDF *hdf = NULL;
	NEOERR *nerr = hdf_init(&hdf);

	ck_assert(nerr == STATUS_OK);
	return hdf;
}

START_TEST(test_fill_by_name)
{
	HDF *hdf = new_hdf();

	page_fill(page_node(hdf, "Campaign"), &two_rows, 0);
	ck_assert_str_eq(hdf_get_value(hdf, "Campaign.Id", "-"), "7");
	ck_assert_str_eq(hdf_get_value(hdf, "Campaign.Pay", "-"), "12.50");
	ck_assert_str_eq(hdf_get_value(hdf, "Campaign.When", "-"),
	    "2024-01-02");
	/* Lower-case names are the handler's; NULL sets nothing. */
	ck_assert_ptr_null(hdf_get_obj(hdf, "Campaign.owner_id"));
	ck_assert_ptr_null(hdf_get_obj(hdf, "Campaign.Note"));
	ck_assert_ptr_null(hdf_get_obj(hdf, "Campaign.Pay:money"));
	/* No such row, no node: nothing, and no crash. */
	page_fill(page_node(hdf, "Other"), &two_rows, 2);
	ck_assert_ptr_null(hdf_get_obj(hdf, "Other.Id"));
	page_fill(NULL, &two_rows, 0);
	hdf_destroy(&hdf);
}
END_TEST

START_TEST(test_fill_list)
{
	HDF *hdf = new_hdf();

	page_fill_list(hdf, "Rows", &two_rows, 1);
	ck_assert_str_eq(hdf_get_value(hdf, "Rows.0.Id", "-"), "7");
	ck_assert_ptr_null(hdf_get_obj(hdf, "Rows.1"));
	page_fill_list(hdf, "All", &two_rows, 100);
	ck_assert_str_eq(hdf_get_value(hdf, "All.1.Id", "-"), "8");
	ck_assert_str_eq(hdf_get_value(hdf, "All.1.Pay", "-"), "0.005");
	ck_assert_str_eq(hdf_get_value(hdf, "All.1.Note", "-"), "<b>");
	ck_assert_ptr_null(hdf_get_obj(hdf, "All.1.When"));
	hdf_destroy(&hdf);
}
END_TEST

START_TEST(test_value_by_name)
{
	ck_assert_str_eq(db_value(&two_rows, 1, "owner_id"), "43");
	ck_assert_int_eq(db_value_int(&two_rows, 0, "Pay:money"), 12500000);
	ck_assert_ptr_null(db_value(&two_rows, 0, "Note"));
	ck_assert_ptr_null(db_value(&two_rows, 0, "no_such_column"));
	ck_assert_ptr_null(db_value(&two_rows, 2, "Id"));
	ck_assert_int_eq(db_value_int(&two_rows, 0, "no_such_column"), 0);
	ck_assert_int_eq(db_value_int(&two_rows, 1, "When"), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("fill");
	TCase *tc = tcase_create("by name");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_fill_by_name);
	tcase_add_test(tc, test_fill_list);
	tcase_add_test(tc, test_value_by_name);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
