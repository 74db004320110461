import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type DetailsHTMLAttributes,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { DateInput } from '@mantine/dates';
import { useForm, type FieldErrors, type UseFormReturn } from 'react-hook-form';
import { ApiError, getJson } from '../api';
import { formatRussianDate, parseRussianDate, withinDates } from '../dates';
import { readUntil } from '../query';
import { usePeople } from './people';

/**
 * Loads with `load` (a TanStack query of this component, keyed by `deps`) and again on `reload()` and after every
 * command (useSubmit); keeps the last data while reloading so the screen does not flicker. Reads failing without
 * an answer (network, 5xx) are retried.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
): { data?: T; error?: ApiError | Error; loading: boolean; reload: () => void } {
  // The key names this component's read: two screens with the same deps never share each other's data.
  const owner = useId();
  const query = useQuery({ queryKey: ['load', owner, ...deps], queryFn: load, placeholderData: keepPreviousData });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return { data: query.data, error: query.error ?? undefined, loading: query.isFetching, reload };
}

/** The success message of a form or command, announced to screen readers; nothing when there is none. */
export function DoneBox({ done }: { done?: string | null }) {
  if (!done) return null;
  return (
    <p className="alert alert-ok" role="status">
      {done}
    </p>
  );
}

const personId = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * An API error as the user should see it: the Russian detail and, for a refusal, every unmet condition.
 * The domain names people by id («Нет письменного согласия наставника (<id>)»): ids this user knows read as names.
 */
export function ErrorBox({ error, title }: { error?: unknown; title?: string }) {
  const { names } = usePeople();
  const context = useContext(CommandFormState);
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const named = (text: string) => text.replace(personId, (id) => names.get(id.toLowerCase())?.shortName ?? id);
  const message = named(error instanceof Error ? error.message : String(error));
  const fieldErrors = problem?.unmet?.length ? [] : (problem?.errors ?? []);
  // In a CommandForm, the messages none of its Fields shows are listed here, so none is lost (outside one, the
  // screen's own Fields are handed the error); a message the detail already says is not repeated.
  const ownForm = context !== undefined && context.error === error;
  const marked = (field: string) => [...(context?.shown ?? [])].some((f) => field === f || field.startsWith(`${f}.`));
  const unmarked = ownForm ? fieldErrors.filter((e) => !marked(e.field) && e.message !== problem?.detail) : [];
  return (
    <div className="alert alert-error" role="alert">
      {title ? <strong>{title}: </strong> : null}
      <span>{message}</span>
      {problem?.unmet?.length ? (
        <ul>
          {problem.unmet.map((u) => (
            <li key={u.code}>{named(u.message)}</li>
          ))}
        </ul>
      ) : null}
      {unmarked.length ? (
        <ul>
          {unmarked.map((e) => (
            <li key={`${e.field}:${e.message}`}>{named(e.message)}</li>
          ))}
        </ul>
      ) : null}
      {fieldErrors.some((e) => !ownForm || marked(e.field)) ? <p className="hint">Исправьте отмеченные поля.</p> : null}
    </div>
  );
}

/** What every field shows around its control: the label, the hint, and the server's messages for `field`. */
export interface FieldFrame {
  label: string;
  field: string;
  error?: unknown;
  hint?: string;
}

/**
 * What a CommandForm tells the Fields in it: the command's error (its messages for a Field's `field` show under
 * it), the form (react-hook-form) that checks required Fields before sending, and the register of the `field`s
 * shown, so the refusal lists what no Field marks.
 */
interface CommandFormContext {
  error: unknown;
  form: UseFormReturn;
  clientErrors: FieldErrors;
  shown: Set<string>;
}

const CommandFormState = createContext<CommandFormContext | undefined>(undefined);

/** What a required Field says when it is left empty. */
const requiredMessage = (kind?: 'date') => (kind === 'date' ? 'Укажите дату' : 'Заполните это поле');

/** A Field's key in react-hook-form: its own id, as `field` may repeat (a row per participant) and holds dots. */
const formKey = (id: string) => `field_${id.replace(/\W/g, '_')}`;

