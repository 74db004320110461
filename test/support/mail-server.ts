import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the test server accepted, decoded: the envelope's recipients, headers, and both bodies. */
export interface ReceivedMail {
  to: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
  /** The text/calendar attachment (.ics), if the message has one. */
  calendar?: string;
}

const refusals = {
  550: 'Mailbox unavailable',
  553: 'Mailbox name not allowed',
  451: 'Local error in processing, try again later',
} as const;

/**
 * A real SMTP server (smtp-server) on a free port of 127.0.0.1 for the mail specs: it can be stopped and
 * started again on the same port (SMTP down), or made to refuse every recipient with a reply code.
 */
export class TestMailServer {
  readonly received: ReceivedMail[] = [];
  /** While set, every RCPT TO is refused with this reply: 550 (for good) or 451 (for now). */
  refusing?: 550 | 553 | 451;
  private server?: SMTPServer;
  port = 0;

  static async start(): Promise<TestMailServer> {
    const mail = new TestMailServer();
    await mail.listen();
    return mail;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  /** (Re)starts listening, on the port it had before if it had one. */
  async listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on the loopback: no self-signed STARTTLS for the client to refuse.
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (_address, _session, callback) =>
        callback(
          this.refusing
            ? Object.assign(new Error(refusals[this.refusing]), { responseCode: this.refusing })
            : undefined,
        ),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.received.push({
            ...parseMessage(Buffer.concat(chunks).toString('latin1')),
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

/** The MIME the test needs to read (nodemailer's text + HTML + .ics): headers with encoded words, parts, base64/QP. */
function parseMessage(raw: string): Omit<ReceivedMail, 'to'> {
  const { headers, body } = splitEntity(raw);
  const parts = leafParts(headers, body);
  const part = (type: string) => parts.find((p) => (p.headers.get('content-type') ?? '').startsWith(type));
  return {
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    text: part('text/plain')?.content ?? '',
    html: part('text/html')?.content ?? '',
    ...(part('text/calendar') ? { calendar: part('text/calendar')?.content } : {}),
  };
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? '' : raw.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function leafParts(headers: Map<string, string>, body: string): { headers: Map<string, string>; content: string }[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (!boundary) return [{ headers, content: decodeBody(body, headers.get('content-transfer-encoding')) }];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => {
      const entity = splitEntity(chunk.replace(/^\r?\n/, ''));
      return leafParts(entity.headers, entity.body);
    });
}

const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');

function decodeBody(body: string, encoding = '7bit'): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return utf8(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      );
    default:
      return utf8(body).replace(/\r?\n$/, '');
  }
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / ?Q?), adjacent ones joined before decoding: a character may span two. */
function decodeWords(value: string): string {
  const bytes: Buffer[] = [];
  const pattern = /=\?[^?]+\?([BbQq])\?([^?]*)\?=/g;
  let last = 0;
  for (const match of value.matchAll(pattern)) {
    const between = value.slice(last, match.index);
    if (!/^\s*$/.test(between) || last === 0) bytes.push(Buffer.from(between, 'latin1'));
    const [, kind, text = ''] = match;
    bytes.push(
      kind?.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ),
    );
    last = (match.index ?? 0) + match[0].length;
  }
  bytes.push(Buffer.from(value.slice(last), 'latin1'));
  return Buffer.concat(bytes).toString('utf8');
}
