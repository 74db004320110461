import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { DataSource } from 'typeorm';
import { personStream } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import { openTestDataSource } from '../support/database';
import { importPeople, staffCsv, staffRow, staffXlsx } from '../support/people-import';
import { places, registerOrganisation } from '../support/programme-setup';
import { TestSystem } from '../support/system';

/**
 * Staff import (issue 18): preview decides every row and stores nothing, apply stores the accepted rows
 * with their person-stream events, a re-import changes nothing, an edited file changes only what it
 * edits, and hostile files are refused with a Russian 4xx, storing nothing.
 */
describe('people import: XLSX and CSV, preview, apply, re-import, hostile files', () => {
  let system: TestSystem;
  let db: DataSource;
  let organisationId: string;
  let otherOrganisationId: string;
  const as = { admin: '', curator: '', mentee: '', otherCurator: '' };

  const ivanova = {
    personnelKey: 'T-001',
    surname: 'Иванова',
    firstName: 'Мария',
    patronymic: 'Петровна',
    positions: 'учитель; классный руководитель',
    subjects: 'математика',
    category: 'первая',
    teachingExperienceYears: 12,
    subjectExperienceYears: 10,
    lastAttestationDate: '15.03.2024',
    workEmail: 'ivanova@school.example',
  };
  const petrov = { personnelKey: 'T-002', surname: 'Петров', firstName: 'Олег', subjects: 'физика' };

  beforeAll(async () => {
    system = await TestSystem.start();
    db = await openTestDataSource();
    as.admin = system.token(randomUUID(), ['administrator']);
    organisationId = (await registerOrganisation(system, as.admin, places.tolyatti)).body.organisationId;
    otherOrganisationId = (await registerOrganisation(system, as.admin, places.samara)).body.organisationId;
    as.curator = system.token(randomUUID(), ['curator'], [organisationId]);
    as.mentee = system.token(randomUUID(), ['mentee'], [organisationId]);
    as.otherCurator = system.token(randomUUID(), ['curator'], [otherOrganisationId]);
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  const stored = async () => {
    const [row] = await db.query<{ persons: number; employments: number; events: number }[]>(
      `SELECT (SELECT count(*)::int FROM personal.employments WHERE organisation_id = $1) AS employments,
              (SELECT count(*)::int FROM personal.persons p WHERE EXISTS
                 (SELECT 1 FROM personal.employments e WHERE e.person_id = p.person_id AND e.organisation_id = $1)) AS persons,
              (SELECT count(*)::int FROM events WHERE stream_id LIKE 'person-%') AS events`,
      [organisationId],
    );
    return row!;
  };
  const preview = (fileName: string, file: Buffer, token = as.curator) =>
    importPeople(system, organisationId, token, 'preview', fileName, file);
  const apply = (fileName: string, file: Buffer, token = as.curator) =>
    importPeople(system, organisationId, token, 'apply', fileName, file);
  const outcomes = (body: { rows: { line: number; outcome: string }[] }) =>
    Object.fromEntries(body.rows.map((r) => [r.line, r.outcome]));

  it('gives a template: an XLSX whose first sheet holds the Russian headers', async () => {
    const response = await fetch(`${system.baseUrl}/organisations/${organisationId}/people/import/template`, {
      headers: { authorization: `Bearer ${as.curator}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const headers = (workbook.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['Табельный номер', 'Фамилия', 'Имя']);
    expect(headers).toContain('Квалификационная категория');
  });

  it('previews an XLSX: created rows and each refused row with its Russian reason; nothing is stored', async () => {
    const before = await stored();
    const file = await staffXlsx([
      staffRow(ivanova),
      staffRow(petrov),
      staffRow({ personnelKey: 'T-003', firstName: 'Анна' }),
      staffRow({ personnelKey: 'T-004', surname: 'Сидорова', firstName: 'Анна', birthDate: '31.02.1990' }),
      staffRow({
        personnelKey: 'T-005',
        surname: 'Кузнецов',
        firstName: 'Илья',
        teachingExperienceYears: 3,
        subjectExperienceYears: 5,
      }),
      staffRow({ ...petrov, surname: 'Петрова' }),
      staffRow({ personnelKey: 'T-006', surname: 'Орлова', firstName: 'Вера', category: 'вторая' }),
    ]);
    const answer = await preview('staff.xlsx', file);
    expect(answer.status).toBe(200);
    expect(answer.body.applied).toBe(false);
    expect(answer.body.counts).toEqual({ created: 2, updated: 0, unchanged: 0, refused: 5 });
    expect(outcomes(answer.body)).toEqual({
      2: 'created',
      3: 'created',
      4: 'refused',
      5: 'refused',
      6: 'refused',
      7: 'refused',
      8: 'refused',
    });
    const reasons = (line: number) =>
      answer.body.rows
        .find((r: { line: number }) => r.line === line)
        .problems.map((p: { message: string }) => p.message);
    expect(reasons(4)).toEqual(['Не указана фамилия']);
    expect(reasons(5)).toEqual(['Дата рождения не существует']);
    expect(reasons(6)).toEqual(['Стаж по предмету больше общего педагогического стажа']);
    expect(reasons(7)).toEqual(['Табельный номер «T-002» уже встречается в строке 3']);
    expect(reasons(8)[0]).toMatch(/^Неизвестная квалификационная категория/);
    expect(answer.body.rows[0].changedFieldLabels).toContain('Рабочая электронная почта');
    expect(await stored()).toEqual(before);
  });

  it('applies atomically, appends one PersonRegistered per created person; re-importing the same file changes nothing', async () => {
    const file = await staffXlsx([staffRow(ivanova), staffRow(petrov), staffRow({ personnelKey: 'T-003' })]);
    const before = await stored();
    const applied = await apply('staff.xlsx', file);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, counts: { created: 2, updated: 0, unchanged: 0, refused: 1 } });
    expect(await stored()).toEqual({
      persons: before.persons + 2,
      employments: before.employments + 2,
      events: before.events + 2,
    });
    const [card] = await db.query<Record<string, unknown>[]>(
      `SELECT p.surname, p.category, to_char(p.last_attestation_date, 'YYYY-MM-DD') AS attested, p.search_key,
              e.positions, e.status
         FROM personal.persons p JOIN personal.employments e USING (person_id)
        WHERE e.organisation_id = $1 AND e.personnel_key = 'T-001'`,
      [organisationId],
    );
    expect(card).toEqual({
      surname: 'Иванова',
      category: 'first',
      attested: '2024-03-15',
      search_key: 'иванова мария петровна',
      positions: ['учитель', 'классный руководитель'],
      status: 'working',
    });

    const again = await apply('staff.xlsx', file);
    expect(again.body.counts).toEqual({ created: 0, updated: 0, unchanged: 2, refused: 1 });
    expect(await stored()).toEqual({
      persons: before.persons + 2,
      employments: before.employments + 2,
      events: before.events + 2,
    });
  });

  it('an edited CSV (Windows-1251, «;») updates only the changed field, naming it in the event', async () => {
    const before = await stored();
    // An empty line between the rows: each row still names its own line of the file.
    const edited = staffCsv([staffRow({ ...ivanova, workEmail: 'm.ivanova@school.example' }), [], staffRow(petrov)], {
      encoding: 'win1251',
    });
    const previewed = await preview('staff.csv', edited);
    expect(previewed.body.counts).toEqual({ created: 0, updated: 1, unchanged: 1, refused: 0 });
    expect(previewed.body.rows.map((r: { line: number }) => r.line)).toEqual([2, 4]);
    expect(previewed.body.rows[0]).toMatchObject({
      outcome: 'updated',
      changedFields: ['workEmail'],
      changedFieldLabels: ['Рабочая электронная почта'],
    });
    const applied = await apply('staff.csv', edited);
    expect(applied.body.counts).toEqual({ created: 0, updated: 1, unchanged: 1, refused: 0 });
    expect(await stored()).toEqual({ ...before, events: before.events + 1 });
    const personId = applied.body.rows[0].personId as string;
    const store = new EventStore(db);
    const history = await store.readStream(personStream(personId));
    expect(history.map((e) => [e.type, e.data])).toEqual([
      ['PersonRegistered', { personId, organisationId }],
      ['PersonCardChanged', { personId, fields: ['workEmail'] }],
    ]);
    expect(JSON.stringify(history)).not.toContain('ivanova@');
    expect((await store.verifyStream(personStream(personId))).valid).toBe(true);
  });

  it('reads a UTF-8 CSV with «,» and keeps text that looks like a formula as typed, never evaluated', async () => {
    const csv = staffCsv(
      [staffRow({ personnelKey: 'T-010', surname: 'Зайцева', firstName: 'Ольга', education: '=1+2' })],
      {
        delimiter: ',',
      },
    );
    expect((await apply('staff.csv', csv)).body.counts.created).toBe(1);
    const xlsx = await staffXlsx([
      [
        'T-011',
        'Волкова',
        'Нина',
        '',
        '',
        '',
        '',
        { formula: 'HYPERLINK("http://evil.example","x")' },
        '',
        '',
        '',
        '',
        '+7 900 000-00-00',
      ],
    ]);
    expect((await apply('staff.xlsx', xlsx)).body.counts.created).toBe(1);
    const rows = await db.query<{ personnel_key: string; education: string; work_phone: string | null }[]>(
      `SELECT e.personnel_key, p.education, p.work_phone FROM personal.persons p JOIN personal.employments e USING (person_id)
        WHERE e.organisation_id = $1 AND e.personnel_key IN ('T-010', 'T-011') ORDER BY e.personnel_key`,
      [organisationId],
    );
    expect(rows).toEqual([
      { personnel_key: 'T-010', education: '=1+2', work_phone: null },
      { personnel_key: 'T-011', education: '=HYPERLINK("http://evil.example","x")', work_phone: '+7 900 000-00-00' },
    ]);
  });

  describe('hostile files get a clear Russian 4xx and store nothing', () => {
    const refusedWith = async (fileName: string, file: Buffer, status: number, message: RegExp) => {
      const before = await stored();
      for (const step of ['preview', 'apply'] as const) {
        const answer = await importPeople(system, organisationId, as.curator, step, fileName, file);
        // Status and body together: an unexpected answer shows what it said.
        expect({ status: answer.status, body: answer.body }).toMatchObject({
          status,
          body: { detail: expect.stringMatching(message) },
        });
      }
      expect(await stored()).toEqual(before);
    };

    it('a 50 MB file', async () => {
      const big = Buffer.alloc(50 * 1024 * 1024, 'а;б;в\n');
      await refusedWith('big.csv', big, 413, /Тело запроса слишком большое \(не более 15 МиБ\)/);
    });

    it('a file over 10 MiB that fits the body', async () => {
      await refusedWith('big.csv', Buffer.alloc(10 * 1024 * 1024 + 1, 'а'), 413, /Файл больше 10 МиБ/);
    });

    it('a zip bomb: an XLSX whose parts unpack to more than 64 MiB', async () => {
      const zip = await JSZip.loadAsync(await staffXlsx([staffRow(petrov)]));
      zip.file('xl/media/padding.bin', Buffer.alloc(80 * 1024 * 1024, 0x20));
      const bomb = await zip.generateAsync({
        type: 'nodebuffer',
        compression: 'DEFLATE',
        compressionOptions: { level: 9 },
      });
      expect(bomb.length).toBeLessThan(1024 * 1024);
      await refusedWith('bomb.xlsx', bomb, 413, /распаковывается больше чем в 64 МиБ/);
    });

    it('1,000,000 rows', async () => {
      const header = staffCsv([]).toString('utf-8');
      const million = Buffer.from(header + 'x;;\n'.repeat(1_000_000));
      await refusedWith('million.csv', million, 413, /В файле больше 10\s000 строк/);
    });

    it('an XLSX of 10,001 rows', async () => {
      const rows = Array.from({ length: 10_001 }, (_, i) =>
        staffRow({ personnelKey: `K${i}`, surname: 'Ф', firstName: 'И' }),
      );
      await refusedWith('long.xlsx', await staffXlsx(rows), 413, /В файле больше 10\s000 строк/);
    });

    it('binary garbage, and a broken zip', async () => {
      const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
      await refusedWith('staff.csv', garbage, 400, /Файл не является таблицей XLSX или CSV/);
      const brokenZip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), garbage]);
      await refusedWith('staff.xlsx', brokenZip, 400, /Файл не является таблицей XLSX или CSV/);
    });

    it('mismatched headers name the unknown and missing columns', async () => {
      const csv = staffCsv([['1', 'Иванова']], { headers: ['Код', 'ФИО'] });
      await refusedWith(
        'staff.csv',
        csv,
        400,
        /Неизвестные столбцы: «Код», «ФИО».*Нет обязательных столбцов: «Табельный номер», «Фамилия», «Имя»/,
      );
    });

    it('content that is not base64 is bad input naming the field', async () => {
      const answer = await system.request(
        'POST',
        `/organisations/${organisationId}/people/import/preview`,
        as.curator,
        {
          fileName: 'staff.csv',
          content: 'не base64!',
        },
      );
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([
        { field: 'content', constraint: 'isBase64', message: 'Должно быть содержимое файла в base64' },
      ]);
    });
  });

  it('only the curator, director and administrator of the organisation import its staff', async () => {
    const file = staffCsv([staffRow(petrov)]);
    expect((await apply('staff.csv', file, as.mentee)).status).toBe(403);
    expect((await apply('staff.csv', file, as.otherCurator)).status).toBe(404);
    const template = await system.request(
      'GET',
      `/organisations/${organisationId}/people/import/template`,
      as.otherCurator,
    );
    expect(template.status).toBe(404);
  });
});
