/*
 * @@flags -q -x dynvarsize=1
 * With no room for dynamic variables every store is dropped, and the drops
 * are reported (-q does not hide them); reads of dropped elements see 0.
 */

BEGIN
{
	a[1] = 1;
	a[2] = 2;
	self->x = 3;
	printf("%d %d %d\n", a[1], a[2], self->x);
	exit(0);
}
