/*
 * The bare probe name BEGIN is the short form of dtrace:::BEGIN.
 */

BEGIN
{
	printf("tracing started\n");
	exit(0);
}
