import type { Role } from '../shared/decider';
import type { UnmetCondition } from '../shared/refusal';
import { isAllowedFileRef } from '../shared/file-ref';
import { isMissing } from '../shared/text';
import { unmetIf } from '../shared/rules';
import { isPairForm } from '../pair/pair.events';
import { isPracticeLevel, type PracticeContent } from './practice.events';
import { practiceFieldLabels } from './practice.labels';

/** Who submits a practice: those who do the mentoring and support it (issue 28). */
export const practiceAuthorRoles = ['mentor', 'curator', 'tutor'] as const satisfies readonly Role[];
/**
 * Who reviews it: the organisation's methodical commission (its head), the regional operator (ЦНППМ, the
 * municipal methodical service: the regional coordinator of the organisation's region) and an administrator.
 */
export const practiceReviewerRoles = [
  'commissionHead',
  'regionalCoordinator',
  'administrator',
] as const satisfies readonly Role[];

export const practiceLimits = {
  title: 300,
  text: 5000,
  subject: 200,
  comment: 2000,
  attachments: 10,
  attachment: 2000,
} as const;

const textFields = ['title', 'problem', 'whatWasDone', 'results', 'evidence', 'subject'] as const;
const maxOf = (field: (typeof textFields)[number]): number =>
  field === 'title' ? practiceLimits.title : field === 'subject' ? practiceLimits.subject : practiceLimits.text;

/** Every problem of a practice's content, each naming its field in Russian: for the decider and the API alike. */
export const practiceContentProblems = (content: PracticeContent): UnmetCondition[] => [
  ...textFields.flatMap((field) => [
    ...unmetIf(isMissing(content[field]), `${field}.missing`, `Не заполнено поле «${practiceFieldLabels[field]}»`),
    ...unmetIf(
      typeof content[field] === 'string' && content[field].length > maxOf(field),
      `${field}.tooLong`,
      `Поле «${practiceFieldLabels[field]}»: не более ${maxOf(field)} символов`,
    ),
  ]),
  ...unmetIf(
    typeof content.form !== 'string' || !isPairForm(content.form),
    'form.unknown',
    `Поле «${practiceFieldLabels.form}»: выберите форму из списка`,
  ),
  ...unmetIf(
    typeof content.level !== 'string' || !isPracticeLevel(content.level),
    'level.unknown',
    `Поле «${practiceFieldLabels.level}»: выберите уровень из списка`,
  ),
  ...unmetIf(
    (content.attachments ?? []).length > practiceLimits.attachments,
    'attachments.tooMany',
    `Поле «${practiceFieldLabels.attachments}»: не более ${practiceLimits.attachments} ссылок`,
  ),
  ...unmetIf(
    (content.attachments ?? []).some((a) => typeof a !== 'string' || !isAllowedFileRef(a)),
    'attachments.invalid',
    `Поле «${practiceFieldLabels.attachments}»: ссылка на файл должна быть адресом https://…`,
  ),
];

/** The content as stored: texts trimmed, no empty list of attachments. */
export const normalisedPracticeContent = (content: PracticeContent): PracticeContent => ({
  title: content.title.trim(),
  form: content.form,
  problem: content.problem.trim(),
  whatWasDone: content.whatWasDone.trim(),
  results: content.results.trim(),
  evidence: content.evidence.trim(),
  subject: content.subject.trim(),
  level: content.level,
  ...(content.attachments && content.attachments.length > 0 ? { attachments: [...content.attachments] } : {}),
});
