/*
 * @@tag D_SYNTAX
 * @@line 16
 * @@message expected actions { } following probe description and predicate
 * When the predicate's last operator is reduced only at end of input, the
 * line is the one after the file's last newline.
 */

BEGIN
{
	trace(1);
}

END
/pid > 0/
