/*
 * @@flags -q
 * A cleared count() prints 0.
 */

BEGIN
{
	@c = count();
	clear(@c);
	exit(0);
}
