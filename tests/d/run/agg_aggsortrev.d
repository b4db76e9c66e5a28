/*
 * @@flags -q
 * aggsortrev reverses the order: largest value first.
 */

#pragma D option aggsortrev

BEGIN
{
	@["a"] = sum(1);
	@["b"] = sum(3);
	@["c"] = sum(2);
	exit(0);
}
