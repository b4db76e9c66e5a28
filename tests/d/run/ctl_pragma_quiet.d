/*
 * #pragma D option quiet: no header, no probe lines, no matched notice.
 */

#pragma D option quiet

BEGIN
{
	printf("hello\n");
	exit(0);
}
