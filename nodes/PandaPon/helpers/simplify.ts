import type { IDataObject } from 'n8n-workflow';

import { ALIBABA_ORDER_STATUS } from './alibabaFields';
import { TAOBAO_ORDER_STATUS } from './taobaoFields';

/*
 * Simplify: flat records a sheet can take, with the same field names on both platforms
 * (productId, orderId, status, statusName, createdAt, lineCount…). Money keeps the API's value
 * and the field name says its unit (1688 answers in yuan, Taobao in fen). Lists a user picks
 * from (a product's SKUs) stay one array of flat records.
 */

/** An id key: `id`, or a name ending in Id / ID / Ids / IDs / IdList (orderId, productID, subItemIDString…). */
const ID_KEY = /^id$|I[dD](?:s|List|String)?$/;

/**
 * Every id field of an output as a string of digits, whatever its size: a column never mixes
 * numbers (short ids) and strings (ids beyond 2^53, kept exact by the lossless parser).
 */
export function idsAsText<T>(value: T): T {
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) value[i] = idsAsText(value[i]);
	} else if (value !== null && typeof value === 'object') {
		const record = value as IDataObject;
		for (const key of Object.keys(record)) {
			const v = record[key];
			if (typeof v === 'number' && ID_KEY.test(key) && Number.isInteger(v)) record[key] = String(v);
			else if (Array.isArray(v) && ID_KEY.test(key)) record[key] = v.map((x) => (typeof x === 'number' ? String(x) : idsAsText(x)));
			else if (v !== null && typeof v === 'object') idsAsText(v);
		}
	}
	return value;
}

