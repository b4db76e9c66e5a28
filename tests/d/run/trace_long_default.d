/*
 * trace() of a 64-bit value without -q: ' %16lld'.
 */

BEGIN
{
	trace((long long)123);
	exit(0);
}
