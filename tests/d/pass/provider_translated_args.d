/*
 * A provider probe with an output prototype mapping named input arguments.
 */

provider shop {
	probe order(int id, char *item, int qty) : (int id, int qty);
};

BEGIN
{
	exit(0);
}
