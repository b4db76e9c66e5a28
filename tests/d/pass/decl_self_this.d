/*
 * Thread-local and clause-local variables declared at the outer scope.
 */

self int depth;
self string why;
this uint64_t delta;

tick-1sec
{
	self->depth++;
	self->why = "tick";
	this->delta = timestamp - vtimestamp;
	printf("%d %s %d\n", self->depth, self->why, this->delta);
}
