import { categoryTree, moveTargets, type Category } from './category-tree';

const home: Category = { id: 'h', name: 'Home', slug: 'home', parentId: null, path: [] };
const lamps: Category = { id: 'l', name: 'Lamps', slug: 'lamps', parentId: 'h', path: ['h'] };
const desk: Category = { id: 'd', name: 'Desk', slug: 'desk', parentId: 'l', path: ['h', 'l'] };
const beds: Category = { id: 'b', name: 'Beds', slug: 'beds', parentId: 'h', path: ['h'] };
const garden: Category = { id: 'g', name: 'Garden', slug: 'garden', parentId: null, path: [] };

describe('category tree', () => {
  it('nests categories under their parents, sorted by name, with their full names', () => {
    const [first, second] = categoryTree([desk, lamps, garden, home, beds]);
    expect(first!.name).toBe('Garden');
    expect(second!.children.map((node) => node.name)).toEqual(['Beds', 'Lamps']);
    expect(second!.children[1]!.children[0]!.label).toBe('Home › Lamps › Desk');
  });

  it('offers every category outside the moving one’s subtree as its new parent', () => {
    const all = [home, lamps, desk, beds, garden];
    expect(moveTargets(all, lamps).map((category) => category.id)).toEqual(['h', 'b', 'g']);
    expect(moveTargets(all, home).map((category) => category.id)).toEqual(['g']);
  });
});
