/*
 * @@flags -q
 * profile-997hz, counted to 5 across CPUs.
 */

profile-997hz
{
	n++;
}

profile-997hz
/n == 5/
{
	exit(0);
}

END
{
	printf("%d\n", n);
}
