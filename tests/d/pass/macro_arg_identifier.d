/*
 * @@args execname
 * A $ macro argument spelled like an identifier becomes that identifier.
 */

profile-97
{
	@[$1] = count();
}
