/*
 * @@tag D_MACRO_UNDEF
 * @@line 11
 * @@message macro argument $$2 is not defined
 * @@args one
 * $$2 when only one argument is given.
 */

BEGIN
{
	printf("%s %s\n", $$1, $$2);
}
