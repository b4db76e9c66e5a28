/*
 * @@tag D_DECL_TYPERED
 * @@line 9
 * @@message type redeclared: enum color
 * An enum defined twice.
 */

enum color { RED, GREEN };
enum color { BLUE };
