/*
 * captcha_solve SALT BITS: print the first nonce, counting from 0, whose
 * SHA-256(SALT ":" nonce) has BITS leading zero bits, as captcha.js would
 * find it. For the integration tests, which post forms without a browser.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "accounts/captcha.h"

static void
usage(void)
{
	fprintf(stderr, "usage: captcha_solve SALT BITS\n"
	    "  SALT: %d lowercase hex digits; BITS: 1 to 28\n",
	    CAPTCHA_SALT_LEN);
	exit(2);
}

int
main(int argc, char *argv[])
{
	char nonce[24], *end;
	uint64_t n;
	long bits;

	if (argc != 3 || strlen(argv[1]) != CAPTCHA_SALT_LEN ||
	    strspn(argv[1], "0123456789abcdef") != CAPTCHA_SALT_LEN)
		usage();
	bits = strtol(argv[2], &end, 10);
	if (end == argv[2] || *end != '\0' || bits < 1 || bits > 28)
		usage();
	if (sodium_init() < 0) {
		fprintf(stderr, "captcha_solve: sodium_init failed\n");
		return 1;
	}
	for (n = 0;; n++) {
		snprintf(nonce, sizeof(nonce), "%" PRIu64, n);
		if (captcha_work_ok(argv[1], nonce, (int)bits))
			break;
	}
	printf("%s\n", nonce);
	return 0;
}
