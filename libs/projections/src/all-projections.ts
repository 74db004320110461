import { organisationsProjection } from './organisations/organisations.projection';
import { programmesProjection } from './programmes/programmes.projection';
import type { Projection } from './projection';

export const allProjections: Projection[] = [organisationsProjection, programmesProjection];
