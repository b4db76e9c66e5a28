/*
 * @@flags -q
 * aggsortkey with aggsortrev: keys in descending order.
 */

#pragma D option aggsortkey

#pragma D option aggsortrev

BEGIN
{
	@["b"] = sum(1);
	@["a"] = sum(2);
	@["c"] = sum(3);
	exit(0);
}
