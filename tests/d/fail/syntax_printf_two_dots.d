/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message format conversion #1 has more than one '.' specified
 * Only one precision may be given in a conversion.
 */

BEGIN
{
	printf("%1.2.3d\n", 7);
}
