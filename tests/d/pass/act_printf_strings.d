/*
 * printf string conversions with widths and precisions.
 */

BEGIN
{
	printf("%s|%S|\n", execname, "tab\tnewline\n");
	printf("%-10s|%10s|\n", "left", "right");
	printf("%.3s|%10.2s|\n", "abcdef", "xyz");
	printf("100%% done\n");
}
