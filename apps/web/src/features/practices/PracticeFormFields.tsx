import type { FormEvent } from 'react';
import {
  DoneBox,
  ErrorBox,
  InputField,
  SelectField,
  SubmitButton,
  TextAreaField,
  labelledOptions,
} from '../../components/ui';
import { pairFormLabels, practiceFieldLabels, practiceLevelLabels } from '../../labels';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import type { PracticeContent } from './practice';

type Draft = Omit<PracticeContent, 'form' | 'level' | 'attachments'> & {
  form: PracticeContent['form'] | '';
  level: PracticeContent['level'] | '';
  attachments: string;
};

const blank: Draft = {
  title: '',
  form: '',
  problem: '',
  whatWasDone: '',
  results: '',
  evidence: '',
  subject: '',
  level: '',
  attachments: '',
};

const draftOf = (content?: PracticeContent): Draft =>
  content ? { ...content, attachments: (content.attachments ?? []).join('\n') } : blank;

/**
 * The practice's fields (issue 28), for a new practice and for the author's corrected one alike: `send` gets
 * the content (empty selects left out, so the API names them) and returns the notice to show.
 */
export function PracticeFormFields({
  title,
  initial,
  submitLabel,
  before,
  send,
}: {
  title: string;
  initial?: PracticeContent;
  submitLabel: string;
  before?: React.ReactNode;
  send: (content: Record<string, unknown>) => Promise<string | void>;
}) {
  const { values, bind } = useFormValues(() => draftOf(initial));
  const { submit, busy, error, done } = useSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const attachments = values.attachments
      .split('\n')
      .map((a) => a.trim())
      .filter(Boolean);
    const { form, level, title: name, problem, whatWasDone, results, evidence, subject } = values;
    void submit(() =>
      send({
        title: name,
        problem,
        whatWasDone,
        results,
        evidence,
        subject,
        ...(form ? { form } : {}),
        ...(level ? { level } : {}),
        ...(attachments.length > 0 ? { attachments } : {}),
      }),
    );
  };
  const text = (key: 'problem' | 'whatWasDone' | 'results' | 'evidence') => (
    <TextAreaField label={practiceFieldLabels[key]} {...bind(key)} error={error} rows={4} />
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label={title} className="form-grid">
      {before}
      <InputField label={practiceFieldLabels.title} {...bind('title')} error={error} />
      <SelectField
        label={practiceFieldLabels.form}
        {...bind('form')}
        options={labelledOptions(pairFormLabels)}
        empty="Выберите форму"
        error={error}
      />
      <InputField label={practiceFieldLabels.subject} {...bind('subject')} error={error} />
      <SelectField
        label={practiceFieldLabels.level}
        {...bind('level')}
        options={labelledOptions(practiceLevelLabels)}
        empty="Выберите уровень"
        error={error}
      />
      {text('problem')}
      {text('whatWasDone')}
      {text('results')}
      {text('evidence')}
      <TextAreaField
        label={practiceFieldLabels.attachments}
        {...bind('attachments')}
        error={error}
        hint="Ссылки https://… на файлы, по одной в строке"
        rows={2}
      />
      <ErrorBox error={error} />
      <DoneBox done={done} />
      <div className="actions">
        <SubmitButton busy={busy} busyText="Отправка…">
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
