/**
 * Schema-wide promises of the public contract that a new field could silently break: every list
 * argument is bounded (`@listSize`), and every field that calls a vendor is nullable so that its
 * failure stays local (docs/contract-nullability.md).
 */
import { getDirective } from '@graphql-tools/utils';
import { getNamedType, getNullableType, isInputObjectType, isListType, isNonNullType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/app.js';

const schema = buildSchema();

describe('the schema contract', () => {
  it('bounds every list argument and list input field with @listSize', () => {
    const unbounded: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args)
            if (isListType(getNullableType(arg.type)) && !getDirective(schema, arg, 'listSize')?.length)
              unbounded.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (isListType(getNullableType(field.type)) && !getDirective(schema, field, 'listSize')?.length)
            unbounded.push(`${type.name}.${field.name}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('makes every vendor namespace field, every connection field and every mutation nullable', () => {
    const nonNull: string[] = [];
    const namespaces = Object.values(schema.getQueryType()!.getFields())
      .map((f) => getNamedType(f.type).name)
      .filter((n) => n.endsWith('Query'));
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isNonNullType(field.type)) continue;
        const named = getNamedType(field.type);
        const connection = isObjectType(named) && 'pageInfo' in named.getFields() && 'edges' in named.getFields();
        if (namespaces.includes(type.name) || type === schema.getMutationType() || connection)
          nonNull.push(`${type.name}.${field.name}`);
      }
    }
    expect(nonNull).toEqual([]);
  });
});
