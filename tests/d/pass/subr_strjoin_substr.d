/*
 * strlen, strjoin and substr with two and three arguments.
 */

profile-97
{
	this->s = strjoin(execname, "-sample");
	printf("%d %s %s %s\n", strlen(this->s), substr(this->s, 2),
	    substr(this->s, 1, 4), substr(this->s, -3));
}
