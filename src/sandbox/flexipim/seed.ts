/**
 * The flexiPIM simulator's seeded catalogue: deterministic, so tests and benchmarks see the same
 * believable world on every start — two channels, English and German, eleven families, a category
 * tree, attribute definitions per channel and products filed in families and categories.
 */
import { prng } from '../random.js';

export type Lang = 'en' | 'de';
export type Text = Record<Lang, string>;

export interface SimChannel {
  id: number;
  name: string;
}

export interface SimFamily {
  id: number;
  code: string;
  name: Text;
  sortOrder: number;
  status: number;
  createdBy: number;
  updatedBy: number;
  createdAt: string;
  updatedAt: string;
  /** Attribute groups: codes of the attributes in each. */
  groups: { id: number; code: string; name: Text; sortOrder: number; attributes: string[] }[];
}

export interface SimCategory {
  id: number;
  code: string;
  name: Text;
  image: string;
  parentId: number;
  sortOrder: number;
  status: number;
  createdAt: string;
  updatedAt: string;
}

export interface SimAttribute {
  id: number;
  code: string;
  name: Text;
  type: 'text' | 'textarea' | 'number' | 'price' | 'select' | 'boolean' | 'date';
  required: number;
  unique: number;
  localizable: number;
  options: string[];
  groupId: number;
  /** Channels the attribute is enabled in. */
  channels: number[];
  createdAt: string;
  updatedAt: string;
}

