/*
 * @@flags -q
 * An if splits a clause into ECBs (as dt_sugar.c does); once exit() ran,
 * later BEGIN ECBs do not, so the if after exit() is skipped.
 */

BEGIN
{
	exit(0);
	if (1)
		printf("x\n");
}
