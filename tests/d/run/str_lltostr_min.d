/*
 * @@flags -q
 * lltostr() of the most negative 64-bit value.
 */

BEGIN
{
	printf("%s\n", lltostr(-9223372036854775807 - 1));
	exit(0);
}
