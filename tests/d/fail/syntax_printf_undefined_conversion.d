/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message format conversion #1 is undefined: %Q
 * A printf conversion letter that does not exist.
 */

BEGIN
{
	printf("%Q\n", 1);
}
