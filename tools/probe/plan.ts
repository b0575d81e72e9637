/**
 * What the probe sends, as data. Reads and writes come from the node's own records (`write` in
 * nodes/PandaPon/operations); bodies are built by the records' own `request()` from node
 * parameters, so the probe sends exactly what the node would.
 */
import { OPERATIONS } from '../../nodes/PandaPon/operations';
import type { OperationSpec } from '../../nodes/PandaPon/helpers/types';

/** Ids found in earlier answers (lists first), falling back to the documented examples. */
export type Ids = Record<string, string>;

/** The docs' example ids (also the sandbox's fixtures): a real account may not own them. */
export const EXAMPLE_IDS: Ids = {
	taobaoItemId: '672991141190',
	taobaoSkuId: '3452545926724',
	taobaoOrderId: '3021045938172635401',
	taobaoSubOrderId: '3021045938172635412',
	taobaoRefundId: 'TQ0000000000000000',
	taobaoCartId: '101',
	offerId: '743470146022',
	specId: 'e61a85a671bb3d0301d0412b51641c6b',
	sellerOpenId: 'BBBgGWh2O6JFI6v1aQuZVgRIA',
	categoryId: '1033054',
	alibabaOrderId: '2542285634920880794',
	alibabaOrderEntryId: '2542285634921880794',
	alibabaRefundId: 'TQ0000000000000001',
	alibabaCartId: '102',
};

export interface ProbeStep {
	/** Catalog id of the node's record. */
	id: string;
	/** Node parameter values (the names the node's properties use). */
	params(ids: Ids): Record<string, unknown>;
	/** Ids this answer offers to later steps. */
	discover?(data: unknown): Ids;
	/**
	 * Dot paths, inside the answer's first record, of fields the node relies on beyond the record's
	 * paging/resultPath: what its Simplify or its searchable lists (nodes/PandaPon/methods) read.
	 */
	reads?: string[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRec) : []);
const str = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));
/** Drops the keys whose value is undefined, so fallbacks apply. */
const found = (ids: Record<string, string | undefined>): Ids =>
	Object.fromEntries(Object.entries(ids).filter(([, v]) => v !== undefined)) as Ids;
const pageRecords = (data: unknown) => list(isRec(data) ? data.data : undefined);

const ADDRESS = { address: { country: 'US', name: 'Probe', city: 'New York', zip: '10001', address: '1 Probe Street' } };

