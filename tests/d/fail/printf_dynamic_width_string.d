/*
 * @@tag D_PRINTF_DYN_TYPE
 * @@line 9
 * A '*' width given a string.
 */

BEGIN
{
	printf("%*d\n", "wide", 5);
}
