/*
 * @@tag D_IDENT_BADREF
 * @@line 11
 * @@message associative array 'seen' may not be referenced as scalar
 * An associative array cannot later be used as a scalar.
 */

BEGIN
{
	seen[pid] = 1;
	seen = 0;
}
