/*
 * @@flags -q
 * char keys print in 3 columns of the unsigned byte.
 */

BEGIN
{
	@[(char)65] = sum(1);
	@[(char)-1] = sum(2);
	exit(0);
}
