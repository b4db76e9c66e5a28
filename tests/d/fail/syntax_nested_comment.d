/*
 * @@tag D_SYNTAX
 * @@line 9
 * D comments do not nest.
 */

BEGIN
{
	/* outer /* inner */
	trace(1);
}
