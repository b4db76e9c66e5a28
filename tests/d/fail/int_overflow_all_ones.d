/*
 * @@tag D_INT_OFLOW
 * @@line 10
 * @@message integer constant 0xffffffffffffffff cannot be represented in any built-in integral type
 * 18446744073709551615 needs a u suffix to be an unsigned long.
 */

BEGIN
{
	mask = 18446744073709551615;
}
