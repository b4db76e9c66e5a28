/*
 * @@tag D_PRINTF_ARG_EXTRA
 * @@line 10
 * @@message printf( ) prototype mismatch: only 0 arguments required by this format string
 * Arguments to a format with no conversions.
 */

BEGIN
{
	printf("hello\n", 5);
}