/** A labelled form field with the server's messages for it underneath, linked for screen readers. */
export function Field({
  label,
  error,
  field,
  hint,
  required,
  kind,
  value,
  children,
}: FieldFrame & {
  /** Inside a CommandForm: the form is not sent while this Field is empty (`value` blank) and says so. */
  required?: boolean;
  kind?: 'date';
  value?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const context = useContext(CommandFormState);
  const shown = error ?? context?.error;
  const key = formKey(id);
  const current = useRef(value);
  current.current = value;
  const form = context?.form;
  const register = context?.shown;
  useEffect(() => {
    register?.add(field);
    return () => void register?.delete(field);
  }, [register, field]);
  useEffect(() => {
    if (!form || !required) return;
    form.register(key, { validate: () => (current.current?.trim() ? true : requiredMessage(kind)) });
    return () => form.unregister(key);
  }, [form, required, key, kind]);
  useEffect(() => {
    if (value?.trim()) form?.clearErrors(key);
  }, [form, key, value]);
  const clientMessage = context?.clientErrors[key]?.message;
  const messages = [
    ...(typeof clientMessage === 'string' ? [clientMessage] : []),
    ...(shown instanceof ApiError ? shown.fieldMessages(field) : []),
  ];
  const describedBy =
    [hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${messages.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': messages.length > 0, 'aria-describedby': describedBy })}
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
      {messages.length ? (
        <small id={`${id}-error`} className="field-error">
          {[...new Set(messages)].join('; ')}
        </small>
      ) : null}
    </div>
  );
}

/**
 * Labels every body cell with its column's heading (`data-label`, column spans counted), so that on a phone
 * (styles.css) each row reads as a card of «heading: value» lines. After every render: rows come as children.
 */
function useCellLabels(columns: readonly string[]) {
  const ref = useRef<HTMLTableElement>(null);
  useEffect(() => {
    ref.current?.querySelectorAll(':scope > tbody > tr').forEach((row) => {
      let column = 0;
      for (const cell of Array.from((row as HTMLTableRowElement).cells)) {
        cell.setAttribute('data-label', columns[column] ?? '');
        column += cell.colSpan;
      }
    });
  });
  return ref;
}

/**
 * A table whose rows become cards on a phone, each value labelled with its column (inside a `.sticky-first-column`
 * box it scrolls sideways instead, its first column fixed): its column headings, then `children` as the rows of
 * its body. The caption is for screen readers unless `captionVisible`; `label` names a table without one.
 */
export function DataTable({
  caption,
  captionVisible,
  label,
  columns,
  children,
}: {
  caption?: string;
  captionVisible?: boolean;
  label?: string;
  columns: readonly string[];
  children: ReactNode;
}) {
  const ref = useCellLabels(columns);
  return (
    <div className="table-wrap">
      <table aria-label={label} ref={ref}>
        {caption ? <caption className={captionVisible ? undefined : 'visually-hidden'}>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Separates what the Field shows around a control from the attributes of the control itself. */
function splitFrame<T extends FieldFrame>({
  label,
  field,
  error,
  hint,
  ...control
}: T): [FieldFrame, Omit<T, keyof FieldFrame>] {
  return [{ label, field, error, hint }, control];
}

/** What a text control takes: the Field's frame, its value and a callback with what is typed, and its own attributes. */
type TextControlProps<Attributes> = FieldFrame & { value: string; onChange: (value: string) => void } & Omit<
    Attributes,
    'value' | 'onChange'
  >;

/** A Field holding an input (text, date, number, e-mail…): it shows `value` and hands what is typed to `onChange`. */
export function InputField({ value, onChange, ...rest }: TextControlProps<InputHTMLAttributes<HTMLInputElement>>) {
  const [frame, input] = splitFrame(rest);
  if (input.type === 'date') return <DateField {...frame} value={value} onChange={onChange} input={input} />;
  return (
    <Field {...frame} required={input.required} value={value}>
      {(props) => <input {...props} {...input} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** The calendar's buttons in Russian (Mantine's defaults are unnamed or English). */
const calendarLabels = {
  nextLabel: 'Следующий месяц',
  previousLabel: 'Предыдущий месяц',
  ariaLabels: {
    monthLevelControl: 'Выбрать месяц',
    yearLevelControl: 'Выбрать год',
    nextMonth: 'Следующий месяц',
    previousMonth: 'Предыдущий месяц',
    nextYear: 'Следующий год',
    previousYear: 'Предыдущий год',
    nextDecade: 'Следующее десятилетие',
    previousDecade: 'Предыдущее десятилетие',
  },
};

/**
 * A date typed or picked as дд.мм.гггг whatever the browser's language (Mantine's DateInput with the Russian
 * calendar), given and taken as ISO YYYY-MM-DD; `min`/`max` bound what can be chosen; clearable.
 */
function DateField({
  value,
  onChange,
  input,
  ...frame
}: FieldFrame & { value: string; onChange: (value: string) => void; input: InputHTMLAttributes<HTMLInputElement> }) {
  const min = typeof input.min === 'string' && input.min ? input.min : undefined;
  const max = typeof input.max === 'string' && input.max ? input.max : undefined;
  return (
    <Field {...frame} required={input.required} kind="date" value={value}>
      {(props) => (
        <DateInput
          {...props}
          name={input.name}
          disabled={input.disabled}
          readOnly={input.readOnly}
          value={value || null}
          onChange={(date) => onChange(date ?? '')}
          valueFormat={formatRussianDate}
          dateParser={(text) => {
            const date = parseRussianDate(text);
            return date && withinDates(date, min, max) ? date : null;
          }}
          minDate={min}
          maxDate={max}
          placeholder="дд.мм.гггг"
          clearable
          clearButtonProps={{ 'aria-label': 'Очистить дату' }}
          {...calendarLabels}
        />
      )}
    </Field>
  );
}

/** A Field holding a textarea: it shows `value` and hands what is typed to `onChange`. */
export function TextAreaField({
  value,
  onChange,
  ...rest
}: TextControlProps<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const [frame, textarea] = splitFrame(rest);
  return (
    <Field {...frame} required={textarea.required} value={value}>
      {(props) => <textarea {...props} {...textarea} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** A Field holding a select: `options` as [value, text] pairs, after a first empty option when `empty` names it. */
export function SelectField<T extends string>({
  value,
  onChange,
  options,
  empty,
  required,
  ...frame
}: FieldFrame & {
  value: T | '';
  onChange: (value: T) => void;
  options: readonly (readonly [T, string])[];
  empty?: string;
  /** Inside a CommandForm: not sent until an option is chosen. */
  required?: boolean;
}) {
  return (
    <Field {...frame} required={required} value={value}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {empty === undefined ? null : <option value="">{empty}</option>}
          {options.map(([option, text]) => (
            <option key={option} value={option}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * The button that sends a form: disabled while `busy`, and saying `busyText` (e.g. «Запись…») meanwhile if given.
 * A form's main action is `primary`; a destructive one `danger`; `plain` where it is one action among several.
 */
export function SubmitButton({
  busy,
  busyText,
  variant = 'primary',
  children,
}: {
  busy: boolean;
  busyText?: string;
  variant?: 'primary' | 'danger' | 'plain';
  children: ReactNode;
}) {
  return (
    <button type="submit" className={variant === 'plain' ? undefined : `button-${variant}`} disabled={busy}>
      {busy && busyText ? busyText : children}
    </button>
  );
}

/** The options of a select over every key of a labels record, in its order. */
export const labelledOptions = <T extends string>(labels: Record<T, string>) => Object.entries(labels) as [T, string][];

export function Loading({ what = 'Загрузка' }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

/** Progress of a long operation: a determinate bar when the total is known, an animated one otherwise. */
export function Progress({ label, value, max }: { label: string; value?: number; max?: number }) {
  const determinate = value !== undefined && max !== undefined && max > 0;
  return (
    <div className="progress" role="status" aria-live="polite">
      <span>{label}</span>
      <progress value={determinate ? value : undefined} max={determinate ? max : undefined} aria-label={label} />
    </div>
  );
}

export function Badge({
  tone,
  children,
}: {
  tone: 'ok' | 'warn' | 'danger' | 'neutral' | 'info';
  children: ReactNode;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** The current stage since when it was entered, or, once the process is over, `finished` instead. */
export function CurrentStage({ finished, label, since }: { finished?: string; label: string; since: string }) {
  return (
    <p>
      {finished ?? (
        <>
          Текущий этап: <strong>{label}</strong>
        </>
      )}{' '}
      — с {since}
    </p>
  );
}

/** Steps in order with the current one marked; used for programme and route stages. */
export function StageTrack<S extends string>({
  stages,
  current,
  labels,
  label,
}: {
  stages: readonly S[];
  current: string;
  labels: Readonly<Record<S, string>>;
  label: string;
}) {
  const index = stages.indexOf(current as S);
  const finished = index === -1;
  return (
    <ol className="stage-track" aria-label={label}>
      {stages.map((stage, i) => {
        const state = finished || i < index ? 'done' : i === index ? 'current' : 'todo';
        return (
          <li key={stage} className={`stage stage-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="stage-number" aria-hidden="true">
              {state === 'done' ? '✓' : i + 1}
            </span>
            <span className="stage-name">{labels[stage]}</span>
            <span className="visually-hidden">
              {state === 'done' ? ' (пройден)' : state === 'current' ? ' (текущий)' : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** Typing pauses this long before a search is sent. */
const SEARCH_DEBOUNCE_MS = 300;

/** A search box's text, trimmed, once typing has paused: one request per pause, not one per key. */
export function useDebouncedSearch(text: string): string {
  const [q, setQ] = useState(text.trim());
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return q;
}

/** The API's largest page: lists are read this many at a time and extended with "Показать ещё". */
export const PAGE_SIZE = 100;

/**
 * A list the API pages with limit/offset: the first page on load and on `reload()`, the next on `more()`.
 * There may be more while the last page came back full.
 */
export function usePaged<T>(path: string, deps: unknown[], pageSize = PAGE_SIZE) {
  const separator = path.includes('?') ? '&' : '?';
  const query = useInfiniteQuery({
    queryKey: ['pages', path, pageSize, ...deps],
    queryFn: ({ pageParam }) => getJson<T[]>(`${path}${separator}limit=${pageSize}&offset=${pageParam}`),
    initialPageParam: 0,
    getNextPageParam: (last, pages) =>
      last.length === pageSize ? pages.reduce((n, page) => n + page.length, 0) : undefined,
    placeholderData: keepPreviousData,
  });
  const { data, refetch, fetchNextPage } = query;
  const items = useMemo(() => data?.pages.flat() ?? [], [data]);
  const reload = useCallback(() => void refetch(), [refetch]);
  const more = useCallback(async () => void (await fetchNextPage()), [fetchNextPage]);
  const moreFailed = query.isFetchNextPageError;
  const firstPage = `${path}${separator}limit=${pageSize}&offset=0`;
  /** After a command that changes the list: its first page is read until it differs (readUntil), then shown. */
  const awaitChange = useCallback(async () => {
    const before = JSON.stringify(items.slice(0, pageSize));
    await readUntil<T[]>(firstPage, (page) => JSON.stringify(page) !== before).catch(() => undefined);
  }, [items, pageSize, firstPage]);
  return {
    awaitChange,
    items,
    loaded: data !== undefined,
    error: moreFailed ? undefined : (query.error ?? undefined),
    loading: query.isFetching && !query.isFetchingNextPage,
    reload,
    hasMore: query.hasNextPage,
    more,
    moreLoading: query.isFetchingNextPage,
    moreError: moreFailed ? query.error : undefined,
  };
}

/**
 * Every page of a list, read one after another: for a form that must offer all of it (a programme's
 * participants in the pair form), where a first page of 100 would leave the rest out. Stops at a failed page.
 */
export function useAllPages<T>(path: string, deps: unknown[]) {
  const list = usePaged<T>(path, deps);
  const { hasMore, moreLoading, moreError, more } = list;
  useEffect(() => {
    if (hasMore && !moreLoading && moreError === undefined) void more();
  }, [hasMore, moreLoading, moreError, more]);
  return list;
}

/** "Показать ещё" under a paged list, while the API may have more. */
export function ShowMore({
  list,
  what,
}: {
  list: { hasMore: boolean; more: () => Promise<void>; moreLoading: boolean; moreError?: unknown; items: unknown[] };
  what: string;
}) {
  if (!list.hasMore && !list.moreError) return null;
  return (
    <div className="actions">
      <p className="hint" aria-live="polite">
        Показано: {list.items.length}
      </p>
      {list.hasMore ? (
        <button type="button" onClick={() => void list.more()} disabled={list.moreLoading}>
          {list.moreLoading ? 'Загрузка…' : `Показать ещё ${what}`}
        </button>
      ) : null}
      <ErrorBox error={list.moreError} />
    </div>
  );
}

/**
 * A modal question before a command that cannot be undone: `children` say what happens and what stays; the
 * confirm button sends it, «Отмена» (or Esc) closes the dialog and changes nothing.
 */
export function ConfirmDialog({
  open,
  title,
  confirm,
  busy,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean;
  title: string;
  /** The confirm button's text: the action itself («Открепить», «Обезличить»). */
  confirm: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="confirm-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
      <div className="actions">
        <button type="button" className="button-danger" disabled={busy} onClick={onConfirm}>
          {busy ? 'Выполняется…' : confirm}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Отмена
        </button>
      </div>
    </dialog>
  );
}

/**
 * The form of one command (`useSubmit()`): its Fields show the server's messages without each being handed
 * the error, required Fields are checked before anything is sent (react-hook-form: the first empty one gets the
 * focus, each says what it needs), and it ends as every command form does — the submit button, the refusal
 * titled `failed` (with the messages no Field marks), the notice.
 */
export function CommandForm({
  command,
  onSubmit,
  label,
  className,
  submit,
  busyText,
  variant,
  failed,
  children,
}: {
  command: { busy: boolean; error: unknown; done: string | null };
  onSubmit: (event: FormEvent) => void;
  label: string;
  className?: string;
  submit: ReactNode;
  busyText: string;
  variant?: 'primary' | 'danger' | 'plain';
  failed: string;
  children: ReactNode;
}) {
  const form = useForm({ shouldFocusError: false });
  const { errors } = form.formState;
  const shown = useRef(new Set<string>()).current;
  const context = { error: command.error, form, clientErrors: errors, shown };
  const send = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    void form.handleSubmit(
      () => onSubmit(event),
      // Moves to the first field that says what it needs, once the fields show it.
      () => requestAnimationFrame(() => target.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()),
    )();
  };
  return (
    <CommandFormState.Provider value={context}>
      <form onSubmit={send} noValidate aria-label={label} className={className}>
        {children}
        <div className="actions">
          <SubmitButton busy={command.busy} busyText={busyText} variant={variant}>
            {submit}
          </SubmitButton>
        </div>
        <ErrorBox error={command.error} title={failed} />
        <DoneBox done={command.done} />
      </form>
    </CommandFormState.Provider>
  );
}

/** A command's optional comment: the commands send it only when something is written. */
export function OptionalCommentField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <TextAreaField label="Комментарий (необязательно)" field="comment" rows={2} value={value} onChange={onChange} />
  );
}

/**
 * A command form folded under a summary: the title is both the summary and the form's name. `details` are the
 * fold's own attributes (open, class, data-*).
 */
export function FoldedCommandForm({
  title,
  details,
  ...form
}: Omit<Parameters<typeof CommandForm>[0], 'label'> & {
  title: string;
  details?: DetailsHTMLAttributes<HTMLElement> & { [data: `data-${string}`]: string };
}) {
  return (
    <details {...details}>
      <summary>{title}</summary>
      <CommandForm label={title} {...form} />
    </details>
  );
}
