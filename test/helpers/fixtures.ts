/**
 * What the tests share about the sandbox's world: its fixed ids (sandbox/state.js FIXTURES, present
 * whatever the seed; sandbox/README.md "Fixtures"), named for what they are, and addresses in the
 * shapes PandaPon wants. Take an id from here rather than writing its digits again.
 */
import type { Fixtures, SandboxCredential } from '../../sandbox';

/* eslint-disable @typescript-eslint/no-require-imports */
const { FIXTURES } = require('../../sandbox/state') as { FIXTURES: Fixtures };
const { DEFAULT_CREDENTIALS } = require('../../sandbox') as { DEFAULT_CREDENTIALS: SandboxCredential[] };
/* eslint-enable @typescript-eslint/no-require-imports */

const { alibaba, taobao, logistics } = FIXTURES;

/** 1688 order awaiting shipment (`waitsellersend`) and its two sub-orders. */
export const A_WAIT_SEND = alibaba.orderWaitSellerSend;
export const A_WAIT_SEND_ENTRIES = alibaba.orderWaitSellerSendEntries;
/** 1688 order shipped, awaiting receipt (`waitbuyerreceive`), and its sub-order. */
export const A_SHIPPED = alibaba.orderWaitBuyerReceive;
export const A_SHIPPED_ENTRY = alibaba.orderWaitBuyerReceiveEntries[0];
/** 1688 order awaiting payment (`waitbuyerpay`). */
export const A_PAYABLE = alibaba.orderWaitBuyerPay;
/** 1688 offer, the specId of its first SKU (19.00 yuan) and its seller. */
export const OFFER = String(alibaba.offerId);
export const SPEC = alibaba.offerSpecId;
export const SELLER = alibaba.sellerOpenId;
/** A second offer of the same seller (the catalog's detail example). */
export const OFFER_DETAIL = String(alibaba.offerIdDetail);

/** Taobao order awaiting payment (status 0) and its sub-orders. */
export const T_WAIT_PAY = taobao.orderWaitPay;
export const T_WAIT_PAY_SUBS = taobao.orderWaitPaySubOrders;
/** Taobao order paid, awaiting shipment (status 10), and its sub-order. */
export const T_PAID = taobao.orderPaid;
export const T_PAID_SUB = taobao.orderPaidSubOrders[0];
/** Taobao item whose id is beyond 2^53, and its first SKU (1 fen). */
export const T_BIG_ITEM = taobao.itemIdBig;
export const T_BIG_SKU = taobao.itemIdBigSku;
/** A second such item, and its first SKU. */
export const T_BIG_ITEM_2 = taobao.itemIdBig2;
export const T_BIG_SKU_2 = taobao.itemIdBig2Sku;
/** Taobao item of the catalog's product examples, and its first SKU. */
export const T_ITEM = taobao.itemId;
export const T_ITEM_SKU = taobao.itemIdSku;
/** Taobao item of the source-inquiry example. */
export const T_SOURCE_ITEM = taobao.itemIdSource;
/** Freight render of the logistics booking example. */
export const RENDER_ID = logistics.renderId;

/** The user id of the sandbox's default credential (carts and addresses are kept per user id). */
export const USER_ID = DEFAULT_CREDENTIALS[0].userId;

/** A resource locator in "By ID" mode. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
/** A resource locator as the editor's list leaves it (mode "list" unless told). */
export const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });

/** Create Refund (before shipping) of the first sub-order of A_WAIT_SEND, 1.00 yuan, no freight. */
export const A_REFUND = {
	orderId: byId(A_WAIT_SEND),
	orderEntryIds: A_WAIT_SEND_ENTRIES[0],
	goodsStatus: 'refundWaitSellerSend',
	applyReasonId: 20001,
	disputeRequest: 'refund',
	applyPayment: 100,
	applyCarriage: 0,
	description: 'Wrong colour',
};

/** 1688 `addressParam`. */
export const ALIBABA_ADDRESS = {
	address: {
		fullName: 'Zhang San',
		mobile: '18600888861',
		phone: '18600888861',
		provinceText: '浙江省',
		cityText: '杭州市',
		areaText: '西湖区',
		townText: '转塘街道',
		address: '转塘街道832号',
		postCode: '310024',
	},
};

/** Logistics `receiverAddress`. */
export const LOGISTICS_RECEIVER = {
	address: {
		name: 'Ofir Birinbaum',
		country: 'us',
		state: 'California',
		city: 'VALLEY VLG',
		zip: '91607',
		address: '5818 WHITSETT AVE 401',
		phone: '5083326888',
		mobilePhone: '5083326888',
		email: 'buyer@example.com',
	},
};

/** Taobao order `receiver`. */
export const TAOBAO_RECEIVER = {
	address: {
		name: '张三',
		mobile_phone: '15068763421',
		phone: '',
		country: '中国',
		state: '浙江省',
		city: '杭州市',
		district: '余杭区',
		address: '文一西路969号',
		zip: '311121',
	},
};

/** Taobao cart order `orderAddress`. */
export const TAOBAO_CART_ADDRESS = {
	address: { name: '仓库收货人', mobile_phone: '13800000000', state: '浙江省', city: '杭州市', district: '余杭区', address: '仓库路1号', zip: '311100', country: '中国' },
};