export interface SimProduct {
  id: number;
  sku: string;
  name: Text;
  /** Null where flexiPIM has no description (customers leave it empty). */
  description: Text | null;
  status: number;
  manufacturer: string;
  familyId: number;
  categoryIds: number[];
  channels: number[];
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface FlexipimState {
  token: string;
  channels: SimChannel[];
  languages: Lang[];
  families: SimFamily[];
  categories: SimCategory[];
  attributes: SimAttribute[];
  products: SimProduct[];
}

/** `YYYY-MM-DD HH:mm:ss`, flexiPIM's wall-clock format. */
function wall(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** Product families: code and name. */
const FAMILIES: [code: string, name: Text][] = [
  ['apparel', { en: 'Apparel', de: 'Bekleidung' }],
  ['footwear', { en: 'Footwear', de: 'Schuhe' }],
  ['accessories', { en: 'Accessories', de: 'Accessoires' }],
  ['electronics', { en: 'Electronics', de: 'Elektronik' }],
  ['home_kitchen', { en: 'Home & Kitchen', de: 'Haus & Küche' }],
  ['outdoor', { en: 'Outdoor', de: 'Outdoor' }],
  ['beauty', { en: 'Beauty', de: 'Beauty' }],
  ['toys', { en: 'Toys', de: 'Spielzeug' }],
  ['books', { en: 'Books', de: 'Bücher' }],
  ['sports', { en: 'Sports', de: 'Sport' }],
  ['garden', { en: 'Garden', de: 'Garten' }],
];

/** What each family sells, in catalogue order: [family, English noun, German noun]; two colours of each. */
const NOUNS: [family: string, en: string, de: string][] = [
  ['apparel', 'T-Shirt', 'T-Shirt'],
  ['apparel', 'Hoodie', 'Kapuzenpullover'],
  ['apparel', 'Rain Jacket', 'Regenjacke'],
  ['footwear', 'Trail Runner', 'Trailrunning-Schuh'],
  ['footwear', 'Leather Boot', 'Lederstiefel'],
  ['accessories', 'Wool Beanie', 'Wollmütze'],
  ['accessories', 'Canvas Belt', 'Stoffgürtel'],
  ['electronics', 'Bluetooth Speaker', 'Bluetooth-Lautsprecher'],
  ['electronics', 'USB-C Charger', 'USB-C-Ladegerät'],
  ['home_kitchen', 'Chef Knife', 'Kochmesser'],
  ['home_kitchen', 'French Press', 'Kaffeebereiter'],
  ['outdoor', 'Daypack 20L', 'Tagesrucksack 20L'],
  ['outdoor', 'Camping Lantern', 'Campinglaterne'],
  ['beauty', 'Face Cream', 'Gesichtscreme'],
  ['toys', 'Wooden Train Set', 'Holzeisenbahn'],
  ['books', 'Field Guide', 'Naturführer'],
  ['sports', 'Yoga Mat', 'Yogamatte'],
  ['sports', 'Water Bottle', 'Trinkflasche'],
  ['garden', 'Pruning Shears', 'Gartenschere'],
];

const COLORS: Text[] = [
  { en: 'Red', de: 'Rot' },
  { en: 'Navy', de: 'Marineblau' },
  { en: 'Forest Green', de: 'Waldgrün' },
  { en: 'Charcoal', de: 'Anthrazit' },
  { en: 'Sand', de: 'Sand' },
];

const MANUFACTURERS = [
  'Northwind Outfitters',
  'Kestrel & Co.',
  'Alpine Works GmbH',
  'Bluebird Home',
  'Voltari Electronics',
];

/**
 * Attribute definitions: code, name, type, the required / unique / localizable flags (0 or 1),
 * the channels the attribute is enabled in and, for a select, its options.
 */
const ATTRIBUTES: [
  code: string,
  name: Text,
  type: SimAttribute['type'],
  required: number,
  unique: number,
  localizable: number,
  channels: number[],
  options?: string[],
][] = [
  ['color', { en: 'Color', de: 'Farbe' }, 'select', 1, 0, 1, [1, 2], COLORS.map((c) => c.en)],
  ['size', { en: 'Size', de: 'Größe' }, 'select', 0, 0, 0, [1, 2], ['XS', 'S', 'M', 'L', 'XL']],
  ['material', { en: 'Material', de: 'Material' }, 'text', 0, 0, 1, [1, 2]],
  ['weight', { en: 'Weight (kg)', de: 'Gewicht (kg)' }, 'number', 0, 0, 0, [1, 2]],
  ['ean', { en: 'EAN', de: 'EAN' }, 'text', 1, 1, 0, [1, 2]],
  ['price', { en: 'Price', de: 'Preis' }, 'price', 1, 0, 0, [1, 2]],
  ['care_instructions', { en: 'Care instructions', de: 'Pflegehinweise' }, 'textarea', 0, 0, 1, [1]],
  ['waterproof', { en: 'Waterproof', de: 'Wasserdicht' }, 'boolean', 0, 0, 0, [1, 2]],
  ['release_date', { en: 'Release date', de: 'Erscheinungsdatum' }, 'date', 0, 0, 0, [1]],
  ['warranty_months', { en: 'Warranty (months)', de: 'Garantie (Monate)' }, 'number', 0, 0, 0, [1, 2]],
  ['power_watts', { en: 'Power (W)', de: 'Leistung (W)' }, 'number', 0, 0, 0, [1, 2]],
  ['marketing_claim', { en: 'Marketing claim', de: 'Werbeaussage' }, 'text', 0, 0, 1, [1]],
  ['amazon_bullet_1', { en: 'Bullet point 1', de: 'Aufzählungspunkt 1' }, 'text', 0, 0, 1, [2]],
  ['amazon_bullet_2', { en: 'Bullet point 2', de: 'Aufzählungspunkt 2' }, 'text', 0, 0, 1, [2]],
  ['country_of_origin', { en: 'Country of origin', de: 'Herkunftsland' }, 'text', 0, 0, 0, [1, 2]],
];

/** Attribute groups (shared by every family, each family using the codes that fit it). */
const GROUPS: { code: string; name: Text; attributes: string[] }[] = [
  { code: 'general', name: { en: 'General', de: 'Allgemein' }, attributes: ['ean', 'price', 'color', 'size'] },
  {
    code: 'marketing',
    name: { en: 'Marketing', de: 'Marketing' },
    attributes: ['marketing_claim', 'amazon_bullet_1', 'amazon_bullet_2', 'release_date'],
  },
  {
    code: 'technical',
    name: { en: 'Technical', de: 'Technik' },
    attributes: ['material', 'weight', 'waterproof', 'power_watts', 'warranty_months'],
  },
  {
    code: 'logistics',
    name: { en: 'Logistics', de: 'Logistik' },
    attributes: ['country_of_origin', 'care_instructions'],
  },
];

const CATEGORIES: [string, Text, string | null][] = [
  ['men', { en: 'Men', de: 'Herren' }, null],
  ['women', { en: 'Women', de: 'Damen' }, null],
  ['kids', { en: 'Kids', de: 'Kinder' }, null],
  ['home', { en: 'Home', de: 'Zuhause' }, null],
  ['tech', { en: 'Tech', de: 'Technik' }, null],
  ['men_tops', { en: 'Tops', de: 'Oberteile' }, 'men'],
  ['men_shoes', { en: 'Shoes', de: 'Schuhe' }, 'men'],
  ['women_tops', { en: 'Tops', de: 'Oberteile' }, 'women'],
  ['women_shoes', { en: 'Shoes', de: 'Schuhe' }, 'women'],
  ['kids_toys', { en: 'Toys', de: 'Spielzeug' }, 'kids'],
  ['home_kitchen', { en: 'Kitchen', de: 'Küche' }, 'home'],
  ['home_garden', { en: 'Garden', de: 'Garten' }, 'home'],
  ['tech_audio', { en: 'Audio', de: 'Audio' }, 'tech'],
  ['outdoor_gear', { en: 'Outdoor gear', de: 'Outdoor-Ausrüstung' }, null],
  ['sale', { en: 'Sale', de: 'Sale' }, null],
];

/** Categories a family's products are filed in (besides "sale" for some). */
const FAMILY_CATEGORIES: Record<string, string[]> = {
  apparel: ['men_tops', 'women_tops'],
  footwear: ['men_shoes', 'women_shoes'],
  accessories: ['men', 'women'],
  electronics: ['tech', 'tech_audio'],
  home_kitchen: ['home_kitchen'],
  outdoor: ['outdoor_gear'],
  beauty: ['women'],
  toys: ['kids_toys'],
  books: ['home'],
  sports: ['outdoor_gear'],
  garden: ['home_garden'],
};

const BASE = Date.UTC(2023, 0, 9, 8, 0, 0);
const DAY = 86_400_000;

export const SANDBOX_TOKEN = 'sandbox-flexipim-token-0000';

/** Builds the catalogue. */
export function seedFlexipim(): FlexipimState {
  const rnd = prng(20230109);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];

  const attributes: SimAttribute[] = ATTRIBUTES.map(
    ([code, name, type, required, unique, localizable, channels, options = []], i) => ({
      code,
      name,
      type,
      required,
      unique,
      localizable,
      options,
      channels,
      id: 301 + i,
      groupId: 41 + GROUPS.findIndex((g) => g.attributes.includes(code)),
      createdAt: wall(BASE + i * 3_600_000),
      updatedAt: wall(BASE + 40 * DAY + i * 3_600_000),
    }),
  );

  const families: SimFamily[] = FAMILIES.map(([code, name], i) => ({
    id: 11 + i,
    code,
    name,
    sortOrder: i + 1,
    status: 1,
    createdBy: 1,
    updatedBy: i % 3 === 0 ? 2 : 1,
    createdAt: wall(BASE + i * DAY),
    updatedAt: wall(BASE + (30 + i) * DAY + 7_380_000),
    groups: GROUPS.map((g, gi) => ({
      id: 41 + gi,
      code: g.code,
      name: g.name,
      sortOrder: gi + 1,
      attributes: g.attributes,
    })),
  }));

  const categoryIds = new Map<string, number>();
  const categories: SimCategory[] = CATEGORIES.map(([code, name, parent], i) => {
    const id = 501 + i;
    categoryIds.set(code, id);
    return {
      id,
      code,
      name,
      image: `uploads/categories/${code}.jpg`,
      parentId: parent ? categoryIds.get(parent)! : 0,
      sortOrder: i + 1,
      status: 1,
      createdAt: wall(BASE + 2 * DAY + i * 600_000),
      updatedAt: wall(BASE + 50 * DAY + i * 600_000),
    };
  });

  const products: SimProduct[] = [];
  let n = 0;
  for (const family of families) {
    const code = family.code;
    for (const [, en, de] of NOUNS.filter(([f]) => f === code)) {
      const noun = { en, de };
      for (let v = 0; v < 2; v++) {
        const color = COLORS[(n + v) % COLORS.length];
        const id = 1001 + n;
        const created = BASE + 5 * DAY + n * 13 * 3_600_000;
        const cats = [categoryIds.get(pick(FAMILY_CATEGORIES[code]))!];
        if (n % 7 === 3) cats.push(categoryIds.get('sale')!);
        const attrs: Record<string, unknown> = {
          color: color.en,
          ean: String(4006381333931 + n * 97),
          price: (9.95 + Math.round(rnd() * 180) + 0.9).toFixed(2),
          weight: Math.round((0.1 + rnd() * 3) * 100) / 100,
          country_of_origin: pick(['DE', 'PT', 'CN', 'VN', 'US']),
          warranty_months: code === 'electronics' ? 24 : 12,
        };
        if (code === 'apparel' || code === 'footwear') attrs.size = pick(['S', 'M', 'L', 'XL']);
        if (code === 'apparel') attrs.care_instructions = 'Machine wash at 30°C. Do not tumble dry.';
        if (code === 'outdoor' || noun.en === 'Rain Jacket') attrs.waterproof = true;
        if (code === 'electronics') attrs.power_watts = pick([10, 20, 45, 65]);
        products.push({
          id,
          sku: `FP-${code.slice(0, 3).toUpperCase()}-${String(id).padStart(5, '0')}`,
          name: { en: `${noun.en} ${color.en}`, de: `${noun.de} ${color.de}` },
          description: {
            en: `The ${noun.en.toLowerCase()} in ${color.en.toLowerCase()}, made by ${MANUFACTURERS[n % MANUFACTURERS.length]}.`,
            de: `${noun.de} in ${color.de}, hergestellt von ${MANUFACTURERS[n % MANUFACTURERS.length]}.`,
          },
          status: n % 9 === 8 ? 0 : 1,
          manufacturer: MANUFACTURERS[n % MANUFACTURERS.length],
          familyId: family.id,
          categoryIds: cats,
          // Every product is on the webshop; about two thirds also on the marketplace.
          channels: n % 3 === 2 ? [1] : [1, 2],
          attributes: attrs,
          createdAt: wall(created),
          updatedAt: wall(created + (3 + (n % 11)) * DAY),
        });
        n += 1;
      }
    }
  }

  makeCustomerLike(products);

  return {
    token: SANDBOX_TOKEN,
    channels: [
      { id: 1, name: 'Webshop' },
      { id: 2, name: 'Marketplace' },
    ],
    languages: ['en', 'de'],
    families,
    categories,
    attributes,
    products,
  };
}

/** A description longer than any UI expects (about 7 kB, multi-byte characters included). */
const LONG_DESCRIPTION = Array.from(
  { length: 120 },
  (_, i) => `Abschnitt ${i + 1}: wasserdicht bis 10 000 mm, 防水 ✓, Ωμέγα 🌧️.`,
).join(' ');

/**
 * Products that look like customers' data rather than a tidy demo: Polish, Japanese and Greek
 * names with emoji, a description that is null and one about 6 kB long, a numeric-string sku with
 * leading zeros, a leap-day release and creation date, a null attribute value and an attribute
 * value that is an object with numeric keys. Counts and the other products stay as they were.
 */
export const CUSTOMER_LIKE = {
  /** Product ids (in channel 1) carrying the data below. */
  wild: 1034,
  empty: 1035,
  name: { en: 'Żółta kurtka przeciwdeszczowa 🌧️ 日本限定モデル', de: 'Gelbe Regenjacke — Ωμέγα Edition 🧥' },
  description: { en: LONG_DESCRIPTION, de: LONG_DESCRIPTION },
  manufacturer: '株式会社カワセミ (Kawasemi K.K.) 🐦',
  sku: '000123456',
  createdAt: '2024-02-29 23:59:59',
  attributes: {
    ean: '0000000000017',
    release_date: '2024-02-29',
    weight: null,
    care_instructions: { '1': 'Handwäsche 30 °C', '2': '洗濯機不可', '10': 'Nie prasować ✋' },
  },
};

function makeCustomerLike(products: SimProduct[]): void {
  const wild = products.find((p) => p.id === CUSTOMER_LIKE.wild);
  if (wild) {
    Object.assign(wild, {
      name: CUSTOMER_LIKE.name,
      description: CUSTOMER_LIKE.description,
      manufacturer: CUSTOMER_LIKE.manufacturer,
      sku: CUSTOMER_LIKE.sku,
      createdAt: CUSTOMER_LIKE.createdAt,
    });
    Object.assign(wild.attributes, CUSTOMER_LIKE.attributes);
  }
  const empty = products.find((p) => p.id === CUSTOMER_LIKE.empty);
  if (empty) empty.description = null;
}
