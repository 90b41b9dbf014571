/*
 * The page handlers, one file per area. Each follows the handler_fn
 * contract in router.h.
 */
#ifndef KAAJ_PAGES_H
#define KAAJ_PAGES_H

#include "router.h"

/* page_board.c: the job board and a job's page. */
int page_home(struct ctx *c);
int page_job(struct ctx *c);

/* page_jobtypes.c: the job types this site offers. */
int page_jobtypes(struct ctx *c);

/* page_admin.c: the admin overview. */
int page_admin(struct ctx *c);

/* page_account.c: leaving. */
int page_logout(struct ctx *c);

#endif
