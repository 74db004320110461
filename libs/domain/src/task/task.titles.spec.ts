import { code, draftTitle, escalationTitle, monthlyTitle } from '../route/route.fixtures';
import { taskKinds } from './task.events';
import { declinedShortName, namePartsOf, taskDisplayTitle, taskPersonNaming } from './task.titles';

const draft = {
  kind: 'draftRoute' as const,
  title: 'Составить проект ИОМ 63-0042-2026-000017 по результатам входной диагностики',
};
const genitive = (fullName: string) => declinedShortName(namePartsOf(fullName), 'genitive');

describe('task titles name their people in the case the wording needs (issue 18)', () => {
  it('says for every kind how its title names its people', () => {
    for (const kind of taskKinds) expect(taskPersonNaming).toHaveProperty(kind);
  });

  describe('given a route task about a teacher', () => {
    it('when the teacher is a woman with a patronymic, then «для Ивановой М. П.» follows the route code', () => {
      expect(taskDisplayTitle(draft, ['Иванова Мария Петровна'])).toBe(
        'Составить проект ИОМ 63-0042-2026-000017 для Ивановой М. П. по результатам входной диагностики',
      );
    });

    it('when the teacher is a man, then his surname declines as a man’s', () => {
      expect(taskDisplayTitle(draft, ['Иванов Пётр Сергеевич'])).toContain(
        'ИОМ 63-0042-2026-000017 для Иванова П. С. по',
      );
      expect(
        taskDisplayTitle(
          { kind: 'repeatedDiagnostics', title: 'Провести повторную диагностику по ИОМ 63-0042-2026-000017' },
          ['Шевчук Антон Олегович'],
        ),
      ).toBe('Провести повторную диагностику по ИОМ 63-0042-2026-000017 Шевчука А. О.');
    });

    it('when the surname does not decline, then it stays as it is, for women and men alike', () => {
      expect(genitive('Черных Анна Викторовна')).toBe('Черных А. В.');
      expect(genitive('Черных Олег Викторович')).toBe('Черных О. В.');
      expect(genitive('Гончаренко Ольга Ивановна')).toBe('Гончаренко О. И.');
      expect(genitive('Гончаренко Игорь Петрович')).toBe('Гончаренко И. П.');
      expect(genitive('Дюма Александр Дмитриевич')).toBe('Дюма А. Д.');
      expect(genitive('Шевчук Анна Олеговна')).toBe('Шевчук А. О.');
    });

    it('when the surname is double, then both halves decline', () => {
      expect(genitive('Петрова-Водкина Елена Андреевна')).toBe('Петровой-Водкиной Е. А.');
      expect(genitive('Римский-Корсаков Николай Андреевич')).toBe('Римского-Корсакова Н. А.');
      expect(declinedShortName(namePartsOf('Петрова-Водкина Елена Андреевна'), 'dative')).toBe(
        'Петровой-Водкиной Е. А.',
      );
    });

    it('when there is no patronymic, then the first name tells the gender', () => {
      expect(genitive('Иванова Мария')).toBe('Ивановой М.');
      expect(genitive('Быстрицкая Женя')).toBe('Быстрицкой Ж.');
    });

    it('when the gender cannot be told, then the title falls back to «… — Фамилия И. О.»', () => {
      // lvovich calls «Саша» with no patronymic androgynous, and a patronymic like «Рашид кызы» unknown.
      expect(genitive('Ким Саша')).toBeUndefined();
      expect(genitive('Алиева Лейла Рашид кызы')).toBeUndefined();
      expect(taskDisplayTitle(draft, ['Ким Саша'])).toBe(`${draft.title} — Ким С.`);
      // A depersonalised person and an account with no card are not names to decline.
      expect(taskDisplayTitle(draft, ['Обезличено'])).toBe(`${draft.title} — Обезличено`);
      expect(genitive('Пользователь 83eccca8')).toBeUndefined();
    });
  });

  describe('given a pair task about its mentees', () => {
    it('then the mentees are named after a dash, as they are', () => {
      expect(
        taskDisplayTitle({ kind: 'interimControl', title: 'Промежуточный контроль наставнической пары/группы' }, [
          'Иванова Мария Петровна',
          'Петров Иван Сергеевич',
        ]),
      ).toBe('Промежуточный контроль наставнической пары/группы — Иванова М. П., Петров И. С.');
    });

    it('when the task is the mentee’s own assignment, or about no person, then the title names nobody', () => {
      expect(taskDisplayTitle({ kind: 'menteeAssignment', title: 'Задание наставника: эссе' }, ['Иванова Мария'])).toBe(
        undefined,
      );
      expect(taskDisplayTitle({ kind: 'stagePlanReminder', title: 'Завершить этап' }, [])).toBeUndefined();
      expect(taskDisplayTitle(draft, [])).toBeUndefined();
    });
  });

  it('given the titles the route decider writes, then the name follows the route code in each', () => {
    const ivanova = ['Иванова Мария Петровна'];
    expect(taskDisplayTitle({ kind: 'draftRoute', title: draftTitle }, ivanova)).toBe(
      draftTitle.replace(`ИОМ ${code} `, `ИОМ ${code} для Ивановой М. П. `),
    );
    expect(taskDisplayTitle({ kind: 'draftOverdueEscalation', title: escalationTitle }, ivanova)).toBe(
      `Проект ИОМ ${code} для Ивановой М. П. не представлен методистом в срок (до 14.05.2026 включительно): примите меры`,
    );
    expect(taskDisplayTitle({ kind: 'monthlyControlPointCheck', title: monthlyTitle }, ivanova)).toBe(
      `Проверить прохождение контрольных точек ИОМ ${code} Ивановой М. П. за июнь 2026`,
    );
  });

  it('when the stored title lacks the route code, then the name goes at its end', () => {
    expect(taskDisplayTitle({ kind: 'draftRoute', title: 'Составить проект' }, ['Иванова Мария Петровна'])).toBe(
      'Составить проект для Ивановой М. П.',
    );
  });
});
