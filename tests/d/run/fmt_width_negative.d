/*
 * @@flags -q
 * Padding of negative numbers: zeros go after the sign.
 */

BEGIN
{
	printf("[%6d][%-6d][%06d]\n", -42, -42, -42);
	exit(0);
}
