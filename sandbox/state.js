'use strict';

const { createRng } = require('./rng');

/** Fixed fixtures: present whatever the seed. */
const FIXTURES = {
	alibaba: {
		orderWaitSellerSend: '2542285634920880794',
		orderWaitSellerSendEntries: ['2542285634921880794', '2542285634922880794'],
		orderWaitBuyerReceive: '1024285237573584051',
		orderWaitBuyerReceiveEntries: ['1024285237574584051'],
		orderWaitBuyerPay: '2542285634940880794',
		orderWaitBuyerPayEntries: ['2542285634941880794'],
		offerId: 743470146022,
		offerSpecId: 'e61a85a671bb3d0301d0412b51641c6b',
		offerIdDetail: 706627393257,
		sellerOpenId: 'BBBgGWh2O6JFI6v1aQuZVgRIA',
	},
	taobao: {
		orderWaitPay: '3021045938172635401',
		orderWaitPaySubOrders: ['3021045938172635411', '3021045938172635421'],
		orderPaid: '3021045938172635402',
		orderPaidSubOrders: ['3021045938172635412'],
		itemIdBig: '600126245031041190',
		itemIdBigSku: '5016042822039',
		itemIdBig2: '600129202197070073',
		itemIdBig2Sku: '4860968496626',
		itemId: '672991141190',
		itemIdSku: '3452545926724',
		itemIdSource: '42971808988',
	},
	logistics: { renderId: 'FF2024080200007' },
};

const BASE_TIME = Date.UTC(2025, 5, 1, 2, 0, 0); // fixed so seeded data does not depend on the clock

