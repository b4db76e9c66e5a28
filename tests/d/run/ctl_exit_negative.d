/*
 * @@flags -q
 * @@status 255
 * exit(-1): the process status is the low 8 bits, 255.
 */

BEGIN
{
	exit(-1);
}
