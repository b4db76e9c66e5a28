/*
 * Function pointer declarators for a global and a typedef, and a function
 * prototype.
 */

int (*handler)(int, char *);
typedef void (*callback_t)(void *, int);
callback_t cb;
extern int lookup(const char *key, int len);

BEGIN
{
	printf("%d %d\n", sizeof (handler), sizeof (callback_t));
}
