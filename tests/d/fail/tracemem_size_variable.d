/*
 * @@tag D_TRACEMEM_SIZE
 * @@line 12
 * @@message tracemem( ) argument #2 must be a non-zero positive integral constant expression
 * The tracemem size must be a constant; a variable length goes in a third
 * argument.
 */

profile-97
{
	len = 32;
	tracemem(arg0, len);
}
