/*
 * @@flags -q
 * A precision on an integer sets its minimum number of digits.
 */

BEGIN
{
	printf("[%.3d][%8.3d][%-8.3d]\n", 7, 7, 7);
	exit(0);
}
