/*
 * A provider probe with an output prototype mapping named input arguments.
 */

provider shop {
	probe order(int order_id, char *item, int qty) : (int order_id, int qty);
};

BEGIN
{
	exit(0);
}
