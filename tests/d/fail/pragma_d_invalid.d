/*
 * @@tag D_PRAGMA_INVAL
 * @@line 8
 * @@message invalid D pragma: optimize
 * An unknown #pragma D directive.
 */

#pragma D optimize

BEGIN
{
	trace(1);
}
