/**
 * 1688 Cart and 1688 After-Sale in n8n's real engine against the sandbox: cart items from add to
 * order, refund get, voucher upload from a binary property, the carrier dropdown and the return
 * shipment.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { loadOptions, pandaPonNode, registerItemsNode, runPandaPon, runWorkflow } from '../helpers/engine';
import { A_SHIPPED, A_SHIPPED_ENTRY, OFFER, SPEC } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';

const ADDRESS = {
	address: {
		fullName: 'Zhang San',
		mobile: '18600888861',
		phone: '18600888861',
		provinceText: '浙江省',
		cityText: '杭州市',
		townText: '转塘街道',
		address: '转塘街道832号',
	},
};

/** Emits one item with an image in binary property "proof". */
registerItemsNode('voucherImage', () => [
	{ json: {}, binary: { proof: { data: Buffer.from('jpeg bytes of a broken product').toString('base64'), mimeType: 'image/jpeg', fileName: 'broken.jpg' } } },
]);

const { sb, creds } = useSandbox();

const body = (route: string) => sb.lastBody(route) ?? '';
const cart = () => sb.state.alibaba.carts.get(sb.credentials.userId) as Array<{ id: number; quantity: number; offerId: number }>;

describe('1688 Cart', () => {
	let added: number;

	it('Add sends the offer as a bare integer and returns the cart item id', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaCart', operation: 'add', offerId: { __rl: true, mode: 'id', value: OFFER }, specId: SPEC, quantity: 2 },
			creds,
		);
		expect(error).toBeUndefined();
		expect(body('POST /alibaba/cart/add')).toBe(`{"offerId":${OFFER},"specId":"${SPEC}","quantity":2}`);
		added = Number(items[0].json.id);
		expect(cart().find((x) => x.id === added)?.quantity).toBe(2);
	});

	it('Get Many returns one item per seller with its cart items', async () => {
		const { items, error } = await runPandaPon({ resource: 'alibabaCart', operation: 'getAll' }, creds);
		expect(error).toBeUndefined();
		expect(sb.count('GET /v2/alibaba/cart/list')).toBe(1);
		const lines = items.flatMap((i) => i.json.cartItemInfos as IDataObject[]);
		expect(items.every((i) => typeof i.json.sellerOpenId === 'string')).toBe(true);
		expect(lines.map((l) => l.id)).toContain(String(added));
	});

	it('Update sends id and quantity as integers', async () => {
		const { error } = await runPandaPon(
			{ resource: 'alibabaCart', operation: 'updateQuantity', id: String(added), quantity: 5, cartFields: { container: 'C-7' } },
			creds,
		);
		expect(error).toBeUndefined();
		expect(body('POST /alibaba/cart/edit-quantity')).toBe(`{"id":${added},"quantity":5,"container":"C-7"}`);
		expect(cart().find((x) => x.id === added)?.quantity).toBe(5);
	});

	it('Preview Order prices the chosen lines', async () => {
		const ids = cart().slice(0, 2).map((x) => x.id);
		const { items, error } = await runPandaPon({ resource: 'alibabaCart', operation: 'previewOrder', cartIds: ids.join(',') }, creds);
		expect(error).toBeUndefined();
		expect(body('POST /alibaba/cart/create/preview')).toBe(`{"cartIds":[${ids.join(',')}]}`);
		expect(items[0].json.success).toBe(true);
	});

	it('Create Order makes orders from cart items and removes them from the cart', async () => {
		const ids = [cart()[0].id];
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaCart', operation: 'createOrder', cartIds: String(ids[0]), addressParam: ADDRESS, flow: 'general', orderFields: { districtCode: '330106' } },
			creds,
		);
		expect(error).toBeUndefined();
		const sent = JSON.parse(body('POST /alibaba/cart/create/order'));
		expect(sent).toMatchObject({ flow: 'general', cartIds: ids, addressParam: { ...ADDRESS.address, districtCode: '330106' } });
		expect(items).toHaveLength(1);
		const id = items[0].json.orderId as string;
		expect(sb.state.alibaba.orders.get(id).status).toBe('waitbuyerpay');
		expect(cart().map((x) => x.id)).not.toContain(ids[0]);
	});

	it('Delete removes lines; a bad id is refused before sending', async () => {
		const { error } = await runPandaPon({ resource: 'alibabaCart', operation: 'delete', cartIds: `${added}` }, creds);
		expect(error).toBeUndefined();
		expect(body('POST /alibaba/cart/delete')).toBe(`{"cartIds":[${added}]}`);
		expect(cart().map((x) => x.id)).not.toContain(added);
		sb.resetCounters();
		const bad = await runPandaPon({ resource: 'alibabaCart', operation: 'delete', cartIds: '12, x3' }, creds);
		expect(bad.error?.message).toMatch(/"Cart Item Names or IDs" must be digits only, got "x3" \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});
});

