/*
 * An else-if chain.
 */

tick-10ms
{
	this->r = rand() % 100;
	if (this->r < 10) {
		@bucket["rare"] = count();
	} else if (this->r < 50) {
		@bucket["some"] = count();
	} else if (this->r < 90) {
		@bucket["many"] = count();
	} else {
		@bucket["most"] = count();
	}
}
