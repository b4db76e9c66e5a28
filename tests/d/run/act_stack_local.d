/*
 * BEGIN fires in the local engine, outside any kernel or traced process
 * context: stack() and ustack() record no frames and print only the
 * newline dtrace(1) starts every stack with.
 */

BEGIN
{
	stack();
	ustack();
	ustack(3);
	exit(0);
}
