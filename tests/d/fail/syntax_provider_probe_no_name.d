/*
 * @@tag D_SYNTAX
 * @@line 9
 * @@message syntax error near ";"
 * A provider probe declaration needs a name and a prototype.
 */

provider shop {
	probe;
};
