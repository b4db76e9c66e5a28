/*
 * @@flags -q
 * aggsortrev also reverses the order of the aggregations at exit.
 */

#pragma D option aggsortrev

BEGIN
{
	@a = sum(1);
	@b = sum(2);
	exit(0);
}
