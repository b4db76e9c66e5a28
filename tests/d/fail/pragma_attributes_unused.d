/*
 * @@tag D_PRAGMA_UNUSED
 * @@line 8
 * @@message unused #pragma attributes
 * Attributes for an identifier that the program never defines.
 */

#pragma D attributes Evolving/Evolving/Common never_defined

BEGIN
{
	trace(1);
}
