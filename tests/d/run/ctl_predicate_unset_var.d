/*
 * @@flags -q
 * A global never assigned at run time reads as 0 in a predicate (it must
 * be assigned somewhere in the program to be declared).
 */

BEGIN
/0/
{
	never = 1;
}

BEGIN
/never/
{
	printf("set\n");
}

BEGIN
/!never/
{
	printf("unset\n");
	exit(0);
}
