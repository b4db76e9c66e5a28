/*
 * @@flags -q
 * -q and #pragma D option quiet together.
 */

#pragma D option quiet

BEGIN
{
	printf("once\n");
	exit(0);
}
