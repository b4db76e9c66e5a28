/*
 * @@flags -x quiet
 * -x quiet on the command line is -q.
 */

BEGIN
{
	printf("hello\n");
	exit(0);
}
