'use strict';

/**
 * Tenant and buyer data is read and written only through the scoped repositories of @marketplace/tenancy (ADR
 * 0022). This rule uses the type checker to find raw access to such data anywhere else: a drizzle query builder
 * given a table with a `tenantId` or `buyerId` column (`db.select().from(t)`, `tx.insert(t)`, `update`, `delete`,
 * joins), and a MongoDB `Collection` of documents with a `tenantId` or `buyerId` (`db.collection(...)`, a
 * service's `rawProducts` handle). Repositories and collection wrappers — files named *repository*, *collection*
 * *records* or *database* (where handles are opened) — are where that access belongs, and are not checked.
 */
const TABLE_METHODS = new Set([
  'from',
  'insert',
  'update',
  'delete',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
]);
const OWNER_KEYS = ['tenantId', 'buyerId'];
/** Services' raw driver handles (`CatalogDatabase.rawProducts`). */
const RAW_HANDLE = /^raw[A-Z]/;
const ALLOWED_FILE =
  /(^|[\\/])[^\\/]*(repository|repositories|collection|collections|records|database)[^\\/]*\.ts$/;

function ownerKeyOf(type) {
  return OWNER_KEYS.find((key) => type.getProperty(key) !== undefined);
}

/** A drizzle table (it has `$inferSelect`) with an owner column. */
function scopedTableKey(type) {
  return type.getProperty('$inferSelect') !== undefined ? ownerKeyOf(type) : undefined;
}

/** A MongoDB driver `Collection<T>` whose documents have an owner field. */
function scopedCollectionKey(checker, type) {
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (!symbol || symbol.getName() !== 'Collection') return undefined;
  const [document] = checker.getTypeArguments ? typeArgumentsOf(checker, type) : [];
  return document ? ownerKeyOf(document) : undefined;
}

function typeArgumentsOf(checker, type) {
  try {
    return checker.getTypeArguments(type) ?? [];
  } catch {
    return type.aliasTypeArguments ?? [];
  }
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Raw queries on tenant or buyer data outside a scoped repository' },
    schema: [],
    messages: {
      rawTable:
        'Raw `{{method}}` on a table with `{{key}}` outside a repository: go through tenantRepository/buyerRepository (in a *.repository.ts).',
      rawCollection:
        'Raw MongoDB collection of documents with `{{key}}` outside a repository: go through TenantCollection/BuyerCollection (in a *.repository.ts).',
    },
  },
  create(context) {
    if (ALLOWED_FILE.test(context.filename)) return {};
    const services = context.sourceCode.parserServices;
    if (!services || !services.program) return {};
    const checker = services.program.getTypeChecker();
    const typeOf = (node) => checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
    const reported = new WeakSet();
    const report = (node, messageId, data) => {
      reported.add(node);
      context.report({ node, messageId, data });
    };
    return {
      MemberExpression(node) {
        if (node.computed || node.property.type !== 'Identifier' || !RAW_HANDLE.test(node.property.name))
          return;
        const key = scopedCollectionKey(checker, typeOf(node));
        if (key) report(node, 'rawCollection', { key });
      },
      // On exit, so that an inner `collection(...)` or raw handle is reported once, not again for its query.
      'CallExpression:exit'(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier')
          return;
        const method = callee.property.name;
        if (TABLE_METHODS.has(method) && node.arguments.length > 0) {
          const key = scopedTableKey(typeOf(node.arguments[0]));
          if (key) report(node, 'rawTable', { method, key });
          return;
        }
        if (method !== 'collection' && reported.has(callee.object)) return;
        // `db.collection<T>(name)` opening, or any query method called on a raw driver collection.
        const key = scopedCollectionKey(checker, typeOf(method === 'collection' ? node : callee.object));
        if (key) report(node, 'rawCollection', { key });
      },
    };
  },
};
