/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message floating-point constants are not permitted
 * A digit string with an f suffix is lexed as a floating-point constant.
 */

BEGIN
{
	v = 3f;
}
