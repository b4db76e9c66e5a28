/*
 * A union whose members overlay the same storage.
 */

union word {
	uint32_t whole;
	uint16_t halves[2];
	uint8_t bytes[4];
};

BEGIN
{
	this->w = (union word *)alloca(sizeof (union word));
	this->w->whole = 0x11223344;
	printf("%x %x\n", this->w->halves[0], this->w->bytes[3]);
	trace(sizeof (union word));
}
