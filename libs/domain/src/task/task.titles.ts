import { getGender, inclineLastname } from 'lvovich';
import { shortNameOf, type PersonCard } from '../person/person.card';
import type { TaskKind } from './task.events';

/** The cases a task's wording may need the name in (lvovich's names for them). */
export type GrammaticalCase = 'nominative' | 'genitive' | 'dative' | 'accusative' | 'instrumental' | 'prepositional';

/**
 * How a task's title names the people it is about (a route's teacher, a pair's mentees): in which case,
 * after which words, and where. Stored titles hold no names (events never do); the inbox builds the title
 * with them at read time.
 */
export interface TaskPersonNaming {
  /** The name goes right after the first match in the stored title; at its end when absent or not found. */
  readonly after?: RegExp;
  readonly preposition?: string;
  readonly case: GrammaticalCase;
}

/** The route's code in its tasks' titles («… ИОМ 63-0042-2026-000017 …»): the teacher's name follows it. */
const afterRouteCode = /ИОМ \S+/;

/**
 * Per kind, how its title names its people; `null`: it names nobody (the programme's and the calendar's
 * tasks are about no person; a mentor's assignment is the mentee's own task). Pair tasks name their
 * mentees after a dash: the wording around them («пары/группы») has no place for a declined name.
 */
export const taskPersonNaming: Readonly<Record<TaskKind, TaskPersonNaming | null>> = {
  draftRoute: { after: afterRouteCode, preposition: 'для', case: 'genitive' },
  draftOverdueEscalation: { after: afterRouteCode, preposition: 'для', case: 'genitive' },
  monthlyControlPointCheck: { after: afterRouteCode, case: 'genitive' },
  controlDiagnostics: { after: afterRouteCode, case: 'genitive' },
  repeatedDiagnostics: { after: afterRouteCode, case: 'genitive' },
  interimControl: { case: 'nominative' },
  finalControl: { case: 'nominative' },
  programmeCorrection: { case: 'nominative' },
  periodicReport: { case: 'nominative' },
  personalProgrammeReview: { case: 'nominative' },
  correctionReview: { case: 'nominative' },
  periodicReportReview: { case: 'nominative' },
  candidateReview: { case: 'nominative' },
  menteeAssignment: null,
  stagePlanReminder: null,
  loadCalendarYear: null,
  associationPlanItem: null,
};

type NameParts = Pick<PersonCard, 'surname' | 'firstName' | 'patronymic'>;

/** «Иванова Мария Петровна» (surname first, as `fullNameOf` writes it) back into its parts. */
export const namePartsOf = (fullName: string): NameParts => {
  const [surname = fullName, firstName = '', ...rest] = fullName.trim().split(/\s+/);
  return { surname, firstName, ...(rest.length > 0 ? { patronymic: rest.join(' ') } : {}) };
};

/**
 * «Ивановой М. П.»: the short name with the surname in `grammaticalCase` (initials do not decline), or
 * undefined where declension is impossible: no first name, or a gender lvovich cannot tell — it guesses
 * from the patronymic, the first name and the surname, and answers «androgynous» (Саша, Женя with no
 * patronymic) or nothing (contradicting parts, a patronymic like «Рашид кызы», non-Cyrillic text).
 * Surnames that do not decline (Черных, Гончаренко, Дюма, a woman's Шевчук) stay as they are.
 */
export const declinedShortName = (name: NameParts, grammaticalCase: GrammaticalCase): string | undefined => {
  if (grammaticalCase === 'nominative') return shortNameOf(name);
  const first = name.firstName.trim();
  if (![name.surname, first].every((part) => /^[А-ЯЁа-яё-]+$/.test(part.trim()))) return undefined;
  const gender = getGender({ last: name.surname.trim(), first, middle: name.patronymic?.trim() || null });
  if (gender !== 'male' && gender !== 'female') return undefined;
  return shortNameOf({ ...name, surname: inclineLastname(name.surname.trim(), grammaticalCase, gender) });
};

/**
 * The title the inbox shows: the stored title with the names of the people the task is about, each in the
 * case its kind's wording needs («Составить проект ИОМ 63-0042-2026-000017 для Ивановой М. П. по результатам …»);
 * where a name cannot be declined, the stored title and the names as they are («… — Иванова М. П.»).
 * Undefined when the kind names nobody or nobody is known.
 */
export const taskDisplayTitle = (
  task: { readonly kind: TaskKind; readonly title: string },
  fullNames: readonly string[],
): string | undefined => {
  const naming = taskPersonNaming[task.kind];
  if (naming === null || fullNames.length === 0) return undefined;
  const declined = fullNames.map((fullName) => declinedShortName(namePartsOf(fullName), naming.case));
  if (naming.case === 'nominative' || declined.some((name) => name === undefined))
    return `${task.title} — ${fullNames.map((fullName) => shortNameOf(namePartsOf(fullName))).join(', ')}`;
  const phrase = [naming.preposition, declined.join(', ')].filter(Boolean).join(' ');
  const at = naming.after?.exec(task.title);
  if (!at) return `${task.title} ${phrase}`;
  const end = at.index + at[0].length;
  return `${task.title.slice(0, end)} ${phrase}${task.title.slice(end)}`;
};
