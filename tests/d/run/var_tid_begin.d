/*
 * @@flags -q
 * BEGIN fires in the thread that started tracing: the consumer's main
 * thread, whose Linux thread id is the process id. tick probes fire on
 * the local engine's timer thread, another thread of the same process.
 */

BEGIN
{
	printf("%d\n", tid == pid);
}

tick-1ms
{
	printf("%d\n", tid != pid);
	exit(0);
}
