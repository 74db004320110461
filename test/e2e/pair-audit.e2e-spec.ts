import { freshIds } from '../support/ids';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { pairStream } from '@mentorflow/domain';
import { openTestDataSource } from '../support/database';
import { approveCandidates, selectParticipants } from '../support/participants';
import { addPerson } from '../support/people';
import {
  formPair,
  mentorReplacement,
  pairFormation,
  participantsListed,
  places,
  registerOrganisation,
  selectParticipant,
  startProgramme,
} from '../support/programme-setup';
import { TestSystem } from '../support/system';

describe('pairs through HTTP: formation, replacement checks, and the audited history', () => {
  let system: TestSystem;
  let db: DataSource;
  const [admin, director, curator] = freshIds(3);
  const [mentor, secondMentor, mentee] = [randomUUID(), randomUUID(), randomUUID()];
  let organisationId: string;
  let programmeId: string;
  let pairId: string;
  let as: Record<'admin' | 'director' | 'curator' | 'outsider' | 'mentor', string>;

  beforeAll(async () => {
    system = await TestSystem.start();
    db = await openTestDataSource();
    const org = await registerOrganisation(system, system.token(admin, ['administrator']), places.vladivostok);
    organisationId = org.body.organisationId;
    as = {
      admin: system.token(admin, ['administrator']),
      director: system.token(director, ['director'], [organisationId]),
      curator: system.token(curator, ['curator'], [organisationId]),
      outsider: system.token(randomUUID(), ['curator'], [randomUUID()]),
      mentor: system.token(mentor, ['mentor'], [organisationId]),
    };
    system.token(mentee, ['mentee'], [organisationId]); // people of the organisation: a pair takes no one else
    // The directory names the second mentor and the mentee; the others have only an account's name.
    await addPerson(system, organisationId, as.curator, 'Сменова', { personId: secondMentor });
    await addPerson(system, organisationId, as.curator, 'Молодых', { personId: mentee, firstName: 'Ольга' });
    ({ programmeId } = await startProgramme(system, organisationId, as.director, curator));
    const candidates: string[] = [];
    for (const personId of [mentor, secondMentor]) {
      const proposed = await selectParticipant(system, programmeId, as.curator, personId, 'mentor', {
        teachingExperienceYears: 3,
        subjectExperienceYears: 1,
      });
      candidates.push(proposed.body.participantId);
    }
    await participantsListed(system, programmeId, as.curator, 2);
    // Only candidates the commission approved are paired (002 §4.4).
    await approveCandidates(system, programmeId, as.curator, candidates);
    await selectParticipants(system, programmeId, as.curator, [{ personId: mentee, role: 'mentee' }]);
    const formed = await formPair(system, programmeId, as.director, mentor, mentee);
    expect(formed.status).toBe(201);
    // The mentor has 3 years of teaching, 1 in the subject: formed, with the warning recorded.
    expect(formed.body.state.mentorEligibilityWarnings).toEqual([
      'teachingExperienceBelowFiveYears',
      'subjectExperienceBelowThreeYears',
    ]);
    pairId = formed.body.state.pairId;
  });
  afterAll(async () => {
    await db?.destroy();
    await system?.stop();
  });

  it("names the pair's people beside their ids: the pair, the list of pairs, the participants", async () => {
    const pair = await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, as.curator),
      (r) => r.status === 200,
    );
    expect(pair.body).toMatchObject({
      mentorId: mentor,
      mentorName: `Пользователь ${mentor.slice(0, 8)}`,
      mentees: [{ personId: mentee, name: 'Молодых Ольга Петровна' }],
    });
    const list = await system.request('GET', `/pairs?programmeId=${programmeId}`, as.curator);
    expect(list.body[0].mentees).toEqual([{ personId: mentee, name: 'Молодых Ольга Петровна' }]);
    const participants = await system.request('GET', `/programmes/${programmeId}/participants`, as.curator);
    expect(participants.body.find((p: { personId: string }) => p.personId === secondMentor)).toMatchObject({
      name: 'Сменова Мария Петровна',
      hasConsent: false,
    });
  });

  it("finds a pair by the mentee's surname, the organisation's name or the order's number, paged; a bad query is 400", async () => {
    const pair = (await system.request('GET', `/pairs/${pairId}`, as.admin)).body;
    const organisation = (await system.request('GET', `/organisations/${organisationId}`, as.admin)).body;
    const found = async (q: string, page = '') => {
      const r = await system.request('GET', `/pairs?q=${encodeURIComponent(q)}${page}`, as.admin);
      expect(r.status).toBe(200);
      return (r.body as { pairId: string }[]).map((p) => p.pairId);
    };
    expect(await found('молодых')).toContain(pairId);
    expect(await found('Ольга')).toContain(pairId);
    expect(await found(organisation.name)).toContain(pairId);
    expect(await found(pair.order.number)).toContain(pairId);
    expect(await found('Нетакойфамилии')).toEqual([]);
    expect((await found('Молодых', '&limit=1&offset=0')).length).toBeLessThanOrEqual(1);
    // The curator of another organisation finds nothing of this one.
    const outsider = await system.request('GET', '/pairs?q=Молодых', as.outsider);
    expect(outsider.body.map((p: { pairId: string }) => p.pairId)).not.toContain(pairId);

    const bad = await system.request('GET', `/pairs?q=${'я'.repeat(101)}`, as.admin);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('q');
  });

  it('refuses a formation without every written consent, naming whose is missing, and stores nothing', async () => {
    const other = randomUUID();
    system.token(other, ['mentee'], [organisationId]);
    await selectParticipants(system, programmeId, as.curator, [{ personId: other, role: 'mentee' }]);
    const refused = await system.request('POST', `/programmes/${programmeId}/pairs`, as.director, {
      ...pairFormation(secondMentor, other, { order: { number: '16-к' } }),
      consents: [{ personId: secondMentor, date: '2026-08-28' }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.unmet.map((u: { code: string }) => u.code)).toEqual([`consent.${other}.missing`]);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM events WHERE data->>'mentorId' = $1 AND type = 'PairFormed'`,
      [secondMentor],
    );
    expect(n).toBe(0);
  });

  it('refuses an invalid replacement at the API: same mentor, a mentor not selected for the programme', async () => {
    const request = (newMentorId: string) =>
      system.request('POST', `/pairs/${pairId}/replace-mentor`, as.director, mentorReplacement(newMentorId, [mentee]));
    const same = await request(mentor);
    expect(same.status).toBe(422);
    expect(same.body.unmet.map((u: { code: string }) => u.code)).toContain('replacement.sameMentor');
    const stranger = await request(randomUUID());
    expect(stranger.status).toBe(422);
    expect(stranger.body.unmet.map((u: { code: string }) => u.code)).toContain('replacement.newMentorNotSelected');

    const accepted = await request(secondMentor);
    expect(accepted.status).toBe(202);
    const history = await system.eventually(
      () => system.request('GET', `/pairs/${pairId}/history`, as.admin),
      (r) => r.body.some((e: { type: string }) => e.type === 'MentorReplaced'),
    );
    const replaced = history.body.find((e: { type: string }) => e.type === 'MentorReplaced');
    expect(replaced).toMatchObject({
      actorId: director,
      role: 'director',
      reason: 'dismissal',
      timeZone: 'Asia/Vladivostok',
    });
    expect(replaced.recordedAtLocal).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    // Names beside the ids: the actor's in the entry; the pair names the people its events name.
    expect(replaced.actorName).toBe(`Пользователь ${director.slice(0, 8)}`);
    const named = await system.eventually(
      () => system.request('GET', `/pairs/${pairId}`, as.admin),
      (r) => r.body?.mentorId === secondMentor,
    );
    expect(named.body.names).toEqual({
      [mentor]: `Пользователь ${mentor.slice(0, 8)}`,
      [secondMentor]: 'Сменова Мария Петровна',
      [mentee]: 'Молодых Ольга Петровна',
    });

    // Rendered once per process and extended by the events since: every entry is exactly the stored event, with Vladivostok time.
    const stored = await db.query(
      `SELECT stream_version, type, data, metadata, recorded_at, hash FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [pairStream(pairId)],
    );
    const vladivostok = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Vladivostok',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    expect(history.body.map(({ actorName: _actorName, ...entry }: Record<string, unknown>) => entry)).toEqual(
      stored.map(
        (e: {
          stream_version: number;
          type: string;
          data: any;
          metadata: any;
          recorded_at: Date;
          hash: string | null;
        }) => ({
          version: e.stream_version,
          type: e.type,
          recordedAt: e.recorded_at.toISOString(),
          recordedAtLocal: vladivostok.format(e.recorded_at).replace(' ', 'T'),
          timeZone: 'Asia/Vladivostok',
          actorId: e.metadata.actorId ?? null,
          role: e.metadata.role ?? null,
          reason: e.metadata.reason ?? e.data.reason ?? null,
          documentRef: e.metadata.documentRef ?? e.data.order?.number ?? null,
          data: e.data,
          hash: e.hash,
        }),
      ),
    );
  });

  it('lets administrators and the curator read the audit, exports CSV, and hides it from others', async () => {
    expect((await system.request('GET', `/pairs/${pairId}/history`, as.curator)).status).toBe(200);
    expect((await system.request('GET', `/pairs/${pairId}/history`, as.outsider)).status).toBe(404);
    expect((await system.request('GET', `/pairs/${pairId}/history`, as.mentor)).status).toBe(403);

    const csv = await fetch(`${system.baseUrl}/pairs/${pairId}/history?format=csv`, {
      headers: { authorization: `Bearer ${as.admin}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    // For Russian Excel: a BOM, `;` between cells, Russian words, дд.мм.гггг чч:мм, no JSON (the JSON export has it).
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).not.toContain('{"');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('Версия;Событие;Время (местное);Часовой пояс;Кто;Роль;Причина;Документ;Содержание;Хеш');
    const formed = lines[1].split(';');
    expect(formed.slice(0, 2)).toEqual(['1', 'Пара закреплена приказом']);
    expect(formed[2]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    expect(formed.slice(4, 6)).toEqual([`Пользователь ${director.slice(0, 8)}`, 'Руководитель']);
    expect(formed[8]).toMatch(/^"?Наставник /);

    const reads = await system.request('GET', `/pairs/${pairId}/history/reads`, as.admin);
    expect(reads.body.map((r: { readerId: string; format: string }) => [r.readerId, r.format])).toEqual(
      expect.arrayContaining([
        [curator, 'json'],
        [admin, 'csv'],
      ]),
    );
  });

  it("names each entry's actor as the directory names them at the read, and adds the entries recorded since the last read", async () => {
    const read = async () =>
      (await system.request('GET', `/pairs/${pairId}/history`, as.admin)).body as {
        version: number;
        type: string;
        actorId: string;
        actorName: string | null;
      }[];
    const before = await read();
    // The second mentor (the pair's mentor since the replacement) writes in the diary, then her surname is corrected.
    const entry = await system.request(
      'POST',
      `/pairs/${pairId}/diary`,
      system.token(secondMentor, ['mentor'], [organisationId]),
      {
        entryId: randomUUID(),
        date: '2026-10-01',
        text: 'Открытый урок',
      },
    );
    expect(entry.status).toBe(200);
    const written = await read();
    expect(written.slice(0, before.length)).toEqual(before);
    const diary = written.filter((e) => e.actorId === secondMentor);
    expect(diary).toHaveLength(1);
    expect(diary[0]?.actorName).toBe('Сменова Мария Петровна');

    const renamed = await system.request('PATCH', `/people/${secondMentor}`, as.curator, { surname: 'Заменова' });
    expect(renamed.status).toBe(200);
    const after = await read();
    expect(after.filter((e) => e.actorId === secondMentor).map((e) => e.actorName)).toEqual([
      'Заменова Мария Петровна',
    ]);
    expect(after.map(({ actorName: _name, ...e }) => e)).toEqual(written.map(({ actorName: _name, ...e }) => e));
  });

  it("records the reason the administrator gives for opening the pair's content with the read; too long a reason is 400", async () => {
    const reason = 'Проверка по обращению № 7';
    const read = await system.request('GET', `/pairs/${pairId}/history?reason=${encodeURIComponent(reason)}`, as.admin);
    expect(read.status).toBe(200);
    const reads = await system.request('GET', `/pairs/${pairId}/history/reads?limit=100`, as.admin);
    expect(reads.body).toContainEqual(expect.objectContaining({ readerId: admin, format: 'json', reason }));

    const bad = await system.request('GET', `/pairs/${pairId}/history?reason=${'я'.repeat(501)}`, as.admin);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('reason');
  });

  it('detects a tampered event row and names the first broken link', async () => {
    expect((await system.request('GET', `/pairs/${pairId}/history/verify`, as.admin)).body).toMatchObject({
      valid: true,
    });

    await db.query(
      `UPDATE events SET data = jsonb_set(data, '{order,number}', '"99-к"') WHERE stream_id = $1 AND stream_version = 1`,
      [pairStream(pairId)],
    );

    const verdict = await system.request('GET', `/pairs/${pairId}/history/verify`, as.admin);
    expect(verdict.body).toMatchObject({ valid: false, firstBrokenVersion: 1 });
  });
});
