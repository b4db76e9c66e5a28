/*
 * @@tag D_SYNTAX
 * @@line 17
 * A comment that is never closed is reported where the input ends.
 */

BEGIN
{
	trace(1);
}

/* this comment never ends
END
{
	exit(0);
}
