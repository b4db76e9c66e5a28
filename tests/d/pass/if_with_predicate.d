/*
 * if statements mixed with predicates and other actions in one clause.
 */

BEGIN
{
	total = 0;
}

tick-100ms
/total < 100/
{
	total += 7;
	if (total > 50) { trace(total); }
	if (total > 90) { exit(0); } else { ; }
}
