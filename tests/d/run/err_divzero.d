/*
 * @@flags -q
 * Integer division by zero faults: the message names the EPID, the probe,
 * the action (the assignment is action #2) and the DIF byte offset of sdiv.
 */

BEGIN
{
	i = 0;
	x = 1 / i;
}

BEGIN
{
	exit(0);
}
