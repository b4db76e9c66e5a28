/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message format conversion #1 has more than one '*' specified for the output precision
 * Two '*' in one width; the message names the precision whichever it was.
 */

BEGIN
{
	printf("%**d\n", 1, 2, 3);
}
