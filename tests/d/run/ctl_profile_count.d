/*
 * @@flags -q
 * profile-1ms fires on every CPU; firings are counted and exit at 10.
 */

profile-1ms
{
	n++;
}

profile-1ms
/n == 10/
{
	exit(0);
}

END
{
	printf("%d\n", n);
}
