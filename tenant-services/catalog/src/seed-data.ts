/** Demo catalog: a category tree and product lines per demo tenant (org alias). */
export interface SeedCategory {
  slug: string;
  name: string;
  parent?: string;
}

export const SEED_CATEGORIES: SeedCategory[] = [
  { slug: 'apparel', name: 'Apparel' },
  { slug: 'apparel-shirts', name: 'Shirts', parent: 'apparel' },
  { slug: 'apparel-outerwear', name: 'Outerwear', parent: 'apparel' },
  { slug: 'apparel-shoes', name: 'Shoes', parent: 'apparel' },
  { slug: 'apparel-accessories', name: 'Accessories', parent: 'apparel' },
  { slug: 'home', name: 'Home' },
  { slug: 'home-lighting', name: 'Lighting', parent: 'home' },
  { slug: 'home-textiles', name: 'Textiles', parent: 'home' },
  { slug: 'home-kitchen', name: 'Kitchen', parent: 'home' },
  { slug: 'home-furniture', name: 'Furniture', parent: 'home' },
];

export interface SeedLine {
  /** Noun of the product title. */
  item: string;
  category: string;
  skuPrefix: string;
  /** Base price in minor units. */
  price: number;
  option: { name: string; values: string[] };
  materials: string[];
}

export interface SeedTenant {
  alias: string;
  currency: string;
  colors: string[];
  lines: SeedLine[];
}

const sizes = { name: 'size', values: ['S', 'M', 'L'] };

export const SEED_TENANTS: SeedTenant[] = [
  {
    alias: 'acme-outfitters',
    currency: 'USD',
    colors: ['navy', 'olive', 'sand', 'charcoal'],
    lines: [
      {
        item: 'Oxford shirt',
        category: 'apparel-shirts',
        skuPrefix: 'OXF',
        price: 4900,
        option: sizes,
        materials: ['cotton'],
      },
      {
        item: 'Flannel shirt',
        category: 'apparel-shirts',
        skuPrefix: 'FLN',
        price: 5900,
        option: sizes,
        materials: ['cotton', 'wool'],
      },
      {
        item: 'Rain jacket',
        category: 'apparel-outerwear',
        skuPrefix: 'RJK',
        price: 12900,
        option: sizes,
        materials: ['nylon'],
      },
      {
        item: 'Down vest',
        category: 'apparel-outerwear',
        skuPrefix: 'DVS',
        price: 9900,
        option: sizes,
        materials: ['nylon', 'down'],
      },
      {
        item: 'Trail runner',
        category: 'apparel-shoes',
        skuPrefix: 'TRL',
        price: 11900,
        option: { name: 'size', values: ['40', '42', '44'] },
        materials: ['mesh'],
      },
      {
        item: 'Leather belt',
        category: 'apparel-accessories',
        skuPrefix: 'BLT',
        price: 3900,
        option: { name: 'length', values: ['90', '100'] },
        materials: ['leather'],
      },
      {
        item: 'Beanie',
        category: 'apparel-accessories',
        skuPrefix: 'BNE',
        price: 2400,
        option: { name: 'size', values: ['One size'] },
        materials: ['wool'],
      },
      {
        item: 'Canvas tote',
        category: 'apparel-accessories',
        skuPrefix: 'TOT',
        price: 2900,
        option: { name: 'size', values: ['One size'] },
        materials: ['canvas'],
      },
    ],
  },
  {
    alias: 'nordic-home',
    currency: 'EUR',
    colors: ['white', 'oak', 'sage', 'graphite'],
    lines: [
      {
        item: 'Pendant lamp',
        category: 'home-lighting',
        skuPrefix: 'PND',
        price: 8900,
        option: { name: 'diameter', values: ['30 cm', '45 cm'] },
        materials: ['metal'],
      },
      {
        item: 'Table lamp',
        category: 'home-lighting',
        skuPrefix: 'TBL',
        price: 6900,
        option: { name: 'height', values: ['40 cm'] },
        materials: ['ceramic'],
      },
      {
        item: 'Linen throw',
        category: 'home-textiles',
        skuPrefix: 'THR',
        price: 5900,
        option: { name: 'size', values: ['130x170'] },
        materials: ['linen'],
      },
      {
        item: 'Wool rug',
        category: 'home-textiles',
        skuPrefix: 'RUG',
        price: 19900,
        option: { name: 'size', values: ['160x230', '200x300'] },
        materials: ['wool'],
      },
      {
        item: 'Stoneware mug',
        category: 'home-kitchen',
        skuPrefix: 'MUG',
        price: 1400,
        option: { name: 'volume', values: ['300 ml'] },
        materials: ['stoneware'],
      },
      {
        item: 'Serving board',
        category: 'home-kitchen',
        skuPrefix: 'BRD',
        price: 3400,
        option: { name: 'size', values: ['M', 'L'] },
        materials: ['oak'],
      },
      {
        item: 'Side table',
        category: 'home-furniture',
        skuPrefix: 'STB',
        price: 14900,
        option: { name: 'height', values: ['45 cm'] },
        materials: ['oak', 'ash'],
      },
      {
        item: 'Lounge chair',
        category: 'home-furniture',
        skuPrefix: 'LCH',
        price: 39900,
        option: { name: 'upholstery', values: ['boucle', 'leather'] },
        materials: ['ash'],
      },
    ],
  },
];
