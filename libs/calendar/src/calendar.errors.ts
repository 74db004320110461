/**
 * Errors of the production calendar. Each carries a stable machine `code`, an English `message`
 * for logs and a Russian `messageRu` that the UI can show to an administrator as is.
 */

/** An error with an English message for logs and a Russian one for the screen. */
abstract class BilingualError extends Error {
  constructor(
    message: string,
    readonly messageRu: string,
  ) {
    super(message);
  }
}

/** A production calendar (XML or an in-memory year) is malformed or contradicts itself. */
export class CalendarDataError extends BilingualError {
  override readonly name = 'CalendarDataError';
  readonly code = 'CALENDAR_DATA_INVALID';
}

/** The calendar has no data for a year a computation needs; an administrator must load it. */
export class CalendarYearMissingError extends Error {
  override readonly name = 'CalendarYearMissingError';
  readonly code = 'CALENDAR_YEAR_MISSING';
  readonly messageRu: string;
  constructor(readonly year: number) {
    super(`No production calendar for ${year}: load the ${year} calendar`);
    this.messageRu = `Нет производственного календаря на ${year} год: загрузите его`;
  }
}

/** A caller passed a malformed date, instant, time zone or day count. */
export class CalendarArgumentError extends BilingualError {
  override readonly name = 'CalendarArgumentError';
  readonly code = 'CALENDAR_ARGUMENT_INVALID';
}
