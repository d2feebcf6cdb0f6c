/**
 * Inline literals get the limits variables get. A `JSON` variable nested deeper than
 * `VENDORGRAPH_MAX_RESPONSE_DEPTH` is refused by the scalar (src/security/schema.ts), but a value
 * written into the query text (`data: {a: {a: …}}`, `[[[…]]]`) never passes through `parseValue`:
 * this validation rule measures every literal once, iteratively (a hostile literal cannot overflow
 * the stack here), and refuses one nested deeper than the same limit. List lengths of literals are
 * held to `@listSize` with the variables' (src/security/list-size.ts).
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/** Nesting of objects and lists in a literal (0 for a scalar). */
export function literalDepth(value: ValueNode): number {
  let deepest = 0;
  const stack: [ValueNode, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node.kind === Kind.LIST) {
      deepest = Math.max(deepest, depth + 1);
      for (const item of node.values) stack.push([item, depth + 1]);
    } else if (node.kind === Kind.OBJECT) {
      deepest = Math.max(deepest, depth + 1);
      for (const field of node.fields) stack.push([field.value, depth + 1]);
    }
  }
  return deepest;
}

/** Refuses argument and default values nested deeper than `maxDepth` levels. */
export function maxLiteralDepthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const check = (value: ValueNode, where: string) => {
      if (value.kind !== Kind.LIST && value.kind !== Kind.OBJECT) return;
      if (literalDepth(value) > maxDepth) {
        context.reportError(
          new GraphQLError(
            `The value of ${where} nests deeper than ${maxDepth} levels; values (inline or in variables) may nest at most ${maxDepth} levels`,
            {
              nodes: value,
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ),
        );
      }
    };
    return {
      // Only the outermost value of each argument is measured (its inner values are part of it).
      Argument(node) {
        check(node.value, `argument "${node.name.value}"`);
        return false;
      },
      VariableDefinition(node) {
        if (node.defaultValue) check(node.defaultValue, `the default of $${node.variable.name.value}`);
        return false;
      },
    };
  };
}
