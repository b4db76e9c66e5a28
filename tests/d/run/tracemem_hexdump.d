/*
 * tracemem() prints a hex dump with the printable characters beside it,
 * 16 bytes a row, after the probe line; bytes outside ' '..'~' print as '.'.
 */

BEGIN
{
	this->p = (uint32_t *)alloca(20);
	this->p[0] = 0x6c6c6548;
	this->p[1] = 0x77202c6f;
	this->p[2] = 0x646c726f;
	this->p[3] = 0x00ff0a21;
	this->p[4] = 0x7f7e2001;
	tracemem(this->p, 20);
	exit(0);
}
