import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { getJson } from '../api';
import { useSession } from '../auth';
import { shortId } from '../format';
import type { User } from '../types';

/** Full names by subject (participants, mentors and pairs name people by the subject of their sign-in). */
const PeopleContext = createContext<ReadonlyMap<string, string>>(new Map());

/**
 * Names come from GET /users, which only administrators may read; everyone else sees their own name
 * (from /me) and short, copyable ids for the rest.
 */
export function PeopleProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [names, setNames] = useState<ReadonlyMap<string, string>>(
    () => new Map(session.me.fullName ? [[session.me.sub, session.me.fullName]] : []),
  );
  const isAdministrator = session.has('administrator');
  useEffect(() => {
    if (!isAdministrator) return;
    let live = true;
    (async () => {
      const found = new Map<string, string>(session.me.fullName ? [[session.me.sub, session.me.fullName]] : []);
      // At most a few pages: names are a convenience, ids stay shown when a name is missing.
      for (let offset = 0; offset < 1000; offset += 100) {
        const page = await getJson<User[]>(`/users?limit=100&offset=${offset}`);
        for (const user of page) {
          found.set(user.sub, user.fullName);
          found.set(user.userId, user.fullName);
        }
        if (page.length < 100) break;
      }
      if (live) setNames(found);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [isAdministrator, session.me.sub, session.me.fullName]);
  return <PeopleContext.Provider value={names}>{children}</PeopleContext.Provider>;
}

export const usePeople = () => useContext(PeopleContext);

/** A person: the name when known, else the short id; the full id is one click away for pasting into forms. */
export function PersonId({ id }: { id: string }) {
  const name = usePeople().get(id);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(id);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard (insecure context): the id is selectable in the title and the hidden text.
    }
  };
  return (
    <span className="person">
      {name ? <span>{name} </span> : null}
      <code title={id}>{shortId(id)}</code>
      <button
        type="button"
        className="button-copy"
        onClick={() => void copy()}
        aria-label={`Скопировать идентификатор ${name ?? shortId(id)} полностью`}
      >
        <span aria-hidden="true" className={copied ? 'copied-mark' : 'copy-icon'}>
          {copied ? '✓' : ''}
        </span>
      </button>
      <span className="visually-hidden" aria-live="polite">
        {copied ? 'Скопировано' : ''}
      </span>
    </span>
  );
}

/** A person's name for plain text (option labels): the name when known, else the short id. */
export const usePersonLabel = () => {
  const names = usePeople();
  return (id: string) => names.get(id) ?? shortId(id);
};
