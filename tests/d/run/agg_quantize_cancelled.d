/*
 * @@flags -q
 * quantize() increments that cancel out print the rows around zero.
 */

BEGIN
{
	@ = quantize(8, 2);
	@ = quantize(8, -2);
	exit(0);
}
