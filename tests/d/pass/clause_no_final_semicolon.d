/*
 * The last statement of a clause may omit its semicolon.
 */

BEGIN
{
	trace("first");
	trace("second")
}

END { printf("done\n") }
