/*
 * toupper and tolower.
 */

profile-97
{
	@[toupper(execname), tolower("MiXeD")] = count();
}
