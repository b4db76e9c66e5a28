/*
 * @@tag D_TRACEMEM_DYNSIZE
 * @@line 10
 * @@message tracemem ( ) dynamic size (argument #3) must be of scalar type
 * The dynamic tracemem size must be scalar.
 */

profile-97
{
	tracemem(arg0, 64, "all");
}
