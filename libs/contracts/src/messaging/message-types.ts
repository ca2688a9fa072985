import * as clickstream from '../gen/index.bazaar.clickstream.v1.js';
import * as inventory from '../gen/index.bazaar.inventory.v1.js';
import * as orders from '../gen/index.bazaar.orders.v1.js';
import * as payments from '../gen/index.bazaar.payments.v1.js';
import * as shipping from '../gen/index.bazaar.shipping.v1.js';
import { messageType } from './message-type.js';


/** Every message type that travels on Kafka, by name. */
export const messages = {
  ReserveStock: messageType('bazaar.inventory.v1', 'ReserveStock', inventory.ReserveStock),
  ReleaseStock: messageType('bazaar.inventory.v1', 'ReleaseStock', inventory.ReleaseStock),
  StockReserved: messageType('bazaar.inventory.v1', 'StockReserved', inventory.StockReserved),
  StockRejected: messageType('bazaar.inventory.v1', 'StockRejected', inventory.StockRejected),
  StockReleased: messageType('bazaar.inventory.v1', 'StockReleased', inventory.StockReleased),

  AuthorizePayment: messageType('bazaar.payments.v1', 'AuthorizePayment', payments.AuthorizePayment),
  CapturePayment: messageType('bazaar.payments.v1', 'CapturePayment', payments.CapturePayment),
  VoidPayment: messageType('bazaar.payments.v1', 'VoidPayment', payments.VoidPayment),
  RefundPayment: messageType('bazaar.payments.v1', 'RefundPayment', payments.RefundPayment),
  PaymentAuthorized: messageType('bazaar.payments.v1', 'PaymentAuthorized', payments.PaymentAuthorized),
  PaymentDeclined: messageType('bazaar.payments.v1', 'PaymentDeclined', payments.PaymentDeclined),
  PaymentCaptured: messageType('bazaar.payments.v1', 'PaymentCaptured', payments.PaymentCaptured),
  PaymentVoided: messageType('bazaar.payments.v1', 'PaymentVoided', payments.PaymentVoided),
  PaymentRefunded: messageType('bazaar.payments.v1', 'PaymentRefunded', payments.PaymentRefunded),

  ShipmentCreated: messageType('bazaar.shipping.v1', 'ShipmentCreated', shipping.ShipmentCreated),
  ShipmentFailed: messageType('bazaar.shipping.v1', 'ShipmentFailed', shipping.ShipmentFailed),

  OrderPlaced: messageType('bazaar.orders.v1', 'OrderPlaced', orders.OrderPlaced),
  OrderConfirmed: messageType('bazaar.orders.v1', 'OrderConfirmed', orders.OrderConfirmed),
  OrderCancelled: messageType('bazaar.orders.v1', 'OrderCancelled', orders.OrderCancelled),
  OrderShipped: messageType('bazaar.orders.v1', 'OrderShipped', orders.OrderShipped),

  ProductViewed: messageType('bazaar.clickstream.v1', 'ProductViewed', clickstream.ProductViewed),
  ProductsSearched: messageType('bazaar.clickstream.v1', 'ProductsSearched', clickstream.ProductsSearched),
  ProductAddedToCart: messageType('bazaar.clickstream.v1', 'ProductAddedToCart', clickstream.ProductAddedToCart),
  CheckoutStarted: messageType('bazaar.clickstream.v1', 'CheckoutStarted', clickstream.CheckoutStarted),
};
