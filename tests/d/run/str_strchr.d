/*
 * @@flags -q
 * strchr(), strrchr() and strstr() return the rest of the string.
 */

BEGIN
{
	printf("%s %s %s %s\n", strchr("hello", 'l'), strrchr("hello", 'l'), strstr("hello", "ll"), strstr("abcabc", "ca"));
	exit(0);
}
