/**
 * The 1688 refund flow as the editor drives it, in n8n's engine against the sandbox: the order's
 * lines and reasons load from the picked order alone, empty dropdowns say why, and Create Refund
 * fills lines, goods status, amounts (yuan in, fen out) and a reason given by its text.
 */
import { fenToYuan, yuanToFen } from '../../nodes/PandaPon/helpers/money';
import { listSearch, loadOptions, runPandaPon } from '../helpers/engine';
import { useSandbox } from '../helpers/sandbox';

interface Line {
	subItemID: string;
	name: string;
	quantity: number;
	itemAmount: number;
	skuID?: string;
	refundId: string | null;
	refundStatus: string | null;
}
interface Order {
	id: string;
	status: string;
	shippingFee: number;
	items: Line[];
}

const { sb, creds } = useSandbox();

const orders = () => sb.state.alibaba.orderList as Order[];
/** A fresh order in this status with more than one line and no refund yet (not used by an earlier test). */
const used = new Set<string>();
function freshOrder(status: string, minLines = 1): Order {
	const o = orders().find((x) => x.status === status && x.items.length >= minLines && x.items.every((it) => !it.refundId) && !used.has(x.id));
	if (!o) throw new Error(`the sandbox has no fresh ${status} order`);
	used.add(o.id);
	return o;
}
const rl = (value: string) => ({ __rl: true, mode: 'list', value });
const fen = (yuan: number) => Math.round(yuan * 100);
const createBody = () => JSON.parse(sb.lastBody('POST /alibaba/refund/detail/create') ?? '{}');
const editor = (parameters: Record<string, unknown>) => ({ resource: 'alibabaAfterSale', operation: 'createRefund', ...parameters });

describe('yuan and fen', () => {
	it('converts without float drift, and back', () => {
		expect(yuanToFen(19.9)).toBe(1990);
		expect(yuanToFen('0.07')).toBe(7);
		expect(yuanToFen(1234.56)).toBe(123456);
		expect(yuanToFen('12')).toBe(1200);
		expect(yuanToFen('19.900')).toBe(1990);
		expect(yuanToFen(' 8.5 ')).toBe(850);
		expect(yuanToFen('abc')).toBeNaN();
		// more than two decimals, signs, exponents and float sums are no amounts
		for (const bad of [19.999, '1.234', '-1', '1e3', '¥12', 0.1 + 0.2, '', null]) expect(yuanToFen(bad)).toBeNaN();
		expect(fenToYuan(1990)).toBe('19.90');
		expect(fenToYuan(7)).toBe('0.07');
	});
});

describe('Order Lines dropdown (getAlibabaOrderLines)', () => {
	it('says "pick an order first" when no order is picked, and sends nothing', async () => {
		await expect(loadOptions('getAlibabaOrderLines', editor({ orderId: rl('') }), creds)).rejects.toThrow(/Pick an order first/);
		expect(sb.counters().total).toBe(0);
	});

	it('offers every line of the picked order as title · SKU · quantity · amount', async () => {
		const o = freshOrder('waitsellersend', 2);
		const options = await loadOptions('getAlibabaOrderLines', editor({ orderId: rl(o.id) }), creds);
		expect(options.map((x) => x.value)).toEqual(o.items.map((it) => it.subItemID));
		const first = o.items[0];
		expect(options[0].name).toBe(`${first.name.length > 60 ? `${first.name.slice(0, 59)}…` : first.name} · SKU ${first.skuID} · ×${first.quantity} · ¥${fenToYuan(fen(first.itemAmount))}`);
	});

	it('says why an unpaid order has nothing to refund', async () => {
		const o = freshOrder('waitbuyerpay');
		await expect(loadOptions('getAlibabaOrderLines', editor({ orderId: rl(o.id) }), creds)).rejects.toThrow(
			`Order ${o.id} has no refundable lines: status waitbuyerpay`,
		);
	});
});

describe('Refund Reason dropdown (getAlibabaRefundReasons)', () => {
	it('loads from the picked order alone: all its lines, the goods status its state implies', async () => {
		const o = freshOrder('waitbuyerreceive', 2);
		const options = await loadOptions('getAlibabaRefundReasons', editor({ orderId: rl(o.id), goodsStatus: 'auto' }), creds);
		expect(options.map((x) => x.value)).toEqual(sb.reasonsFor(o.id, 'refundWaitBuyerReceive').map((r) => String(r.id)));
		expect(options.find((x) => x.name === '我不想要了')?.description).toContain('Freight not refunded');
		const sent = JSON.parse(sb.lastBody('POST /alibaba/refund/reason/list') ?? '{}');
		expect(sb.lastBody('POST /alibaba/refund/reason/list')).toContain(`"orderId":${o.id}`);
		expect(sent.goodsStatus).toBe('refundWaitBuyerReceive');
		expect(sent.orderEntryIds).toHaveLength(o.items.length);
	});

	it('uses the picked lines and goods status when given (a multi-select array or older comma text)', async () => {
		const o = freshOrder('confirm_goods', 2);
		const line = o.items[1].subItemID;
		for (const orderEntryIds of [[line], `${line}`]) {
			const options = await loadOptions('getAlibabaRefundReasons', editor({ orderId: rl(o.id), orderEntryIds, goodsStatus: 'aftersaleBuyerReceived' }), creds);
			expect(options.map((x) => x.value)).toEqual(sb.reasonsFor(o.id, 'aftersaleBuyerReceived').map((r) => String(r.id)));
			expect(sb.lastBody('POST /alibaba/refund/reason/list')).toBe(`{"orderId":${o.id},"orderEntryIds":[${line}],"goodsStatus":"aftersaleBuyerReceived"}`);
		}
	});

	it('says "pick an order first" and, for a cancelled order, its status', async () => {
		await expect(loadOptions('getAlibabaRefundReasons', editor({}), creds)).rejects.toThrow(/Pick an order first/);
		const cancelled = orders().find((x) => x.status === 'cancel');
		if (cancelled) {
			await expect(loadOptions('getAlibabaRefundReasons', editor({ orderId: rl(cancelled.id) }), creds)).rejects.toThrow(/no refundable lines: status cancel/);
		}
	});
});

