import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import { Worker } from '@temporalio/worker';
import { ENCRYPTED_ENCODING, mentorflowDataConverter, payloadCodecFor } from '@mentorflow/temporal';
import { routeViewQuery } from '@mentorflow/workflows/route/route.messages';
import { pairWorkflowId, routeWorkflowId } from '@mentorflow/domain';
import { workerBundleOptions } from '../../apps/worker/src/workflows-path';
import { approveCandidates, selectParticipants } from '../support/participants';
import { addPerson } from '../support/people';
import {
  approvePersonalProgramme,
  formPair,
  pairFormation,
  participantsListed,
  places,
  organisationWith,
  selectParticipant,
  startProgramme,
} from '../support/programme-setup';
import { fourYearsLessADay, routeBody } from '../support/route-setup';
import { TestSystem } from '../support/system';

/**
 * Teachers' personal data goes through Temporal (workflow inputs, updates, activity arguments) but must
 * not be readable in its history: a raw client without the payload codec — what an operator of the
 * Temporal cluster or its database sees — finds only ciphertext, while the system works as before.
 */
describe('personal data in Temporal histories is encrypted', () => {
  let system: TestSystem;
  let connection: Connection;
  let raw: Client;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const timeZone = 'Europe/Samara';
  // Distinctive values, so a match can only come from this test's data.
  const director = 'Директор Петрова Анна Сергеевна';
  const diaryText = 'Иванова Мария Петровна провела открытый урок; СНИЛС 112-233-445 95';
  const education = 'Высшее педагогическое, СГСПУ, 2012, диплом ВСГ 1234567';
  const position = 'Учитель математики и информатики высшей категории';
  const selfEducationTopic = 'Тема самообразования Ивановой М. П. — цифровые тренажёры';

  /** The history as Temporal stores and serves it, through the raw service API (no data converter at all). */
  async function history(workflowId: string) {
    const events: temporal.api.history.v1.IHistoryEvent[] = [];
    const bytes: Uint8Array[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await raw.workflowService.getWorkflowExecutionHistory({
        namespace,
        execution: { workflowId },
        nextPageToken,
      });
      bytes.push(temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse.encode(page).finish());
      events.push(...(page.history?.events ?? []));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    return { events, bytes: Buffer.concat(bytes) };
  }

  /** Every payload anywhere in the events (inputs, results, update arguments, activity inputs, memos). */
  function payloadsOf(value: unknown, found: Payload[] = []): Payload[] {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return found;
    const candidate = value as { data?: unknown; metadata?: unknown };
    if (candidate.data instanceof Uint8Array && typeof candidate.metadata === 'object' && candidate.metadata !== null) {
      found.push(value as Payload);
      return found;
    }
    for (const child of Object.values(value)) payloadsOf(child, found);
    return found;
  }

  const encoding = (payload: Payload) => Buffer.from(payload.metadata?.encoding ?? []).toString('utf8');

  async function expectEncrypted(workflowId: string, expectedMarkers: string[]) {
    const { events, bytes } = await history(workflowId);
    expect(events.length).toBeGreaterThan(3);
    for (const marker of expectedMarkers) expect(bytes.includes(Buffer.from(marker, 'utf8'))).toBe(false);
    // patched() writes a marker and the TemporalChangeVersion search attribute outside the data converter
    // (search attributes are indexed by the server, never encrypted): they hold only patch ids, checked here;
    // every other event must hold no plain payload at all.
    const isPatchRecord = (e: temporal.api.history.v1.IHistoryEvent) =>
      e.markerRecordedEventAttributes?.markerName === 'core_patch' ||
      Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? { x: 0 }).every(
        (name) => name === 'TemporalChangeVersion',
      );
    const patchIds = /^[a-z0-9-]+$/;
    for (const record of events.filter(isPatchRecord)) {
      for (const payload of payloadsOf(record)) {
        const value = JSON.parse(Buffer.from(payload.data ?? []).toString('utf8'));
        if (Array.isArray(value)) expect(value.every((id) => patchIds.test(id))).toBe(true);
        else expect(value).toEqual({ id: expect.stringMatching(patchIds), deprecated: expect.any(Boolean) });
      }
    }
    const otherEvents = events
      .filter((e) => !isPatchRecord(e))
      .map((e) => temporal.api.history.v1.HistoryEvent.encode(e).finish());
    expect(Buffer.concat(otherEvents).includes(Buffer.from('json/plain'))).toBe(false);

    const payloads = payloadsOf(events);
    const encrypted = payloads.filter((p) => encoding(p) === ENCRYPTED_ENCODING);
    expect(encrypted.length).toBeGreaterThan(0);
    // Control: the data is really in the history — with the key, every marker reappears.
    const decoded = await payloadCodecFor(process.env.TEMPORAL_PAYLOAD_KEYS).decode(encrypted);
    const plain = Buffer.concat(decoded.map((p) => Buffer.from(p.data ?? []))).toString('utf8');
    for (const marker of expectedMarkers) expect(plain).toContain(marker);
    return { payloads, encrypted };
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS as string });
    raw = new Client({ connection, namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await system?.stop();
  });

  it('keeps names and other personal fields of a pair out of its Temporal history', async () => {
    const [admin, directorId, curator, mentor, mentee] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const { organisationId, as } = await organisationWith(
      system,
      { name: 'МБОУ «Школа № 7»', municipality: 'г. Самара', region: 'Самарская область', timeZone },
      { director: [directorId, 'director'], curator, mentor },
      admin,
    );
    const { programmeId, appointed } = await startProgramme(system, organisationId, as.director, curator);
    expect(appointed.status).toBe(200);
    const candidates: string[] = [];
    for (const [personId, role] of [
      [mentor, 'mentor'],
      [mentee, 'mentee'],
    ] as const) {
      const selected = await selectParticipant(system, programmeId, as.curator, personId, role, {
        position,
        teachingExperienceYears: 12,
        subjectExperienceYears: 8,
        ...(role === 'mentee' ? { menteeCategory: 'newSpecialist' } : {}),
      });
      expect(selected.status).toBe(201);
      candidates.push(selected.body.participantId);
    }
    await participantsListed(system, programmeId, as.curator, 2);
    // Only candidates the commission approved are paired (002 §4.4).
    await approveCandidates(system, programmeId, as.curator, candidates);

    const formed = await formPair(system, programmeId, as.director, mentor, mentee, {
      order: { number: '77-к', signedBy: director },
      menteeConsent: '2026-08-28',
    });
    expect(formed.status).toBe(201);
    const pairId = formed.body.state.pairId as string;
    // Through the codec the workflow answers with the data it was given.
    expect(formed.body.state.order.signedBy).toBe(director);

    const approved = await approvePersonalProgramme(system, pairId, as.curator, curator);
    expect(approved.status).toBe(200);
    const entry = await system.request('POST', `/pairs/${pairId}/diary`, as.mentor, {
      entryId: randomUUID(),
      date: '2026-10-01',
      text: diaryText,
    });
    expect(entry.status).toBe(200);

    await expectEncrypted(pairWorkflowId(pairId), [director, diaryText, 'Петрова', 'Иванова']);

    // A refusal recorded in a history keeps its message encrypted too; the caller still reads it in Russian.
    const other = randomUUID();
    system.token(other, ['mentee'], [organisationId]); // a person of the organisation, refused for the missing consent
    await selectParticipants(system, programmeId, as.curator, [{ personId: other, role: 'mentee' }]);
    const refused = await system.request('POST', `/programmes/${programmeId}/pairs`, as.director, {
      ...pairFormation(mentor, other, { order: { number: '78-к', signedBy: director } }),
      consents: [{ personId: mentor, date: '2026-08-28' }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/[А-Яа-яЁё]/);
    // The refused pair's id is not returned: find its workflow on this test's own task queue.
    const listed = await system.eventually(
      async () => {
        const ids: string[] = [];
        for await (const execution of raw.workflow.list({
          query: `WorkflowType = 'pairWorkflow' AND TaskQueue = '${process.env.TEMPORAL_TASK_QUEUE}'`,
        }))
          ids.push(execution.workflowId);
        return ids.filter((id) => id !== pairWorkflowId(pairId));
      },
      (ids) => ids.length === 1,
    );
    expect(listed).toHaveLength(1);
    const refusedHistory = await history(listed[0]);
    expect(refusedHistory.bytes.includes(Buffer.from('Encoded failure'))).toBe(true);
    expect(refusedHistory.bytes.includes(Buffer.from(refused.body.detail as string))).toBe(false);
    const read = await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, as.curator),
      (r) => r.status === 200 && r.body.status === 'active',
    );
    expect(read.body.order.signedBy).toBe(director);
  });

  it('keeps a teacher’s title page (position, education, self-education topic) out of the route’s Temporal history', async () => {
    const [admin, tutor, methodologist, teacher] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const { organisationId, as } = await organisationWith(
      system,
      { name: 'МБОУ «Гимназия № 3»', municipality: 'г. Тольятти', region: 'Самарская область', timeZone },
      { tutor },
      admin,
    );
    const today = localDateOf(new Date(), timeZone);
    const created = await system.request(
      'POST',
      `/organisations/${organisationId}/routes`,
      as.tutor,
      routeBody(teacher, methodologist, {
        position,
        education,
        selfEducationTopic,
        qualificationCategory: 'высшая',
        lastAttestationDate: '2024-03-15',
        teachingExperienceYears: 12,
        startDate: today,
        endDate: fourYearsLessADay(today),
      }),
    );
    expect(created.status).toBe(201);
    const routeId = created.body.state.routeId as string;
    expect(created.body.state.titlePage).toMatchObject({ position, education, selfEducationTopic });

    const { encrypted } = await expectEncrypted(routeWorkflowId(routeId), [
      position,
      education,
      selfEducationTopic,
      'ВСГ 1234567',
    ]);
    expect(encrypted.length).toBeGreaterThan(2);

    // The application's own client (with the codec) still queries the running workflow; a client without
    // the key cannot read the answer.
    const handle = system.api.get(Client).workflow.getHandle(routeWorkflowId(routeId));
    expect((await handle.query(routeViewQuery)).state).toMatchObject({ titlePage: { education } });
    await expect(raw.workflow.getHandle(routeWorkflowId(routeId)).query(routeViewQuery)).rejects.toThrow();

    // A worker with the codec replays the encrypted history (a redeployed worker picking the route up again).
    const sealed = await raw.workflow.getHandle(routeWorkflowId(routeId)).fetchHistory();
    await Worker.runReplayHistory(
      {
        ...workerBundleOptions(),
        dataConverter: mentorflowDataConverter(payloadCodecFor(process.env.TEMPORAL_PAYLOAD_KEYS)),
      },
      sealed,
    );
  });

  it('never lets a name of the staff directory into a Temporal history, even encrypted, nor into the logs', async () => {
    const [admin, directorId, curator, mentor, mentee] = Array.from({ length: 5 }, () => randomUUID());
    // Distinctive directory values: only the directory holds them; events and workflows name people by id.
    const markers = [
      'Кардовская-Наставникова',
      'Подопечнова-Ученицына',
      'kardovskaya@school-pd.ru',
      '+7 846 909-80-70',
    ];
    const written: string[] = [];
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      const spy = jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: never[]) => {
        written.push(String(chunk));
        return original(chunk as string, ...rest);
      }) as typeof stream.write);
      return spy;
    };
    const spies = [capture(process.stdout), capture(process.stderr)];
    try {
      const { organisationId, as } = await organisationWith(
        system,
        places.samara,
        { director: [directorId, 'director'], curator },
        admin,
      );
      await addPerson(system, organisationId, as.curator, markers[0]!, {
        personId: mentor,
        workEmail: markers[2],
        workPhone: markers[3],
      });
      await addPerson(system, organisationId, as.curator, markers[1]!, { personId: mentee });
      const { programmeId } = await startProgramme(system, organisationId, as.director, curator);
      await selectParticipants(system, programmeId, as.curator, [
        { personId: mentor, role: 'mentor' },
        { personId: mentee, role: 'mentee' },
      ]);
      const formed = await formPair(system, programmeId, as.director, mentor, mentee);
      expect(formed.status).toBe(201);
      const pairId = formed.body.state.pairId as string;
      expect((await approvePersonalProgramme(system, pairId, as.curator, curator)).status).toBe(200);
      // The API names them (from the directory) …
      const read = await system.eventually(
        () => system.request('GET', `/pairs/${pairId}`, as.curator),
        (r) => r.status === 200 && r.body.status === 'active',
      );
      expect(read.body.mentorName).toContain(markers[0]);

      // … while the pair's Temporal history holds none of it: not in plain bytes, not in a decrypted payload.
      const { events, bytes } = await history(pairWorkflowId(pairId));
      expect(events.length).toBeGreaterThan(3);
      const encrypted = payloadsOf(events).filter((p) => encoding(p) === ENCRYPTED_ENCODING);
      const decoded = await payloadCodecFor(process.env.TEMPORAL_PAYLOAD_KEYS).decode(encrypted);
      const plain = Buffer.concat(decoded.map((p) => Buffer.from(p.data ?? []))).toString('utf8');
      expect(plain).toContain(mentor); // control: the decoded history is really the pair's
      for (const marker of markers) {
        expect(bytes.includes(Buffer.from(marker, 'utf8'))).toBe(false);
        expect(plain).not.toContain(marker);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    for (const marker of markers) expect(written.join('')).not.toContain(marker);
  });
});
