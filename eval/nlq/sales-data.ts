/**
 * A deterministic sales table (seeded PRNG): orders over 2022–2024 with regions, countries,
 * channels, products, customers, reps, quantities, prices, discounts, revenue, cost, returns.
 */
import type { Row } from './datasets.ts';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const REGIONS: Record<string, string[]> = {
  'North America': ['United States', 'Canada', 'Mexico'],
  Europe: ['Germany', 'France', 'United Kingdom', 'Spain', 'Italy'],
  'Asia Pacific': ['Japan', 'Australia', 'India', 'Singapore'],
  'Latin America': ['Brazil', 'Argentina', 'Chile'],
};
export const PRODUCTS: Record<string, [string, number][]> = {
  Electronics: [
    ['Laptop', 1100],
    ['Monitor', 260],
    ['Headphones', 120],
  ],
  Furniture: [
    ['Desk', 420],
    ['Chair', 180],
    ['Bookcase', 230],
  ],
  'Office Supplies': [
    ['Paper', 12],
    ['Pens', 6],
    ['Stapler', 18],
  ],
  Clothing: [
    ['Jacket', 140],
    ['T-Shirt', 22],
    ['Sneakers', 95],
  ],
};
const CHANNELS = ['Online', 'Retail', 'Partner'];
const SEGMENTS = ['Consumer', 'Corporate', 'Small Business'];
const REPS = [
  'Alice Moreno',
  'Bilal Khan',
  'Chen Wei',
  'Dana Novak',
  'Emeka Obi',
  'Fatima Silva',
  'Greta Lind',
  'Hiro Tanaka',
];
const DISCOUNTS = [0, 0, 0, 0.05, 0.1, 0.15, 0.2];

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const round2 = (x: number) => Math.round(x * 100) / 100;

export function generateSales(n: number, seed = 20240607): Row[] {
  const rnd = mulberry32(seed);
  const start = Date.UTC(2022, 0, 1);
  const days = 365 * 3 + 1;
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const region = pick(rnd, Object.keys(REGIONS));
    const category = pick(rnd, Object.keys(PRODUCTS));
    const [product, base] = pick(rnd, PRODUCTS[category]);
    const quantity = 1 + Math.floor(rnd() * (category === 'Office Supplies' ? 40 : 8));
    const unitPrice = round2(base * (0.85 + rnd() * 0.3));
    const discount = pick(rnd, DISCOUNTS);
    const revenue = round2(quantity * unitPrice * (1 - discount));
    rows.push({
      order_id: i + 1,
      order_date: new Date(start + Math.floor(rnd() * days) * 86_400_000).toISOString().slice(0, 10),
      region,
      country: pick(rnd, REGIONS[region]),
      channel: pick(rnd, CHANNELS),
      product_category: category,
      product,
      customer_segment: pick(rnd, SEGMENTS),
      sales_rep: pick(rnd, REPS),
      customer_id: `C${String(1 + Math.floor(rnd() * 800)).padStart(4, '0')}`,
      quantity,
      unit_price: unitPrice,
      discount,
      revenue,
      cost: round2(revenue * (0.55 + rnd() * 0.25)),
      returned: rnd() < 0.06,
    });
  }
  return rows;
}
