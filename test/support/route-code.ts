import { randomInt } from 'node:crypto';
import { formatRouteCode } from '@mentorflow/domain';

/** A well-formed, almost surely unused route code (region 63, 2026) for routes started outside the API's registry. */
export const randomRouteCode = (organisationCode = 1): string =>
  formatRouteCode({ regionCode: 63, organisationCode, year: 2026, sequence: randomInt(1, 1_000_000) });
