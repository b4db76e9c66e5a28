/*
 * @@tag D_INT_OFLOW
 * @@line 11
 * @@message integer constant 0x8000000000000000 cannot be represented in any built-in integral type
 * An unsuffixed decimal constant above the largest signed 64-bit value has
 * no type.
 */

BEGIN
{
	x = 9223372036854775808;
}
