/*
 * Enumerators take part in integer arithmetic and comparisons.
 */

enum level { LOW = 1, MID = 5, HIGH = 10 };

tick-1sec
{
	lvl = (timestamp & 1) ? HIGH : LOW;
	printf("%d %d\n", lvl, lvl * 2 > MID);
}
