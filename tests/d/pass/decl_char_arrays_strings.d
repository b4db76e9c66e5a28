/*
 * Char arrays act as strings where D expects one.
 */

struct namebuf {
	char text[32];
};

BEGIN
{
	this->nb = (struct namebuf *)alloca(sizeof (struct namebuf));
	this->nb->text[0] = 'h';
	this->nb->text[1] = 'i';
	this->nb->text[2] = '\0';
	printf("%s %d\n", this->nb->text, strlen(this->nb->text));
}
