/*
 * @@flags -q
 * An unassigned thread-local reads as 0.
 */

self int t;

BEGIN
{
	printf("%d\n", self->t);
	exit(0);
}
