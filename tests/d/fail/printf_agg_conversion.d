/*
 * @@tag D_PRINTF_AGG_CONV
 * @@line 10
 * @@message %@ conversion requires an aggregation and is not for use with printf( )
 * %@ is only for printa.
 */

BEGIN
{
	printf("%@d\n", 1);
}
