/*
 * @@tag D_OP_ACT
 * @@line 10
 * @@message action cannot be used in a conditional context
 * Actions cannot be chosen with ?:.
 */

BEGIN
{
	pid > 0 ? trace(pid) : trace(0);
}
