/*
 * @@flags -q
 * @@status 2
 * exit() of a ?: expression.
 */

BEGIN
{
	x = 0;
	exit(x ? 1 : 2);
}
