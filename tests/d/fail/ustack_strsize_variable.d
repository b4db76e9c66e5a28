/*
 * @@tag D_USTACK_STRSIZE
 * @@line 10
 * @@message ustack( ) argument #2 must be a positive integer constant
 * The ustack string size must be a constant.
 */

profile-97
{
	ustack(5, pid);
}
