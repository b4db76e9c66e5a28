/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message format conversion #2 is undefined: %j
 * Nor are C99's j, z and t length modifiers.
 */

BEGIN
{
	printf("%d %jd\n", 1, 2);
}
