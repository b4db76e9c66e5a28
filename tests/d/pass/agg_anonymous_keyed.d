/*
 * The anonymous aggregation with a key tuple.
 */

profile-97
{
	@[execname, cpu] = count();
}
