import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GrpcStatus } from '@bazaar/grpc';
import { freePort } from '@bazaar/testing';
import { as, rejection, startCart, type RunningCart } from './support/cart-harness.js';
import { FakeCatalog, FILLERS, MUG, SUNGLASSES } from './support/fake-catalog.js';
import { deleteKeys, TEST_REDIS_URL, uniqueKeyPrefix } from './support/redis-keys.js';

const redisPrefix = uniqueKeyPrefix('service');
const stores: [string, Record<string, string | undefined>][] = [
  ['Redis', { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix }],
  ['the in-process store', { REDIS_URL: undefined }],
];

let nextUser = 0;
const newUser = () => `user-${++nextUser}`;

describe.each(stores)('cart service on %s', (_name, storeEnv) => {
  let catalog: FakeCatalog;
  let cart: RunningCart;

  beforeAll(async () => {
    catalog = await new FakeCatalog().start();
    cart = await startCart({ ...storeEnv, CATALOG_ADDRESS: catalog.address });
  });

  afterAll(async () => {
    await cart?.stop();
    catalog?.stop();
    await deleteKeys(redisPrefix);
  });

  it('starts with an empty cart totalling zero', async () => {
    const user = newUser();
    const { cart: empty } = await cart.client.getCart({}, as(user));
    expect(empty).toEqual({ userId: user, items: [], total: { currencyCode: 'USD', units: '0', nanos: 0 } });
  });

  it('adds, updates, removes and empties, with exact money totals', async () => {
    const user = newUser();
    await cart.client.addItem({ productId: MUG.id, quantity: 2 }, as(user));
    const added = (await cart.client.addItem({ productId: SUNGLASSES.id, quantity: 1 }, as(user))).cart!;
    expect(added.items).toEqual([
      { productId: MUG.id, name: 'Mug', quantity: 2, unitPrice: MUG.price, lineTotal: { currencyCode: 'USD', units: '17', nanos: 980_000_000 } },
      { productId: SUNGLASSES.id, name: 'Sunglasses', quantity: 1, unitPrice: SUNGLASSES.price, lineTotal: SUNGLASSES.price },
    ]);
    expect(added.total).toEqual({ currencyCode: 'USD', units: '37', nanos: 970_000_000 });

    const more = (await cart.client.addItem({ productId: MUG.id, quantity: 1 }, as(user))).cart!;
    expect(more.items[0]?.quantity).toBe(3);
    const updated = (await cart.client.updateItem({ productId: MUG.id, quantity: 10 }, as(user))).cart!;
    expect(updated.items[0]?.lineTotal).toEqual({ currencyCode: 'USD', units: '89', nanos: 900_000_000 });
    const removed = (await cart.client.updateItem({ productId: MUG.id, quantity: 0 }, as(user))).cart!;
    expect(removed.items.map((i) => i.productId)).toEqual([SUNGLASSES.id]);
    const gone = (await cart.client.removeItem({ productId: SUNGLASSES.id }, as(user))).cart!;
    expect(gone.items).toEqual([]);
    expect((await cart.client.removeItem({ productId: SUNGLASSES.id }, as(user))).cart?.items).toEqual([]);

    await cart.client.addItem({ productId: MUG.id, quantity: 1 }, as(user));
    expect((await cart.client.emptyCart({}, as(user))).cart?.items).toEqual([]);
    expect((await cart.client.getCart({}, as(user))).cart?.items).toEqual([]);
  });

  it('prices every add from the catalog, taking its current name and price', async () => {
    const user = newUser();
    await cart.client.addItem({ productId: MUG.id, quantity: 1 }, as(user));
    catalog.setPrice(MUG.id, '12', 500_000_000);
    try {
      const { cart: repriced } = await cart.client.addItem({ productId: MUG.id, quantity: 1 }, as(user));
      expect(repriced?.items[0]?.unitPrice).toEqual({ currencyCode: 'USD', units: '12', nanos: 500_000_000 });
      expect(repriced?.total).toEqual({ currencyCode: 'USD', units: '25', nanos: 0 });
    } finally {
      catalog.setPrice(MUG.id, '8', 990_000_000);
    }
  });

  it('answers NOT_FOUND for a product the catalog does not know, and for updating a line not in the cart', async () => {
    const user = newUser();
    const unknown = await rejection(cart.client.addItem({ productId: 'NOSUCHTHNG', quantity: 1 }, as(user)));
    expect(unknown).toMatchObject({ code: GrpcStatus.NOT_FOUND, resourceType: 'product' });
    const notInCart = await rejection(cart.client.updateItem({ productId: MUG.id, quantity: 2 }, as(user)));
    expect(notInCart).toMatchObject({ code: GrpcStatus.NOT_FOUND, resourceType: 'cart item' });
  });

  it('rejects bad quantities and product ids with INVALID_ARGUMENT naming the field', async () => {
    const user = newUser();
    for (const quantity of [0, -1, 100, 2_147_483_647]) {
      const bad = await rejection(cart.client.addItem({ productId: MUG.id, quantity }, as(user)));
      expect(bad).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, fields: ['quantity'] });
    }
    for (const quantity of [-1, 100]) {
      const bad = await rejection(cart.client.updateItem({ productId: MUG.id, quantity }, as(user)));
      expect(bad).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, fields: ['quantity'] });
    }
    for (const productId of ['', 'a b', 'x'.repeat(65), "1' OR '1'='1"]) {
      const bad = await rejection(cart.client.addItem({ productId, quantity: 1 }, as(user)));
      expect(bad).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, fields: ['product_id'] });
    }
    await cart.client.addItem({ productId: MUG.id, quantity: 99 }, as(user));
    const overCap = await rejection(cart.client.addItem({ productId: MUG.id, quantity: 1 }, as(user)));
    expect(overCap).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, fields: ['quantity'] });
    expect((await cart.client.getCart({}, as(user))).cart?.items[0]?.quantity).toBe(99);
  });

  it('holds at most 50 lines', async () => {
    const user = newUser();
    for (const filler of FILLERS.slice(0, 50)) await cart.client.addItem({ productId: filler.id, quantity: 1 }, as(user));
    const full = await rejection(cart.client.addItem({ productId: FILLERS[50]!.id, quantity: 1 }, as(user)));
    expect(full).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, fields: ['product_id'] });
    expect((await cart.client.getCart({}, as(user))).cart?.total).toEqual({ currencyCode: 'USD', units: '50', nanos: 0 });
  });

  it('keeps users apart: nobody sees or changes another user’s cart', async () => {
    const [alice, bob] = [newUser(), newUser()];
    await cart.client.addItem({ productId: MUG.id, quantity: 1 }, as(alice));
    await cart.client.addItem({ productId: SUNGLASSES.id, quantity: 2 }, as(bob));
    await cart.client.emptyCart({}, as(bob));
    const aliceCart = (await cart.client.getCart({}, as(alice))).cart!;
    expect(aliceCart.userId).toBe(alice);
    expect(aliceCart.items.map((i) => i.productId)).toEqual([MUG.id]);
    const bobUpdate = await rejection(cart.client.updateItem({ productId: MUG.id, quantity: 5 }, as(bob)));
    expect(bobUpdate.code).toBe(GrpcStatus.NOT_FOUND);
  });

  it('answers UNAUTHENTICATED when the call carries no user', async () => {
    const calls = [
      cart.client.getCart({}),
      cart.client.addItem({ productId: MUG.id, quantity: 1 }),
      cart.client.updateItem({ productId: MUG.id, quantity: 1 }),
      cart.client.removeItem({ productId: MUG.id }),
      cart.client.emptyCart({}),
      cart.client.getCart({}, as('u'.repeat(129))),
    ];
    for (const call of calls) expect((await rejection(call)).code).toBe(GrpcStatus.UNAUTHENTICATED);
  });

  it('loses no update when AddItems race on one cart', async () => {
    const user = newUser();
    await Promise.all(Array.from({ length: 30 }, () => cart.client.addItem({ productId: MUG.id, quantity: 3 }, as(user))));
    expect((await cart.client.getCart({}, as(user))).cart?.items[0]?.quantity).toBe(90);
  });
});

describe('cart service when the catalog is down', () => {
  let cart: RunningCart;
  beforeAll(async () => {
    cart = await startCart({ CATALOG_ADDRESS: `127.0.0.1:${await freePort()}`, CATALOG_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => cart?.stop());

  it('answers UNAVAILABLE for AddItem and still serves the cart', async () => {
    const user = newUser();
    const down = await rejection(cart.client.addItem({ productId: MUG.id, quantity: 1 }, as(user)));
    expect(down.code).toBe(GrpcStatus.UNAVAILABLE);
    expect((await cart.client.getCart({}, as(user))).cart?.items).toEqual([]);
  });
});
