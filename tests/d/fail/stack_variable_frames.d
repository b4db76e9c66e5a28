/*
 * @@tag D_STACK_SIZE
 * @@line 15
 * @@message stack( ) size must be a non-zero positive integral constant expression
 * The frame count must be constant, here in an aggregation key.
 */

BEGIN
{
	depth = 5;
}

profile-97
{
	@[stack(depth)] = count();
}
