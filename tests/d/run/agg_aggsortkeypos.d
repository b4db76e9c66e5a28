/*
 * @@flags -q
 * aggsortkeypos=1 with aggsortkey sorts by the second key first.
 */

#pragma D option aggsortkey

#pragma D option aggsortkeypos=1

BEGIN
{
	@["a", 3] = count();
	@["b", 1] = count();
	@["c", 2] = count();
	@["a", 1] = count();
	exit(0);
}
