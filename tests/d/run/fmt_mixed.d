/*
 * @@flags -q
 * Several conversions of different kinds in one format.
 */

BEGIN
{
	printf("%s=%d (0x%x, %c)\n", "val", 65, 65, 'A');
	exit(0);
}
