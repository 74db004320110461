import { DomainRefusal } from '../shared/refusal';

/**
 * Personal code of a route in the electronic registry of routes (003 §3.4): `RR-OOOO-YYYY-NNNNNN`,
 * e.g. `63-0042-2026-000017`.
 * - RR — code of the subject of the Russian Federation, 01–99 (63 — Самарская область);
 * - OOOO — the organisation's number in the regional registry, 0001–9999;
 * - YYYY — year the route was registered, 2000–2099;
 * - NNNNNN — sequence number of the route within that organisation and year, 000001–999999.
 * Digits and hyphens only, so it is safe in workflow ids (`route-<code>`) and URLs.
 */
export interface RouteCodeParts {
  readonly regionCode: number;
  readonly organisationCode: number;
  readonly year: number;
  readonly sequence: number;
}

const routeCodePattern = /^(\d{2})-(\d{4})-(\d{4})-(\d{6})$/;

const inRange = (value: number, min: number, max: number): boolean =>
  Number.isInteger(value) && value >= min && value <= max;

const validParts = (parts: RouteCodeParts): boolean =>
  inRange(parts.regionCode, 1, 99) &&
  inRange(parts.organisationCode, 1, 9999) &&
  inRange(parts.year, 2000, 2099) &&
  inRange(parts.sequence, 1, 999999);

export const formatRouteCode = (parts: RouteCodeParts): string => {
  if (!validParts(parts)) {
    throw new DomainRefusal(
      'route.code.invalid',
      'Код ИОМ: регион 01–99, организация 0001–9999, год 2000–2099, порядковый номер 000001–999999',
    );
  }
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(parts.regionCode, 2)}-${pad(parts.organisationCode, 4)}-${pad(parts.year, 4)}-${pad(parts.sequence, 6)}`;
};

/** The parts of a well-formed code, or undefined. */
export const parseRouteCode = (code: string): RouteCodeParts | undefined => {
  const match = routeCodePattern.exec(code);
  if (!match) return undefined;
  const parts: RouteCodeParts = {
    regionCode: Number(match[1]),
    organisationCode: Number(match[2]),
    year: Number(match[3]),
    sequence: Number(match[4]),
  };
  return validParts(parts) ? parts : undefined;
};

export const isRouteCode = (code: string): boolean => parseRouteCode(code) !== undefined;
