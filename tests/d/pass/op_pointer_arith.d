/*
 * Pointer plus integer, integer plus pointer and pointer difference.
 */

BEGIN
{
	this->base = (uint32_t *)alloca(16 * sizeof (uint32_t));
	this->end = this->base + 16;
	this->mid = 8 + this->base;
	printf("%d %d\n", this->end - this->base, this->mid - this->base);
	printf("%d\n", this->end > this->mid);
}
