/*
 * setopt changes options at run time from an action.
 */

tick-1sec
{
	@[probename] = count();
	setopt("aggsortkey");
	setopt("quiet", "1");
	setopt("switchrate", "10hz");
}
