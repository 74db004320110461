import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { logRedaction, logSerializers } from '@mentorflow/config';
import { createWorkerPino, temporalLogger, WorkerNestLogger } from '../../../worker/src/logger';

/** Everything a pino instance writes, as the text an operator would read. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString('utf8')), done()),
  });
  return { stream, text: () => lines.join('') };
}

const personal = {
  fullName: 'Иванова Мария Петровна',
  email: 'ivanova@school5.ru',
  phone: '+7 927 000-11-22',
  snils: '112-233-445 95',
  birthDate: '1988-03-14',
};
/** A card of the staff directory (POST /organisations/:id/people) and its search. */
const card = {
  surname: 'Елкина',
  firstName: 'Марфа',
  patronymic: 'Савельевна',
  workEmail: 'elkina@school5.ru',
  workPhone: '+7 843 222-33-44',
  personalEmail: 'marfa@mail.ru',
  personalPhone: '+7 900 555-66-77',
};
const secrets = ['Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.sig', 'session=abc123secret', 'tok-7f3a9'];

describe('log redaction of personal data and credentials', () => {
  let server: Server;
  let output: ReturnType<typeof capture>;

  beforeAll(async () => {
    output = capture();
    // The API's HTTP logger with the API's options; the body is attached as Nest would, so nested
    // occurrences reach the logger too.
    const log = pinoHttp({
      logger: pino({ redact: logRedaction }, output.stream),
      serializers: logSerializers,
      customProps: (req: IncomingMessage) => ({ body: (req as IncomingMessage & { body?: unknown }).body }),
    });
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        (req as IncomingMessage & { body?: unknown }).body = JSON.parse(raw);
        log(req, res);
        req.log.info(
          { dto: { staff: [{ ...personal }], order: { signedBy: 'Директор Петров Пётр Петрович' } } },
          'handled',
        );
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('keeps names, contacts, SNILS, birth dates, tokens and auth headers out of request logs, nested or not', async () => {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/organisations/x/staff?email=${encodeURIComponent(personal.email)}&limit=5`, {
      method: 'POST',
      headers: { authorization: secrets[0], cookie: secrets[1], 'content-type': 'application/json' },
      body: JSON.stringify({
        ...personal,
        role: 'curator',
        members: [{ ...personal }],
        deep: { a: { b: { c: { ...personal } } } },
        token: secrets[2],
      }),
    });
    const text = output.text();
    for (const value of [...Object.values(personal), ...secrets, 'Петров']) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(encodeURIComponent(value));
    }
    // What is not personal still reaches the log, and a reader sees that a field was there.
    expect(text).toContain('curator');
    expect(text).toContain('/organisations/x/staff?email=%5BREDACTED%5D&limit=5');
    expect(text).toContain('"fullName":"[REDACTED]"');
    expect(text).toContain('"authorization":"[REDACTED]"');
    expect(text).toContain('request completed');
  });

  it('keeps a directory card and a directory search out of request logs', async () => {
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/organisations/x/people?q=${encodeURIComponent('Елки')}&limit=5`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...card, positions: ['учитель'], staff: [{ ...card }] }),
    });
    const text = output.text();
    for (const value of [...Object.values(card), 'Елки']) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(encodeURIComponent(value));
    }
    expect(text).toContain('/organisations/x/people?q=%5BREDACTED%5D&limit=5');
    expect(text).toContain('учитель');
  });

  it('keeps a calendar feed’s token out of request logs (issue 21): the path itself is the credential', async () => {
    const { port } = server.address() as AddressInfo;
    const token = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';
    await fetch(`http://127.0.0.1:${port}/calendar/feeds/${token}.ics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret: 'a1b2c3d4e5f6' }),
    });
    const text = output.text();
    expect(text).not.toContain(token);
    expect(text).not.toContain('a1b2c3d4e5f6');
    expect(text).toContain('/calendar/feeds/[REDACTED]');
  });

  it('redacts the Temporal SDK log metadata of the worker the same way', () => {
    const out = capture();
    const logger = temporalLogger(createWorkerPino(out.stream));
    logger.warn('Activity failed', {
      activityType: 'appendEvents',
      input: { data: { titlePage: { ...personal } } },
      failure: { details: [{ fullName: personal.fullName }] },
    });
    const text = out.text();
    for (const value of Object.values(personal)) expect(text).not.toContain(value);
    expect(text).toContain('appendEvents');
    expect(text).toContain('Activity failed');
  });

  it('redacts what the worker’s Nest components log', () => {
    const out = capture();
    const logger = new WorkerNestLogger(createWorkerPino(out.stream));
    logger.error({ message: 'Projection failed', event: { data: { staff: [{ ...personal }] } } }, 'ProjectorService');
    logger.log('Worker polling task queue "mentorflow"', 'Worker');
    const text = out.text();
    for (const value of Object.values(personal)) expect(text).not.toContain(value);
    expect(text).toContain('"context":"ProjectorService"');
    expect(text).toContain('Worker polling task queue');
  });
});
