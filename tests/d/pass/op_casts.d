/*
 * Casts between integer widths, to pointers, to void pointers and to string.
 */

BEGIN
{
	printf("%d %d\n", (char)0x141, (uint8_t)-1);
	printf("%d %d\n", (short)70000, (unsigned short)-1);
	printf("%d\n", (int)(long long)0x100000001);
	this->p = (char *)alloca(8);
	this->v = (void *)this->p;
	this->n = (uintptr_t)this->v;
	this->s = (string)arg0;
	printf("%x\n", this->n);
}
