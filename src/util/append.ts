/**
 * Appends every item of `items` to `target`. `target.push(...items)` passes each item as an argument, and
 * past about 120,000 of them (V8's default stack) throws "Maximum call stack size exceeded".
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
