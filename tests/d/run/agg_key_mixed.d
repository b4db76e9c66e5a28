/*
 * @@flags -q
 * A tuple of int, string and char keys.
 */

BEGIN
{
	@[(int)1, "x", (char)2] = sum(10);
	@[(int)2, "y", (char)3] = sum(5);
	exit(0);
}
