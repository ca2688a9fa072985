/**
 * The products a fresh catalog starts with. Prices are integer cents (USD).
 * [id, name, description, categories, priceCents]
 */
type SeedRow = readonly [string, string, string, readonly string[], number];

const rows: readonly SeedRow[] = [
  ['OLJCESPC7Z', 'Vintage Typewriter', 'A fully restored 1950s portable typewriter with a fresh ribbon and carrying case.', ['vintage', 'stationery'], 6799],
  ['66VCHSJNUP', 'Film Camera', 'Manual 35mm rangefinder camera; light meter calibrated, shutter serviced.', ['photography', 'vintage'], 12499],
  ['1YMWWN1N4O', 'Home Barista Kit', 'Hand grinder, pour-over dripper, gooseneck kettle and a digital scale in one box.', ['kitchen'], 12450],
  ['L9ECAV7KIM', 'Terrarium', 'Closed glass terrarium with moss, fern and pebbles; thrives on indirect light.', ['home', 'garden'], 3675],
  ['2ZYFJ3GM2N', 'Bamboo Glass Jar', 'Airtight borosilicate storage jar with a bamboo lid, 1.2 litres.', ['kitchen', 'home'], 599],
  ['0PUK6V6EV0', 'Candle Holder', 'Hand-turned brass candle holder for standard dinner candles.', ['home', 'decor'], 1895],
  ['LS4PSXUNUM', 'Salt and Pepper Shakers', 'Pair of walnut mills with ceramic grinders and adjustable coarseness.', ['kitchen'], 1849],
  ['9SIQT8TOJO', 'Bamboo Cutting Board', 'End-grain bamboo board with a juice groove; knife-friendly and easy to oil.', ['kitchen'], 2399],
  ['6E92ZMYYFZ', 'Mug', 'Stoneware mug with a speckled glaze, 350 ml, dishwasher safe.', ['kitchen'], 899],
  ['A1B2C3D4E5', 'Cast Iron Skillet', 'Pre-seasoned 26 cm cast iron skillet for stovetop, oven and campfire.', ['kitchen', 'outdoors'], 3499],
  ['B7K2M9Q4XA', 'Chef Knife', '20 cm chef knife forged from high-carbon stainless steel with a pakkawood handle.', ['kitchen'], 8900],
  ['C3N8R5T1WB', 'Linen Tea Towels', 'Set of three stonewashed linen tea towels in natural tones.', ['kitchen', 'home'], 2400],
  ['D9P4S6V2YC', 'French Press', 'Double-wall stainless steel French press, 1 litre, keeps coffee hot for an hour.', ['kitchen'], 4250],
  ['E5Q1U7X3ZD', 'Wool Throw Blanket', 'Heavy merino wool throw, 130 x 180 cm, woven in a herringbone pattern.', ['home'], 11900],
  ['F2R6W8Y4AE', 'Ceramic Planter', 'Matte white planter with drainage hole and saucer, for pots up to 15 cm.', ['home', 'garden'], 2199],
  ['G8S3X9Z5BF', 'Desk Lamp', 'Adjustable LED desk lamp with warm-to-cool colour temperature and USB-C charging port.', ['home', 'electronics'], 5499],
  ['H4T9Y1A6CG', 'Wall Clock', 'Silent-sweep wall clock with an oak frame and minimalist dial, 30 cm.', ['home', 'decor'], 3900],
  ['J1U5Z7B2DH', 'Scented Soy Candle', 'Cedar and bergamot soy wax candle in an amber jar; 50 hours of burn time.', ['home', 'beauty'], 1800],
  ['K7V2A8C3EJ', 'Sunglasses', 'Polarised acetate sunglasses with UV400 protection and a hard case.', ['accessories'], 1999],
  ['L3W8B4D9FK', 'Tank Top', 'Relaxed-fit organic cotton tank top, garment dyed.', ['clothing', 'tops'], 1899],
  ['M9X4C1E5GL', 'Watch', 'Automatic field watch, 38 mm steel case, sapphire crystal, canvas strap.', ['accessories'], 10999],
  ['N5Y1D6F2HM', 'Loafers', 'Hand-sewn suede penny loafers with a leather sole.', ['footwear'], 8999],
  ['P2Z6E3G8JN', 'Hairdryer', 'Ionic hairdryer with three heat settings, cool shot and a concentrator nozzle.', ['beauty', 'electronics'], 2450],
  ['Q8A3F9H4KP', 'Denim Jacket', 'Classic trucker jacket in rigid selvedge denim that breaks in with wear.', ['clothing', 'outerwear'], 9800],
  ['R4B9G5J1LQ', 'Rain Shell', 'Packable three-layer waterproof shell with taped seams and pit zips.', ['clothing', 'outerwear', 'outdoors'], 15900],
  ['S1C5H2K7MR', 'Merino Beanie', 'Ribbed merino wool beanie, warm without the itch.', ['clothing', 'accessories'], 2900],
  ['T7D2J8L3NS', 'Leather Belt', 'Full-grain vegetable-tanned leather belt with a solid brass buckle.', ['accessories'], 4500],
  ['U3E8K4M9PT', 'Canvas Sneakers', 'Low-top canvas sneakers with a vulcanised rubber sole.', ['footwear'], 5500],
  ['V9F4L1N5QU', 'Trail Running Shoes', 'Lightweight trail shoes with a rock plate and sticky lugged outsole.', ['footwear', 'sports', 'outdoors'], 13900],
  ['W5G1M6P2RV', 'Backpack', '24 litre roll-top backpack in waxed canvas with a padded laptop sleeve.', ['accessories', 'outdoors'], 11500],
  ['X2H7N3Q8SW', 'Camping Tent', 'Two-person freestanding tent, 1.9 kg, with a full-coverage rain fly.', ['outdoors'], 24900],
  ['Y8J3P9R4TX', 'Sleeping Bag', 'Down sleeping bag rated to -5 °C, packs to the size of a loaf of bread.', ['outdoors'], 27900],
  ['Z4K9Q5S1UY', 'Headlamp', 'Rechargeable 400 lumen headlamp with red night mode and lockout.', ['outdoors', 'electronics'], 3999],
  ['AB5L1R6T2V', 'Insulated Water Bottle', 'Vacuum-insulated steel bottle, 750 ml, cold for 24 hours.', ['outdoors', 'sports', 'kitchen'], 3200],
  ['BC1M7S2U8W', 'Yoga Mat', 'Natural rubber yoga mat, 4 mm, with an alignment line print.', ['sports'], 6800],
  ['CD7N3T8V4X', 'Kettlebell', 'Powder-coated cast iron kettlebell, 12 kg.', ['sports'], 5900],
  ['DE3P9U4W1Y', 'Tennis Racket', 'Graphite tennis racket, 300 g, strung with a multifilament string.', ['sports'], 14900],
  ['EF9Q5V1X7Z', 'Bluetooth Speaker', 'Water-resistant portable speaker with 20 hours of playback.', ['electronics'], 7900],
  ['FG5R1W7Y3A', 'Noise-Cancelling Headphones', 'Over-ear wireless headphones with active noise cancelling and a 30 hour battery.', ['electronics'], 24900],
  ['GH1S7X3Z9B', 'Mechanical Keyboard', 'Tenkeyless mechanical keyboard with hot-swappable tactile switches and PBT keycaps.', ['electronics'], 12900],
  ['HJ7T3Y9A5C', 'E-Reader', 'Glare-free 7 inch e-ink reader with adjustable warm light and weeks of battery.', ['electronics', 'books'], 14999],
  ['JK3U9Z5B1D', 'Field Notebook Set', 'Three pocket notebooks with dot-grid pages and recycled kraft covers.', ['stationery'], 1250],
  ['KL9V5A1C7E', 'Fountain Pen', 'Steel-nib fountain pen with a converter and a bottle of blue-black ink.', ['stationery'], 4800],
  ['LM5W1B7D3F', 'Desk Organiser', 'Walnut desk organiser with slots for pens, cards and a phone.', ['stationery', 'home'], 3900],
  ['MN1X7C3E9G', 'Cookbook: Weeknight Vegetables', 'One hundred fast vegetable-forward recipes for busy evenings.', ['books', 'kitchen'], 2999],
  ['NP7Y3D9F5H', 'Field Guide to Birds', 'Illustrated field guide covering 800 species with range maps.', ['books', 'outdoors'], 2499],
  ['PQ3Z9E5G1J', 'Wooden Puzzle', '500-piece wooden jigsaw puzzle with uniquely shaped whimsy pieces.', ['toys'], 3400],
  ['QR9A5F1H7K', 'Building Blocks', 'Set of 60 solid beech building blocks in natural and coloured finishes.', ['toys'], 4900],
  ['RS5B1G7J3L', 'Kite', 'Single-line delta kite, easy to fly in light wind, with 30 m of line.', ['toys', 'outdoors'], 2200],
  ['ST1C7H3K9M', 'Face Moisturiser', 'Fragrance-free daily moisturiser with ceramides and niacinamide, 50 ml.', ['beauty'], 2600],
  ['TU7D3J9L5N', 'Shaving Kit', 'Safety razor, badger-hair brush and shaving soap on a stand.', ['beauty'], 6500],
  ['UV3E9K5M1P', 'Garden Trowel', 'Stainless steel trowel with depth markings and an ash handle.', ['garden'], 1900],
  ['VW9F5L1N7Q', 'Watering Can', 'Powder-coated steel watering can, 5 litres, with a brass rose.', ['garden'], 4400],
  ['WX5G1M7P3R', 'Herb Seed Collection', 'Heirloom seeds for basil, parsley, coriander, dill and chives.', ['garden', 'kitchen'], 1500],
];

export interface SeedProduct {
  id: string;
  name: string;
  description: string;
  categories: string[];
  price_minor: number;
  currency_code: string;
  image_path: string;
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export const seedProducts: SeedProduct[] = rows.map(([id, name, description, categories, priceCents]) => ({
  id,
  name,
  description,
  categories: [...categories],
  price_minor: priceCents,
  currency_code: 'USD',
  image_path: `/static/img/products/${slug(name)}.jpg`,
}));
