/** One unmet condition: a stable machine code and the Russian text an end user reads. */
export interface UnmetCondition {
  readonly code: string;
  readonly message: string;
}

/**
 * A command the domain refuses. `code` is machine-readable, `message` is Russian for end users,
 * `unmet` lists every missing condition when the refusal is a gate (e.g. a stage transition).
 */
export class DomainRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly unmet: readonly UnmetCondition[] = [],
  ) {
    super(message);
    this.name = 'DomainRefusal';
  }
}

export const isDomainRefusal = (error: unknown): error is DomainRefusal =>
  error instanceof Error && error.name === 'DomainRefusal';
