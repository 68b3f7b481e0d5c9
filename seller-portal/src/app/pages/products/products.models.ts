export type ProductStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';

export interface Variant {
  id: string;
  sku: string;
  priceMinor: number;
  compareAtMinor: number | null;
  optionValues: { name: string; value: string }[];
}

export interface Product {
  id: string;
  title: string;
  description: string;
  status: ProductStatus;
  moderation: 'NONE' | 'FLAGGED' | 'REMOVED';
  /** The moderators' policy reason of their last decision (null when never moderated). */
  moderationReason: string | null;
  currency: string;
  minPrice: number;
  maxPrice: number;
  inStock: boolean;
  images: string[];
  categoryId: string | null;
  attributes: { name: string; value: string }[];
  options: { name: string; values: string[] }[];
  variants: Variant[];
  updatedAt: string;
}

export const PRODUCT_FIELDS = `id title description status moderation moderationReason currency minPrice maxPrice inStock images
  categoryId attributes { name value }
  options { name values } variants { id sku priceMinor compareAtMinor optionValues { name value } } updatedAt`;

/** A product with the alt text of each image (the editor, the CSV export). */
export const PRODUCT_DETAIL_FIELDS = `${PRODUCT_FIELDS} imageAlts`;
export type ProductDetail = Product & { imageAlts: string[] };

export interface Category {
  id: string;
  name: string;
  parentId: string | null;
}

/** The category tree flattened depth-first for a picker: each entry with its depth and full path. */
export function categoryChoices(categories: Category[]): { id: string; depth: number; path: string }[] {
  const children = new Map<string | null, Category[]>();
  for (const category of categories) {
    const siblings = children.get(category.parentId) ?? [];
    siblings.push(category);
    children.set(category.parentId, siblings);
  }
  const known = new Set(categories.map((c) => c.id));
  const out: { id: string; depth: number; path: string }[] = [];
  const visit = (parent: string | null, depth: number, prefix: string) => {
    for (const category of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = prefix ? `${prefix} › ${category.name}` : category.name;
      out.push({ id: category.id, depth, path });
      visit(category.id, depth + 1, path);
    }
  };
  visit(null, 0, '');
  // A category whose parent is missing still appears, at the top level.
  for (const category of categories)
    if (
      category.parentId !== null &&
      !known.has(category.parentId) &&
      !out.some((c) => c.id === category.id)
    ) {
      out.push({ id: category.id, depth: 0, path: category.name });
      visit(category.id, 1, category.name);
    }
  return out;
}
