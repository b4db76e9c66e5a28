/*
 * @@tag D_MACRO_UNUSED
 * @@line 14
 * @@message extraneous argument '42' ($1 is not referenced)
 * @@args 42
 * An argument given on the command line but never referenced is an error,
 * reported after the whole program is read.
 */

BEGIN
{
	trace(1);
}
