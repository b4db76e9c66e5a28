/*
 * A pointer to a struct whose definition appears later in the program.
 */

struct later *lp;

struct later {
	int v;
};

BEGIN
{
	lp = (struct later *)alloca(sizeof (struct later));
	lp->v = 10;
	trace(lp->v);
}
