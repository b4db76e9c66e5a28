/*
 * @@flags -q
 * quantize()'s second argument weights the value.
 */

BEGIN
{
	@ = quantize(8, 5);
	@ = quantize(1);
	exit(0);
}
