/*
 * @@tag D_MACRO_UNUSED
 * @@line 13
 * @@message extraneous argument 'spare' ($2 is not referenced)
 * @@args 5 spare
 * Only the last argument is checked: $2 unreferenced while $1 is used.
 */

tick-$1sec
{
	exit(0);
}
