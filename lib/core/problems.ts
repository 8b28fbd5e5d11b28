import { ValidationError, ValidationProblem } from './validation';

/** Shows a given value in an error message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Collects the problems of one subject, then throws them all together.
 * Checks never stop at the first problem: a user fixes a spec in one pass.
 */
export class ProblemCollector {
  private readonly problems: ValidationProblem[] = [];

  /** @param subject what is being validated, e.g. `HighAvailabilityStack "shop"` */
  constructor(private readonly subject: string) {}

  /** Records a problem at `path`. */
  public add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Records a problem at `path` unless `ok` holds. Returns `ok`. */
  public check(ok: boolean, path: string, message: string): boolean {
    if (!ok) this.add(path, message);
    return ok;
  }

  /** `value`, when given, is an integer in [min, max]. */
  public integerInRange(path: string, value: number | undefined, min: number, max: number): boolean {
    if (value === undefined) return true;
    return this.check(
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
      path,
      `(${show(value)}) must be an integer from ${min} to ${max}`,
    );
  }

  /** `value`, when given, is a finite number in [min, max]. */
  public numberInRange(path: string, value: number | undefined, min: number, max: number): boolean {
    if (value === undefined) return true;
    return this.check(
      typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max,
      path,
      `(${show(value)}) must be a number from ${min} to ${max}`,
    );
  }

  /** `value`, when given, is one of `allowed`. */
  public oneOf<T>(path: string, value: T | undefined, allowed: readonly T[]): boolean {
    if (value === undefined) return true;
    return this.check(
      allowed.includes(value),
      path,
      `(${show(value)}) must be one of ${allowed.map((a) => show(a)).join(', ')}`,
    );
  }

  /** `value`, when given, is a non-empty string. */
  public nonEmptyString(path: string, value: string | undefined): boolean {
    if (value === undefined) return true;
    return this.check(typeof value === 'string' && value.trim().length > 0, path, `(${show(value)}) must be a non-empty string`);
  }

  /**
   * Every own key of `value` is one of `known`: plain-JavaScript users get an error for a misspelt
   * prop (`databse`) instead of a silently ignored one.
   */
  public knownKeys(path: string, value: object | undefined, known: readonly string[]): void {
    if (value === undefined || value === null || typeof value !== 'object') return;
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        const prefix = path ? `${path}.` : '';
        this.add(`${prefix}${key}`, `is not a known prop (known: ${known.join(', ')})`);
      }
    }
  }

  /** True when no problem was recorded. */
  public get ok(): boolean {
    return this.problems.length === 0;
  }

  /** Throws a {@link ValidationError} with every recorded problem, if there is any. */
  public throwIfAny(): void {
    if (this.problems.length > 0) throw new ValidationError(this.subject, [...this.problems]);
  }
}
