/*
 * @@tag D_PRAGMA_INVAL
 * @@line 8
 * @@message invalid class kernel specified by #pragma depends_on
 * depends_on accepts provider, module or library.
 */

#pragma D depends_on kernel linux

BEGIN
{
	trace(1);
}
