/*
 * @@tag D_PRED_SCALAR
 * @@line 15
 * @@message predicate result must be of scalar type
 * An array is not a scalar, so it cannot be a predicate (reported where
 * the clause ends).
 */

int a[4];

BEGIN
/a/
{
	exit(0);
}
