/*
 * @@flags -q
 * setopt("aggsortkey") while tracing changes how the next printa() sorts.
 */

BEGIN
{
	@a["b"] = sum(1);
	@a["a"] = sum(2);
	@a["c"] = sum(3);
	setopt("aggsortkey");
	printa(@a);
	setopt("aggsortkey", "no");
	printa(@a);
	exit(0);
}
