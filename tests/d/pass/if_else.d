/*
 * if and else with braced and unbraced bodies.
 */

profile-97
{
	if (arg0 != 0)
		@where["kernel"] = count();
	else
		@where["user"] = count();

	if (pid == 0) {
		@idle = count();
	} else {
		@busy = count();
	}
}
