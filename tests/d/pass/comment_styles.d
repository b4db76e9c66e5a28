/*
 * Block comments in every position D allows them, including inside a
 * predicate.
 */

/* a comment before anything */
BEGIN /* after the probe */
/ pid /* inside the predicate */ != 0 /
{
	/*
	 * A comment spanning
	 * several lines.
	 */
	x = 1 /* between operands */ + 2;
	trace(x); /* after a statement */
}
/* a comment at the very end */
