/*
 * Pointer declarations with qualifiers at several levels.
 */

int *ip;
char **argvp;
const char *name;
void *opaque;
int *const fixed;
volatile unsigned long *reg;
char *const *vec;

BEGIN
{
	ip = (int *)alloca(sizeof (int));
	*ip = 42;
	opaque = (void *)ip;
	printf("%d %p\n", *ip, opaque);
}
