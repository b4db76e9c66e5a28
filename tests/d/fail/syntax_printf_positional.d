/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message format conversion #2 uses unsupported positional format (%n$)
 * Positional printf arguments are not supported.
 */

BEGIN
{
	printf("%d %1$d\n", 1);
}
