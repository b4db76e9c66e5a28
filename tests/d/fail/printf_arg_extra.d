/*
 * @@tag D_PRINTF_ARG_EXTRA
 * @@line 10
 * @@message printf( ) prototype mismatch: only 1 arguments required by this format string
 * More arguments than conversions.
 */

BEGIN
{
	printf("%d\n", pid, ppid);
}
