/*
 * Linear histograms with default step, explicit step and an increment.
 */

tick-10ms
{
	this->v = rand() % 120;
	@a = lquantize(this->v, 0, 100);
	@b = lquantize(this->v, 0, 100, 10);
	@c = lquantize(this->v, -50, 50, 5, 2);
}
