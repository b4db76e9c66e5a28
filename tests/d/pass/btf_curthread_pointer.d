/*
 * @@requires btf
 * curthread as a plain pointer value.
 */

BEGIN
{
	trace(curthread);
	printf("%p\n", curthread);
}
