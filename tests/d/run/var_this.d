/*
 * @@flags -q
 * Clause-local variables within a clause.
 */

BEGIN
{
	this->x = 10;
	this->y = this->x * 2;
	printf("%d %d\n", this->x, this->y);
	exit(0);
}
