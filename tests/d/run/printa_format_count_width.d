/*
 * @@flags -q
 * A count printed with %@-6d| pads on the right.
 */

BEGIN
{
	@c = count();
	printa("|%@-6d|\n", @c);
	exit(0);
}
