/*
 * A speculation created, filled, and later committed or discarded.
 */

tick-10ms
/!self->spec/
{
	self->spec = speculation();
}

tick-10ms
/self->spec/
{
	speculate(self->spec);
	printf("tentative %d\n", timestamp);
}

tick-100ms
/self->spec && rand() % 2/
{
	commit(self->spec);
	self->spec = 0;
}

tick-100ms
/self->spec/
{
	discard(self->spec);
	self->spec = 0;
}
