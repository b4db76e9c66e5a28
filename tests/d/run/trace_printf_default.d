/*
 * printf() without -q follows the probe columns, and the record ends with a newline of its own.
 */

BEGIN
{
	printf("hello\n");
	exit(0);
}
