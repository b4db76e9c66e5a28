/*
 * @@flags -q
 * A fault in trace()'s expression.
 */

BEGIN
{
	z = 0;
	trace(3 / z);
}

BEGIN
{
	exit(0);
}
