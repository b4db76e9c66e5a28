/*
 * strtok walks a string; a null first argument continues the previous scan.
 */

BEGIN
{
	this->first = strtok("alpha,beta;gamma", ",;");
	this->second = strtok((char *)0, ",;");
	this->third = strtok((char *)0, ",;");
	printf("%s %s %s\n", this->first, this->second, this->third);
}
