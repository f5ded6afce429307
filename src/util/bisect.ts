// Binary search over ascending arrays: the one copy every sorted lookup in neardup uses.

/** The first index in [from, to) of an ascending array whose value is ≥ value (`to` when none is). */
export function firstAtOrAbove(
  sorted: ArrayLike<number>,
  value: number,
  from = 0,
  to = sorted.length,
): number {
  return boundary(sorted, value, false, from, to);
}

/** Index of the last element of an ascending array that is ≤ value (0 when none is: callers start at 0). */
export function lastAtOrBelow(sorted: ArrayLike<number>, value: number): number {
  return Math.max(0, boundary(sorted, value, true, 0, sorted.length) - 1);
}

/** The first index in [from, to) whose value is ≥ value, or > value when `pastEqual`. */
function boundary(
  sorted: ArrayLike<number>,
  value: number,
  pastEqual: boolean,
  from: number,
  to: number,
): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value || (pastEqual && sorted[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
