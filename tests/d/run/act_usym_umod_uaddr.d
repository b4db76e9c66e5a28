/*
 * @@flags -q
 * usym(), uaddr() and umod() record the process id and the address, and
 * print as dt_consume.c prints them: "  %-50s" of the symbol, the address
 * or the module, or of the address in hex when no process mapping names
 * it (the local engine has none), like sym().
 */

BEGIN
{
	usym(0x10);
	uaddr(0x20);
	umod(0x30);
	sym(0x40);
	printf("|\n");
	exit(0);
}
