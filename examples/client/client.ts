/**
 * A minimal typed GraphQL client for vendorgraph: `fetch` plus the typed documents that
 * `npm run codegen` compiles from examples/operations/*.graphql. Result and variable types come
 * from the document, so a misspelt field or a missing variable is a compile error, not a runtime one.
 * Frontend teams can copy this file as is; any client that accepts TypedDocumentNode works too.
 */
import type { TypedDocumentString } from './generated/graphql.js';

/** An error as vendorgraph reports it (docs/contract.md lists the codes). */
export interface VendorgraphError {
  message: string;
  path?: (string | number)[];
  extensions?: {
    code?: string;
    vendor?: string;
    vendorStatus?: number | string;
    retryable?: boolean;
    [key: string]: unknown;
  };
}

/** One GraphQL response: fields that failed are null, with their error in `errors`. */
export interface VendorgraphResult<TResult> {
  data?: TResult | null;
  errors?: VendorgraphError[];
  /** `upstream` is here when the request asked for debug accounting. */
  extensions?: Record<string, unknown>;
}

/** Thrown when the gateway could not answer at all (network, HTTP status without a GraphQL body). */
export class VendorgraphHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'VendorgraphHttpError';
  }
}

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** Sent with every operation (auth, `x-request-id`, `x-vendorgraph-debug: 1`). */
  headers?: Record<string, string>;
}

/** Variables are optional exactly when the operation has no required variable. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is the type of an operation without variables
type VariablesArg<TVariables> = {} extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/** A typed client bound to one gateway. */
export interface VendorgraphClient {
  /** Runs an operation and returns the whole response (data, errors, extensions). */
  execute<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...variables: VariablesArg<TVariables>
  ): Promise<VendorgraphResult<TResult>>;
}

/** Creates a client for `options.url`. */
export function createClient(options: ClientOptions): VendorgraphClient {
  return {
    async execute(document, ...[variables]) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...options.headers,
        },
        body: JSON.stringify({ query: document.toString(), variables }),
      });
      const type = response.headers.get('content-type') ?? '';
      if (!/json/.test(type))
        throw new VendorgraphHttpError(
          response.status,
          `vendorgraph answered HTTP ${response.status} without a GraphQL response`,
        );
      return (await response.json()) as VendorgraphResult<never>;
    },
  };
}
