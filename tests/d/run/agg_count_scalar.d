/*
 * @@flags -q
 * count() with no keys prints its value alone at exit.
 */

BEGIN
{
	@ = count();
	@ = count();
	@ = count();
	exit(0);
}
