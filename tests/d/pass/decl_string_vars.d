/*
 * Global string variables declared and assigned, then compared.
 */

string last;
string first;

BEGIN
{
	first = "alpha";
	last = execname;
}

BEGIN
/last != first && first == "alpha"/
{
	printf("%s then %s\n", first, last);
}
