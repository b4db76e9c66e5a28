/*
 * @@flags -q
 * %-*s pads a string on the right to a width from an argument.
 */

BEGIN
{
	printf("[%-*s][%*s]\n", 5, "ab", 5, "ab");
	exit(0);
}