/** Read steps in the order they run: lists first, so gets can use the ids they find. */
export const READ_STEPS: ProbeStep[] = [
	{ id: '1688.cart.list', params: () => ({}), discover: (d) => {
		const first = list(isRec(d) ? d.enableList : undefined).flatMap((g) => list(g.cartItemInfos))[0];
		return found({ alibabaCartId: str(first?.id) });
	} },
	{ id: 'foundation.address.get', params: () => ({}) },
	{ id: '1688.afterSale.listLogisticsCompanies', params: () => ({}) },
	{
		id: '1688.order.list',
		params: () => ({}),
		reads: ['baseInfo.id', 'baseInfo.status', 'productItems'],
		discover: (d) => {
			const orders = pageRecords(d);
			const waiting = orders.find((o) => isRec(o.baseInfo) && o.baseInfo.status === 'waitsellersend') ?? orders[0];
			const base = isRec(waiting?.baseInfo) ? waiting!.baseInfo : {};
			const refunded = orders.flatMap((o) => list(o.productItems)).find((it) => str(it.refundId));
			return found({
				alibabaOrderId: str((base as Rec).idOfStr ?? (base as Rec).id),
				alibabaOrderEntryId: str(list(waiting?.productItems)[0]?.subItemID),
				alibabaRefundId: str(refunded?.refundId),
			});
		},
	},
	{
		id: 'taobao.order.list',
		params: () => ({}),
		reads: ['orderId', 'status'],
		discover: (d) => {
			const orders = pageRecords(d);
			const line = orders.flatMap((o) => list(o.orderLineList))[0];
			return found({ taobaoOrderId: str(orders[0]?.orderId), taobaoSubOrderId: str(line?.subOrderId) });
		},
	},
	{ id: 'taobao.afterSale.list', params: () => ({}), reads: ['refundId'], discover: (d) => found({ taobaoRefundId: str(pageRecords(d)[0]?.refundId) }) },
	{ id: 'taobao.cart.list', params: () => ({}), discover: (d) => found({ taobaoCartId: str(pageRecords(d)[0]?.id) }) },
	{
		id: '1688.product.keywordQuery',
		params: () => ({ keyword: 'bag' }),
		reads: ['offerId'],
		discover: (d) => {
			const first = pageRecords(d)[0];
			return found({ offerId: str(first?.offerId), sellerOpenId: str(first?.sellerOpenId), categoryId: str(first?.categoryId) });
		},
	},
	{ id: 'taobao.product.keywordQuery', params: () => ({ keyword: 'bag' }) },
	{ id: 'taobao.product.get', params: (i) => ({ itemId: i.taobaoItemId }), reads: ['itemId'] },
	{ id: 'taobao.product.batchQuery', params: (i) => ({ products: { product: [{ itemId: i.taobaoItemId }] } }) },
	{ id: 'taobao.product.inquiry', params: (i) => ({ itemId: i.taobaoItemId }) },
	{ id: 'taobao.product.imageQuery', params: () => ({ imageSource: 'binary', binaryPropertyName: 'data' }) },
	{ id: 'taobao.order.get', params: (i) => ({ orderId: i.taobaoOrderId }), reads: ['orderId', 'status'] },
	{ id: 'taobao.order.getLogistics', params: (i) => ({ orderId: i.taobaoOrderId }) },
	{ id: 'taobao.order.getImLink', params: (i) => ({ sourceType: 'item', bizId: i.taobaoItemId }) },
	{ id: 'taobao.cart.previewOrder', params: (i) => ({ ids: i.taobaoCartId }) },
	{ id: 'taobao.afterSale.get', params: (i) => ({ refundId: i.taobaoRefundId }) },
	{ id: 'taobao.afterSale.render', params: (i) => ({ subOrderId: i.taobaoSubOrderId, refundType: 1, goodsStatus: 1 }) },
	{ id: 'taobao.afterSale.listMessages', params: (i) => ({ refundId: i.taobaoRefundId }) },
	{ id: 'taobao.afterSale.returnLogisticsRender', params: (i) => ({ refundId: i.taobaoRefundId }) },
	{ id: '1688.product.get', params: (i) => ({ offerId: i.offerId }), reads: ['offerId'] },
	{ id: '1688.product.imageQuery', params: () => ({ imageSource: 'binary', binaryPropertyName: 'data' }) },
	{ id: '1688.product.shopQuery', params: (i) => ({ sellerOpenId: i.sellerOpenId }) },
	{ id: '1688.product.getCategory', params: (i) => ({ categoryId: i.categoryId }) },
	{ id: '1688.product.recommend', params: () => ({}) },
	{ id: '1688.product.related', params: (i) => ({ offerId: i.offerId }) },
	{ id: '1688.product.decryptWangwang', params: (i) => ({ openUid: i.sellerOpenId, offerId: i.offerId }) },
	{ id: '1688.order.get', params: (i) => ({ orderId: i.alibabaOrderId }), reads: ['baseInfo.id', 'baseInfo.status', 'productItems'] },
	{ id: '1688.order.getLogisticsTrace', params: (i) => ({ orderId: i.alibabaOrderId }) },
	{ id: '1688.order.preview', params: (i) => ({ cargoSource: 'define', cargo: { line: [{ offerId: i.offerId, specId: i.specId, quantity: 1 }] } }) },
	{
		id: '1688.order.batchPreview',
		params: (i) => ({ cargoSource: 'define', cargo: { line: [{ offerId: i.offerId, specId: i.specId, quantity: 1, sellerOpenId: i.sellerOpenId }] } }),
	},
	{ id: '1688.cart.previewOrder', params: (i) => ({ cartIds: i.alibabaCartId }) },
	{
		id: '1688.afterSale.listReasons',
		params: (i) => ({ orderId: i.alibabaOrderId, orderEntryIds: i.alibabaOrderEntryId, goodsStatus: 'refundWaitSellerSend' }),
	},
	{ id: '1688.afterSale.get', params: (i) => ({ refundId: i.alibabaRefundId }) },
	{ id: '1688.marketing.hotList', params: () => ({}) },
	{ id: '1688.marketing.strictSelection', params: () => ({}) },
	{ id: '1688.marketing.globalStrictSelection', params: () => ({}) },
	{
		id: 'logistics.itemFreightEstimate',
		params: (i) => ({ itemId: i.taobaoItemId, skuId: i.taobaoSkuId, quantity: 1, price: '1.00', currency: 'CNY', receiverAddress: ADDRESS }),
	},
	{
		id: 'logistics.orderFreightPreview',
		params: (i) => ({
			receiverAddress: ADDRESS,
			renderItems: { line: [{ itemId: i.taobaoItemId, skuId: i.taobaoSkuId, quantity: 1, price: '1.00', currency: 'CNY', serviceId: '1' }] },
		}),
	},
];

/**
 * Writes sent only with --probe-rejected-writes: a body without the order id the docs mark as
 * required, so there is nothing PandaPon could act on. Only documented operations whose required
 * id is documented as required (catalog `required: true`) qualify.
 */
export const REJECTED_WRITES: Array<{ id: string; body: Rec; why: string }> = [
	{ id: '1688.order.cancel', body: {}, why: 'orderId, webSite and cancelReason are documented as required; an empty body names no order to cancel' },
	{ id: '1688.afterSale.create', body: {}, why: 'orderId, disputeRequest, applyPayment, applyReasonId and goodsStatus are documented as required; an empty body names no order to refund' },
];

/** The node's record for a catalog id. */
export function record(id: string): OperationSpec {
	const spec = OPERATIONS.find((o) => o.catalogId === id);
	if (!spec) throw new Error(`No operation record for ${id}`);
	return spec;
}

/** Only operations the node marks as reads are probed by default. */
export const isRead = (spec: OperationSpec) => !spec.write;

/** The cheapest reads, in order, for the signing questions (no parameters, small answers). */
export const SIGNING_READS = ['1688.cart.list', 'foundation.address.get', '1688.afterSale.listLogisticsCompanies'];

/** The cheapest read of the `/open/pp/logistics/` family, for the query `sign` question. */
export const LOGISTICS_READ = 'logistics.itemFreightEstimate';
