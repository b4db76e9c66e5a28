/*
 * @@flags -q
 * printa() of an aggregation without keys.
 */

BEGIN
{
	@ = count();
	@ = count();
	printa(@);
	exit(0);
}
