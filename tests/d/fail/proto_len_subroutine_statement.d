/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message rand( ) prototype mismatch: 3 args passed, 0 expected
 * A subroutine called as a statement is checked like any other call.
 */

BEGIN
{
	rand(1, 2, 3);
}
