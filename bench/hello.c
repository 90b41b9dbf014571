/*
 * bench/hello: the ceiling of the FastCGI path. It reads one file at
 * start-up (bench/run gives it a saved board page, so that both answers
 * carry the same bytes) and answers every request with it, doing nothing
 * else: no parsing, no database, no template.
 *
 * Usage: hello FILE   (under spawn-fcgi, which passes the listening
 * socket as descriptor 0)
 */
#include <stdio.h>
#include <stdlib.h>

#include <fcgiapp.h>

/* Read all of path into a new buffer; its length into *len. */
static char *
slurp(const char *path, long *len)
{
	FILE *f = fopen(path, "rb");
	char *data;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (*len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 ||
	    (data = malloc((size_t)*len + 1)) == NULL) {
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	if (fread(data, 1, (size_t)*len, f) != (size_t)*len) {
		free(data);
		fclose(f);
		return NULL;
	}
	fclose(f);
	return data;
}

int
main(int argc, char **argv)
{
	FCGX_Request req;
	char *page;
	long len;

	if (argc != 2) {
		fprintf(stderr, "usage: hello FILE\n");
		return 2;
	}
	if ((page = slurp(argv[1], &len)) == NULL) {
		perror(argv[1]);
		return 1;
	}
	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, 0) != 0) {
		fprintf(stderr, "hello: FastCGI set-up failed\n");
		return 1;
	}
	while (FCGX_Accept_r(&req) >= 0) {
		FCGX_FPrintF(req.out, "Content-Type: text/html; charset=utf-8\r\n"
		    "Content-Length: %ld\r\n\r\n", len);
		FCGX_PutStr(page, (int)len, req.out);
		FCGX_Finish_r(&req);
	}
	free(page);
	return 0;
}
