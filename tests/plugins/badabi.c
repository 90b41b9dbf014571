/*
 * Test plugin: a job type from a future ABI. The loader must refuse it on
 * abi_version alone, before reading any other member.
 */
#include "kaaj/jobtype.h"

/* ABI 999; only abi_version may be read. */
const struct kaaj_jobtype kaaj_jobtype = {
	.abi_version = 999,
	.name = "badabi",
};
