/*
 * @@flags -q
 * @@status 0
 * exit(256): the low 8 bits of the status are 0.
 */

BEGIN
{
	exit(256);
}
