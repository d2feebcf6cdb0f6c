/**
 * The vendor registry: every vendor the gateway serves, one line each. Adding a vendor is one
 * `schema/<v>.graphql`, one `src/vendors/<v>/`, one `src/sandbox/<v>/`, one line here and one in
 * `src/sandbox/index.ts`; the conventions test fails when one is missing. The composition root
 * (`src/app.ts`) hands this list to the core.
 */
import { appmixer } from './appmixer/index.js';
import { flexipim } from './flexipim/index.js';
import { flowize } from './flowize/index.js';
import { flxpoint } from './flxpoint/index.js';
import { phixflow } from './phixflow/index.js';

export const vendors = [flowize, flexipim, flxpoint, appmixer, phixflow] as const;
