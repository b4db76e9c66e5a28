/*
 * @@flags -q
 * epid is the enabled probe's id: one per clause, in program order, while
 * id is the probe's (BEGIN is probe 1, END probe 2).
 */

BEGIN
{
	printf("%u %u\n", epid, id);
}

BEGIN
{
	printf("%u %u\n", epid, id);
	exit(0);
}

END
{
	printf("%u %u\n", epid, id);
}
