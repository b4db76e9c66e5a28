/*
 * Two speculations: one committed, one discarded.
 */

#pragma D option quiet

#pragma D option nspec=2

BEGIN
{
	keep = speculation();
	drop = speculation();
}

BEGIN
{
	speculate(keep);
	printf("kept %d\n", keep);
}

BEGIN
{
	speculate(drop);
	printf("dropped %d\n", drop);
}

BEGIN
{
	discard(drop);
}

BEGIN
{
	commit(keep);
}

BEGIN
{
	exit(0);
}
