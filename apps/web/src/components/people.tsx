import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getJson } from '../api';
import { useSession } from '../auth';
import { shortId, shortNameOf } from '../format';
import type { PersonListItem, PersonName, User } from '../types';

/** A name the screens know for a person id; `hasConsent` only when the directory said so. */
type KnownName = Omit<PersonName, 'hasConsent'> & { hasConsent?: boolean };

interface People {
  names: ReadonlyMap<string, KnownName>;
  /** Reads the directory again (after a person was added or renamed). */
  refresh: () => void;
}

/** Names by person id (participants, mentors and pairs name people by the subject of their sign-in). */
const PeopleContext = createContext<People>({ names: new Map(), refresh: () => undefined });

/** Staff lists read per organisation for names: a few pages at most (an id stays shown when a name is missing). */
const DIRECTORY_PAGES = 5;
const DIRECTORY_ORGANISATIONS = 20;

/**
 * Names from the staff directory of the organisations the user works with (curators, directors, commission
 * heads, administrators may read it), from GET /users for administrators (accounts created before the
 * directory), and the user's own. Screens prefer the name an API answer carries beside an id.
 */
export function PeopleProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const own = useMemo(
    () =>
      new Map<string, KnownName>(
        session.me.fullName
          ? [[session.me.sub, { fullName: session.me.fullName, shortName: shortNameOf(session.me.fullName) }]]
          : [],
      ),
    [session.me.sub, session.me.fullName],
  );
  const [names, setNames] = useState<ReadonlyMap<string, KnownName>>(own);
  const [tick, setTick] = useState(0);
  const isAdministrator = session.has('administrator');
  const readsDirectory = session.has('curator', 'director', 'commissionHead', 'administrator');
  const organisationIds = useMemo(
    () =>
      [
        ...new Set([
          ...session.me.assignments.flatMap((a) => (a.organisationId ? [a.organisationId] : [])),
          ...(isAdministrator ? session.organisations.keys() : []),
        ]),
      ]
        .slice(0, DIRECTORY_ORGANISATIONS)
        .join(),
    [session.me.assignments, session.organisations, isAdministrator],
  );
  useEffect(() => {
    let live = true;
    (async () => {
      const found = new Map(own);
      if (isAdministrator) {
        for (let offset = 0; offset < 1000; offset += 100) {
          const page = await getJson<User[]>(`/users?limit=100&offset=${offset}`).catch(() => []);
          for (const user of page) {
            const known = { fullName: user.fullName, shortName: shortNameOf(user.fullName) };
            found.set(user.sub, known);
            found.set(user.userId, known);
          }
          if (page.length < 100) break;
        }
      }
      if (readsDirectory) {
        // The directory's card outranks the account's name (it is what the organisation keeps up to date).
        await Promise.all(
          organisationIds
            .split(',')
            .filter(Boolean)
            .map(async (organisationId) => {
              for (let page = 0; page < DIRECTORY_PAGES; page++) {
                const items = await getJson<PersonListItem[]>(
                  `/organisations/${organisationId}/people?limit=100&offset=${page * 100}`,
                ).catch(() => []);
                for (const p of items) found.set(p.personId, p);
                if (items.length < 100) break;
              }
            }),
        );
      }
      // A tutor or a methodologist reads no staff list: their own card, not the account's name, names them.
      if (found.get(session.me.sub) === own.get(session.me.sub)) {
        const card = await getJson<PersonName>(`/people/${session.me.sub}`).catch(() => undefined);
        if (card?.fullName) found.set(session.me.sub, card);
      }
      if (live) setNames(found);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [own, isAdministrator, readsDirectory, organisationIds, tick, session.me.sub]);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const value = useMemo(() => ({ names, refresh }), [names, refresh]);
  return <PeopleContext.Provider value={value}>{children}</PeopleContext.Provider>;
}

export const usePeople = () => useContext(PeopleContext);

/** The full name an answer carried beside the id, else the directory's; undefined when neither knows the person. */
const useKnown = (id: string, name?: string, hasConsent?: boolean): KnownName | undefined => {
  const known = usePeople().names.get(id);
  if (name) return { fullName: name, shortName: shortNameOf(name), hasConsent: hasConsent ?? known?.hasConsent };
  return known && { ...known, hasConsent: hasConsent ?? known.hasConsent };
};

/** The flag shown beside a person who has not consented to the processing of personal data (152-ФЗ). */
export function NoConsentFlag() {
  return (
    <span className="badge badge-warn no-consent" title="Согласие на обработку персональных данных не записано">
      нет согласия на обработку ПДн
    </span>
  );
}

/**
 * A person: «Иванова М. П.» (the full name on hover) with the no-consent flag; only when no name is known, the
 * short id with a button that copies the full one.
 */
export function PersonId({
  id,
  name,
  hasConsent,
}: {
  id: string;
  /** The full name the API gave beside the id. */
  name?: string;
  hasConsent?: boolean;
}) {
  const known = useKnown(id, name, hasConsent);
  const [copied, setCopied] = useState(false);
  if (known) {
    return (
      <span className="person">
        <span title={known.fullName}>{known.shortName}</span>
        {known.hasConsent === false ? (
          <>
            {' '}
            <NoConsentFlag />
          </>
        ) : null}
      </span>
    );
  }
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
      <code title={id}>{shortId(id)}</code>
      <button
        type="button"
        className="button-copy"
        onClick={() => void copy()}
        aria-label={`Скопировать идентификатор ${shortId(id)} полностью`}
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

/**
 * A person's name for plain text (option labels, field labels, sentences): «Иванова М. П.» from the full name the
 * answer carried or from the directory, else the short id; «(нет согласия на обработку ПДн)» when the directory
 * says so.
 */
export const usePersonLabel = () => {
  const { names } = usePeople();
  return (id: string, name?: string) => {
    const known = names.get(id);
    const text = name ? shortNameOf(name) : (known?.shortName ?? shortId(id));
    return known?.hasConsent === false ? `${text} (нет согласия на обработку ПДн)` : text;
  };
};
