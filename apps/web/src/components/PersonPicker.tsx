import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { getJson } from '../api';
import type { PersonListItem } from '../types';
import { Field, type FieldFrame } from './ui';

/** How long typing may pause before the search is sent, and how many people a search shows. */
const DEBOUNCE_MS = 250;
const SHOWN = 10;

/** «Иванова Мария Петровна — учитель математики»: who the person is in one line. */
export const personLine = (p: Pick<PersonListItem, 'fullName' | 'positions'>): string =>
  [p.fullName, p.positions.join(', ')].filter(Boolean).join(' — ');

/** What a picker needs of a person it offers. */
type PickerPerson = Pick<PersonListItem, 'personId' | 'fullName' | 'positions' | 'hasConsent'>;

/**
 * Chooses a person of an organisation's staff by surname: the directory is searched on the server as the user
 * types (case- and ё/е-insensitive prefix), the matches are offered as a listbox (arrows and Enter, or the
 * mouse), and the chosen person's id is what the form sends. Nobody types or pastes an id. Another list that
 * searches the same way (`searchPath`, taking `q`, `limit`, `offset`) may be offered instead, its rows told
 * apart by `keyOf` and shown by `describe`.
 */
export function PersonPicker<T extends PickerPerson = PersonListItem>({
  organisationId,
  searchPath = `/organisations/${organisationId}/people`,
  describe = personLine,
  keyOf = (p) => p.personId,
  value,
  onChange,
  hint = 'Начните вводить фамилию',
  ...frame
}: FieldFrame & {
  organisationId: string;
  searchPath?: string;
  describe?: (person: T) => string;
  keyOf?: (person: T) => string;
  /** The chosen person, or undefined while nobody is chosen. */
  value?: T;
  onChange: (person: T | undefined) => void;
}) {
  const listId = useId();
  const [text, setText] = useState(value?.fullName ?? '');
  const [open, setOpen] = useState(false);
  // The matches with the text they were found for: a list is only offered for what the box now says.
  const [result, setResult] = useState<{ q: string; people: T[] }>({ q: '', people: [] });
  const found = result.q === text.trim() ? result.people : [];
  const [active, setActive] = useState(0);
  const [state, setState] = useState<'idle' | 'searching' | 'failed'>('idle');
  const blurTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // The form cleared or set the person: show it in the box.
  useEffect(() => setText(value?.fullName ?? ''), [value && keyOf(value)]);

  useEffect(() => {
    if (!open) return;
    const q = text.trim();
    let live = true;
    const timer = setTimeout(() => {
      setState('searching');
      getJson<T[]>(`${searchPath}?q=${encodeURIComponent(q)}&limit=${SHOWN}&offset=0`).then(
        (people) => {
          if (!live) return;
          setResult({ q, people });
          setActive(0);
          setState('idle');
        },
        () => live && setState('failed'),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, open, searchPath]);

  const choose = (person: T) => {
    onChange(person);
    setText(person.fullName);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (found.length ? (i + step + found.length) % found.length : 0));
    } else if (event.key === 'Enter' && open && found[active]) {
      // Enter chooses the highlighted person instead of sending the form.
      event.preventDefault();
      choose(found[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  const pending = open && (state === 'searching' || result.q !== text.trim());
  const status =
    state === 'failed'
      ? 'Поиск не удался: повторите'
      : pending
        ? 'Поиск…'
        : open && found.length === 0
          ? 'Никого не найдено: проверьте фамилию или добавьте сотрудника в разделе «Сотрудники»'
          : open
            ? `Найдено: ${found.length}`
            : '';

  return (
    <Field {...frame} hint={hint}>
      {(props) => (
        <div className="person-picker">
          <input
            {...props}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open && found[active] ? `${listId}-${keyOf(found[active])}` : undefined}
            autoComplete="off"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOpen(true);
              if (value) onChange(undefined);
            }}
            onFocus={() => {
              // Back in the box before the last blur's timer ran out: that timer must not close the list now.
              clearTimeout(blurTimer.current);
              setOpen(true);
            }}
            onBlur={() => {
              // Let a click on an option land before the list closes.
              blurTimer.current = setTimeout(() => setOpen(false), 150);
            }}
            onKeyDown={onKeyDown}
          />
          <ul id={listId} role="listbox" aria-label={`${frame.label}: найденные сотрудники`} hidden={!open}>
            {found.map((p, i) => (
              <li
                key={keyOf(p)}
                id={`${listId}-${keyOf(p)}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'option-active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => {
                  clearTimeout(blurTimer.current);
                  choose(p);
                }}
              >
                {describe(p)}
                {/* Absent for a depersonalised person: no name left to flag. */}
                {p.hasConsent === false ? <span className="no-consent"> (нет согласия на обработку ПДн)</span> : null}
              </li>
            ))}
          </ul>
          <span className="visually-hidden" aria-live="polite">
            {status}
          </span>
          {open && !pending && found.length === 0 ? <small className="hint">{status}</small> : null}
        </div>
      )}
    </Field>
  );
}
