/*
 * Test plugin: a valid job type named "othername", built as
 * misnamed.so, so the loader must refuse the name mismatch.
 */
#include "kaaj/jobtype.h"

/* Valid in every respect except that its name is not its file's. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = KAAJ_JOBTYPE_ABI,
	.name = "othername",
	.category = "test",
	.label = "Misnamed test job",
	.description = "A job type whose name differs from its file name.",
	.min_pay = 0,
};
