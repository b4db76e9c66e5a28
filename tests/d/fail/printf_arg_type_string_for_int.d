/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 9
 * %d needs an integer.
 */

BEGIN
{
	printf("%d\n", execname);
}
