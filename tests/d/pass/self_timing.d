/*
 * The entry/return timing idiom with thread-local variables.
 */

tick-10ms
{
	self->ts = timestamp;
}

tick-10ms
/self->ts/
{
	@elapsed = quantize(timestamp - self->ts);
	self->ts = 0;
}
