import { describe, expect, it } from '@jest/globals';
import { blankCard, blankEmployment, cardBody, clearedFields, employmentBody } from './person-values';

describe('the staff forms’ bodies', () => {
  it('sends a card without its blank fields, names trimmed and years as numbers', () => {
    expect(
      cardBody({
        ...blankCard,
        surname: ' Ёлкина ',
        firstName: 'Ольга',
        category: 'first',
        teachingExperienceYears: '12',
        subjectExperienceYears: '',
      }),
    ).toEqual({ surname: 'Ёлкина', firstName: 'Ольга', category: 'first', teachingExperienceYears: 12 });
  });

  it('sends years that are not a whole number as typed, so the API names the field', () => {
    expect(cardBody({ ...blankCard, teachingExperienceYears: '2,5' })).toEqual({ teachingExperienceYears: '2,5' });
  });

  it('separates positions by «;» (a position may hold a comma) and subjects by «,» or «;»', () => {
    expect(
      employmentBody({
        ...blankEmployment,
        positions: 'учитель математики, физики; классный руководитель',
        subjects: 'Математика, Физика;Астрономия',
      }),
    ).toEqual({
      positions: ['учитель математики, физики', 'классный руководитель'],
      subjects: ['Математика', 'Физика', 'Астрономия'],
      status: 'working',
    });
  });

  it('keeps the status dates and the personnel key only when given', () => {
    expect(
      employmentBody({ ...blankEmployment, personnelKey: ' 0042 ', status: 'parentalLeave', statusFrom: '2026-03-01' }),
    ).toEqual({ personnelKey: '0042', positions: [], subjects: [], status: 'parentalLeave', statusFrom: '2026-03-01' });
  });

  it('lists the fields an edit emptied, to be cleared, and no field that was blank already', () => {
    const before = { ...blankCard, surname: 'Иванова', firstName: 'Мария', workPhone: '+7 900', education: '' };
    expect(clearedFields(before, { ...before, workPhone: '  ', education: '' })).toEqual(['workPhone']);
  });
});
