import { defineUpdate, setHandler } from '@temporalio/workflow';
import type { CommandMetadata, DomainCommand } from '../../libs/domain/src';
import { commandUpdates } from './command-updates';
import type { Envelope } from './envelope';

// Outside a workflow there is no activator: record what would be registered instead.
jest.mock('@temporalio/workflow', () => ({ ...jest.requireActual('@temporalio/workflow'), setHandler: jest.fn() }));
const registered = () => {
  const [, handler, options] = (setHandler as jest.Mock).mock.calls.at(-1) as [
    unknown,
    (request: unknown) => unknown,
    { validator?: (request: unknown) => void },
  ];
  return { handler, validator: options.validator };
};

type Note = DomainCommand<'RecordNote', { text: string }>;
const noteUpdate = defineUpdate<string, [Envelope<{ text: string }>]>('recordNote');
const metadata: CommandMetadata = { actorId: 'u1', role: 'curator', now: '2026-09-01T00:00:00.000Z' };

describe('commandUpdates', () => {
  it('validates and runs the same command, built once from the request', async () => {
    const checked: Note[] = [];
    const ran: Note[] = [];
    const updates = commandUpdates<Note, string>({
      check: (c) => void checked.push(c),
      run: async (c) => (ran.push(c), 'view'),
    });
    updates.command(noteUpdate, ({ data, metadata }) => ({ type: 'RecordNote', data, metadata }));
    const { handler, validator } = registered();

    validator?.({ data: { text: 'a' }, metadata });
    expect(await handler({ data: { text: 'a' }, metadata })).toBe('view');
    expect(checked).toEqual([{ type: 'RecordNote', data: { text: 'a' }, metadata }]);
    expect(ran).toEqual(checked);
  });

  it('a refusal from the check rejects the update before the handler', () => {
    const updates = commandUpdates<Note, string>({
      check: () => {
        throw new Error('refused');
      },
      run: async () => 'view',
    });
    updates.command(noteUpdate, ({ data, metadata }) => ({ type: 'RecordNote', data, metadata }));
    expect(() => registered().validator?.({ data: { text: '' }, metadata })).toThrow('refused');
  });

  it('answers with `answer` once the command has run', async () => {
    const order: string[] = [];
    const updates = commandUpdates<Note, string>({
      check: () => undefined,
      run: async () => (order.push('run'), 'view'),
    });
    updates.command(
      noteUpdate,
      ({ data, metadata }) => ({ type: 'RecordNote', data, metadata }),
      async ({ data }) => (order.push('answer'), `done ${data.text}`),
    );
    expect(await registered().handler({ data: { text: 'x' }, metadata })).toBe('done x');
    expect(order).toEqual(['run', 'answer']);
  });

  it('an enriched update registers its own validator, or none', () => {
    const updates = commandUpdates<Note, string>({ check: () => undefined, run: async () => 'view' });
    const validate = jest.fn();
    updates.enriched(noteUpdate, validate, async () => 'view');
    expect(registered().validator).toBe(validate);
    updates.enriched(noteUpdate, undefined, async () => 'view');
    expect(registered().validator).toBeUndefined();
  });
});