function formatTime(ms) {
	// China time, yyyy-MM-dd HH:mm:ss
	const d = new Date(ms + 8 * 3600 * 1000);
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

const TB_WORDS = ['电动车', '连衣裙', '男鞋', '背心', '钱包', '手机壳', '蓝牙耳机', '保温杯', '双肩包', '口红', '运动裤', '台灯', '数据线', '帽子', '围巾'];
const TB_ADJ = ['新款', '加厚', '时尚', '韩版', '大容量', '复古', '简约', '轻薄', '网红', '高端'];
const AL_WORDS = [
	['男鞋', 'men shoes'],
	['背心', 'vest'],
	['包', 'bag'],
	['女包', 'women bag'],
	['文件夹', 'file folder'],
	['T恤', 't-shirt'],
	['水杯', 'water cup'],
	['收纳盒', 'storage box'],
	['手机支架', 'phone stand'],
	['袜子', 'socks'],
	['雨伞', 'umbrella'],
	['耳机', 'earphones'],
];
const CATEGORIES = [
	{ id: 1033054, name: '文件夹', en: 'File folders', parent: 7 },
	{ id: 127380009, name: '女包', en: 'Women bags', parent: 1042954 },
	{ id: 1031910, name: '男鞋', en: 'Men shoes', parent: 72 },
	{ id: 122916002, name: 'T恤', en: 'T-shirts', parent: 10166 },
	{ id: 1036, name: '背心', en: 'Vests', parent: 10166 },
	{ id: 72, name: '鞋', en: 'Shoes', parent: 0 },
	{ id: 6, name: '服装', en: 'Apparel', parent: 0 },
	{ id: 7, name: '办公文教', en: 'Office and school', parent: 0 },
];
const COLORS = ['黑色', '白色', '红色', '蓝色', '灰色', '粉色'];
const SIZES = ['S', 'M', 'L', 'XL', '38', '39', '40', '41'];
const CITIES = [
	['浙江省', '杭州市', '西湖区', '330106'],
	['广东省', '广州市', '白云区', '440111'],
	['广东省', '深圳市', '宝安区', '440306'],
	['浙江省', '义乌市', '稠城街道', '330782'],
	['江苏省', '苏州市', '吴中区', '320506'],
];
const LOGISTICS_COMPANIES = [
	['SF', '顺丰速运', '95338', 'shunfeng'],
	['YTO', '圆通速递', '95554', 'yuantong'],
	['ZTO', '中通快递', '95311', 'zhongtong'],
	['STO', '申通快递', '95543', 'shentong'],
	['YUNDA', '韵达快递', '95546', 'yunda'],
	['EMS', '中国邮政EMS', '11183', 'ems'],
	['JD', '京东物流', '950616', 'jingdong'],
	['BESTEX', '百世快递', '95320', 'baishi'],
	['DBL', '德邦快递', '95353', 'debang'],
	['JTSD', '极兔速递', '956025', 'jitu'],
];

/** Ids unique across the world (orders, sub-orders, products). */
class IdPool {
	constructor(rng) {
		this.rng = rng;
		this.used = new Set();
	}

	reserve(id) {
		this.used.add(String(id));
		return String(id);
	}

	fresh(make) {
		for (;;) {
			const id = String(make());
			if (!this.used.has(id)) {
				this.used.add(id);
				return id;
			}
		}
	}
}

function makeSellers(rng) {
	const sellers = [
		{ sellerOpenId: FIXTURES.alibaba.sellerOpenId, nick: '杭州优品箱包厂', companyName: '杭州优品箱包有限公司', memberId: 'b2b-2207943566882' },
	];
	for (let i = 0; i < 29; i++) {
		sellers.push({
			sellerOpenId: `BBB${rng.alnum(22)}`,
			nick: `${rng.pick(['义乌', '广州', '深圳', '杭州', '苏州'])}${rng.pick(['优品', '星辰', '鑫源', '嘉禾', '宏达'])}${rng.pick(['工厂', '商行', '贸易'])}${i + 1}`,
			companyName: `${rng.pick(['义乌市', '广州市', '深圳市'])}${rng.pick(['鑫源', '嘉禾', '宏达', '恒通'])}贸易有限公司${i + 1}`,
			memberId: `b2b-${rng.digits(13)}`,
		});
	}
	return sellers;
}

function makeTaobaoProduct(rng, ids, overrides = {}) {
	const word = rng.pick(TB_WORDS);
	const itemId = overrides.itemId ? ids.reserve(overrides.itemId) : ids.fresh(() => rng.digits(12));
	const basePrice = rng.int(500, 39900); // fen
	const skuCount = rng.int(1, 4);
	const skuList = [];
	for (let i = 0; i < skuCount; i++) {
		const skuId = i === 0 && overrides.skuId ? ids.reserve(overrides.skuId) : ids.fresh(() => rng.digits(13));
		const price = basePrice + i * 100;
		skuList.push({
			skuId,
			mpSkuId: rng.digits(13),
			price,
			promotionPrice: Math.max(1, Math.round(price * 0.9)),
			quantity: rng.int(0, 500),
			status: 'active',
			picUrl: null,
			properties: [
				{ propId: 1627207, propName: '颜色分类', valueId: 28320 + i, valueName: COLORS[i % COLORS.length] },
			],
		});
	}
	const shopId = rng.int(10000000, 299999999);
	return {
		itemId,
		itemMapId: rng.alnum(22),
		mpId: rng.digits(16),
		title: `${rng.pick(TB_ADJ)}${word}${rng.pick(TB_ADJ)}`,
		description: `${word} 描述`,
		picUrls: [`https://img.alicdn.com/bao/uploaded/i1/${shopId}/O1CN01${rng.alnum(14)}.jpg`],
		categoryId: String(rng.int(50000000, 129999999)),
		categoryName: word,
		categoryPath: `女装/男装->${word}`,
		shopId,
		shopName: `${word}旗舰店`,
		userNick: `tb${rng.digits(6)}`,
		price: skuList[0].price,
		promotionPrice: skuList[0].promotionPrice,
		quantity: skuList.reduce((a, s) => a + s.quantity, 0),
		beginAmount: 0,
		productUnit: null,
		status: 'active',
		itemType: 'HAVE_MATERIAL',
		skuList,
		...overrides.extra,
	};
}

function makeAlibabaProduct(rng, ids, sellers, overrides = {}) {
	const [zh, en] = rng.pick(AL_WORDS);
	const cat = rng.pick(CATEGORIES);
	const offerId = overrides.offerId || Number(ids.fresh(() => rng.digits(12)));
	if (overrides.offerId) ids.reserve(overrides.offerId);
	const seller = overrides.seller || rng.pick(sellers);
	const base = rng.int(3, 900) + rng.int(0, 99) / 100; // yuan
	const skuInfos = [];
	const n = rng.int(1, 4);
	for (let i = 0; i < n; i++) {
		const price = Math.round((base + i * 1.5) * 100) / 100;
		skuInfos.push({
			skuId: Number(ids.fresh(() => rng.digits(13))),
			specId: rng.hex(32),
			price: price.toFixed(2),
			consignPrice: price.toFixed(2),
			amountOnSale: rng.int(0, 9999),
			cargoNumber: `HH${rng.digits(4)}`,
			skuAttributes: [
				{ attributeId: 3216, attributeName: '颜色', attributeNameTrans: 'color', value: COLORS[i % COLORS.length], valueTrans: ['black', 'white', 'red', 'blue', 'grey', 'pink'][i % 6] },
				{ attributeId: 450, attributeName: '尺码', attributeNameTrans: 'size', value: SIZES[i % SIZES.length], valueTrans: SIZES[i % SIZES.length] },
			],
		});
	}
	const img = `https://cbu01.alicdn.com/img/ibank/O1CN01${rng.alnum(14)}_!!${rng.digits(13)}-0-cib.jpg`;
	return {
		offerId,
		offerMapId: rng.alnum(22),
		categoryId: cat.id,
		categoryName: null,
		subject: `${rng.pick(['2024新款', '爆款', '厂家直销', '跨境热卖'])}${zh}${rng.pick(['批发', '定制', '大容量', '加厚'])}`,
		subjectTrans: `${rng.pick(['New', 'Hot', 'Factory', 'Cross-border'])} ${en} ${rng.pick(['wholesale', 'custom', 'large capacity', 'thickened'])}`,
		description: `<p>${zh}</p>`,
		mainVideo: '',
		detailVideo: '',
		productImage: { images: [img], whiteImage: img },
		productAttribute: [{ attributeId: '1398', attributeName: '货号', value: `HH${rng.digits(4)}`, attributeNameTrans: 'Item number', valueTrans: `HH${rng.digits(4)}` }],
		productSkuInfos: skuInfos,
		productSaleInfo: {
			amountOnSale: skuInfos.reduce((a, s) => a + s.amountOnSale, 0),
			priceRangeList: [{ startQuantity: 1, price: skuInfos[0].price, promotionPrice: null }],
			quoteType: 1,
			unitInfo: { unit: '个', transUnit: 'piece' },
		},
		productShippingInfo: { sendGoodsAddressText: '浙江省 义乌市', weight: 0.3, width: 20, height: 10, length: 30 },
		isJxhy: rng.bool(0.2),
		sellerOpenId: seller.sellerOpenId,
		minOrderQuantity: 1,
		batchNumber: 1,
		status: 'published',
		tagInfoList: [{ key: 'isOnePsale', value: true }],
		traceInfo: `object_id@${offerId}^object_type@offer`,
		companyName: seller.companyName,
		sellingAddress: '浙江省 义乌市',
		sellerDataInfo: { tradeMedalLevel: String(rng.int(1, 5)), compositeServiceScore: '4.5', logisticsExperienceScore: '4.0', repeatPurchasePercent: '0.3' },
		monthSold: rng.int(0, 20000),
		...overrides.extra,
	};
}

function makeAddress(rng, i, name) {
	const [province, city, area, areaCode] = CITIES[i % CITIES.length];
	return { province, city, area, areaCode, address: `${rng.pick(['转塘街道', '石桥路', '科技园路'])}${rng.int(1, 999)}号`, name, mobile: `1${rng.digits(10)}`, zip: '310000' };
}

const TB_STATUS_WEIGHTS = [0, 0, 1, 10, 10, 10, 11, 11, 11, 4];
const AL_STATUS_WEIGHTS = ['waitbuyerpay', 'waitsellersend', 'waitsellersend', 'waitbuyerreceive', 'waitbuyerreceive', 'confirm_goods', 'success', 'success', 'cancel'];

function taobaoLine(rng, product, orderLineNo, subOrderId) {
	const sku = rng.pick(product.skuList);
	return {
		subOrderId,
		orderLineNo: String(orderLineNo),
		itemId: product.itemId,
		skuId: sku.skuId,
		title: product.title,
		pic: product.picUrls[0],
		quantity: rng.int(1, 5),
		price: sku.price,
		currency: 'CNY',
		refundStatus: 0,
		refundId: null,
	};
}

function makeTaobaoOrder(rng, ids, products, index, overrides = {}) {
	const orderId = overrides.orderId ? ids.reserve(overrides.orderId) : ids.fresh(() => `30${rng.digits(17)}`);
	const status = overrides.status !== undefined ? overrides.status : rng.pick(TB_STATUS_WEIGHTS);
	const lineCount = overrides.subOrderIds ? overrides.subOrderIds.length : rng.int(1, 3);
	const lines = [];
	for (let i = 0; i < lineCount; i++) {
		const sub = overrides.subOrderIds ? ids.reserve(overrides.subOrderIds[i]) : ids.fresh(() => `31${rng.digits(17)}`);
		const product = overrides.products ? overrides.products[i] : rng.pick(products);
		lines.push(taobaoLine(rng, product, i + 1, sub));
	}
	const created = BASE_TIME - index * 37 * 60 * 1000 - rng.int(0, 600) * 1000;
	const addr = makeAddress(rng, index, `收货人${index % 50}`);
	const order = {
		orderId,
		status,
		orderSource: rng.pick(['lazada', 'shopee', 'tiktok', 'manual']),
		sellerOrderNumber: `SO${rng.digits(10)}`,
		purchaseAmount: 0,
		currency: 'CNY',
		receiver: {
			name: addr.name,
			phone: '',
			mobile_phone: addr.mobile,
			state: addr.province,
			city: addr.city,
			district: addr.area,
			address: addr.address,
			zip: addr.zip,
			country: '中国',
		},
		warehouseName: null,
		warehouseAddress: null,
		voucherUrl: status === 1 ? 'https://example.invalid/voucher.jpg' : null,
		createTime: created,
		payTime: [10, 11].includes(status) ? created + 3600 * 1000 : null,
		shipTime: status === 11 ? created + 26 * 3600 * 1000 : null,
		cancelTime: status === 4 ? created + 7200 * 1000 : null,
		cancelReason: status === 4 ? 'buyer_cancel' : null,
		logistics: status === 11 ? { companyName: rng.pick(LOGISTICS_COMPANIES)[1], logisticsNo: `SF${rng.digits(12)}` } : null,
		lines,
		priceChanges: [],
		userId: overrides.userId || null,
	};
	order.purchaseAmount = lines.reduce((a, l) => a + l.price * l.quantity, 0);
	return order;
}

function makeAlibabaOrder(rng, ids, products, index, overrides = {}) {
	const id = overrides.id ? ids.reserve(overrides.id) : ids.fresh(() => `${rng.int(1, 2)}${rng.digits(12)}880794`);
	const status = overrides.status || rng.pick(AL_STATUS_WEIGHTS);
	const first = overrides.products ? overrides.products[0] : rng.pick(products);
	const sameSeller = products.filter((p) => p.sellerOpenId === first.sellerOpenId);
	const count = overrides.entryIds ? overrides.entryIds.length : rng.int(1, 3);
	const items = [];
	for (let i = 0; i < count; i++) {
		const product = i === 0 ? first : overrides.products ? overrides.products[i] || first : rng.pick(sameSeller);
		const sku = rng.pick(product.productSkuInfos);
		const subItemID = overrides.entryIds ? ids.reserve(overrides.entryIds[i]) : (BigInt(id) + BigInt(i + 1) * 1000000n).toString();
		if (!overrides.entryIds) ids.reserve(subItemID);
		const quantity = rng.int(1, 10);
		const price = Number(sku.price);
		items.push({
			subItemID,
			productID: product.offerId,
			skuID: sku.skuId,
			specId: sku.specId,
			name: product.subject,
			price,
			quantity,
			itemAmount: Math.round(price * quantity * 100) / 100,
			productImgUrl: [product.productImage.images[0].replace('.jpg', '.80x80.jpg')],
			cargoNumber: sku.cargoNumber,
			description: null,
			unit: '个',
			refundStatus: null,
			refundId: null,
		});
	}
	const created = BASE_TIME - index * 41 * 60 * 1000 - rng.int(0, 600) * 1000;
	const addr = makeAddress(rng, index, 'zhang');
	const order = {
		id,
		status,
		sellerOpenId: first.sellerOpenId,
		sellerID: `b2b-${String(first.offerId).slice(0, 10)}`,
		buyerID: 'b2b-2210000000000cn',
		createTime: created,
		payTime: ['waitbuyerpay', 'cancel'].includes(status) ? null : created + 1800 * 1000,
		allDeliveredTime: ['waitbuyerreceive', 'confirm_goods', 'success'].includes(status) ? created + 30 * 3600 * 1000 : null,
		receivingTime: ['confirm_goods', 'success'].includes(status) ? created + 96 * 3600 * 1000 : null,
		completeTime: status === 'success' ? created + 100 * 3600 * 1000 : null,
		cancelReason: status === 'cancel' ? 'buyerCancel' : null,
		shippingFee: rng.pick([0, 0, 3, 5, 8]),
		discount: 0,
		items,
		address: addr,
		logisticsBillNo: ['waitbuyerreceive', 'confirm_goods', 'success'].includes(status) ? `YT${rng.digits(13)}` : null,
		logisticsCompany: rng.pick(LOGISTICS_COMPANIES),
		flow: 'general',
		message: '',
		userId: overrides.userId || null,
		priceChanges: [],
	};
	recomputeAlibabaTotals(order);
	return order;
}

function recomputeAlibabaTotals(order) {
	const sum = order.items.reduce((a, it) => a + it.itemAmount, 0);
	order.sumProductPayment = Math.round(sum * 100) / 100;
	order.totalAmount = Math.round((sum + order.shippingFee - order.discount) * 100) / 100;
}

function byNewest(a, b) {
	return b.createTime - a.createTime;
}

/**
 * Build the seeded world. `orders` orders per platform, ~300 products per platform, carts and
 * addresses per credential user, a few refunds, logistics companies and the fixed fixtures.
 */
function createState({ seed = 1, orders = 60, credentials = [] } = {}) {
	const rng = createRng(seed);
	const ids = new IdPool(rng);
	const sellers = makeSellers(rng);
	const F = FIXTURES;

	// ---- Taobao products
	const tbProducts = [
		makeTaobaoProduct(rng, ids, {
			itemId: F.taobao.itemId,
			skuId: F.taobao.itemIdSku,
			extra: { title: '天穹发布商品,测试请不要拍', shopName: 'u[2206891060210]', categoryName: '连衣裙', categoryPath: '童装/婴儿装/亲子装->裙子(新)->连衣裙', mpId: '2048057995392326' },
		}),
		makeTaobaoProduct(rng, ids, { itemId: F.taobao.itemIdBig, skuId: F.taobao.itemIdBigSku, extra: { title: '分销测试商品 电动车配件' } }),
		makeTaobaoProduct(rng, ids, { itemId: F.taobao.itemIdBig2, skuId: F.taobao.itemIdBig2Sku, extra: { title: '分销测试商品 钱包' } }),
		makeTaobaoProduct(rng, ids, { itemId: F.taobao.itemIdSource }),
	];
	// the create-order example buys each fixture sku at price 1 fen
	for (const p of tbProducts.slice(0, 3)) {
		p.skuList[0].price = 1;
		p.skuList[0].promotionPrice = 1;
		p.skuList[0].quantity = Math.max(p.skuList[0].quantity, 400);
		p.price = 1;
		p.promotionPrice = 1;
	}
	while (tbProducts.length < 300) tbProducts.push(makeTaobaoProduct(rng, ids));

	// ---- 1688 products
	const fixtureSeller = sellers[0];
	const alProducts = [
		makeAlibabaProduct(rng, ids, sellers, {
			offerId: F.alibaba.offerId,
			seller: fixtureSeller,
			extra: { subject: '2024春季新款女包斜跨大容量包包女时尚手提托特包尼龙布单肩包潮', subjectTrans: '2024 spring new women bag crossbody large capacity tote nylon shoulder bag' },
		}),
		makeAlibabaProduct(rng, ids, sellers, {
			offerId: F.alibaba.offerIdDetail,
			seller: fixtureSeller,
			extra: { categoryId: 1033054, subject: 'PVC插页文件夹A4加厚活页本文件夹防水外壳学生试卷收纳档案夹', subjectTrans: 'PVC insert folder A4 thickened loose-leaf book folder waterproof shell student examination paper storage file folder' },
		}),
	];
	alProducts[0].productSkuInfos[0].price = '19.00';
	alProducts[0].productSkuInfos[0].specId = F.alibaba.offerSpecId;
	while (alProducts.length < 300) alProducts.push(makeAlibabaProduct(rng, ids, sellers));

	// ---- Taobao orders (fixtures first, then generated)
	const tbOrders = [];
	const tbFix1 = makeTaobaoOrder(rng, ids, tbProducts, 0, {
		orderId: F.taobao.orderWaitPay,
		status: 0,
		subOrderIds: F.taobao.orderWaitPaySubOrders,
		products: [tbProducts[1], tbProducts[2]],
	});
	const tbFix2 = makeTaobaoOrder(rng, ids, tbProducts, 1, {
		orderId: F.taobao.orderPaid,
		status: 10,
		subOrderIds: F.taobao.orderPaidSubOrders,
		products: [tbProducts[0]],
	});
	tbFix1.createTime = BASE_TIME + 60000;
	tbFix2.createTime = BASE_TIME + 30000;
	tbFix2.payTime = BASE_TIME + 40000;
	tbOrders.push(tbFix1, tbFix2);
	for (let i = tbOrders.length; i < orders; i++) tbOrders.push(makeTaobaoOrder(rng, ids, tbProducts, i));

	// ---- 1688 orders
	const alOrders = [];
	const alFix1 = makeAlibabaOrder(rng, ids, alProducts, 0, {
		id: F.alibaba.orderWaitSellerSend,
		status: 'waitsellersend',
		entryIds: F.alibaba.orderWaitSellerSendEntries,
		products: [alProducts[0], alProducts[1]],
	});
	const alFix2 = makeAlibabaOrder(rng, ids, alProducts, 1, {
		id: F.alibaba.orderWaitBuyerReceive,
		status: 'waitbuyerreceive',
		entryIds: F.alibaba.orderWaitBuyerReceiveEntries,
		products: [alProducts[0]],
	});
	const alFix3 = makeAlibabaOrder(rng, ids, alProducts, 2, {
		id: F.alibaba.orderWaitBuyerPay,
		status: 'waitbuyerpay',
		entryIds: F.alibaba.orderWaitBuyerPayEntries,
		products: [alProducts[1]],
	});
	alFix1.createTime = BASE_TIME + 60000;
	alFix2.createTime = BASE_TIME + 50000;
	alFix3.createTime = BASE_TIME + 40000;
	alOrders.push(alFix1, alFix2, alFix3);
	for (let i = alOrders.length; i < orders; i++) alOrders.push(makeAlibabaOrder(rng, ids, alProducts, i));
	// the `orders` option is the number of orders per platform; fixtures count towards it
	tbOrders.length = Math.max(Math.min(tbOrders.length, orders), 2);
	alOrders.length = Math.max(Math.min(alOrders.length, orders), 3);
	tbOrders.sort(byNewest);
	alOrders.sort(byNewest);

	const state = {
		seed,
		startedAt: Date.now(),
		rng,
		ids,
		sellers,
		fixtures: JSON.parse(JSON.stringify(FIXTURES)),
		taobao: {
			products: new Map(tbProducts.map((p) => [p.itemId, p])),
			productList: tbProducts,
			orders: new Map(tbOrders.map((o) => [o.orderId, o])),
			orderList: tbOrders,
			subOrders: new Map(),
			refunds: new Map(),
			refundList: [],
			carts: new Map(),
		},
		alibaba: {
			products: new Map(alProducts.map((p) => [String(p.offerId), p])),
			productsByMapId: new Map(alProducts.map((p) => [p.offerMapId, p])),
			productList: alProducts,
			orders: new Map(alOrders.map((o) => [o.id, o])),
			orderList: alOrders,
			refunds: new Map(),
			refundList: [],
			carts: new Map(),
			vouchers: [],
			categories: CATEGORIES,
		},
		addresses: new Map(),
		logisticsCompanies: LOGISTICS_COMPANIES.map(([companyNo, companyName, companyPhone, spelling], i) => ({
			id: i + 1,
			companyName,
			companyNo,
			companyPhone,
			supportPrint: i < 6 ? 'true' : 'false',
			spelling,
		})),
		logistics: { renders: new Map(), bookings: new Map(), domestic: [] },
		counters: { cartId: 100, addressId: 1000, refundSeq: 1, renderSeq: 100, bookingSeq: 1, messageSeq: 1 },
	};
	for (const o of tbOrders) for (const l of o.lines) state.taobao.subOrders.set(l.subOrderId, { order: o, line: l });

	// ---- logistics render fixture used by the catalog's booking example
	state.logistics.renders.set(F.logistics.renderId, {
		renderId: F.logistics.renderId,
		createTime: BASE_TIME,
		currency: 'USD',
		items: [],
		totalPrice: '12.50',
		receiverAddress: null,
	});

	// ---- carts and addresses for each credential user
	for (const c of credentials) ensureUser(state, c.userId, rng);
	return state;
}

/** Lazily create the per-user records (carts, addresses). Seeded users get a few cart lines. */
function ensureUser(state, userId, rng) {
	const uid = String(userId || '');
	if (!state.taobao.carts.has(uid)) {
		const r = rng || state.rng;
		const tbCart = [];
		const alCart = [];
		const addresses = [];
		if (rng) {
			for (let i = 0; i < 5; i++) {
				const p = state.taobao.productList[(i * 7 + 4) % state.taobao.productList.length];
				const sku = p.skuList[0];
				tbCart.push(newTaobaoCartLine(state, uid, p, sku, r.int(1, 3)));
				const ap = state.alibaba.productList[(i * 11 + 3) % state.alibaba.productList.length];
				alCart.push(newAlibabaCartLine(state, uid, ap, ap.productSkuInfos[0], r.int(1, 5)));
			}
			for (let i = 0; i < 2; i++) {
				const a = makeAddress(r, i, i === 0 ? '仓库收货人' : '张三');
				addresses.push({
					id: ++state.counters.addressId,
					name: a.name,
					province: a.province,
					city: a.city,
					district: a.area,
					address: a.address,
					phone: a.mobile,
					isDefault: i === 0,
				});
			}
		}
		state.taobao.carts.set(uid, tbCart);
		state.alibaba.carts.set(uid, alCart);
		state.addresses.set(uid, addresses);
	}
	return uid;
}

function newTaobaoCartLine(state, userId, product, sku, quantity) {
	return {
		id: ++state.counters.cartId,
		userId,
		platform: 1,
		itemId: product.itemId,
		skuId: sku.skuId,
		mpId: product.mpId,
		mpSkuId: sku.mpSkuId,
		itemTitle: product.title,
		itemPic: product.picUrls[0],
		price: sku.price,
		promotionPrice: sku.promotionPrice,
		properties: JSON.stringify(sku.properties),
		quantity,
		shopId: product.shopId,
		shopName: product.shopName,
		skuQuantity: String(sku.quantity),
		userNick: product.userNick,
		createTime: Date.now(),
	};
}

function newAlibabaCartLine(state, userId, product, sku, quantity) {
	return {
		id: ++state.counters.cartId,
		userId,
		offerId: product.offerId,
		offerMapId: product.offerMapId,
		sellerOpenId: product.sellerOpenId,
		specId: sku.specId,
		skuId: String(sku.skuId),
		itemTitle: product.subject,
		itemPic: product.productImage.images[0],
		price: Math.round(Number(sku.price) * 100), // the cart list types price as integer; fen here
		quantity,
		amountOnSale: sku.amountOnSale,
		properties: JSON.stringify(sku.skuAttributes.map((a) => ({ name: a.attributeName, value: a.value }))),
		productNo: null,
		container: null,
		createTime: Date.now(),
	};
}

module.exports = {
	FIXTURES,
	BASE_TIME,
	formatTime,
	createState,
	ensureUser,
	makeTaobaoOrder,
	makeAlibabaOrder,
	recomputeAlibabaTotals,
	newTaobaoCartLine,
	newAlibabaCartLine,
	LOGISTICS_COMPANIES,
};
