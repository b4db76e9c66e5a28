/*
 * @@flags -q -w
 * system() formats its command like printf and runs it with the shell;
 * what the clause printed before it comes out first.
 */

BEGIN
{
	printf("before\n");
	system("echo %s %d", "system", 42);
	printf("after\n");
	exit(0);
}
