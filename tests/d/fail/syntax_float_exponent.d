/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message floating-point constants are not permitted
 * An exponent makes a number a floating-point constant.
 */

BEGIN
{
	limit = 1e6;
}
