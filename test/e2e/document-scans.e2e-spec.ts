import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPerson } from '../support/people';
import { selectParticipants } from '../support/participants';
import { formPair, places, registerOrganisation, startProgramme } from '../support/programme-setup';
import { downloadScan, filesUnder, scanBody, scanFixtures, sha256 } from '../support/scans';
import { TestSystem } from '../support/system';

/**
 * Issue 22, signed originals: a registered document carries the scan of its signed paper, checked by content
 * (PDF, JPEG, PNG, ≤ 20 MB), stored with its SHA-256 in the document's event, downloaded with the record's
 * organisation checks and re-hashed on the way out.
 */
describe('signed scans of registered documents', () => {
  let system: TestSystem;
  const storage = mkdtempSync(join(tmpdir(), 'mentorflow-scans-'));
  let as: { director: string; curator: string; otherDirector: string; admin: string };
  let organisationId: string;
  let programmeId: string;
  const documentId = randomUUID();
  const people: Record<string, string> = {};
  let pairId: string;
  const curatorId = randomUUID();

  const programmeScan = (id = documentId) => `/programmes/${programmeId}/documents/${id}/scan`;

  beforeAll(async () => {
    process.env.SCAN_STORAGE_DIR = storage;
    system = await TestSystem.start();
    as = { admin: system.token(randomUUID(), ['administrator']), director: '', curator: '', otherDirector: '' };
    organisationId = (await registerOrganisation(system, as.admin, places.tolyatti)).body.organisationId;
    const other = (await registerOrganisation(system, as.admin, places.vladivostok)).body.organisationId;
    as.director = system.token(randomUUID(), ['director'], [organisationId]);
    as.curator = system.token(curatorId, ['curator'], [organisationId]);
    as.otherDirector = system.token(randomUUID(), ['director'], [other]);
    ({ programmeId } = await startProgramme(system, organisationId, as.director, curatorId));
    const recorded = await system.request('POST', `/programmes/${programmeId}/documents`, as.curator, {
      documentId,
      kind: 'implementationAct',
      number: '7-од',
      date: '2026-08-20',
      signedBy: 'Директор',
    });
    expect(recorded.status).toBe(200);
    people.mentor = await addPerson(system, organisationId, as.curator, 'Иванова');
    people.mentee = await addPerson(system, organisationId, as.curator, 'Петров');
    await selectParticipants(system, programmeId, as.curator, [
      { personId: people.mentor!, role: 'mentor' },
      { personId: people.mentee!, role: 'mentee' },
    ]);
    const formed = await formPair(system, programmeId, as.director, people.mentor!, people.mentee!);
    expect(formed.status).toBe(201);
    pairId = formed.body.state.pairId;
  });
  afterAll(() => system?.stop());

  it('refuses a renamed program and a 21 MB file in Russian, storing nothing', async () => {
    const exe = await system.request('POST', programmeScan(), as.curator, scanBody(scanFixtures.exe));
    expect(exe.status).toBe(400);
    expect(exe.body.errors).toEqual([
      expect.objectContaining({
        field: 'content',
        constraint: 'mediaType',
        message: expect.stringMatching(/PDF, JPEG или PNG/),
      }),
    ]);

    const large = Buffer.concat([scanFixtures.pdf(), Buffer.alloc(21 * 1024 * 1024 - 32, 0x20)]);
    const tooLarge = await system.request('POST', programmeScan(), as.curator, scanBody(large));
    expect([400, 413]).toContain(tooLarge.status);
    expect(tooLarge.body.detail).toMatch(/больше 20 МБ/);

    // A document the programme does not have: 404, before the file is stored.
    const unknown = await system.request('POST', programmeScan(randomUUID()), as.curator, scanBody(scanFixtures.pdf()));
    expect(unknown.status).toBe(404);
    // Another organisation's director does not see the programme at all.
    const foreign = await system.request('POST', programmeScan(), as.otherDirector, scanBody(scanFixtures.pdf()));
    expect(foreign.status).toBe(404);

    expect(filesUnder(storage)).toEqual([]);
    const history = await system.request('GET', `/programmes/${programmeId}/history`, as.curator);
    expect(history.body.map((e: { type: string }) => e.type)).not.toContain('DocumentScanAttached');
  });

  it('stores the scan with its SHA-256 in the document event; a replacement is a new event; the download is the file', async () => {
    const first = scanFixtures.pdf('первый');
    const attached = await system.request('POST', programmeScan(), as.curator, scanBody(first));
    expect(attached.status).toBe(200);
    expect(attached.body).toMatchObject({
      sha256: sha256(first),
      size: first.length,
      mediaType: 'application/pdf',
      fileName: 'implementationAct-2026-08-20.pdf',
    });

    const downloaded = await downloadScan(system, programmeScan(), as.director);
    expect(downloaded.status).toBe(200);
    expect(downloaded.contentType).toBe('application/pdf');
    expect(downloaded.disposition).toBe('attachment; filename="implementationAct-2026-08-20.pdf"');
    expect(sha256(downloaded.bytes)).toBe(sha256(first));
    expect((await downloadScan(system, programmeScan(), as.otherDirector)).status).toBe(404);

    const replaced = await system.request('POST', programmeScan(), as.director, scanBody(scanFixtures.png));
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ sha256: sha256(scanFixtures.png), replacesSha256: sha256(first) });
    expect(sha256((await downloadScan(system, programmeScan(), as.curator)).bytes)).toBe(sha256(scanFixtures.png));

    // The audit shows exactly which files were registered, both of them; the file's own name is kept nowhere.
    const history = await system.request('GET', `/programmes/${programmeId}/history`, as.curator);
    const scans = history.body.filter((e: { type: string }) => e.type === 'DocumentScanAttached');
    expect(scans.map((e: { data: { sha256: string } }) => e.data.sha256)).toEqual([
      sha256(first),
      sha256(scanFixtures.png),
    ]);
    expect(scans[1]).toMatchObject({
      documentRef: documentId,
      data: { kind: 'implementationAct', size: scanFixtures.png.length },
    });
    expect(filesUnder(storage)).toHaveLength(2);
    // The programme's read model shows the latest scan beside the document.
    await system.eventually(
      () => system.request('GET', `/programmes/${programmeId}`, as.curator),
      (r) => r.body.documents?.[documentId]?.scan?.sha256 === sha256(scanFixtures.png),
    );
  });

  it('reports a file whose bytes no longer match its hash as damaged instead of serving it', async () => {
    const file = scanFixtures.pdf('подмена');
    const attached = await system.request('POST', programmeScan(), as.curator, scanBody(file));
    expect(attached.status).toBe(200);
    const history = await system.request('GET', `/programmes/${programmeId}/history`, as.curator);
    const key = history.body.filter((e: { type: string }) => e.type === 'DocumentScanAttached').at(-1).data.storageKey;
    expect(filesUnder(storage)).toContain(key);
    writeFileSync(join(storage, key), Buffer.from('%PDF-1.4\n% изменённый файл\n%%EOF\n'));

    const damaged = await downloadScan(system, programmeScan(), as.curator);
    expect(damaged.status).toBe(409);
    expect(damaged.problem.detail).toBe('Файл повреждён: контрольная сумма не совпадает');
  });

  it('keeps the scans of a pair’s order and consents, and of its termination order after the pair ended', async () => {
    const upload = (token: string, document: Record<string, string>, bytes: Buffer) =>
      system.request('POST', `/pairs/${pairId}/documents/scan`, token, { ...document, ...scanBody(bytes) });
    const scanOf = (query: string) => `/pairs/${pairId}/documents/scan?${query}`;
    const order = scanFixtures.pdf('приказ 15-к');
    expect((await upload(as.curator, { kind: 'assignmentOrder' }, order)).status).toBe(200);
    const consent = scanFixtures.pdf('согласие наставника');
    expect((await upload(as.curator, { kind: 'consent', personId: people.mentor! }, consent)).status).toBe(200);
    // Someone not in the pair has no consent in it, and there is no termination order yet: refused, nothing stored.
    const before = filesUnder(storage).length;
    const stranger = await upload(as.curator, { kind: 'consent', personId: randomUUID() }, consent);
    expect(stranger.status).toBe(422);
    expect(stranger.body.detail).toMatch(/Согласие этого участника/);
    expect((await upload(as.curator, { kind: 'terminationOrder' }, order)).status).toBe(422);
    expect(filesUnder(storage)).toHaveLength(before);

    const consentPath = scanOf(`kind=consent&personId=${people.mentor}`);
    expect(sha256((await downloadScan(system, consentPath, as.curator)).bytes)).toBe(sha256(consent));
    expect((await downloadScan(system, consentPath, as.otherDirector)).status).toBe(404);
    const noScan = await downloadScan(system, scanOf(`kind=consent&personId=${people.mentee}`), as.curator);
    expect(noScan.status).toBe(404);

    const terminated = await system.request('POST', `/pairs/${pairId}/terminate`, as.director, {
      reason: 'Увольнение наставляемого',
      order: { number: '31-к', date: '2026-11-02', signedBy: 'Директор' },
    });
    expect(terminated.status).toBe(200);
    // The pair's workflow has ended with it; the order's signed paper is attached afterwards.
    const termination = scanFixtures.pdf('приказ 31-к');
    const ended = await upload(as.director, { kind: 'terminationOrder' }, termination);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ sha256: sha256(termination), fileName: 'termination-order.pdf' });
    const download = await downloadScan(system, scanOf('kind=terminationOrder'), as.curator);
    expect(sha256(download.bytes)).toBe(sha256(termination));

    const history = await system.request('GET', `/pairs/${pairId}/history`, as.curator);
    expect(
      history.body
        .filter((e: { type: string }) => e.type === 'PairDocumentScanAttached')
        .map((e: { data: { kind: string; sha256: string } }) => [e.data.kind, e.data.sha256]),
    ).toEqual([
      ['assignmentOrder', sha256(order)],
      ['consent', sha256(consent)],
      ['terminationOrder', sha256(termination)],
    ]);
  });
});
