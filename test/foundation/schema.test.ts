import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/app.js';

describe('buildSchema', () => {
  it('merges every schema file into one schema with the vendor namespaces', () => {
    const schema = buildSchema();
    expect(schema.getQueryType()!.getFields()).toHaveProperty('vendors');
    expect(schema.getQueryType()!.getFields()).toHaveProperty('flowize');
    expect(
      Object.keys(schema.getMutationType()!.getFields()).every((name) =>
        /^(flowize|flexipim|appmixer|phixflow|flxpoint)[A-Z]/.test(name),
      ),
    ).toBe(true);
  });

  it('fails the boot on a resolver for a field that does not exist', () => {
    expect(() => buildSchema([{ FlowizeQuery: { recordz: () => null } }])).toThrow(
      /FlowizeQuery\.recordz defined in resolvers, but not in schema/,
    );
  });

  it('fails the boot on a resolver for a type that does not exist', () => {
    expect(() => buildSchema([{ FlowizeRekord: { uuid: () => null } }])).toThrow(
      /"FlowizeRekord" defined in resolvers, but not in schema/,
    );
  });
});
