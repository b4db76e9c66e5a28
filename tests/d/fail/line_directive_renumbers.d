/*
 * @@tag D_IDENT_UNDEF
 * @@line 101
 * @@message failed to resolve undefined_after_line: Unknown variable name
 * After '#line 100' the next line is reported as line 101 (the directive's
 * own line is counted after it is applied).
 */

BEGIN
{
#line 100
	trace(undefined_after_line);
}
