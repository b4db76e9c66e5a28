/*
 * @@tag D_DECL_IDRED
 * @@line 7
 * An inline cannot take the name of a built-in subroutine.
 */

inline int rand = 7;

BEGIN
{
	trace(rand);
}
