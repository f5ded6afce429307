import levenshtein from 'fast-levenshtein';
import { describeValue, NearDupError } from '../errors.js';

// Checks of single option values; each error names the option and the value given.

export function invalid(name: string, value: unknown, expected: string): never {
  throw new NearDupError(
    'INVALID_OPTION',
    `neardup: option ${name} must be ${expected}, got ${describeValue(value)}`,
  );
}

export function num(o: Record<string, unknown>, name: string, fallback: number): number {
  const v = o[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) invalid(name, v, 'a finite number');
  return v as number;
}

export function int(
  o: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = o[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    invalid(name, v, `an integer from ${min} to ${max}`);
  }
  return v as number;
}

export function bool(o: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const v = o[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') invalid(name, v, 'true or false');
  return v as boolean;
}

export function oneOf(o: Record<string, unknown>, name: string, fallback: string, allowed: string[]): string {
  const v = o[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !allowed.includes(v))
    invalid(name, v, allowed.map((a) => `'${a}'`).join(' or '));
  return v as string;
}

/** The known option name nearest to a typo, if it is close enough to be a likely intent. */
export function closestName(key: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of names) {
    const d = levenshtein.get(key.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}
