/*
 * A '?' glob matching exactly one character.
 */

dtrace:::EN?
{
	trace(probename);
}
