/**
 * Per-operation views of the process-wide vendor clients. A client is built once (its http
 * instances, token managers, breakers and caches are shared by every request); each GraphQL
 * operation uses it through a view whose http clients count, budget and time their calls against
 * that operation's scope. The scope travels this way instead of through AsyncLocalStorage, whose
 * promise hooks cost every promise of every request on Node 20.
 *
 * A view is `Object.create(client)`: it inherits every method and field of the client, and its own
 * properties replace, for this operation, each field that can be scoped — a {@link VendorHttp} or
 * any object with a `within(scope)` method (e.g. a vendor's SOAP client). Client classes therefore
 * keep per-process state in TypeScript `private` fields set in the constructor, not in `#private`
 * fields (a view is not an instance of the class, so it could not read those), and never assign a
 * field after construction (on a view the write would stay with the view).
 */
import type { RequestScope } from '../http/scope.js';

/** Something that has a view for one operation. */
export interface Scopable<T> {
  within(scope: RequestScope): T;
}

function scopable(value: unknown): value is Scopable<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as Partial<Scopable<unknown>>).within === 'function'
  );
}

const VIEW_SCOPE = Symbol('vendorgraph.viewScope');

/** `client` as the operation of `scope` uses it. */
export function scopedView<T extends object>(client: T, scope: RequestScope): T {
  const view = Object.create(client) as T;
  Object.defineProperty(view, VIEW_SCOPE, { value: scope });
  for (const key of Object.keys(client)) {
    const value = (client as Record<string, unknown>)[key];
    if (scopable(value)) Object.defineProperty(view, key, { value: value.within(scope), enumerable: true });
  }
  return view;
}

/**
 * The scope of a view made by {@link scopedView} (undefined on the client itself), for a client
 * that picks its http instance per call (e.g. one per credential) and passes the scope to it.
 */
export function viewScope(client: object): RequestScope | undefined {
  return (client as { [VIEW_SCOPE]?: RequestScope })[VIEW_SCOPE];
}
