/*
 * @@tag D_PRINTF_ARG_FMT
 * @@line 10
 * The format must be a string constant, not a variable.
 */

BEGIN
{
	fmt = "%d\n";
	printf(fmt, 1);
}
