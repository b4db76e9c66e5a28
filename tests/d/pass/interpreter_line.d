/*
 * An interpreter line with options is skipped by the compiler.
 */

#!/usr/sbin/dtrace -qs

BEGIN
{
	printf("run me directly\n");
	exit(0);
}
