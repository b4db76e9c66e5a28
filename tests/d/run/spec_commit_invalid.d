/*
 * @@flags -q
 * commit() of an id past nspec is an illegal operation; DTrace reports it
 * with no DIF offset.
 */

BEGIN
{
	commit(5);
}

BEGIN
{
	exit(0);
}
