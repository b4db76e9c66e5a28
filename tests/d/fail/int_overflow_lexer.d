/*
 * @@tag D_INT_OFLOW
 * @@line 10
 * @@message constant 99999999999999999999 results in integer overflow
 * A decimal constant beyond 64 bits.
 */

BEGIN
{
	x = 99999999999999999999;
}
