/*
 * Bit-field members, including an unnamed padding field.
 */

struct flags {
	unsigned int ready : 1;
	unsigned int mode : 3;
	unsigned int : 4;
	int level : 8;
	uint32_t rest;
};

BEGIN
{
	this->f = (struct flags *)alloca(sizeof (struct flags));
	this->f->ready = 1;
	this->f->mode = 5;
	this->f->level = -3;
	printf("%d %d %d\n", this->f->ready, this->f->mode, this->f->level);
}
