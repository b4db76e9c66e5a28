/*
 * @@tag D_USTACK_PROTO
 * @@line 10
 * @@message ustack( ) prototype mismatch: too many arguments
 * ustack takes at most two arguments.
 */

profile-97
{
	ustack(5, 100, 3);
}
