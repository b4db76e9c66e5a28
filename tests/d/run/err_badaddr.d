/*
 * @@flags -q
 * Loading from an unmapped address names the address in hex.
 */

BEGIN
{
	x = *(int *)0x1000;
}

BEGIN
{
	exit(0);
}
