/*
 * @@tag D_SYNTAX
 * @@line 8
 * @@message extra } in input stream
 * A closing brace inside an inline definition has no opening brace.
 */

inline int limit = 5 };

BEGIN
{
	trace(limit);
}
