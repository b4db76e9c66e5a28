/*
 * @@tag D_PDESC_INVAL
 * @@line 8
 * @@message invalid probe description "dtrace:a:b:c:BEGIN": Overspecified probe description
 * A probe description has at most four fields.
 */

dtrace:a:b:c:BEGIN
{
	trace(1);
}
