/*
 * @@flags -q
 * %s with width, left alignment and precision.
 */

BEGIN
{
	printf("[%s][%10s][%-10s][%.3s]\n", "hello", "hi", "hi", "abcdef");
	exit(0);
}
