/*
 * @@flags -q
 * A thread-local string.
 */

BEGIN
{
	self->s = "thread";
	self->s = strjoin(self->s, "-local");
	printf("%s %d\n", self->s, strlen(self->s));
	exit(0);
}