describe('Create Refund with the defaults the node computes', () => {
	it('refunds every line, the full goods amount and the freight, in fen, with nothing but order and reason', async () => {
		const o = freshOrder('waitsellersend', 2);
		const reason = sb.reasonsFor(o.id, 'refundWaitSellerSend')[0];
		const { items, error } = await runPandaPon(editor({ orderId: rl(o.id), applyReasonId: String(reason.id), description: 'Customer cancelled' }), creds);
		expect(error).toBeUndefined();
		const body = createBody();
		expect(sb.lastBody('POST /alibaba/refund/detail/create')).toContain(`"orderEntryIds":[${o.items.map((it) => it.subItemID).join(',')}]`);
		expect(body.goodsStatus).toBe('refundWaitSellerSend');
		expect(body.applyPayment).toBe(o.items.reduce((sum, it) => sum + fen(it.itemAmount), 0));
		expect(body.applyCarriage).toBe(fen(o.shippingFee));
		expect(sb.lastBody('POST /alibaba/refund/detail/create')).toContain(`"applyReasonId":${reason.id},`);
		expect(String(items[0].json.refundId)).toMatch(/^TQ\d+$/);
	});

	it('finds the reason by its text for any order, and leaves freight out when the reason excludes it', async () => {
		const o = freshOrder('waitbuyerreceive');
		const { error } = await runPandaPon(editor({ orderId: rl(o.id), applyReasonId: '={{ "我不想要了" }}', description: 'Changed my mind' }), creds);
		expect(error).toBeUndefined();
		const body = createBody();
		// 我不想要了 is 20013 for shipped orders (20001 before shipping), and refunds no freight there
		expect(body.applyReasonId).toBe(20013);
		expect(body.applyCarriage).toBe(0);
		expect(body.goodsStatus).toBe('refundWaitBuyerReceive');
	});

	it('takes typed amounts in yuan and sends fen', async () => {
		const o = freshOrder('waitsellersend');
		const line = o.items[0];
		const { error } = await runPandaPon(
			editor({
				orderId: rl(o.id),
				orderEntryIds: [line.subItemID],
				applyReasonId: '20002',
				description: 'Part refund',
				additionalFields: { refundAmount: 0.07, refundCarriage: 0 },
			}),
			creds,
		);
		expect(error).toBeUndefined();
		expect(createBody()).toMatchObject({ applyPayment: 7, applyCarriage: 0, goodsStatus: 'refundWaitSellerSend' });
	});

	it('refuses a reason text PandaPon does not offer, naming the ones it does, and creates nothing', async () => {
		const o = freshOrder('waitsellersend');
		const { error } = await runPandaPon(editor({ orderId: rl(o.id), applyReasonId: 'no such reason', description: 'x' }), creds);
		expect(error?.message).toMatch(/"no such reason" matches none of the reasons PandaPon offers for order \d+ \(refundWaitSellerSend\): 我不想要了, 拍错\/多拍/);
		expect(sb.count('POST /alibaba/refund/detail/create')).toBe(0);
	});

	it('refuses an amount with more than two decimals before sending anything', async () => {
		const o = freshOrder('waitsellersend');
		const { error } = await runPandaPon(editor({ orderId: rl(o.id), applyReasonId: '20001', description: 'x', additionalFields: { refundAmount: 1.234, refundCarriage: 0 }, orderEntryIds: [o.items[0].subItemID], goodsStatus: 'refundWaitSellerSend' }), creds);
		expect(error?.message).toContain('"Additional Fields" → "Goods Amount (CNY)" must be an amount in yuan such as 19.90, got "1.234"');
		expect(sb.counters().total).toBe(0);
	});

	it('Get Refund Reasons needs only the order', async () => {
		const o = freshOrder('confirm_goods');
		const { items, error } = await runPandaPon({ resource: 'alibabaAfterSale', operation: 'getRefundReasons', orderId: rl(o.id) }, creds);
		expect(error).toBeUndefined();
		// ids are text in every output
		expect(items.map((i) => i.json.id)).toEqual(sb.reasonsFor(o.id, 'refundBuyerReceived').map((r) => String(r.id)));
	});

	it('the Refund picker lists refunds created on order lines, and Get takes the picked one', async () => {
		const { results } = await listSearch('searchAlibabaRefunds', { resource: 'alibabaAfterSale', operation: 'get' }, creds);
		const created = [...(sb.state.alibaba.refunds as Map<string, { refundId: string; orderId: string }>).values()];
		expect(created.length).toBeGreaterThan(0);
		for (const r of created) expect(results.find((x) => x.value === r.refundId)?.name).toContain(`order ${r.orderId}`);
		const { items, error } = await runPandaPon({ resource: 'alibabaAfterSale', operation: 'get', refundId: rl(String(results[0].value)) }, creds);
		expect(error).toBeUndefined();
		expect(items[0].json.refundId).toBe(results[0].value);
		const filtered = await listSearch('searchAlibabaRefunds', {}, creds, created[0].orderId);
		expect(filtered.results.every((x) => x.name.includes(created[0].orderId))).toBe(true);
	});
});
