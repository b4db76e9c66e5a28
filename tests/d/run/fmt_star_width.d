/*
 * @@flags -q
 * * takes the width from an argument; a negative one left-aligns.
 */

BEGIN
{
	printf("[%*d][%*d]\n", 6, 42, -6, 42);
	exit(0);
}
