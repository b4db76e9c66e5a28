/*
 * @@flags -q
 * Thread-local variables; assigning 0 frees them.
 */

BEGIN
{
	self->a = 1;
	self->a++;
	printf("%d\n", self->a);
	self->a = 0;
	printf("%d\n", self->a);
	exit(0);
}
