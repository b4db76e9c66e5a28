/*
 * A thread-local variable used as an associative array.
 */

tick-10ms
{
	self->seen[probename] = timestamp;
	self->count[probename, cpu]++;
}

tick-1sec
/self->seen["tick-10ms"]/
{
	trace(self->count["tick-10ms", cpu]);
}
