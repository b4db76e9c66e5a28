/*
 * Binding and attributes pragmas applied to an inline defined earlier.
 */

inline int BUFFER_LIMIT = 4096;
#pragma D binding "1.0" BUFFER_LIMIT
#pragma D attributes Evolving/Evolving/Common BUFFER_LIMIT

BEGIN
{
	trace(BUFFER_LIMIT);
}
