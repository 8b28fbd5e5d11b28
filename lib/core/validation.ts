/**
 * One problem found in a spec or in a construct's props.
 */
export interface ValidationProblem {
  /** The prop path, e.g. `app.minCapacity` or `regions[1]`. */
  readonly path: string;
  /** What is wrong and what is allowed, e.g. `(8) must be ≤ app.maxCapacity (6)`. */
  readonly message: string;
}

/**
 * Thrown when a spec or a construct's props are invalid. It lists every problem at once, each
 * named by its prop path, so one run shows everything to fix. Nothing is synthesized.
 *
 * (Kept out of the jsii assembly, which cannot model a subclass of the JavaScript `Error`; other
 * languages see a plain error with the same message.)
 * @jsii ignore
 */
export class ValidationError extends Error {
  /** Every problem found, in the order they were found. */
  public readonly problems: ValidationProblem[];

  constructor(subject: string, problems: ValidationProblem[]) {
    super(`Invalid ${subject}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
    this.name = 'ValidationError';
    this.problems = problems;
    Object.setPrototypeOf(this, ValidationError.prototype);
  }
}
