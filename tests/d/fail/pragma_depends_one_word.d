/*
 * @@tag D_PRAGMA_MALFORM
 * @@line 8
 * @@message malformed #pragma depends_on <class> <name>
 * depends_on needs a class and a name.
 */

#pragma D depends_on provider

BEGIN
{
	trace(1);
}
