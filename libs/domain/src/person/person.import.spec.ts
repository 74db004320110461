import {
  decideImport,
  importColumns,
  importDate,
  importedPerson,
  personImportHeaders,
  type ExistingPerson,
  type ImportCells,
} from './person.import';

const today = '2026-12-03';
const codes = (problems: readonly { code: string }[]) => problems.map((p) => p.code);
const rows = (...cells: ImportCells[]) => cells.map((c, i) => ({ line: i + 2, cells: c }));

const ivanova: ImportCells = {
  personnelKey: 'T-1',
  surname: 'Иванова',
  firstName: 'Мария',
  category: 'Высшая',
  positions: 'учитель; методист',
  teachingExperienceYears: '12',
  lastAttestationDate: '05.09.2024',
};
const existingIvanova: ExistingPerson = {
  personId: 'p-1',
  card: {
    surname: 'Иванова',
    firstName: 'Мария',
    category: 'highest',
    teachingExperienceYears: 12,
    lastAttestationDate: '2024-09-05',
  },
  employment: { personnelKey: 'T-1', positions: ['учитель', 'методист'], subjects: [], status: 'working' },
};

describe('staff import: the header row', () => {
  it('given the template headers, when matched, then every column is known and nothing is wrong', () => {
    const { columns, problems } = importColumns(personImportHeaders());
    expect(problems).toEqual([]);
    expect(columns.slice(0, 3)).toEqual(['personnelKey', 'surname', 'firstName']);
  });

  it('given headers in another case, with ё/е, spaces and a required-field star, then they still match', () =>
    expect(importColumns(['  ТАБЕЛЬНЫЙ НОМЕР* ', 'фамилия', 'Имя', '']).columns).toEqual([
      'personnelKey',
      'surname',
      'firstName',
      undefined,
    ]));

  it('given unknown, repeated and missing columns, then each is named in Russian', () => {
    const { problems } = importColumns(['ФИО', 'Фамилия', 'Фамилия']);
    expect(codes(problems)).toEqual([
      'personImport.headers.unknown',
      'personImport.headers.repeated',
      'personImport.headers.missing',
    ]);
    expect(problems[0]!.message).toContain('«ФИО»');
    expect(problems[2]!.message).toBe('Нет обязательных столбцов: «Табельный номер», «Имя»');
  });
});

describe('staff import: a row becomes a card and an employment', () => {
  it('reads Russian dates, category and status labels, lists and years', () =>
    expect(importedPerson({ ...ivanova, status: 'в отпуске по уходу за ребёнком', statusFrom: '1.2.2026' })).toEqual({
      card: existingIvanova.card,
      employment: { ...existingIvanova.employment, status: 'parentalLeave', statusFrom: '2026-02-01' },
    }));

  it('keeps a field whose column the file lacks, and clears one whose cell is empty', () => {
    const { card } = importedPerson(
      { personnelKey: 'T-1', surname: 'Иванова', firstName: 'Мария', category: '' },
      existingIvanova,
    );
    expect(card.teachingExperienceYears).toBe(12);
    expect(card.category).toBeUndefined();
  });

  it('keeps a text that is not a date as typed, so the rules refuse it', () =>
    expect(importDate('вчера')).toBe('вчера'));
});

describe('staff import: what each row does', () => {
  it('given a new key, when decided, then the row is created with its filled fields', () => {
    const [row] = decideImport(rows(ivanova), new Map(), today);
    expect(row).toMatchObject({ outcome: 'created', fullName: 'Иванова Мария', problems: [] });
    expect(row!.changedCardFields).toEqual([
      'surname',
      'firstName',
      'category',
      'teachingExperienceYears',
      'lastAttestationDate',
    ]);
  });

  it('given the same row as the directory holds, then it is unchanged; an edited cell updates that field only', () => {
    const existing = new Map([['T-1', existingIvanova]]);
    expect(decideImport(rows(ivanova), existing, today)[0]).toMatchObject({ outcome: 'unchanged', personId: 'p-1' });
    expect(
      decideImport(rows({ ...ivanova, workEmail: 'i@school.example', subjects: 'химия' }), existing, today)[0],
    ).toMatchObject({
      outcome: 'updated',
      changedCardFields: ['workEmail'],
      changedEmploymentFields: ['subjects'],
    });
  });

  it('refuses a missing key, a repeated key, a date that does not exist, a future attestation and an unknown category', () => {
    const decided = decideImport(
      rows(
        { surname: 'А', firstName: 'Б' },
        ivanova,
        { ...ivanova, surname: 'Иванов' },
        { personnelKey: 'T-2', surname: 'В', firstName: 'Г', birthDate: '30.02.1990' },
        { personnelKey: 'T-3', surname: 'В', firstName: 'Г', lastAttestationDate: '2027-01-01' },
        { personnelKey: 'T-4', surname: 'В', firstName: 'Г', category: 'вторая' },
      ),
      new Map(),
      today,
    );
    expect(decided.map((d) => [d.outcome, codes(d.problems)])).toEqual([
      ['refused', ['personImport.personnelKey.missing']],
      ['created', []],
      ['refused', ['personImport.personnelKey.repeated']],
      ['refused', ['person.birthDate.invalid']],
      ['refused', ['person.lastAttestationDate.future']],
      ['refused', ['person.category.unknown']],
    ]);
    expect(decided[2]!.problems[0]!.message).toBe('Табельный номер «T-1» уже встречается в строке 3');
  });

  it('refuses a row whose key names a depersonalised person', () =>
    expect(
      codes(
        decideImport(rows(ivanova), new Map([['T-1', { ...existingIvanova, depersonalised: true }]]), today)[0]!
          .problems,
      ),
    ).toEqual(['personImport.depersonalised']));
});
