// The index logic is written once, as generator functions ("steps") that yield each storage call's
// result: a plain value from the in-memory store, a promise from shared storage. runSync drives them for
// the in-memory index, whose methods stay synchronous; runAsync awaits each promise for shared storage.

/** Index logic that yields storage results and returns R. */
export type Steps<R> = Generator<unknown, R, unknown>;

/** A value, or a promise of it: what a store's method returns. */
export type Maybe<T> = T | Promise<T>;

/** Waits for a storage call inside steps: `const ids = yield* wait(store.ids())`. */
export function* wait<T>(value: Maybe<T>): Generator<Maybe<T>, T, unknown> {
  return (yield value) as T;
}

/** Runs steps whose storage answers at once (the in-memory store): never sees a promise. */
export function runSync<R>(steps: Steps<R>): R {
  let step = steps.next();
  while (!step.done) {
    if (step.value instanceof Promise)
      throw new Error('neardup: internal error: a synchronous index met a promise');
    step = steps.next(step.value);
  }
  return step.value;
}

/** Runs steps over asynchronous storage: each promise is awaited, and its failure thrown back into the steps. */
export async function runAsync<R>(steps: Steps<R>): Promise<R> {
  let step = steps.next();
  while (!step.done) {
    let value: unknown;
    try {
      value = await step.value;
    } catch (error) {
      step = steps.throw(error);
      continue;
    }
    step = steps.next(value);
  }
  return step.value;
}
