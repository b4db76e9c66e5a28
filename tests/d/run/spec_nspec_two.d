/*
 * #pragma D option nspec=2: ids 1 and 2, then 0 (two failures).
 */

#pragma D option quiet

#pragma D option nspec=2

BEGIN
{
	printf("%d %d %d %d\n", speculation(), speculation(), speculation(), speculation());
	exit(0);
}
