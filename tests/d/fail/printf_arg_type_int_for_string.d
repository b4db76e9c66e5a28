/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 9
 * %s needs a string.
 */

BEGIN
{
	printf("%s\n", pid);
}
