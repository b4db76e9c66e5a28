/*
 * @@tag D_DIV_ZERO
 * @@line 10
 * @@message expression contains division by zero
 * Division by a constant zero is caught while parsing.
 */

BEGIN
{
	rate = 100 / 0;
}
