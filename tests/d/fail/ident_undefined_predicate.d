/*
 * @@tag D_IDENT_UNDEF
 * @@line 9
 * @@message failed to resolve threshold: Unknown variable name
 * A predicate naming a variable that no clause has created.
 */

profile-97
/threshold > 10/
{
	@[execname] = count();
}
