/*
 * An anonymous struct type reached through a typedef.
 */

typedef struct {
	int id;
	char name[12];
} rec_t;

BEGIN
{
	this->r = (rec_t *)alloca(sizeof (rec_t));
	this->r->id = 7;
	printf("%d %d\n", this->r->id, sizeof (rec_t));
}
