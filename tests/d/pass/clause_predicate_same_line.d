/*
 * Predicate and opening brace on the same line as the probe.
 */

BEGIN /pid > 0/ { trace(pid); }
END /ppid > 0/ { trace(ppid); exit(0); }
