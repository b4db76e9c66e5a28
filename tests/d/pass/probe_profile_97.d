/*
 * The classic profile-97 sampling probe aggregating on the running command.
 */

profile-97
{
	@samples[execname] = count();
}

tick-5s
{
	printa(@samples);
	exit(0);
}
