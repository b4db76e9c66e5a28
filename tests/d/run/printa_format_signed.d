/*
 * @@flags -q
 * %@d prints a negative sum signed.
 */

BEGIN
{
	@a = sum(-42);
	printa("v=%@d\n", @a);
	exit(0);
}
