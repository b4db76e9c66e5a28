/*
 * @@tag D_TRACE_VOID
 * @@line 10
 * @@message trace( ) may not be applied to a void expression
 * A void expression records nothing.
 */

BEGIN
{
	trace((void)0);
}
