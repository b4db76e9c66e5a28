/*
 * @@tag D_SYNTAX
 * @@line 13
 * @@message expected predicate and/or actions following probe description
 * In a file, a probe description alone is not a clause.
 */

BEGIN
{
	trace(1);
}

END
