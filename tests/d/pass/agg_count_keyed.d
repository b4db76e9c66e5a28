/*
 * Counting events per key and printing the aggregation at the end.
 */

profile-97
{
	@hits[execname] = count();
}

END
{
	printa(@hits);
}
