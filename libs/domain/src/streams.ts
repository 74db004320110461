/**
 * The one home of stream ids and workflow ids. Recorded events and Temporal histories hold these exact
 * strings (and the replay gate replays them): a format here must never change.
 */

/** A stream kind `<prefix><id>`: how to name one stream and which id a stream name holds. */
const streamKind = (prefix: string) => ({
  stream: (id: string): string => `${prefix}${id}`,
  parse: (streamId: string): string | undefined =>
    streamId.startsWith(prefix) ? streamId.slice(prefix.length) : undefined,
});

const organisation = streamKind('organisation-');
/** An organisation: registration and staff. */
export const organisationStream = organisation.stream;
export const parseOrganisationStream = organisation.parse;

const programme = streamKind('programme-');
/** A mentoring programme (its workflow's id too). */
export const programmeStream = programme.stream;
export const parseProgrammeStream = programme.parse;

const pair = streamKind('pair-');
/** A mentor–mentee pair (its workflow's id too). */
export const pairStream = pair.stream;
export const parsePairStream = pair.parse;

const route = streamKind('route-');
/** An individual educational route, by its uuid, not its registry code (its workflow's id too). */
export const routeStream = route.stream;
export const parseRouteStream = route.parse;

const participant = streamKind('participant-');
/** A programme participant's selection. */
export const participantStream = participant.stream;
export const parseParticipantStream = participant.parse;

const mentorLoad = streamKind('mentor-load-');
/** A mentor's load, by person: every pair that takes this mentor decides against the same stream. */
export const mentorLoadStream = mentorLoad.stream;
export const parseMentorLoadStream = mentorLoad.parse;

const monitoring = streamKind('monitoring-');
/** An organisation's monitoring journal, by organisation id. */
export const monitoringStream = monitoring.stream;
export const parseMonitoringStream = monitoring.parse;

const practice = streamKind('practice-');
/** A practice of the bank of best practices (issue 28), by practice id. */
export const practiceStream = practice.stream;
export const parsePracticeStream = practice.parse;

const association = streamKind('association-');
/** A mentors' methodical association (issue 28), by association id (its workflow's id too). */
export const associationStream = association.stream;
export const parseAssociationStream = association.parse;
const incentive = streamKind('incentive-');
/** An incentive proposed for a person (issue 28), by incentive id. */
export const incentiveStream = incentive.stream;
export const parseIncentiveStream = incentive.parse;

/** The one stream of the incentive kinds an administrator added (issue 28); not under `incentive-`, which names incentives. */
export const incentiveKindsStream = 'catalogue-incentive-kinds';

const user = streamKind('user-');
/** A user's account changes, for the audit (written beside the users table). */
export const userStream = user.stream;
export const parseUserStream = user.parse;

const person = streamKind('person-');
/** A person of the directory: card changes by field name (never values), consent, depersonalisation. */
export const personStream = person.stream;
export const parsePersonStream = person.parse;

const auditReadsPair = streamKind('audit-reads-pair-');
/** Who read a pair's history, by pair id. */
export const auditReadsPairStream = auditReadsPair.stream;
export const parseAuditReadsPairStream = auditReadsPair.parse;

const auditReadsPerson = streamKind('audit-reads-person-');
/** Who read a person's card from outside the person's organisation or pair, by person id (issue 18). */
export const auditReadsPersonStream = auditReadsPerson.stream;
export const parseAuditReadsPersonStream = auditReadsPerson.parse;

/** The one stream of loaded production calendar years and regional overlays. */
export const productionCalendarStream = 'production-calendar';

/**
 * Workflow ids are business ids: one workflow per aggregate, found again by its id, which is its stream's
 * id. Calendar wake-ups rely on that (a task's stream names the workflow to signal).
 */
export const programmeWorkflowId = (programmeId: string): string => programmeStream(programmeId);
export const pairWorkflowId = (pairId: string): string => pairStream(pairId);
export const routeWorkflowId = (routeId: string): string => routeStream(routeId);
export const associationWorkflowId = (associationId: string): string => associationStream(associationId);

/** The kinds of aggregate that run as a workflow. */
export type WorkflowKind = 'programme' | 'pair' | 'route' | 'association';

/** The workflow of an aggregate named by kind, e.g. a task's subject. */
export const workflowIdOf = (subject: { readonly type: WorkflowKind; readonly id: string }): string =>
  (
    ({
      programme: programmeWorkflowId,
      pair: pairWorkflowId,
      route: routeWorkflowId,
      association: associationWorkflowId,
    }) as const
  )[subject.type](subject.id);

/** The workflow that appends to an aggregate's stream: the stream id itself. */
export const workflowIdOfStream = (streamId: string): string => streamId;
