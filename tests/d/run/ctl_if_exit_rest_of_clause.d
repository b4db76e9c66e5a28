/*
 * @@flags -q
 * exit() inside an if: the statements after the if are an ECB of their
 * own (dt_sugar.c), so neither they nor later BEGIN clauses run.
 */

BEGIN
{
	if (1)
		exit(0);
	printf("rest\n");
}

BEGIN
{
	printf("skipped\n");
}
