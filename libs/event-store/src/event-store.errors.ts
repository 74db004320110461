/** The stream moved on since the writer read it; the API answers 409. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId}: expected version ${expectedVersion}, actual ${actualVersion}`);
  }
}

/** Some, not all, of the event ids of an append are already stored: the writer reused ids. */
export class EventIdReuseError extends Error {
  override readonly name = 'EventIdReuseError';
  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
  ) {
    super(`Stream ${streamId}: event ids already used elsewhere: ${eventIds.join(', ')}`);
  }
}
