/*
 * @@flags -q
 * Speculate in BEGIN, commit in END.
 */

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("from BEGIN\n");
}

BEGIN
{
	printf("begin done\n");
	exit(0);
}

END
{
	printf("end\n");
}

END
{
	commit(s);
}
