/*
 * A predicate may span several lines.
 */

profile-97
/execname != "dtrace" &&
 pid != $pid &&
 tid != 0/
{
	@[execname] = count();
}
