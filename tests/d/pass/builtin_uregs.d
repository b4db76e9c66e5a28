/*
 * User registers read from the uregs array.
 */

profile-97
/arg1 != 0/
{
	printf("%x %x\n", uregs[0], uregs[1]);
}
