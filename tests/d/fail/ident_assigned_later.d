/*
 * @@tag D_IDENT_UNDEF
 * @@line 11
 * @@message failed to resolve total: Unknown variable name
 * Variables come into existence in program order: a later clause's
 * assignment does not help an earlier read.
 */

BEGIN
{
	printf("%d\n", total);
}

tick-1sec
{
	total = 1;
}
