/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message format conversion #1 is undefined: %hhd
 * DTrace's dictionary has no char-sized conversions: %hhd is undefined.
 */

BEGIN
{
	printf("%hhd\n", 1);
}
