/*
 * @@tag D_SYNTAX
 * @@line 15
 * @@message expected actions { } following probe description and predicate
 * A predicate must be followed by an action list; the error points at the
 * predicate.
 */

BEGIN
{
	trace(1);
}

END
/pid/
