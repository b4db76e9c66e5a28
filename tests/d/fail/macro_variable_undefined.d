/*
 * @@tag D_MACRO_UNDEF
 * @@line 10
 * @@message macro variable $nosuchmacro is not defined
 * A macro variable name that does not exist.
 */

BEGIN
{
	trace($nosuchmacro);
}
