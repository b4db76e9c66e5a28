/*
 * @@tag D_PDESC_ZERO
 * @@line 9
 * @@message probe description :dtrace::BEGIN does not match any probes
 * With three fields the first is the module, so dtrace::BEGIN names a module
 * called dtrace.
 */

dtrace::BEGIN
{
	trace(1);
}
