/*
 * stack and ustack as actions, with frame counts and a string size.
 */

profile-97
/arg0 != 0/
{
	stack();
	stack(3);
}

profile-97
/arg1 != 0/
{
	ustack();
	ustack(4);
	ustack(4, 128);
}
