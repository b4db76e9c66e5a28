/*
 * @@flags -q
 * %@u prints a negative sum as unsigned.
 */

BEGIN
{
	@a = sum(-1);
	printa("%@u\n", @a);
	exit(0);
}
