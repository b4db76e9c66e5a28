/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message floating-point constants are not permitted
 * D has no floating-point constants.
 */

BEGIN
{
	ratio = 1.5;
}
