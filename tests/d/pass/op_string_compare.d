/*
 * Strings compare by value with all relational operators.
 */

profile-97
/execname == "bash" || execname != "sshd"/
{
	@early[execname < "m" ? "a-l" : "m-z"] = count();
}

profile-97
/execname >= "a" && execname <= "zzz"/
{
	@lower = count();
}
