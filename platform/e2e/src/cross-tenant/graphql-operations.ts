import {
  getNamedType,
  isEnumType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** Variables of one call; the ones an operation needs and its classification does not give are refused below. */
export type Variables = Record<string, unknown>;

/**
 * How the cross-tenant suite treats one operation (ADR 0040), tenant B's owner calling with tenant A's ids:
 * - `refused`: answered NOT_FOUND or FORBIDDEN, as for an id that does not exist (a query with the same variables
 *   must answer A itself, so the refusal is not about a wrong id);
 * - `hidden`: answered, with none of A's ids in it (lists, dashboards, the caller's own records);
 * - `own`: acts on the caller's own tenant (create, set by SKU...) given A's names: may answer or refuse, never
 *   answers with A's ids;
 * - `admin`: a platform admin's operation: FORBIDDEN to any seller, whatever ids it names;
 * - `not-tenant-scoped`: nothing of a tenant's to reach, with the reason (public storefront data, the buyer's
 *   own cart...). Not called.
 * After every call A's view of its records must be what it was.
 */
export type Classification<S> =
  | {
      expect: 'refused' | 'hidden' | 'own' | 'admin';
      variables?: (seeded: S) => Variables;
      /** Who reads the record in A's snapshot: A's owner, or the buyer of A's order (buyer-owned records). */
      reader?: 'buyer';
    }
  | { expect: 'not-tenant-scoped'; reason: string };

export type OperationKind = 'Query' | 'Mutation';

/** `Query.myProduct`, `Mutation.createProduct`: every root field of the composed schema, sorted. */
export function rootOperations(schema: GraphQLSchema): string[] {
  return (['Query', 'Mutation'] as const)
    .flatMap((kind) => {
      const type = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
      return type ? Object.keys(type.getFields()).map((name) => `${kind}.${name}`) : [];
    })
    .filter((name) => !name.startsWith('Query._'))
    .sort();
}

const isLeaf = (type: GraphQLOutputType) => {
  const named = getNamedType(type);
  return isScalarType(named) || isEnumType(named);
};
const callableWithoutArguments = (field: GraphQLField<unknown, unknown>) =>
  field.args.every((argument) => !isNonNullType(argument.type) || argument.defaultValue !== undefined);

/**
 * Every leaf field of a type, and of its object fields `depth` levels down: what an attacker would ask for
 * and what the owner's snapshot compares, generated so a new field is covered without editing the suite.
 */
export function selectionOf(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (isUnionType(named))
    return `{ __typename ${named
      .getTypes()
      .map((member) => `... on ${member.name} ${selectionOf(member, depth)}`)
      .join(' ')} }`;
  if (!isObjectType(named) && !isInterfaceType(named)) return '';
  const parts = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (!callableWithoutArguments(field)) continue;
    if (isLeaf(field.type)) parts.push(field.name);
    else if (depth > 1) parts.push(`${field.name} ${selectionOf(field.type, depth - 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** The document calling one root field with the given variables (typed from the schema), selecting everything. */
export function documentOf(schema: GraphQLSchema, operation: string, variables: Variables): string {
  const [kind, name] = operation.split('.') as [OperationKind, string];
  const root = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
  const field = root?.getFields()[name!];
  if (!field) throw new Error(`${operation} is not in the schema`);
  for (const argument of field.args)
    if (isNonNullType(argument.type) && argument.defaultValue === undefined && !(argument.name in variables))
      throw new Error(
        `${operation}: the classification gives no value for its required argument ${argument.name}`,
      );
  const used = field.args.filter((argument) => argument.name in variables);
  const declarations = used.map((argument) => `$${argument.name}: ${String(argument.type)}`).join(', ');
  const passed = used.map((argument) => `${argument.name}: $${argument.name}`).join(', ');
  return `${kind === 'Query' ? 'query' : 'mutation'} ${declarations ? `(${declarations})` : ''} { ${name}${
    passed ? `(${passed})` : ''
  } ${selectionOf(field.type, 3)} }`;
}
