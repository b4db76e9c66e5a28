/*
 * trace() records integers, strings, pointers and expressions.
 */

BEGIN
{
	trace(1);
	trace(-1);
	trace("a string");
	trace(execname);
	trace(timestamp);
	trace((void *)arg0);
	trace(pid + ppid * 2);
	trace('c');
}
