/*
 * @@flags -q
 * Declared but unassigned variables read as 0 and the empty string.
 */

int y;
string s;
int a[string];

BEGIN
{
	printf("%d [%s] %d\n", y, s, a["nothing"]);
	exit(0);
}
