/*
 * A tick probe whose interval is a frequency.
 */

tick-10hz
{
	n++;
}

tick-10hz
/n >= 50/
{
	exit(0);
}
