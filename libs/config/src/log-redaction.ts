/**
 * What never reaches a log line: teachers' personal data (152-FZ) and credentials. Pino's redaction
 * matches exact paths, so every key is listed at each depth up to MAX_DEPTH (request bodies, nested DTOs,
 * arrays of them — `*` also matches array indices). One list for the API and the worker.
 */
export const personalDataLogKeys = [
  // Personal data of teachers and staff.
  'fullName',
  'firstName',
  'lastName',
  'middleName',
  'email',
  'phone',
  'snils',
  'birthDate',
  'passport',
  'address',
  // The staff directory's card (issue 18) and the names responses carry beside ids.
  'surname',
  'patronymic',
  'workEmail',
  'workPhone',
  'personalEmail',
  'personalPhone',
  'shortName',
  'mentorName',
  'actorName',
  'teacherName',
  'assigneeName',
  'subjectNames',
  'displayTitle',
  // `<role>Name`/`<role>ShortName` beside ids in reports and a pair's mentee routes (apps/api/src/people/named-rows.ts).
  'teacherShortName',
  'mentorShortName',
  'methodologistName',
  'methodologistShortName',
  'tutorName',
  'tutorShortName',
  'curatorName',
  'curatorShortName',
  // A directory search: the start of a surname (`GET /organisations/:id/people?q=`).
  'q',
  // Why an administrator opens a pair's content (`GET /pairs/:id/history?reason=`): free text, may name people.
  'reason',
  // Documents carry the signatory's name ("Директор Петров П. П.").
  'signedBy',
  // Credentials.
  'authorization',
  'cookie',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'access_token',
  'refresh_token',
  'id_token',
  'clientSecret',
  // An organisation's webhook signing secret (shown once when the webhook is set).
  'secret',
] as const;

const MAX_DEPTH = 6;

export const logRedactPaths: string[] = [
  ...personalDataLogKeys.flatMap((key) =>
    Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => [...Array<string>(depth).fill('*'), key].join('.')),
  ),
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

export const REDACTED = '[REDACTED]';

/**
 * LOG_PRETTY=true (`npm start` sets it): lines for a person at a terminal, through pino-pretty in pino's transport
 * thread; otherwise JSON lines, one per event, for a log collector. Redaction runs before either.
 */
export const logTransport = (pretty: boolean) =>
  pretty
    ? {
        transport: {
          target: 'pino-pretty',
          options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination: 1 },
        },
      }
    : {};

/** Pino's `redact` option: paths replaced by a marker, so a reader sees the field was there. */
export const logRedaction = { paths: logRedactPaths, censor: REDACTED };

const queryKeys = new Set<string>(personalDataLogKeys.map((key) => key.toLowerCase()));

/** Paths whose last segment is a credential: a calendar feed's token (`/calendar/feeds/<token>.ics`). */
const SECRET_PATH = /^(\/calendar\/feeds\/)[^/?#]+/;

/**
 * A request URL with the values of personal or credential query parameters replaced (`?email=…`), and a
 * credential in the path (a calendar feed's token) too.
 */
export function redactUrl(requested: string): string {
  const url = requested.replace(SECRET_PATH, `$1${REDACTED}`);
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  let changed = false;
  for (const key of new Set(params.keys())) {
    if (queryKeys.has(key.toLowerCase())) {
      params.set(key, REDACTED);
      changed = true;
    }
  }
  return changed ? `${url.slice(0, query)}?${params.toString()}` : url;
}

/** pino-http serializers: the request line is logged as is except for personal query parameters. */
export const logSerializers = {
  req: (req: { url?: string }) => {
    if (typeof req.url === 'string') req.url = redactUrl(req.url);
    return req;
  },
};
