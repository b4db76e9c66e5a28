/*
 * @@tag D_STACK_SIZE
 * @@line 10
 * @@message stack( ) size must be a non-zero positive integral constant expression
 * stack() needs a positive frame count.
 */

profile-97
{
	stack(0);
}
