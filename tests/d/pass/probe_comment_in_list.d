/*
 * Comments may appear between probe descriptions in a list.
 */

BEGIN /* first */ , /* second */ END
{
	trace(probename);
}
