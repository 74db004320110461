import {
  changedPersonFields,
  employmentProblems,
  fullNameOf,
  personCardProblems,
  personSearchKey,
  shortNameOf,
} from './person.card';

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('person card rules', () => {
  const card = { surname: 'Иванова', firstName: 'Мария', patronymic: 'Петровна' };

  it('accepts a card with a surname and a first name', () => expect(personCardProblems(card)).toEqual([]));

  it('names every problem of a card at once, in Russian', () => {
    const problems = personCardProblems({
      surname: ' ',
      firstName: '',
      birthDate: '2026-02-30',
      category: 'second' as never,
      teachingExperienceYears: 3,
      subjectExperienceYears: 5,
    });
    expect(codes(problems)).toEqual([
      'person.surname.missing',
      'person.firstName.missing',
      'person.birthDate.invalid',
      'person.category.unknown',
      'person.subjectExperience.exceedsTotal',
    ]);
    expect(problems[0]!.message).toBe('Не указана фамилия');
  });

  it('refuses an attestation after today when today is known', () =>
    expect(codes(personCardProblems({ ...card, lastAttestationDate: '2026-12-04' }, '2026-12-03'))).toEqual([
      'person.lastAttestationDate.future',
    ]));

  it('refuses an employment that ends before it starts', () =>
    expect(
      codes(
        employmentProblems({
          positions: [],
          subjects: [],
          status: 'parentalLeave',
          statusFrom: '2026-09-01',
          statusTo: '2026-01-01',
        }),
      ),
    ).toEqual(['person.statusTo.beforeFrom']));

  it('folds case, ё and spaces in the search key', () =>
    expect(personSearchKey('  Ёлкина   Анна ')).toBe(personSearchKey('елкина анна')));

  it('writes the full and the short name', () => {
    expect(fullNameOf(card)).toBe('Иванова Мария Петровна');
    expect(shortNameOf(card)).toBe('Иванова М. П.');
    expect(shortNameOf({ surname: 'Ли', firstName: 'Вэй' })).toBe('Ли В.');
  });
});

describe('changedPersonFields', () => {
  const card = { surname: 'Иванова', firstName: 'Мария', teachingExperienceYears: 10 };

  it('names no field when only blanks and spaces differ', () =>
    expect(changedPersonFields(card, { ...card, surname: ' Иванова ', patronymic: '' })).toEqual([]));

  it('names each changed field, and every given field of a new card', () => {
    expect(changedPersonFields(card, { ...card, teachingExperienceYears: 11, workEmail: 'm@school.ru' })).toEqual([
      'workEmail',
      'teachingExperienceYears',
    ]);
    expect(changedPersonFields(undefined, card)).toEqual(['surname', 'firstName', 'teachingExperienceYears']);
  });
});
