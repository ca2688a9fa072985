/** Units on hand at first start, per catalog product id (a copy of the catalog's seed ids: apps do not import each other). */
export interface SeedStock {
  productId: string;
  onHand: number;
}

// The typewriter and the film camera are deliberately scarce, to demo rejections and the expiry sweeper.
const rows: [string, number][] = [
  ['OLJCESPC7Z', 3], // Vintage Typewriter
  ['66VCHSJNUP', 2], // Film Camera
  ['1YMWWN1N4O', 87], // Home Barista Kit
  ['L9ECAV7KIM', 43], // Terrarium
  ['2ZYFJ3GM2N', 106], // Bamboo Glass Jar
  ['0PUK6V6EV0', 171], // Candle Holder
  ['LS4PSXUNUM', 17], // Salt and Pepper Shakers
  ['9SIQT8TOJO', 23], // Bamboo Cutting Board
  ['6E92ZMYYFZ', 142], // Mug
  ['A1B2C3D4E5', 29], // Cast Iron Skillet
  ['B7K2M9Q4XA', 98], // Chef Knife
  ['C3N8R5T1WB', 154], // Linen Tea Towels
  ['D9P4S6V2YC', 19], // French Press
  ['E5Q1U7X3ZD', 134], // Wool Throw Blanket
  ['F2R6W8Y4AE', 59], // Ceramic Planter
  ['G8S3X9Z5BF', 14], // Desk Lamp
  ['H4T9Y1A6CG', 27], // Wall Clock
  ['J1U5Z7B2DH', 116], // Scented Soy Candle
  ['K7V2A8C3EJ', 112], // Sunglasses
  ['L3W8B4D9FK', 22], // Tank Top
  ['M9X4C1E5GL', 66], // Watch
  ['N5Y1D6F2HM', 28], // Loafers
  ['P2Z6E3G8JN', 146], // Hairdryer
  ['Q8A3F9H4KP', 113], // Denim Jacket
  ['R4B9G5J1LQ', 20], // Rain Shell
  ['S1C5H2K7MR', 149], // Merino Beanie
  ['T7D2J8L3NS', 36], // Leather Belt
  ['U3E8K4M9PT', 62], // Canvas Sneakers
  ['V9F4L1N5QU', 166], // Trail Running Shoes
  ['W5G1M6P2RV', 165], // Backpack
  ['X2H7N3Q8SW', 154], // Camping Tent
  ['Y8J3P9R4TX', 20], // Sleeping Bag
  ['Z4K9Q5S1UY', 152], // Headlamp
  ['AB5L1R6T2V', 154], // Insulated Water Bottle
  ['BC1M7S2U8W', 106], // Yoga Mat
  ['CD7N3T8V4X', 17], // Kettlebell
  ['DE3P9U4W1Y', 61], // Tennis Racket
  ['EF9Q5V1X7Z', 16], // Bluetooth Speaker
  ['FG5R1W7Y3A', 147], // Noise-Cancelling Headphones
  ['GH1S7X3Z9B', 39], // Mechanical Keyboard
  ['HJ7T3Y9A5C', 79], // E-Reader
  ['JK3U9Z5B1D', 112], // Field Notebook Set
  ['KL9V5A1C7E', 41], // Fountain Pen
  ['LM5W1B7D3F', 143], // Desk Organiser
  ['MN1X7C3E9G', 35], // Cookbook: Weeknight Vegetables
  ['NP7Y3D9F5H', 151], // Field Guide to Birds
  ['PQ3Z9E5G1J', 83], // Wooden Puzzle
  ['QR9A5F1H7K', 148], // Building Blocks
  ['RS5B1G7J3L', 179], // Kite
  ['ST1C7H3K9M', 51], // Face Moisturiser
  ['TU7D3J9L5N', 31], // Shaving Kit
  ['UV3E9K5M1P', 153], // Garden Trowel
  ['VW9F5L1N7Q', 151], // Watering Can
  ['WX5G1M7P3R', 168], // Herb Seed Collection
];

export const seedStock: SeedStock[] = rows.map(([productId, onHand]) => ({ productId, onHand }));
