import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startTestGateway, type TestGateway } from '../helpers.js';

const root = new URL('../../', import.meta.url);
const dashboard = JSON.parse(readFileSync(new URL('deploy/grafana/vendorgraph.json', root), 'utf8'));
const alerts = parseYaml(readFileSync(new URL('deploy/prometheus/alerts.yml', root), 'utf8'));

interface Expression {
  where: string;
  expr: string;
}

/** Every PromQL expression of the dashboard (panel targets) and of the alert rules. */
function expressions(): Expression[] {
  const found: Expression[] = [];
  const walk = (panels: any[]) => {
    for (const panel of panels ?? []) {
      for (const target of panel.targets ?? []) found.push({ where: `panel "${panel.title}"`, expr: target.expr });
      walk(panel.panels);
    }
  };
  walk(dashboard.panels);
  for (const group of alerts.groups)
    for (const rule of group.rules) found.push({ where: `alert ${rule.alert}`, expr: rule.expr });
  return found;
}

/** Grafana's variables replaced by what Prometheus would receive. */
function asPromQL(expr: string): string {
  return expr.replace(/\$__rate_interval|\$__interval/g, '5m').replace(/\$vendor\b/g, '.*');
}

/** Parses PromQL; returns the metric names it selects, or the offset of a syntax error. */
function metricNames(expr: string): { names: string[]; error?: number } {
  const text = asPromQL(expr);
  const names: string[] = [];
  let error: number | undefined;
  const cursor = parser.parse(text).cursor();
  do {
    if (cursor.type.isError) error ??= cursor.from;
    if (cursor.name === 'Identifier' && cursor.node.parent?.name === 'VectorSelector')
      names.push(text.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return { names, error };
}

/** The metric families /metrics declares, and the series names that have samples. */
function exposition(text: string): { declared: Set<string>; sampled: Set<string> } {
  const declared = new Set<string>();
  const sampled = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      declared.add(type[1]);
      if (type[2] === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) declared.add(type[1] + suffix);
    } else if (line && !line.startsWith('#')) {
      sampled.add(line.split(/[{ ]/)[0]);
    }
  }
  return { declared, sampled };
}

describe('the Grafana dashboard and the Prometheus alerts', () => {
  let gw: TestGateway;
  let metrics: { declared: Set<string>; sampled: Set<string> };

  beforeAll(async () => {
    // A cache TTL, so the second identical read is a cache hit.
    gw = await startTestGateway({ VENDORGRAPH_CACHE_TTL_MS: '60000' });
    const base = gw.url.replace(/\/graphql$/, '');
    // A few queries that move the vendor, cache, queue and client series.
    await fetch(`${base}/readyz`);
    const diagram = 'query Diagram { flowize { flowDiagram(flowName: "invoice-reminders") { flowName } } }';
    expect((await gw.gql(diagram)).errors).toBeUndefined();
    expect((await gw.gql(diagram)).errors).toBeUndefined();
    await gw.gql('query Orders { flxpoint { a: orders(first: 1) { totalCount } } }');
    await gw.gql('query Orders { flxpoint { a: orders(first: 1) { totalCount } } }');
    await gw.gql('query Orders { flxpoint { a: orders(first: 1) { totalCount } } }');
    gw.sim('flowize').fault({ path: '/v1/record/search', status: 403, times: 1 });
    await gw.gql('query Refused { flowize { records(first: 1) { nodes { uuid } } } }');
    metrics = exposition(await (await fetch(`${base}/metrics`)).text());
  });
  afterAll(() => gw.close());

  it('has the panels the issue asks for', () => {
    const titles = JSON.stringify(dashboard.panels.map((p: { title: string }) => p.title));
    for (const wanted of [
      'Vendor calls',
      'error ratio',
      'Client errors by code',
      'latency p50 / p95 / p99',
      'breaker',
      'Quota remaining',
      'Cache hit ratio',
      'Rate-limit waits',
      'Operations by name and code',
    ]) {
      expect(titles).toContain(wanted);
    }
    const rules = alerts.groups.flatMap((g: { rules: { alert: string }[] }) => g.rules.map((r) => r.alert));
    expect(rules).toEqual(
      expect.arrayContaining([
        'VendorgraphBreakerOpen',
        'VendorgraphVendorErrorRatioHigh',
        'VendorgraphVendorQuotaNearlyExhausted',
        'VendorgraphVendorLatencyP99High',
      ]),
    );
  });

  it('writes every expression in valid PromQL', () => {
    const invalid = expressions().filter((e) => metricNames(e.expr).error !== undefined);
    expect(invalid).toEqual([]);
  });

  it('names only metrics that /metrics exports', () => {
    const all = expressions().flatMap((e) => metricNames(e.expr).names.map((name) => ({ where: e.where, name })));
    for (const variable of dashboard.templating.list) {
      const selected = /label_values\((\w+)/.exec(variable.definition ?? '');
      if (selected) all.push({ where: `variable ${variable.name}`, name: selected[1] });
    }
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((m) => !metrics.declared.has(m.name))).toEqual([]);
  });

  it('has samples, after a few queries, for the vendor, quota, cache, queue and client series it charts', () => {
    for (const name of [
      'vendorgraph_upstream_requests_total',
      'vendorgraph_upstream_request_duration_seconds_bucket',
      'vendorgraph_upstream_breaker_state',
      'vendorgraph_upstream_quota_remaining',
      'vendorgraph_upstream_quota_limit',
      'vendorgraph_upstream_cache_hits_total',
      'vendorgraph_upstream_rate_limit_wait_seconds_total',
      'vendorgraph_vendor_up',
      'vendorgraph_graphql_operations_total',
      'vendorgraph_graphql_operation_outcomes_total',
      'vendorgraph_graphql_errors_total',
      'vendorgraph_graphql_operation_duration_seconds_bucket',
    ]) {
      expect(metrics.sampled, name).toContain(name);
    }
  });
});
