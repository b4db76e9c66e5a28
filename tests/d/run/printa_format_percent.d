/*
 * @@flags -q
 * %% in a printa() format prints a percent sign.
 */

BEGIN
{
	@a = sum(5);
	printa("%% %@d\n", @a);
	exit(0);
}
