/**
 * Writes docs/configuration.md: one table per configuration section (core, http/resilience,
 * operation/store, security, observability, then each vendor) with every environment variable's
 * type or allowed values, default, whether it is a secret, and its description — all read from
 * the zod schemas, so the reference cannot drift from what the gateway validates. Run by
 * `npm run docs:config` and `npm run codegen`; test/foundation/docs.test.ts fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { coreEnv, CORE_SECRET_ENV } from '../src/config.js';
import { envDoc, innerOf } from '../src/env-schema.js';
import { operationEnv, resilienceEnv } from '../src/http/settings.js';
import { observabilityEnv } from '../src/observability/config.js';
import { securityEnv } from '../src/security/config.js';
// The one place this script learns the vendor list.
import { vendors } from '../src/vendors/index.js';

/** One documented variable. */
export interface VariableDoc {
  name: string;
  type: string;
  default: string;
  secret: boolean;
  description: string;
}

/** One table of docs/configuration.md. */
export interface SectionDoc {
  title: string;
  intro: string;
  variables: VariableDoc[];
}

/** The schema's wrappers, outermost first, down to the base schema. */
function chain(schema: z.ZodTypeAny): z.ZodTypeAny[] {
  const out: z.ZodTypeAny[] = [];
  for (let s: z.ZodTypeAny | undefined = schema; s; s = innerOf(s)) out.push(s);
  return out;
}

const code = (v: unknown) => `\`${String(v)}\``;

function numberType(schema: z.ZodNumber): string {
  let kind = 'number';
  const bounds: string[] = [];
  for (const check of schema._def.checks) {
    if (check.kind === 'int') kind = 'integer';
    if (check.kind === 'min') bounds.push(`${check.inclusive ? '≥' : '>'} ${check.value}`);
    if (check.kind === 'max' && check.value < Number.MAX_SAFE_INTEGER)
      bounds.push(`${check.inclusive ? '≤' : '<'} ${check.value}`);
  }
  return bounds.length > 0 ? `${kind} ${bounds.join(', ')}` : kind;
}

function stringType(schema: z.ZodString): string {
  for (const check of schema._def.checks) {
    if (check.kind === 'email') return 'email address';
    if (check.kind === 'url') return 'URL';
    if (check.kind === 'regex') return `text matching ${code(check.regex.source)}`;
  }
  return 'text';
}

/** The type or allowed values of a variable, from its notes or its base schema. */
export function typeOf(schema: z.ZodTypeAny): string {
  const noted = envDoc(schema).type;
  if (noted) return noted;
  const base = chain(schema).at(-1)!;
  if (base instanceof z.ZodEnum) return (base.options as string[]).map(code).join(', ');
  if (base instanceof z.ZodNumber) return numberType(base);
  if (base instanceof z.ZodString) return stringType(base);
  if (base instanceof z.ZodBoolean) return 'boolean';
  return '';
}

/** The default shown for a variable: a documented fallback, a zod default, or none. */
export function defaultOf(schema: z.ZodTypeAny): string {
  const noted = envDoc(schema).default;
  if (noted !== undefined) return /`/.test(noted) || /\s/.test(noted) ? noted : code(noted);
  const withDefault = chain(schema).find((s): s is z.ZodDefault<z.ZodTypeAny> => s instanceof z.ZodDefault);
  return withDefault ? code(withDefault._def.defaultValue()) : '—';
}

function variables(shape: z.ZodRawShape, secrets: readonly string[], only?: (name: string) => boolean): VariableDoc[] {
  return Object.entries(shape)
    .filter(([name]) => !only || only(name))
    .map(([name, schema]) => ({
      name,
      type: typeOf(schema),
      default: defaultOf(schema),
      secret: secrets.includes(name),
      description: schema.description ?? '',
    }));
}

/** Every section of the reference, in order. */
export function configSections(): SectionDoc[] {
  const security = new Set(Object.keys(securityEnv.shape));
  const sections: SectionDoc[] = [
    {
      title: 'Core',
      intro: 'Mode, listening address, logs and debug accounting.',
      variables: variables(coreEnv.shape, CORE_SECRET_ENV, (name) => !security.has(name)),
    },
    {
      title: 'HTTP and resilience',
      intro:
        'Timeouts, retries, circuit breaker, cache, de-duplication and quota pacing of every vendor call ([resilience.md](resilience.md)). ' +
        'Each `VENDORGRAPH_<NAME>` applies to every vendor and may be overridden for one vendor as `<VENDOR>_<NAME>` ' +
        '(e.g. `PHIXFLOW_REQUEST_TIMEOUT_MS=120000`, `FLOWIZE_CACHE_TTL_MS=30000`), with the same type.',
      variables: variables(resilienceEnv.shape, []),
    },
    {
      title: 'Operation and store',
      intro:
        'Limits of one GraphQL operation, and where shared state lives ([operations.md](operations.md#shared-state-and-redis)).',
      variables: variables(operationEnv.shape, CORE_SECRET_ENV),
    },
    {
      title: 'Security',
      intro: 'Who may call the gateway and the request limits ([security.md](security.md)).',
      variables: variables(securityEnv.shape, CORE_SECRET_ENV),
    },
    {
      title: 'Observability',
      intro: 'GraphiQL, `/metrics` and OpenTelemetry tracing ([operations.md](operations.md)).',
      variables: variables(observabilityEnv.shape, []),
    },
  ];
  for (const mod of vendors) {
    const { name } = mod;
    sections.push({
      title: `Vendor: ${name}`,
      intro: `See [vendors/${name}.md](vendors/${name}.md). In sandbox mode, setting \`${mod.baseUrlEnv}\` points ${name} at that server instead of its simulator.`,
      variables: variables((mod.env as z.AnyZodObject).shape, mod.secretEnv),
    });
  }
  return sections;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The text of docs/configuration.md. */
export function configurationDocs(): string {
  const out = [
    '# Configuration reference',
    '',
    '<!-- Generated by scripts/print-config-docs.ts from the zod schemas (npm run docs:config); do not edit by hand. -->',
    '',
    'Environment variables (a `.env` file is read when present), validated once at startup with zod. A bad value stops',
    "the boot with the variable's name and what was expected; a value is never echoed, and a secret is redacted from",
    'every response, error message and log line.',
    '',
    'In sandbox mode every vendor whose base URL is unset is answered by its built-in simulator ([sandbox.md](sandbox.md));',
    'values set for that vendor (auth mode, time zone, …) still apply. In live mode a vendor missing a required variable is',
    'reported at startup and its fields answer `VENDOR_NOT_CONFIGURED`.',
    '',
  ];
  for (const section of configSections()) {
    out.push(
      `## ${section.title}`,
      '',
      section.intro,
      '',
      '| Variable | Type / allowed values | Default | Secret | Description |',
      '|---|---|---|---|---|',
    );
    for (const v of section.variables) {
      out.push(
        `| \`${v.name}\` | ${cell(v.type)} | ${cell(v.default)} | ${v.secret ? 'yes' : ''} | ${cell(v.description)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  writeFileSync(new URL('../docs/configuration.md', import.meta.url), configurationDocs());
}
