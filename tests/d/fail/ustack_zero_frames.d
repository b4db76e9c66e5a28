/*
 * @@tag D_USTACK_FRAMES
 * @@line 10
 * @@message ustack( ) argument #1 must be a non-zero positive integer constant
 * ustack needs a positive frame count.
 */

profile-97
{
	ustack(0);
}
