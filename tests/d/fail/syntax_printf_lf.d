/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message format conversion #1 is undefined: %lf
 * %lf is not in the dictionary (doubles print with %f).
 */

BEGIN
{
	printf("%lf\n", 1);
}
