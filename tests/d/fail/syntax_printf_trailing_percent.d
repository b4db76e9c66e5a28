/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message format conversion #1 name expected before end of format string
 * A format string may not end in the middle of a conversion.
 */

BEGIN
{
	printf("100%");
}
