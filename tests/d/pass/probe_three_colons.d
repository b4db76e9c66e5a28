/*
 * A description with empty provider, module and function fields matches by
 * name only.
 */

:::BEGIN
{
	trace(pid);
}

:::END
{
	trace(ppid);
}
