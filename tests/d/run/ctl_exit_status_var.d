/*
 * @@flags -q
 * @@status 4
 * exit() of a global variable's value.
 */

BEGIN
{
	code = 4;
}

BEGIN
{
	exit(code);
}
