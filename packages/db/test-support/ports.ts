/**
 * A random listening port for tests and benchmarks, kept below the kernel's ephemeral range
 * (32768–60999 here), where thousands of client sockets would otherwise collide with it.
 */
export function freePort(): number {
  return 20000 + Math.floor(Math.random() * 12000);
}
