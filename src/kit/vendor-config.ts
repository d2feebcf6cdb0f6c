/**
 * What every vendor's `config.ts` is built from: the variables each vendor has (its API root, its
 * credentials), the step of a settings reader that turns present variables into settings, and the
 * configuration part itself. The descriptions passed in are what docs/configuration.md shows.
 */
import { z } from 'zod';
import { httpUrl } from '../env-schema.js';
import { defineVendorConfig, type SettingsResult, type VendorConfig } from './vendor.js';

/**
 * The vendor's API root (`<VENDOR>_BASE_URL`), an http(s) URL. Optional in the schema: the
 * settings reader names it when unset, so the vendor answers VENDOR_NOT_CONFIGURED.
 */
export function baseUrlVar(description: string) {
  return httpUrl().optional().describe(description);
}

/** A credential (or other text) that must not be empty when set; `message` replaces zod's own. */
export function textVar(description: string, message?: string) {
  return z.string().min(1, message).optional().describe(description);
}

/** One of a few words; any other value is refused naming them all (`expected GET or POST`). */
export function choiceVar<U extends string, T extends Readonly<[U, ...U[]]>>(values: T, description: string) {
  const expected = `expected ${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
  return z.enum(values, { errorMap: () => ({ message: expected }) }).describe(description);
}

/** An API root without its trailing slashes, so that paths join it with exactly one `/`. */
export function apiRoot(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The settings built from the variables `requireVars()` found present, or its `{ missing }` as it
 * is (the vendor then answers VENDOR_NOT_CONFIGURED naming them).
 */
export function settingsOf<Values, S>(
  required: { missing: string[] } | { values: Values },
  build: (values: Values) => S,
): SettingsResult<S> {
  return 'missing' in required ? required : { settings: build(required.values) };
}

/**
 * A vendor's configuration part: its name, variables, secret variables and settings reader. The
 * base-URL variable is `<NAME>_BASE_URL`, as for every vendor.
 */
export function vendorConfig<Env extends z.ZodTypeAny, Settings>(
  name: string,
  env: Env,
  secretEnv: readonly string[],
  settings: VendorConfig<Env, Settings>['settings'],
): VendorConfig<Env, Settings> {
  return defineVendorConfig({ name, env, secretEnv, baseUrlEnv: `${name.toUpperCase()}_BASE_URL`, settings });
}