describe('1688 After-Sale', () => {
	let refundId: string;

	it('Upload Voucher sends the binary image as base64 and returns its URL', async () => {
		const { items, error } = await runWorkflow({
			nodes: [
				{ id: 'img', name: 'Voucher Image', type: 'test.voucherImage', typeVersion: 1, position: [0, 0], parameters: {} },
				pandaPonNode({ resource: 'alibabaAfterSale', operation: 'uploadVoucher', binaryPropertyName: 'proof' }),
			],
			connections: { 'Voucher Image': { main: [[{ node: 'PandaPon', type: 'main', index: 0 }]] } },
			credentials: creds,
		});
		expect(error).toBeUndefined();
		expect(JSON.parse(body('POST /alibaba/refund/voucher/upload'))).toEqual({
			imageBase64: Buffer.from('jpeg bytes of a broken product').toString('base64'),
			fileName: 'broken.jpg',
		});
		expect(String(items[0].json.url)).toMatch(/^https:\/\/cbu01\.alicdn\.com\//);
	});

	it('Get returns a refund created for a return (refundId as a string)', async () => {
		const reasons = sb.reasonsFor(A_SHIPPED, 'refundBuyerReceived');
		const noVoucher = (reasons as Array<{ id: number; needVoucher?: boolean }>).find((r) => !r.needVoucher)!;
		const created = await runPandaPon(
			{
				resource: 'alibabaAfterSale',
				operation: 'createRefund',
				orderId: { __rl: true, mode: 'id', value: A_SHIPPED },
				orderEntryIds: A_SHIPPED_ENTRY,
				goodsStatus: 'refundBuyerReceived',
				applyReasonId: String(noVoucher.id),
				disputeRequest: 'returnRefund',
				applyPayment: 100,
				applyCarriage: 0,
				description: 'Return it',
			},
			creds,
		);
		expect(created.error).toBeUndefined();
		refundId = String(created.items[0].json.refundId);
		const { items, error } = await runPandaPon({ resource: 'alibabaAfterSale', operation: 'get', refundId }, creds);
		expect(error).toBeUndefined();
		expect(body('POST /alibaba/refund/info')).toBe(`{"refundId":"${refundId}"}`);
		expect(items[0].json).toMatchObject({ refundId, status: 'waitbuyersend', orderId: A_SHIPPED, orderEntryIds: [A_SHIPPED_ENTRY] });
	});

	it('Get Return Carriers returns one item per carrier, and the Carrier dropdown offers the same codes', async () => {
		const { items } = await runPandaPon({ resource: 'alibabaAfterSale', operation: 'listLogisticsCompanies' }, creds);
		expect(items.length).toBe(sb.state.logisticsCompanies.length);
		const options = await loadOptions('getAlibabaLogisticsCompanies', { resource: 'alibabaAfterSale', operation: 'submitReturnLogistics' }, creds);
		expect(options.map((o) => o.value)).toEqual(items.map((i) => i.json.companyNo));
		expect(options[0].name).toContain(String(items[0].json.companyName));
		expect(sb.count('GET /alibaba/refund/logistics/company/list')).toBe(2);
	});

	it('Submit Return Shipment reports the parcel with a carrier from the dropdown', async () => {
		const [carrier] = await loadOptions('getAlibabaLogisticsCompanies', {}, creds);
		const params: INodeParameters = {
			resource: 'alibabaAfterSale',
			operation: 'submitReturnLogistics',
			refundId,
			logisticsCompanyNo: carrier.value,
			freightBill: 'SF1234521212678',
			additionalFields: { description: 'sent back', vouchers: 'https://cbu01.alicdn.com/a.jpg, https://cbu01.alicdn.com/b.jpg' },
		};
		const { items, error } = await runPandaPon(params, creds);
		expect(error).toBeUndefined();
		expect(JSON.parse(body('POST /alibaba/refund/goods/return'))).toEqual({
			refundId,
			logisticsCompanyNo: carrier.value,
			freightBill: 'SF1234521212678',
			description: 'sent back',
			vouchers: ['https://cbu01.alicdn.com/a.jpg', 'https://cbu01.alicdn.com/b.jpg'],
		});
		expect(items[0].json).toEqual({ result: true });
		expect(sb.state.alibaba.refunds.get(refundId).status).toBe('waitsellerreceive');
		// a second report is refused by PandaPon: the refund has moved on
		const again = await runPandaPon(params, creds);
		expect(again.error?.message).toContain('PandaPon error 40900');
	});

	it('Create Refund also asks for an exchange (a request type the catalog names)', async () => {
		const order = sb.state.alibaba.orderList.find(
			(o: { id: string; status: string; items: Array<{ refundId: string | null }> }) =>
				o.status === 'waitbuyerreceive' && o.id !== A_SHIPPED && o.items.every((it) => !it.refundId),
		);
		const { items, error } = await runPandaPon(
			{
				resource: 'alibabaAfterSale',
				operation: 'createRefund',
				orderId: { __rl: true, mode: 'id', value: order.id },
				orderEntryIds: order.items[0].subItemID,
				goodsStatus: 'refundBuyerReceived',
				applyReasonId: '20024',
				disputeRequest: 'exchange',
				applyPayment: 0,
				applyCarriage: 0,
				description: 'Wrong size, please exchange',
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /alibaba/refund/detail/create')).toContain('"disputeRequest":"exchange"');
		expect(sb.state.alibaba.refunds.get(String(items[0].json.refundId)).status).toBe('waitbuyersend');
	});

	it('refuses a refund id that is not TQ + digits, before sending', async () => {
		const { error } = await runPandaPon({ resource: 'alibabaAfterSale', operation: 'get', refundId: 'TQ-12 3' }, creds);
		expect(error?.message).toMatch(/"Refund" must look like TQ followed by digits, got "TQ-12 3" \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});
});
