/*
 * @@tag D_PRINTF_FMT_EMPTY
 * @@line 10
 * @@message printf( ) format string is empty
 * An empty format string.
 */

BEGIN
{
	printf("");
}
