/*
 * @@tag D_MACRO_UNDEF
 * @@line 10
 * @@message macro argument $1 is not defined
 * $1 without any arguments given.
 */

BEGIN
{
	trace($1);
}
