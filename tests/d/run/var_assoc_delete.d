/*
 * @@flags -q
 * Assigning 0 to an associative element deletes it.
 */

BEGIN
{
	a["k"] = 5;
	printf("%d\n", a["k"]);
	a["k"] = 0;
	printf("%d\n", a["k"]);
	a["k"] += 2;
	printf("%d\n", a["k"]);
	exit(0);
}
