/*
 * Test plugin: a well-formed shared object that does not export the
 * kaaj_jobtype symbol, so the loader must call it "not a kaaj plugin".
 */
int nosymbol_answer(void);

/* Returns 42; exists so that the object exports something. */
int
nosymbol_answer(void)
{
	return 42;
}
