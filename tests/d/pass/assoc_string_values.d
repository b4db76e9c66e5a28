/*
 * Associative arrays holding strings, with an assignment of zero to release
 * an element.
 */

profile-97
{
	name[pid] = execname;
}

tick-1sec
/name[pid] != ""/
{
	printf("%s\n", name[pid]);
	name[pid] = 0;
}
