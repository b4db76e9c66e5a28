/*
 * Widths and precisions taken from arguments with '*'.
 */

BEGIN
{
	printf("%*d|%-*d|\n", 8, 42, 6, 7);
	printf("%.*s|\n", 2, "abcdef");
	printf("%*.*s|\n", 6, 3, "abcdef");
}
