/*
 * @@flags -q
 * A predicate on END.
 */

BEGIN
{
	done = 1;
	exit(0);
}

END
/done/
{
	printf("done\n");
}

END
/!done/
{
	printf("not done\n");
}
