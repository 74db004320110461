import * as streams from './streams';

// Recorded events and Temporal histories hold these exact strings: this spec pins every format.
describe('stream ids and workflow ids', () => {
  const id = '0b7c6f1e-2d4a-4c3e-9f1a-5b6c7d8e9f00';

  it.each([
    ['organisationStream', 'parseOrganisationStream', `organisation-${id}`],
    ['programmeStream', 'parseProgrammeStream', `programme-${id}`],
    ['pairStream', 'parsePairStream', `pair-${id}`],
    ['routeStream', 'parseRouteStream', `route-${id}`],
    ['participantStream', 'parseParticipantStream', `participant-${id}`],
    ['mentorLoadStream', 'parseMentorLoadStream', `mentor-load-${id}`],
    ['monitoringStream', 'parseMonitoringStream', `monitoring-${id}`],
    ['practiceStream', 'parsePracticeStream', `practice-${id}`],
    ['incentiveStream', 'parseIncentiveStream', `incentive-${id}`],
    ['userStream', 'parseUserStream', `user-${id}`],
    ['auditReadsPairStream', 'parseAuditReadsPairStream', `audit-reads-pair-${id}`],
    ['personStream', 'parsePersonStream', `person-${id}`],
    ['auditReadsPersonStream', 'parseAuditReadsPersonStream', `audit-reads-person-${id}`],
  ] as const)('%s and %s: %s', (name, parse, expected) => {
    expect(streams[name](id)).toBe(expected);
    expect(streams[parse](expected)).toBe(id);
  });

  it('parses only its own kind', () => {
    expect(streams.parsePairStream(streams.routeStream(id))).toBeUndefined();
    expect(streams.parsePairStream(streams.auditReadsPairStream(id))).toBeUndefined();
    expect(streams.parsePersonStream(streams.auditReadsPersonStream(id))).toBeUndefined();
    expect(streams.parseOrganisationStream(streams.monitoringStream(id))).toBeUndefined();
    expect(streams.parseRouteStream(streams.productionCalendarStream)).toBeUndefined();
  });

  it('keeps the production calendar in one stream', () =>
    expect(streams.productionCalendarStream).toBe('production-calendar'));

  it('names a workflow by its aggregate stream', () => {
    expect(streams.programmeWorkflowId(id)).toBe(`programme-${id}`);
    expect(streams.pairWorkflowId(id)).toBe(`pair-${id}`);
    expect(streams.routeWorkflowId(id)).toBe(`route-${id}`);
    expect(streams.workflowIdOf({ type: 'route', id })).toBe(`route-${id}`);
    expect(streams.workflowIdOf({ type: 'pair', id })).toBe(`pair-${id}`);
    expect(streams.workflowIdOf({ type: 'programme', id })).toBe(`programme-${id}`);
    expect(streams.workflowIdOfStream(streams.pairStream(id))).toBe(streams.pairWorkflowId(id));
  });
});
