/*
 * What kaaj-admin's command functions return: 0 done, ADMIN_FAILED when
 * running failed (exit 1), ADMIN_BAD_VALUE when an argument's value is
 * wrong (exit 2, as any bad usage); either after saying why on stderr.
 */
#ifndef KAAJ_ADMIN_H
#define KAAJ_ADMIN_H

enum admin_rc {
	ADMIN_DONE = 0,
	ADMIN_FAILED = -1,
	ADMIN_BAD_VALUE = -2
};

#endif
