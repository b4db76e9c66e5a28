/*
 * @@tag D_IDENT_BADREF
 * @@line 11
 * @@message aggregating function 'count' may not be referenced as scalar
 * Aggregating function names are reserved; they cannot be assigned like
 * variables.
 */

BEGIN
{
	count = 0;
}
