/*
 * @@flags -q -x droptags -x dynvarsize=1
 * -x droptags puts the drop's DTRACEDROP_ tag in front of the message.
 */

BEGIN
{
	a[1] = 1;
	exit(0);
}
