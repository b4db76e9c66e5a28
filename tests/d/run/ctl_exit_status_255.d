/*
 * @@flags -q
 * @@status 255
 * exit(255): the largest status a process can return.
 */

BEGIN
{
	exit(255);
}
