/*
 * Logical and, or, exclusive or and not, including short-circuit use in
 * predicates.
 */

tick-1sec
/pid != 0 || ppid != 0/
{
	a = 1;
	b = 0;
	printf("%d %d %d %d\n", a && b, a || b, a ^^ b, !a);
	printf("%d\n", !(a ^^ b) && (b || !b));
}
