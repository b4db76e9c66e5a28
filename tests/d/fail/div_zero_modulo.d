/*
 * @@tag D_DIV_ZERO
 * @@line 10
 * @@message expression contains division by zero
 * The remainder by zero is also caught.
 */

BEGIN
{
	slot = pid % 0;
}
