/*
 * strtoll parses decimal by default and other bases on request.
 */

BEGIN
{
	printf("%d %d %d\n", strtoll("123"), strtoll("ff", 16), strtoll("0777", 8));
}
