/*
 * The quiet option set from the script, as most scripts do.
 */

#pragma D option quiet

BEGIN
{
	printf("only printf output\n");
	exit(0);
}
