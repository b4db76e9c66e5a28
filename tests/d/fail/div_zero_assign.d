/*
 * @@tag D_DIV_ZERO
 * @@line 11
 * @@message expression contains division by zero
 * /= by zero.
 */

BEGIN
{
	share = 10;
	share /= 0;
}
