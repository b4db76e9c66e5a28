/*
 * @@requires btf
 * Kernel variables named with the backquote scoping operator.
 */

BEGIN
{
	trace(`jiffies);
	trace(vmlinux`jiffies);
}
