/*
 * @@flags -q
 * A fault inside an if stops the rest of that clause (dt_sugar.c's
 * self->%error, set by its ERROR clause); the next clause still runs.
 */

BEGIN
{
	x = 1;
	if (x) {
		printf("%d\n", *(int *)0);
	}
	printf("after\n");
}

BEGIN
{
	printf("next clause\n");
	exit(0);
}
