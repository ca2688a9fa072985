export * as catalogV1 from './gen/bazaar/catalog/v1/catalog.js';
export type { Money } from './gen/google/type/money.js';
export { contractProtos, type ContractProtos } from './proto-sources.js';
export { money, moneyToMinorUnits, formatMoney } from './money.js';
