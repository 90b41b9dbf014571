/*
 * The OpenAPI document's parts (api_doc.c writes it, api_doc_ops.c holds
 * what the route table does not say: each operation's name, tag, body,
 * answer, query and the errors it may give, and the JSON Schemas of the
 * bodies and answers).
 */
#ifndef KAAJ_API_DOC_H
#define KAAJ_API_DOC_H

#include <stddef.h>

#include "base/buf.h"
#include "front/form.h"
#include "front/routes.h"

/* What the document says of one API route beyond the route table. */
struct api_doc_op {
	const char *method, *pattern;	/* the route's, as in routes.c */
	const char *id;		/* operationId; its summary is Lang.Api.Op.ID */
	const char *tag;	/* a group: account, jobtypes, campaigns, ... */
	const char *body;	/* the schema of its JSON body, or NULL */
	int body_optional;	/* the body may be left out */
	const char *answer;	/* the schema of its answer, or "Image" */
	int created;		/* answers 201 (else 200) */
	const char *query;	/* NULL, "campaigns" or "submissions" */
	const char *errors;	/* more statuses it may answer: "402 409" */
	int idempotent;		/* takes an Idempotency-Key header */
};

/* The description of route method pattern, or NULL when it has none. */
const struct api_doc_op *api_doc_op(const char *method, const char *pattern);

/* Non-zero when route r, described by op, may answer status. */
int api_doc_may_answer(const struct route *r, const struct api_doc_op *op,
    int status);

/* Append the parameters of op on pattern (no brackets). */
void api_doc_parameters(struct ctx *c, struct buf *b, const char *pattern,
    const struct api_doc_op *op);

/* Append the tags with their descriptions (no brackets). */
void api_doc_tags(struct ctx *c, struct buf *b);

/* Append the fixed schemas as members of "schemas" (no braces). */
void api_doc_schemas(struct buf *b);

/*
 * Append the JSON Schema of an object with the n form fields (required
 * when required or with a minimum length) and the members extra (JSON
 * text "name":{...},..., or NULL).
 */
void api_doc_form(struct buf *b, const struct form_field *fields, size_t n,
    const char *extra);

#endif
