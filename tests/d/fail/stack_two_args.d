/*
 * @@tag D_STACK_PROTO
 * @@line 10
 * @@message stack( ) prototype mismatch: too many arguments
 * stack takes one argument.
 */

profile-97
{
	stack(5, 10);
}
