/** A category as the catalog lists it (flat; the tree is rebuilt from parentId). */
export interface Category {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
  path: string[];
}

/** A node of the tree the page shows: the category, its children by name, and its full name ("Home › Lamps"). */
export interface CategoryNode extends Category {
  label: string;
  children: CategoryNode[];
}

/** Builds the tree from the flat list, children sorted by name; orphans (a parent not listed) become roots. */
export function categoryTree(categories: readonly Category[]): CategoryNode[] {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const nodes = new Map<string, CategoryNode>(
    categories.map((category) => [
      category.id,
      {
        ...category,
        label: [...category.path, category.id]
          .map((id) => byId.get(id)?.name)
          .filter((name): name is string => name !== undefined)
          .join(' › '),
        children: [],
      },
    ]),
  );
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const byName = (a: CategoryNode, b: CategoryNode) => a.name.localeCompare(b.name);
  for (const node of nodes.values()) node.children.sort(byName);
  return roots.sort(byName);
}

/** Where `moving` may go: any category outside its own subtree (a move never creates a cycle). */
export function moveTargets(categories: readonly Category[], moving: Category): Category[] {
  return categories.filter((category) => category.id !== moving.id && !category.path.includes(moving.id));
}
