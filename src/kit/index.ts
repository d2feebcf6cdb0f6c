/**
 * The vendor kit: what a vendor folder builds with, so that it holds only what is its own
 * (endpoints, mappings, quirks). Vendors import the kit and the core's http and error types; the
 * core never imports a vendor.
 */
export {
  defineVendor,
  defineVendorConfig,
  vendorModule,
  type VendorClientClass,
  type AnyVendorModule,
  type VendorConfig,
  type HealthReport,
  type Namespace,
  type SettingsResult,
  type VendorDeps,
  type VendorModule,
} from './vendor.js';
export { LoaderKit, type GroupedBatchOptions, type PerKeyOptions } from './loaders.js';
export { headerAuth, queryAuth } from './auth.js';
export {
  badResponse,
  errorBodyParser,
  expectArray,
  expectObject,
  firstText,
  type ErrorBodyOptions,
  type ErrorReason,
} from './responses.js';
