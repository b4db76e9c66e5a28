/*
 * @@flags -q
 * printf output without a newline is followed by the newline printed at exit.
 */

BEGIN
{
	printf("a");
	printf("b");
	exit(0);
}
