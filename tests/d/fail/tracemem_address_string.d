/*
 * @@tag D_TRACEMEM_ADDR
 * @@line 9
 * tracemem needs a pointer or integer address.
 */

BEGIN
{
	tracemem(execname, 16);
}
