/*
 * @@tag D_PRAGMA_MALFORM
 * @@line 8
 * @@message malformed #pragma attributes <attributes> <ident>
 * #pragma D attributes needs the identifier to apply to.
 */

#pragma D attributes Stable/Stable/Common

BEGIN
{
	trace(1);
}
