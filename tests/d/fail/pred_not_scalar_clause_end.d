/*
 * @@tag D_PRED_SCALAR
 * @@line 12
 * @@message predicate result must be of scalar type
 * The predicate type error is reported on the line where the clause ends.
 */

profile-97
/probefunc/
{
	@[execname] = count();
}
