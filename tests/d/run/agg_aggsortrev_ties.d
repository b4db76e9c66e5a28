/*
 * @@flags -q
 * aggsortrev reverses ties by key too.
 */

#pragma D option aggsortrev

BEGIN
{
	@["a"] = count();
	@["b"] = count();
	@["c"] = count();
	exit(0);
}
