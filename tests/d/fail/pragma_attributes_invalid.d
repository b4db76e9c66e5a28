/*
 * @@tag D_PRAGMA_INVAL
 * @@line 9
 * @@message invalid attributes specified by #pragma attributes
 * Attributes must name stability levels and a class.
 */

inline int LIMIT = 4;
#pragma D attributes Solid/Rock/Everywhere LIMIT
