/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message format conversion #1 is undefined: %q
 * q is no length modifier in DTrace: it is taken as the conversion itself.
 */

BEGIN
{
	printf("%qd\n", 1);
}
