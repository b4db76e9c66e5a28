/*
 * @@tag D_ADDROF_VAR
 * @@line 11
 * @@message cannot take address of dynamic variable
 * D variables have no address.
 */

BEGIN
{
	total = 0;
	trace(&total);
}
