/*
 * sum, avg, min and max over the same input value.
 */

tick-10ms
{
	this->v = rand() % 1000;
	@total[probename] = sum(this->v);
	@mean[probename] = avg(this->v);
	@least[probename] = min(this->v);
	@most[probename] = max(this->v);
}
