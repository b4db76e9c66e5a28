/*
 * @@tag D_PRINTF_ARG_FMT
 * @@line 9
 * An integer in place of the format.
 */

BEGIN
{
	printf(42);
}
