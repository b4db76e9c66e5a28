/*
 * @@tag D_DECL_BADCLASS
 * @@line 8
 * @@message specified storage class not appropriate in D
 * static has no meaning for D variables.
 */

static int hits;

BEGIN
{
	hits = 1;
}
