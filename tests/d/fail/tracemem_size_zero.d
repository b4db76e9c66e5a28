/*
 * @@tag D_TRACEMEM_SIZE
 * @@line 10
 * @@message tracemem( ) argument #2 must be a non-zero positive integral constant expression
 * tracemem needs a positive constant size.
 */

profile-97
{
	tracemem(arg0, 0);
}
