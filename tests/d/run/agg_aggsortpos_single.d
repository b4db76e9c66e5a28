/*
 * @@flags -q
 * aggsortpos has no effect on a single aggregation.
 */

#pragma D option aggsortpos=1

BEGIN
{
	@["a"] = sum(2);
	@["b"] = sum(1);
	exit(0);
}