const isRecord = (v: unknown): v is IDataObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const records = (v: unknown): IDataObject[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const idText = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

/**
 * Drops fields the answer did not have, so a simplified record never invents empty values. When
 * some are missing, a new object rather than `delete`, which would leave a slower object for n8n
 * to copy and store.
 */
function present(record: IDataObject): IDataObject {
	const keys = Object.keys(record);
	if (keys.every((key) => record[key] !== undefined)) return record;
	const out: IDataObject = {};
	for (const key of keys) if (record[key] !== undefined) out[key] = record[key];
	return out;
}

const statusName = (options: Array<{ name: string; value: string | number }>, code: unknown) =>
	options.find((o) => String(o.value) === String(code))?.name;

/** A 1688 order status in the words of the Status filter ("Awaiting Shipment"); unknown codes as they are. */
export const alibabaStatusName = (code: unknown) => statusName(ALIBABA_ORDER_STATUS, code) ?? String(code ?? '');

/** A Taobao order status in the words of the Status filter; unknown codes as they are. */
export const taobaoStatusName = (code: unknown) => statusName(TAOBAO_ORDER_STATUS, code) ?? String(code ?? '');

/** "color: black / size: S" from 1688's skuAttributes (translated where 1688 translates). */
function alibabaSkuProperties(attributes: unknown): string {
	return records(attributes)
		.map((a) => `${String(a.attributeNameTrans ?? a.attributeName ?? '')}: ${String(a.valueTrans ?? a.value ?? '')}`)
		.join(' / ');
}

/**
 * [{name, value}] from "name:value;name:value" (a trailing ";" allowed), or undefined when the text
 * is not in that form: every pair one ":" with text on both sides, no empty pair. (A loop, not a
 * regular expression and splits: this runs for every SKU of every product simplified.)
 */
function nameValuePairs(text: string): IDataObject[] | undefined {
	const pairs = (text.endsWith(';') ? text.slice(0, -1) : text).split(';');
	const list: IDataObject[] = [];
	for (const pair of pairs) {
		const colon = pair.indexOf(':');
		if (colon <= 0 || colon === pair.length - 1 || pair.includes(':', colon + 1)) return undefined;
		list.push({ name: pair.slice(0, colon).trim(), value: pair.slice(colon + 1).trim() });
	}
	return list;
}

/**
 * SKU attributes as one text: "颜色分类: 黑色 / 尺码: XL", or with `withNames` false only the values
 * ("黑色 / XL") where room is short (dropdown labels). Reads Taobao's properties, a JSON text of
 * [{propName, valueName}] (already parsed or not) or "name:value;name:value" text, and a cart
 * line's [{name, value}]. Text in none of these forms is shown as sent; undefined when there is none.
 */
export function skuPropertiesText(properties: unknown, withNames = true): string | undefined {
	let list = properties;
	if (typeof properties === 'string') {
		list = nameValuePairs(properties);
		if (list === undefined) {
			try {
				list = JSON.parse(properties);
			} catch {
				return properties;
			}
		}
	}
	if (!Array.isArray(list)) return typeof properties === 'string' ? properties : undefined;
	return records(list)
		.map((p) => {
			const name = String(p.propName ?? p.name ?? '');
			const value = String(p.valueName ?? p.value ?? '');
			return withNames && name ? `${name}: ${value}` : value;
		})
		.filter(Boolean)
		.join(' / ');
}

/** A 1688 order: id, status, amounts (yuan), receiver, lines and tracking numbers in one row. */
export function simplifyAlibabaOrder(order: IDataObject): IDataObject {
	if (!isRecord(order) || !isRecord(order.baseInfo)) return order;
	const base = order.baseInfo;
	const lines = records(order.productItems);
	const logistics = isRecord(order.nativeLogistics) ? order.nativeLogistics : {};
	const receiver = isRecord(base.receiverInfo) ? base.receiverInfo : {};
	return present({
		orderId: idText(base.idOfStr ?? base.id),
		status: base.status,
		statusName: statusName(ALIBABA_ORDER_STATUS, base.status),
		createdAt: base.createTime,
		paidAt: base.payTime ?? undefined,
		totalYuan: base.totalAmount,
		goodsYuan: base.sumProductPayment,
		shippingYuan: base.shippingFee,
		refundYuan: base.refund,
		sellerOpenId: base.sellerOpenId,
		receiverName: logistics.contactPerson ?? receiver.toFullName,
		receiverCity: logistics.city,
		lineCount: lines.length,
		subOrderIds: lines.map((l) => idText(l.subItemIDString ?? l.subItemID)).filter(Boolean).join(', '),
		trackingNumbers: records(logistics.logisticsItems)
			.map((s) => s.logisticsBillNo)
			.filter(Boolean)
			.join(', '),
	});
}

/** A Taobao purchase order: the same row as a 1688 order, amounts in fen. */
export function simplifyTaobaoOrder(order: IDataObject): IDataObject {
	if (!isRecord(order) || order.orderId === undefined) return order;
	const lines = records(order.orderLineList);
	const receiver = isRecord(order.receiver) ? order.receiver : {};
	return present({
		orderId: idText(order.orderId),
		status: order.status,
		statusName: statusName(TAOBAO_ORDER_STATUS, order.status) ?? order.statusName,
		sellerOrderNumber: order.sellerOrderNumber,
		createdAt: order.createTime,
		paidAt: order.payTime ?? undefined,
		shippedAt: order.shipTime ?? undefined,
		totalFen: order.purchaseAmount,
		currency: order.currency,
		warehouseName: order.warehouseName ?? undefined,
		receiverName: receiver.name,
		receiverCity: receiver.city,
		lineCount: lines.length,
		subOrderIds: lines.map((l) => idText(l.subOrderId)).filter(Boolean).join(', '),
	});
}

/** A 1688 product: one row, and its SKUs (spec ID, price in yuan, stock, properties) to pick from. */
export function simplifyAlibabaProduct(product: IDataObject): IDataObject {
	if (!isRecord(product) || product.offerId === undefined) return product;
	const images = isRecord(product.productImage) ? product.productImage.images : undefined;
	const sale = isRecord(product.productSaleInfo) ? product.productSaleInfo : {};
	const skus = records(product.productSkuInfos);
	return present({
		productId: idText(product.offerId),
		title: product.subject,
		titleTranslated: product.subjectTrans,
		categoryId: idText(product.categoryId),
		categoryName: product.categoryName ?? undefined,
		sellerOpenId: product.sellerOpenId,
		sellerName: product.companyName,
		minOrderQuantity: product.minOrderQuantity,
		stock: sale.amountOnSale,
		status: product.status,
		mainImage: Array.isArray(images) ? images[0] : undefined,
		skuCount: skus.length,
		skus: skus.map((s) =>
			present({
				skuId: idText(s.skuId),
				specId: s.specId,
				priceYuan: s.price,
				stock: s.amountOnSale,
				properties: alibabaSkuProperties(s.skuAttributes),
			}),
		),
	});
}

/** A Taobao product: the same row as a 1688 product, prices in fen, SKUs with their mpSkuId. */
export function simplifyTaobaoProduct(product: IDataObject): IDataObject {
	if (!isRecord(product) || product.itemId === undefined) return product;
	const skus = records(product.skuList);
	return present({
		productId: idText(product.itemId),
		title: product.title,
		categoryId: idText(product.categoryId),
		categoryName: product.categoryName,
		shopId: idText(product.shopId),
		sellerName: product.shopName,
		mpId: idText(product.mpId),
		minOrderQuantity: product.beginAmount,
		priceFen: product.price,
		promotionPriceFen: product.promotionPrice,
		stock: product.quantity,
		status: product.status,
		mainImage: Array.isArray(product.picUrls) ? product.picUrls[0] : undefined,
		skuCount: skus.length,
		skus: skus.map((s) =>
			present({
				skuId: idText(s.skuId),
				mpSkuId: idText(s.mpSkuId),
				priceFen: s.price,
				promotionPriceFen: s.promotionPrice,
				stock: s.quantity,
				properties: skuPropertiesText(s.properties),
			}),
		),
	});
}
