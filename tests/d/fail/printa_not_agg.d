/*
 * @@tag D_PRINTA_AGGARG
 * @@line 9
 * printa of a plain variable.
 */

tick-1sec
{
	printa(pid);
}
