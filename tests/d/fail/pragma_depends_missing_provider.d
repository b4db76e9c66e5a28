/*
 * @@tag D_PRAGMA_DEPEND
 * @@line 8
 * @@message program requires provider zz_absent_provider
 * A dependency on a provider that is not there.
 */

#pragma D depends_on provider zz_absent_provider

BEGIN
{
	trace(1);
}
