/*
 * @@tag D_OP_ARRFUN
 * @@line 11
 * A scalar array as a whole cannot be assigned.
 */

int slots[4];

BEGIN
{
	slots = 5;
}
