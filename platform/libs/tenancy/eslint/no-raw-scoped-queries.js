'use strict';

/**
 * Tenant and buyer data is read and written only through the scoped repositories of @marketplace/tenancy (ADR
 * 0015). This rule uses the type checker to find raw access to such data anywhere else: a drizzle query builder
 * given a table with a `tenantId` or `buyerId` column (`db.select().from(t)`, `tx.insert(t)`, `update`, `delete`,
 * joins), and a MongoDB `Collection` of documents with a `tenantId` or `buyerId` (`db.collection(...)`, a
 * service's `rawProducts` handle). Repositories and collection wrappers — files named *repository*, *collection*
 * or *records* — are where that access belongs, and are not checked.
 */
const TABLE_METHODS = new Set(['from', 'insert', 'update', 'delete', 'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin']);
const OWNER_KEYS = ['tenantId', 'buyerId'];
const ALLOWED_FILE = /(^|[\\/])[^\\/]*(repository|repositories|collection|collections|records)[^\\/]*\.ts$/;

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
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        if (TABLE_METHODS.has(method) && node.arguments.length > 0) {
          const key = scopedTableKey(typeOf(node.arguments[0]));
          if (key) context.report({ node, messageId: 'rawTable', data: { method, key } });
        }
      },
      'MemberExpression, CallExpression[callee.property.name="collection"]'(node) {
        if (node.type === 'MemberExpression' && node.parent.type === 'MemberExpression' && node.parent.object === node) {
          // Reported once, at the outermost expression that still is the collection.
        }
        const key = scopedCollectionKey(checker, typeOf(node));
        if (!key) return;
        // A member of a collection expression (`raw.find`) is the same access: report the collection only.
        if (node.parent.type === 'MemberExpression' && node.parent.object === node) {
          context.report({ node, messageId: 'rawCollection', data: { key } });
        } else if (node.parent.type !== 'MemberExpression') {
          context.report({ node, messageId: 'rawCollection', data: { key } });
        }
      },
    };
  },
};
