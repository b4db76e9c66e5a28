/*
 * @@flags -q
 * @@status 7
 * exit() takes any integer expression.
 */

BEGIN
{
	exit(2 * 3 + 1);
}
