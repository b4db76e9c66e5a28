/*
 * @@flags -q -x nspec=2
 * -x nspec=2 on the command line allows two speculations.
 */

BEGIN
{
	printf("%d %d\n", speculation(), speculation());
	exit(0);
}
