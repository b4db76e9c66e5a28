/*
 * printf() without a newline and without -q: the end-of-record newline ends the line.
 */

BEGIN
{
	printf("x=%d", 5);
	exit(0);
}
