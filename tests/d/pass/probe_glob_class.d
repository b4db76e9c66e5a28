/*
 * A bracket character class glob selecting BEGIN, END and ERROR.
 */

dtrace:::[BE]*
{
	@names[probename] = count();
}
