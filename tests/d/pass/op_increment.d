/*
 * Prefix and postfix increment and decrement on globals, thread-locals,
 * clause-locals and array elements.
 */

tick-1sec
{
	g++;
	++g;
	g--;
	--g;
	self->t++;
	--self->t;
	this->c = 0;
	this->c++;
	counts[probename]++;
	--counts[probename];
	printf("%d %d %d %d\n", g, self->t, this->c++, counts[probename]);
}
